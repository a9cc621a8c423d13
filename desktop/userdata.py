"""Per-user folders (platformdirs) and the rotating log file, overridable for tests."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

import platformdirs

APP_NAME = "CamKet"
# Tests and portable installs point this at another folder.
DATA_DIR_ENV = "CAMKET_DATA_DIR"
REGISTER_FILE = "camket.sqlite3"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


def default_register_path() -> Path:
    return data_dir() / REGISTER_FILE


# 9-digit CMND and 12-digit personal IDs (with the spaces or dots clerks type) are
# personal data (Decree 13/2023): they never reach a log file.
_ID_LIKE = re.compile(r"(?<!\d)(?:\d[ .]?){8}\d(?:(?:[ .]?\d){3})?(?!\d)")


class RedactIdNumbers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _ID_LIKE.sub("[số định danh]", message)
        if redacted != message:
            record.msg, record.args = redacted, None
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
    handler = _RegisterLogHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactIdNumbers())
    root.addHandler(handler)
    return path


class _RegisterLogHandler(logging.handlers.RotatingFileHandler):
    """Our own file handler, told apart from any a host (pytest, an IDE) installs."""
