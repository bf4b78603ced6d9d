"""Files the commands write for the user: private, and whole or not at all."""

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from followup.errors import FollowupError
from followup.i18n import _


def target(option: str, text: str, *, force: bool, example: str) -> Path:
    """The file a command is to write: a name is needed, and a file that exists is replaced
    only with --force (what `backup`, `export -o`, `draft --eml` and `templates copy` share)."""
    from followup.context import UsageError

    if not text.strip():
        raise UsageError(
            _("{option} needs a file name, e.g. {example}.").format(option=option, example=example)
        )
    path = Path(text).expanduser()
    if path.is_dir():
        raise UsageError(
            _("{option} {value} is a folder; give a file name, e.g. {example}.").format(
                option=option, value=repr(text), example=example
            )
        )
    if path.exists() and not force:
        raise FollowupError(
            _("{path} exists already; add --force to replace it.").format(path=path)
        )
    return path


def private_folder(path: Path) -> Path:
    """PATH, created readable by the user alone when it is missing (FOLLOWUP_HOME has no
    store file in it when the store is a database server)."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise FollowupError(
            _("cannot create {path}: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
    return path


@contextlib.contextmanager
def whole(path: Path, *, replace: bool = True) -> Iterator[Path]:
    """A new empty file beside PATH to write PATH's content in, whole or not at all.

    It is created exclusively (``O_EXCL``, never through a symlink, mode 0600) under a name
    of its own (``.NAME.XXXXXXXX.partial``), so nothing planted or left beside PATH is
    followed or written to. When the block ends it is renamed to PATH (over a file there only
    with ``replace``); on any failure, Ctrl-C, or a SIGTERM or SIGHUP, it is removed and PATH
    is as it was. What `export -o`, `backup`, `draft --eml` and `templates copy` share.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as error:
        raise _cannot_write(path, error) from None
    os.close(fd)
    temporary = Path(name)
    try:
        with _signals_end_the_block():
            yield temporary
            _rename(temporary, path, replace=replace)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _rename(temporary: Path, path: Path, *, replace: bool) -> None:
    try:
        if replace:
            temporary.replace(path)
            return
        try:  # link, unlike rename, never replaces a file made there meanwhile
            os.link(temporary, path, follow_symlinks=False)
        except FileExistsError:
            raise FollowupError(
                _("{path} exists already; choose another file.").format(path=path)
            ) from None
        except OSError:  # a file system without hard links
            if path.exists() or path.is_symlink():
                raise FollowupError(
                    _("{path} exists already; choose another file.").format(path=path)
                ) from None
            temporary.replace(path)
            return
        temporary.unlink()
    except OSError as error:
        raise _cannot_write(path, error) from None


@contextlib.contextmanager
def _signals_end_the_block() -> Iterator[None]:
    """SIGTERM and SIGHUP end the block as Ctrl-C does (an exception), so it cleans up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    kept = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            kept[number] = signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in kept.items():
            signal.signal(number, handler)


def write_private(path: Path, data: bytes | Iterable[str], *, replace: bool = True) -> None:
    """Write a file readable by the user alone, whole or not at all (:func:`whole`)."""
    with whole(path, replace=replace) as temporary:
        try:
            fd = os.open(temporary, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
            if isinstance(data, bytes):
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as text:
                    text.writelines(data)
                    text.flush()
                    os.fsync(text.fileno())
        except OSError as error:
            raise _cannot_write(path, error) from None


def _cannot_write(path: Path, error: OSError) -> FollowupError:
    reason = error.strerror or error
    return FollowupError(_("cannot write {path}: {reason}").format(path=path, reason=reason))
