"""Files the commands write for the user: private, and whole or not at all."""

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from followup.errors import FollowupError


def private_folder(path: Path) -> Path:
    """PATH, created readable by the user alone when it is missing (FOLLOWUP_HOME has no
    store file in it when the store is a database server)."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise FollowupError(f"cannot create {path}: {error.strerror or error}") from None
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
        raise FollowupError(f"cannot write {path}: {error.strerror or error}") from None
