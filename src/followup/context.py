"""What every command shares, without Typer: the store, the profile, the zone, the clock.

Kept apart from :mod:`followup.cli` so the fast path for ``followup due`` (see
:mod:`followup.entry`) can run a command without importing Typer.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from datetime import date, datetime, timezone, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

from followup import dates, zones
from followup.errors import FollowupError

if TYPE_CHECKING:
    from followup import records, rules

T = TypeVar("T")
_OPEN_STORES: list[Any] = []


class UsageError(FollowupError):
    """A value the user typed that cannot be used: exit code 2, like a missing option."""

    exit_code = 2


def note(message: str) -> None:
    """A message for the person, on stderr so stdout stays parseable."""
    sys.stderr.write(message + "\n")


def unexpected(error: BaseException) -> str:
    """The message for a failure nobody foresaw: plain words, not a traceback."""
    from followup.i18n import _

    return _(
        "unexpected {kind}: {error}. Nothing more was changed. Please report this; "
        "FOLLOWUP_DEBUG=1 shows the details."
    ).format(kind=type(error).__name__, error=error)


CLOSED_PIPE = 141  # the exit code shells give a program whose reader went away (128 + SIGPIPE)


def stdout_closed() -> int:
    """The reader of stdout went away (``followup export | head``): no error to report, and
    nothing more to write there; the exit code to leave with."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # Python's own flush at exit must not fail again
    os.close(devnull)
    return CLOSED_PIPE


class _Output(io.RawIOBase):
    """File descriptor 1 under ``sys.stdout``, remembering a write that failed (a full disk,
    ``> /dev/full``), so that error is told apart from any other ``OSError``."""

    failed: OSError | None = None

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data: Any) -> int:
        try:
            return os.write(self._fd, data)
        except OSError as error:
            _Output.failed = error
            raise

    def close(self) -> None:  # fd 1 stays open, as with Python's own stdout
        self.flush()


_REPLACED: list[Any] = []  # Python's own stdout, kept alive: collected, it would close fd 1


def watch_stdout() -> None:
    """Put ``sys.stdout`` over :class:`_Output`, keeping its encoding and buffering. Not on
    Windows, whose console takes text through an object of its own."""
    old = sys.stdout
    if sys.platform == "win32":
        return
    try:
        fd = old.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    old.flush()
    _REPLACED.append(old)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_Output(fd)),
        encoding=old.encoding,
        errors=old.errors,
        line_buffering=bool(getattr(old, "line_buffering", False)),
    )


def output_failed(error: BaseException) -> bool:
    """Whether ``error`` is stdout failing to take the output (a full disk)."""
    return isinstance(error, OSError) and _Output.failed is not None


def cannot_write_output(error: OSError) -> int:
    """Say that stdout cannot take the output, in one line; the exit code to leave with."""
    from followup.i18n import _

    reason = error.strerror or error
    message = _("cannot write the output: {reason}").format(reason=reason)
    sys.stderr.write(f"Error: {message}\n")
    stdout_closed()  # nor what is left of it at exit
    return 1


def close_stores() -> None:
    """Close every store a command opened, so SQLite folds its WAL back into the file."""
    while _OPEN_STORES:
        _OPEN_STORES.pop().close()


class Context:
    """What every command needs: the store, the profile, the user's zone and the clock."""

    def __init__(self, *, read_only: bool = False, writes: bool = False) -> None:
        """``read_only``: the command only reads; ``writes``: it only reads and adds, edits,
        records or reflects. On a current SQLite store both run through the standard library
        (:mod:`~followup.store.sqlite_reader`, :mod:`~followup.store.sqlite_writer`)."""
        from followup import config

        url = config.database_url()
        reader = None
        if read_only and not url:
            from followup.store.sqlite_reader import Reader

            reader = Reader.open(config.store_path())
        elif writes and not url:
            from followup.store.sqlite_writer import Writer

            reader = Writer.open(config.store_path())
        if reader is not None:
            self.store: Any = reader  # the standard-library fast path (same records)
        else:
            from followup.store import Store

            self.store = Store.open(config.store_path(), url)
        _OPEN_STORES.append(self.store)
        self.profile: records.Profile = self.store.profile()
        try:
            self.tz: tzinfo = zones.zone(self.profile.timezone or None)
        except ValueError as error:
            from followup.i18n import _

            raise FollowupError(
                _(
                    "{error}: fix it, or set yours with `followup profile --timezone Europe/Paris`."
                ).format(error=error)
            ) from None
        self.now: datetime = datetime.now(timezone.utc)

    def when(self, option: str, text: str | None) -> datetime:
        """Parse a WHEN option; default now."""
        if text is None:
            return self.now
        return check(option, lambda v: dates.parse(v, now=self.now, tz=self.tz), text).astimezone(
            timezone.utc
        )

    def held(
        self,
        option: str,
        text: str | None,
        zone_option: str | None = None,
        *,
        default: tzinfo | None = None,
    ) -> tuple[datetime, str | None]:
        """An interview's start (UTC; default now) and the zone it was held in: the zone of
        ``--timezone``, else one named in the text (an IANA name, or an offset other than the
        user's), else ``default`` (the user's zone when not given)."""
        held = default or self.tz
        if zone_option is not None:
            held = check("--timezone", zones.profile_zone, zone_option)
        if text is None:
            return self.now, zones.zone_name(held)
        moment, named = check(
            option, lambda v: dates.parse_zoned(v, now=self.now, tz=self.tz), text
        )
        if named is None and zone_option is not None:  # a time without a zone: where it is held
            moment = check(option, lambda v: dates.parse(v, now=self.now, tz=held), text)
        if named is not None and zone_option is None:
            same_offset = moment.utcoffset() == moment.astimezone(held).utcoffset()
            if getattr(named, "key", None) or not same_offset:
                held = named
        return moment.astimezone(timezone.utc), zones.zone_name(held)

    def day(self, option: str, text: str) -> date:
        return check(option, lambda v: dates.parse_date(v, now=self.now, tz=self.tz), text)

    def assess(self, item: records.Interview) -> rules.Assessment:
        from followup import rules

        return rules.assess(item.facts(), self.now, self.tz, self.profile.settings)

    def held_in(self, item: records.Interview) -> tzinfo | None:
        """The interview's zone when it is not the user's (its times are then marked)."""
        held = item.tzinfo()
        if held is None or zones.same_zone(held, self.tz):
            return None
        return held

    def interview_json(self, item: records.Interview) -> dict[str, Any]:
        from followup import render

        return render.interview_json(item, self.assess(item), self.now, self.tz)


def check(option: str, parse: Callable[[str], T], value: str) -> T:
    """Run a field check; a bad value becomes a usage error naming the option."""
    try:
        return parse(value)
    except ValueError as error:
        raise UsageError(f"{option} {error}") from None
