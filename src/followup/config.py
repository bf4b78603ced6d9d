"""Where followup keeps its data: one folder (or one database URL) is one whole history."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "FOLLOWUP_HOME"
URL_ENV = "FOLLOWUP_DATABASE_URL"
STORE_NAME = "followup.db"


def home() -> Path:
    """``$FOLLOWUP_HOME``, or the per-user data folder (``~/.local/share/followup`` on Linux)."""
    value = os.environ.get(HOME_ENV, "").strip()
    if value:
        return Path(value).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("followup", appauthor=False))


def database_url() -> str | None:
    """An SQLAlchemy URL from ``$FOLLOWUP_DATABASE_URL`` that replaces the SQLite file."""
    return os.environ.get(URL_ENV, "").strip() or None


def store_path() -> Path:
    return home() / STORE_NAME


def packaged(name: str) -> Path:
    """A data folder shipped in the wheel (``templates``, ``guidance``), or the repository's
    top-level folder of that name in a source checkout."""
    from importlib import resources

    shipped = Path(str(resources.files("followup"))) / name
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / name


def seconds(variable: str, default: str = "30") -> float:
    """A time-out in seconds from the environment variable ``variable``: above 0 and below
    an hour, or a :class:`~followup.errors.FollowupError` naming it."""
    from followup.errors import FollowupError
    from followup.i18n import _

    text = os.environ.get(variable, "").strip() or default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < 3600:  # also refuses nan and inf
        raise FollowupError(
            _("{variable} {value} is not a number of seconds above 0 and below 3600.").format(
                variable=variable, value=repr(text)
            )
        )
    return value
