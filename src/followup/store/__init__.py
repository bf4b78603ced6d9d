"""The only code that talks to a database: the store and the fast path's reader.

This file imports nothing, so that ``followup.store.sqlite_reader`` (the daily reads' fast
path, standard library only) can be imported without loading SQLAlchemy. The names below are
still imported from here, ``from followup.store import Store``; each is loaded from its
module on first use (PEP 562).
"""

from __future__ import annotations

import importlib
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
    value = getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value  # looked up once
    return value
