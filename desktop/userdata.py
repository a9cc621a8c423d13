"""Per-user folders (platformdirs) and the rotating log file, overridable for tests."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "CamKet"
# Tests and portable installs point this at another folder.
DATA_DIR_ENV = "CAMKET_DATA_DIR"
REGISTER_FILE = "camket.sqlite3"
# The set-up wizard's sample data: a register of its own, never the user's (issue 11 §1).
SAMPLE_REGISTER_FILE = "du-lieu-mau.sqlite3"
SETTINGS_FILE = "settings.json"
# Interface languages: Vietnamese (the default) and English (the source strings).
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

log = logging.getLogger(__name__)


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


def default_register_path() -> Path:
    return data_dir() / REGISTER_FILE


def sample_register_path() -> Path:
    return data_dir() / SAMPLE_REGISTER_FILE


def cache_dir() -> Path:
    """Files CamKet can make again (compiled translations); inside the data folder override."""
    override = os.environ.get(DATA_DIR_ENV)
    return (
        Path(override) / "cache" if override else Path(platformdirs.user_cache_dir(APP_NAME, False))
    )


# --- per-user preferences (settings.json in the data folder) --------------------------------
# This machine's user's choices, not the register's: the register's own settings (clerk,
# Border Guard post) live in the register so they travel with it.


def in_backup_folder(path: Path | str) -> bool:
    """Whether ``path`` lies in the data folder's backups, where every copy of a register is
    kept and the old ones are removed as new ones come (store.backups)."""
    return Path(path).resolve().is_relative_to((data_dir() / "backups").resolve())


def read_preferences() -> dict[str, Any]:
    """The saved preferences; {} when there are none or the file is unreadable (logged)."""
    path = data_dir() / SETTINGS_FILE
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("preferences %s unreadable, using defaults: %s", path, exc)
        return {}
    return loaded if isinstance(loaded, dict) else {}


def write_preferences(**changes: Any) -> None:
    """Merge ``changes`` into the saved preferences (written whole, then renamed into place)."""
    path = data_dir() / SETTINGS_FILE
    preferences = read_preferences() | changes
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".json.tmp")
    partial.write_text(json.dumps(preferences, ensure_ascii=False, indent=2), encoding="utf-8")
    partial.replace(path)


def preferred_language() -> str:
    """'vi' unless the user chose another of LANGUAGES."""
    language = read_preferences().get("language")
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def set_preferred_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    write_preferences(language=language)


RECENT_REGISTERS = 8  # how many the File menu lists


def recent_registers() -> list[Path]:
    """The registers opened last on this machine, the latest first (as saved, even if one
    has since been moved: the File menu says so when it is chosen, and forgets it)."""
    saved = read_preferences().get("recent_registers")
    if not isinstance(saved, list):
        return []
    return [Path(item) for item in saved if isinstance(item, str) and item][:RECENT_REGISTERS]


def remember_register(path: Path) -> None:
    """Put ``path`` first among the recent registers."""
    resolved = Path(path).resolve()
    others = [p for p in recent_registers() if p.resolve() != resolved]
    write_preferences(recent_registers=[str(p) for p in [resolved, *others][:RECENT_REGISTERS]])


def forget_register(path: Path) -> None:
    """Take ``path`` off the recent registers (it was moved, renamed or deleted)."""
    resolved = Path(path).resolve()
    kept = [p for p in recent_registers() if p.resolve() != resolved]
    write_preferences(recent_registers=[str(p) for p in kept])


# 9-digit CMND and 12-digit personal IDs (with the spaces or dots clerks type), and phone
# numbers, are personal data (Decree 13/2023): they never reach a log file, tracebacks included.
# The time of a backup's name is no such number: in "20261205T153012123456Z-open.sqlite3"
# the 12 digits after the day's 8 and a T are the hour to the microsecond, left as they are.
_NOT_A_TIME = r"(?<!\d{8}T)"
_ID_LIKE = re.compile(_NOT_A_TIME + r"(?<!\d)(?:\d[ .]?){8}\d(?:(?:[ .]?\d){3})?(?!\d)")
# 0912 345 678 (mobile, 10 digits), 0214 3812 345 (landline, 11), +84 912 345 678, 84912345678.
_PHONE_LIKE = re.compile(_NOT_A_TIME + r"(?<![\d+])(?:\+84|84|0)[ .-]?\d(?:[ .-]?\d){8,9}(?!\d)")


def redact(text: str) -> str:
    """``text`` with ID and phone numbers replaced by what they are."""
    return _ID_LIKE.sub("[số định danh]", _PHONE_LIKE.sub("[số điện thoại]", text))


class RedactIdNumbers(logging.Filter):
    """Masks ID and phone numbers in the message, the traceback and the stack of a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            # Formatted here, once, so the handler's formatter uses the masked text.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file in the data folder; returns the file's path."""
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "camket.log"
    root = logging.getLogger()
    root.setLevel(level)
    for existing in list(root.handlers):
        if isinstance(existing, _RegisterLogHandler):
            if existing.baseFilename == str(path.resolve()):
                return path
            root.removeHandler(existing)  # the data folder moved (tests): follow it
            existing.close()
    handler = _RegisterLogHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactIdNumbers())
    root.addHandler(handler)
    return path


class _RegisterLogHandler(logging.Handler):
    """Our own handler of the log file, told apart from any a host (pytest, an IDE) installs:
    logging.handlers' RotatingFileHandler (1 MB a file, 5 kept), made at the first record.
    logging.handlers and the sockets and pickling it imports cost ~2 % of a bare window's
    start, which logs nothing."""

    MAX_BYTES = 1_000_000
    BACKUPS = 5

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = os.path.abspath(path)
        # Opened once now, as the rotating handler did: a folder that takes no writes is
        # said at once (camket's start reports it), not at the first record.
        with open(self.baseFilename, "a", encoding="utf-8"):
            pass
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            self._file = RotatingFileHandler(
                self.baseFilename,
                maxBytes=self.MAX_BYTES,
                backupCount=self.BACKUPS,
                encoding="utf-8",
            )
            self._file.setFormatter(self.formatter)
            # A line the disk does not take (the user's profile full) is lost without a
            # word: logging's own way printed "--- Logging error ---" and its tracebacks
            # above every command's message, which says what is wrong itself.
            self._file.handleError = self._lost  # type: ignore[method-assign]
        self._file.emit(record)

    def _lost(self, record: logging.LogRecord) -> None:
        pass

    def flush(self) -> None:
        self.acquire()
        try:
            if self._file is not None:
                with contextlib.suppress(OSError):
                    self._file.flush()
        finally:
            self.release()

    def close(self) -> None:
        self.acquire()
        try:
            if self._file is not None:
                with contextlib.suppress(OSError):
                    self._file.close()
        finally:
            self.release()
        super().close()
