"""Reading the user's mailbox over IMAP, read-only, and copying sent emails to Sent.

:func:`fetch` selects the folder with EXAMINE (read-only) and fetches ``BODY.PEEK[]``, so
no flag changes (``\\Seen`` included), nothing is moved and nothing deleted.
:func:`append_sent` puts a copy of each email ``send`` sent in the Sent folder (APPEND,
marked ``\\Seen``). Where the profile names no IMAP server, the SMTP one's pattern is used:
``smtp.example.com`` gives ``imap.example.com``, and the SMTP login is the IMAP login. Every
wait on the server is bounded by ``FOLLOWUP_IMAP_TIMEOUT`` (seconds, default 30). The
password comes from ``FOLLOWUP_IMAP_PASSWORD``, the system keyring (``followup``,
``user@host``), or, for the same login as SMTP, where the SMTP password comes from.
``imapclient`` (and ``ssl``) are imported when a server is used, so no other command (nor
``profile``, which shows the account) pays for them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from followup import records
from followup.errors import FollowupError
from followup.i18n import _

DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "none": 143}


@dataclass(frozen=True)
class Account:
    host: str
    port: int
    user: str
    security: str  # ssl | starttls | none

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def account(profile: records.Profile) -> Account:
    """The IMAP server and login: the profile's, else derived from its SMTP settings."""
    host = profile.imap_host
    if not host and profile.smtp_host:
        head, dot, rest = profile.smtp_host.partition(".")
        host = f"imap.{rest}" if dot and head.lower() in ("smtp", "mail") else profile.smtp_host
    security = profile.imap_security or "ssl"
    port = profile.imap_port or DEFAULT_PORTS[security]
    return Account(host, port, profile.imap_user or profile.smtp_user, security)


def timeout() -> float:
    """``FOLLOWUP_IMAP_TIMEOUT`` in seconds (default 30)."""
    from followup import config

    return config.seconds("FOLLOWUP_IMAP_TIMEOUT")


def password(profile: records.Profile, where: Account) -> str | None:
    """``FOLLOWUP_IMAP_PASSWORD``, the keyring's ``user@host``, or the SMTP password when
    the login is the SMTP one."""
    value = os.environ.get("FOLLOWUP_IMAP_PASSWORD")
    if value:
        return value
    with contextlib.suppress(Exception):  # no keyring, or one without a backend
        import keyring  # type: ignore[import-not-found]

        stored = keyring.get_password("followup", f"{where.user}@{where.host}")
        if stored:
            return str(stored)
    if where.user and where.user == profile.smtp_user:
        from followup import send

        return send.password(profile)
    return None


def check_ready(profile: records.Profile) -> tuple[Account, str]:
    """The account and its password, or an error saying what to set."""
    where = account(profile)
    if not where.host:
        raise FollowupError(
            _(
                "no IMAP server is set: followup profile --imap-host imap.example.com "
                "(or read saved mail with `followup inbox --from PATH`)"
            )
        )
    if not where.user:
        raise FollowupError(_("no IMAP login is set: followup profile --imap-user you@example.com"))
    secret = password(profile, where)
    if not secret:
        raise FollowupError(
            _(
                "no IMAP password: set FOLLOWUP_IMAP_PASSWORD, or keep it in the system keyring "
                "with {command}"
            ).format(command=f"`keyring set followup {where.user}@{where.host}`")
        )
    if where.security == "none" and not _loopback(where.host):
        raise FollowupError(
            _(
                "refusing to send your password unencrypted to {host}: use "
                "followup profile --imap-security ssl (or starttls)"
            ).format(host=where.host)
        )
    timeout()
    return where, secret


@contextlib.contextmanager
def connect(profile: records.Profile) -> Iterator[Any]:
    """A logged-in IMAPClient; logged out at the end."""
    import ssl

    from imapclient import IMAPClient

    where, secret = check_ready(profile)
    context = ssl.create_default_context()
    with _explained(where.where, secret):
        client = IMAPClient(
            where.host,
            port=where.port,
            ssl=where.security == "ssl",
            ssl_context=context if where.security == "ssl" else None,
            timeout=timeout(),
        )
    try:
        with _explained(where.where, secret):
            if where.security == "starttls":
                client.starttls(context)
            client.login(where.user, secret)
    except FollowupError:
        with contextlib.suppress(Exception):
            client.shutdown()  # the connection closed, no LOGOUT after a refused login
        raise
    try:
        with _explained(where.where, secret):
            yield client
    finally:
        with contextlib.suppress(Exception):
            client.logout()


def fetch(profile: records.Profile, folder: str, since: date) -> list[bytes]:
    """Every message in ``folder`` dated ``since`` or later, read-only (EXAMINE and
    ``BODY.PEEK[]``: no flag changes)."""
    with connect(profile) as client:
        client.select_folder(folder, readonly=True)
        uids = client.search(["SINCE", since])
        found: list[bytes] = []
        for start in range(0, len(uids), 200):
            chunk = uids[start : start + 200]
            for _, data in sorted(client.fetch(chunk, ["BODY.PEEK[]"]).items()):
                body = data.get(b"BODY[]")
                if body:
                    found.append(bytes(body))
        return found


def append_sent(profile: records.Profile, messages: Sequence[bytes]) -> None:
    """A copy of each message in the profile's Sent folder, marked seen."""
    from imapclient import SEEN

    with connect(profile) as client:
        for message in messages:
            client.append(
                profile.imap_sent, message, flags=(SEEN,), msg_time=datetime.now(timezone.utc)
            )


@contextlib.contextmanager
def _explained(where: str, secret: str) -> Iterator[None]:
    """IMAP, socket and TLS failures as one FollowupError, the password never in it."""
    import ssl

    from imapclient.exceptions import IMAPClientError, LoginError

    def clean(error: BaseException) -> str:
        text = " ".join(str(error).split()).rstrip(".") or type(error).__name__
        return text.replace(secret, "***") if secret else text

    try:
        yield
    except LoginError as error:
        raise FollowupError(
            _("{where} refused the login: {error}").format(where=where, error=clean(error))
        ) from None
    except TimeoutError:
        raise _no_answer(where) from None
    except ssl.SSLCertVerificationError as error:
        raise FollowupError(
            _(
                "the certificate of {where} is not trusted ({reason}); if your "
                "organisation signs its own, point SSL_CERT_FILE at its certificate bundle"
            ).format(where=where, reason=error.verify_message)
        ) from None
    except (IMAPClientError, OSError, ssl.SSLError) as error:
        if "timed out" in str(error):
            raise _no_answer(where) from None
        raise FollowupError(
            _("cannot read mail from {where}: {error}").format(where=where, error=clean(error))
        ) from None


def _no_answer(where: object) -> FollowupError:
    return FollowupError(
        _("{where} did not answer within {seconds} s (FOLLOWUP_IMAP_TIMEOUT)").format(
            where=where, seconds=f"{timeout():g}"
        )
    )


def _loopback(host: str) -> bool:
    from followup import send

    return send._loopback(host)
