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
