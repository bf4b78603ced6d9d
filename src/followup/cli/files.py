"""Files the commands write for the user: private, and whole or not at all."""

import contextlib
import os
from collections.abc import Iterable
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


def write_private(path: Path, data: bytes | Iterable[str]) -> None:
    """Write a file readable by the user alone, whole or not at all."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        if isinstance(data, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as text:
                text.writelines(data)
        temporary.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise FollowupError(
            _("cannot write {path}: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
