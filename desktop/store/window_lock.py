"""One window per register: a lock file beside it that names who holds it and since when."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.domain.errors import KnownError
from desktop.processes import process_alive

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
# A lock file that cannot be read yet may be one another window is writing this instant
# (two windows started by one double-click): only an older one counts as left behind.
UNREADABLE_STALE_AFTER_S = 10.0


def host_name() -> str:
    """This machine's name, as socket.gethostname() gives it: on Linux and macOS the kernel's
    node name (os.uname), without loading the socket module (~3 ms of a window's start)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket  # Windows

    return socket.gethostname()


@dataclass(frozen=True)
class Holder:
    """Who holds a register's window: the user, the machine, the process, since when (UTC)."""

    user: str
    host: str
    pid: int
    since: str

    @classmethod
    def me(cls) -> Holder:
        import getpass

        try:
            user = getpass.getuser()
        except (OSError, KeyError):  # no login name (a service account, a container)
            user = "?"
        since = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        return cls(user=user, host=host_name(), pid=os.getpid(), since=since)

    def since_text(self) -> str:
        """'14:05 ngày 05/12/2026' in the machine's local time."""
        try:
            moment = dt.datetime.fromisoformat(self.since).astimezone()
        except ValueError:
            return self.since
        return moment.strftime("%H:%M ngày %d/%m/%Y")


def lock_path(register: Path) -> Path:
    return register.with_name(register.name + LOCK_SUFFIX)


class WindowLock:
    """The lock this window holds on its register; release() when the window closes."""

    def __init__(self, path: Path, holder: Holder | None) -> None:
        self.path = path
        self.holder = holder  # None: the folder takes no lock file (a read-only medium)

    def release(self) -> None:
        if self.holder is None:
            return
        if _read(self.path) == self.holder:  # never remove a lock another window took over
            try:
                self.path.unlink()
            except OSError as exc:
                log.warning("window lock %s not removed: %s", self.path.name, exc)
        self.holder = None


def take_window_lock(register: Path) -> WindowLock:
    """Hold ``register`` for this window. KnownError("register.open_elsewhere") naming the
    holder when another live window has it; a lock left by a window that died on this
    machine is taken over."""
    path = lock_path(Path(register))
    me = Holder.me()
    for _attempt in range(3):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            refuse_if_held(Path(register))
            log.info("taking over the window lock left behind on %s", path.name)
            path.unlink(missing_ok=True)
            continue
        except OSError as exc:  # a read-only folder: the window opens without a lock
            log.warning("no window lock for %s: %s", path.name, exc)
            return WindowLock(path, None)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(me), fh, ensure_ascii=False)
        except OSError as exc:
            # A full disk (or a quota, a file size limit) takes the empty file, not the
            # holder's name: the window opens without a lock, as on a read-only folder;
            # the empty file left would have refused the next start as held by "?".
            log.warning("no window lock for %s: %s", path.name, exc)
            path.unlink(missing_ok=True)
            return WindowLock(path, None)
        return WindowLock(path, me)
    raise KnownError("register.open_elsewhere", user="?", host="?", since="?", lock=str(path))


def refuse_if_held(register: Path) -> None:
    """KnownError("register.open_elsewhere") when a live window holds ``register``."""
    path = lock_path(register)
    if not path.exists():
        return
    holder = _read(path)
    if holder is None:
        if _age_s(path) < UNREADABLE_STALE_AFTER_S:
            raise KnownError(
                "register.open_elsewhere", user="?", host="?", since="?", lock=str(path)
            )
        return
    if holder.host == host_name() and not process_alive(holder.pid):
        return
    raise KnownError(
        "register.open_elsewhere",
        user=holder.user,
        host=holder.host,
        since=holder.since_text(),
        lock=str(path),
    )


def _read(path: Path) -> Holder | None:
    try:
        fields = json.loads(path.read_text(encoding="utf-8"))
        return Holder(
            user=str(fields["user"]),
            host=str(fields["host"]),
            pid=int(fields["pid"]),
            since=str(fields["since"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _age_s(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0
