"""The one error type the core raises; the CLI prints it as ``Error: ...`` and exits."""

from __future__ import annotations


class FollowupError(Exception):
    """A foreseeable problem, with a message that tells the user what to do."""

    exit_code = 1


class NotFound(FollowupError):
    """An interview id that the store does not hold."""


class StoreError(FollowupError):
    """The store cannot be opened, read or written."""
