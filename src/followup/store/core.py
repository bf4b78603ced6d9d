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

from followup.store.dump import Dump
from followup.store.history import History
from followup.store.messages import Messages
from followup.store.reminders import Reminders


class Store(History, Messages, Dump, Reminders):
    """A followup store: an SQLite file by default, or any SQLAlchemy URL."""
