"""The store: one class made of the parts this package keeps in one module each.

:mod:`~followup.store.opening` opens it (engine, migrations, failures),
:mod:`~followup.store.interviews` keeps interviews, people and the profile,
:mod:`~followup.store.events` what happens to them afterwards,
:mod:`~followup.store.history` undoing it (with :mod:`~followup.store.journal`),
:mod:`~followup.store.dump` moves whole stores in and out, and
:mod:`~followup.store.reminders` keeps what ``remind`` sent, and
:mod:`~followup.store.messages` the Message-IDs written and read.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from followup import records, rules
from followup.store.dump import Dump
from followup.store.history import History
from followup.store.messages import Messages
from followup.store.reminders import Reminders


class Store(History, Messages, Dump, Reminders):
    """A followup store: an SQLite file by default, or any SQLAlchemy URL."""

    def morning(
        self, now: datetime, tz: tzinfo, settings: rules.Settings, days: int, limit: int | None
    ) -> records.Morning | None:
        """None: the caller runs the rules over the open interviews. Only the SQLite reader
        keeps the morning list ready (:meth:`followup.store.sqlite_reader.Reader.morning`)."""
        return None
