"""The only code that talks to a database.

:class:`Store` is joined in :mod:`.core` from one module per seam: :mod:`.opening` (engine,
migrations, failures), :mod:`.interviews` (interviews, people, the profile), :mod:`.events`
(actions done, results, reflections) and :mod:`.dump` (export, import, backup).
:mod:`.migrations` holds the named schema migrations, and :mod:`.sqlite_reader` reads a
current SQLite store with the standard library alone, for the daily reads' fast path.

Importing ``followup.store.sqlite_reader`` runs this file first, so it must not load
SQLAlchemy: the names below are imported from here as ever (``from followup.store import
Store``), but each is loaded from its module on first use (PEP 562).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.store.core import Store
    from followup.store.events import Claim
    from followup.store.opening import WRITER_LOCK, describe_url

__all__ = ["WRITER_LOCK", "Claim", "Store", "describe_url"]

_MODULES = {"WRITER_LOCK": "opening", "Claim": "events", "Store": "core", "describe_url": "opening"}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value  # looked up once
    return value
