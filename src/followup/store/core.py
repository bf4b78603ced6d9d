"""The store: one class made of the parts this package keeps in one module each.

:mod:`~followup.store.opening` opens it (engine, migrations, failures),
:mod:`~followup.store.interviews` keeps interviews, people and the profile,
:mod:`~followup.store.events` what happens to them afterwards,
:mod:`~followup.store.history` undoing it (with :mod:`~followup.store.journal`), and
:mod:`~followup.store.dump` moves whole stores in and out.
"""

from __future__ import annotations

from followup.store.dump import Dump
from followup.store.history import History


class Store(History, Dump):
    """A followup store: an SQLite file by default, or any SQLAlchemy URL."""
