"""Sending drafted emails over SMTP: every recipient accepted, or nothing sent and nothing
recorded.

:func:`connect` connects, secures and logs in; :meth:`Outbox.check` then puts every
recipient of every email to the server (``MAIL``, one ``RCPT`` per address, ``RSET``), so a
refused address stops everything before anyone receives anything; :meth:`Outbox.send` sends
(``MAIL``, ``RCPT``, ``DATA``), which the CLI does while holding the store's claim on the
interview (not its write lock), so the same email is never sent twice at once. Every wait on the
server is bounded by ``FOLLOWUP_SMTP_TIMEOUT`` (seconds, default 30). The password comes
from ``FOLLOWUP_SMTP_PASSWORD`` or the system keyring (the optional ``keyring`` package),
never from the store.
"""

from __future__ import annotations

import contextlib
import os
import smtplib
import ssl
from collections.abc import Iterator, Sequence
from datetime import datetime

from followup import drafts, records
from followup.errors import FollowupError
from followup.i18n import _

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


def timeout() -> float:
    """``FOLLOWUP_SMTP_TIMEOUT`` in seconds (default 30)."""
    from followup import config

    return config.seconds("FOLLOWUP_SMTP_TIMEOUT")


def password(profile: records.Profile) -> str | None:
    """The SMTP password: the environment first, then the keyring when it is installed. None
    without a login (the keyring is not even asked: it may prompt to be unlocked)."""
    if not profile.smtp_user:
        return None
    value = os.environ.get("FOLLOWUP_SMTP_PASSWORD")
    if value:
        return value
    try:
        import keyring  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return keyring.get_password("followup", f"{profile.smtp_user}@{profile.smtp_host}")
    except Exception:  # a keyring without a backend
        return None


def check_ready(
    emails: Sequence[drafts.Draft], profile: records.Profile, secret: str | None, interview_id: int
) -> None:
    """Everything that can be known before asking or connecting: a sender, a server, a
    password where a login is needed (never sent in clear to another machine), a recipient
    for every email, a usable time-out."""
    if not profile.email:
        raise FollowupError(
            _("your profile has no email to send from: followup profile --email '...'")
        )
    if not profile.name:
        raise FollowupError(
            _("your profile has no name to sign with: followup profile --name '...'")
        )
    if not profile.smtp_host:
        raise FollowupError(
            _("no SMTP server is set: followup profile --smtp-host smtp.example.com")
        )
    _refuse_plaintext(profile)
    if profile.smtp_user and not secret:
        import importlib.util

        account = f"{profile.smtp_user}@{profile.smtp_host}"
        keyring = (
            f"`keyring set followup {account}`"
            if importlib.util.find_spec("keyring")
            else _("{install}, then {command}").format(
                install="`pip install 'followup[keyring]'`",
                command=f"`keyring set followup {account}`",
            )
        )
        raise FollowupError(
            _(
                "no SMTP password: set FOLLOWUP_SMTP_PASSWORD, or keep it in the system keyring "
                "with {command}"
            ).format(command=keyring)
        )
    for what, value in (
        (_("the SMTP user name"), profile.smtp_user),
        (_("the SMTP password"), secret or ""),
    ):
        if not value.isascii():
            raise FollowupError(
                _(
                    "{what} has characters outside ASCII, which followup's SMTP login "
                    "cannot carry yet; nothing was sent and nothing recorded."
                ).format(what=what)
            )
    for email in emails:
        if not (email.to or email.cc):
            raise FollowupError(
                _("the email {subject} has no recipient: {command}").format(
                    subject=repr(email.subject),
                    command=f"followup edit {interview_id} --contact 'Name <email>'",
                )
            )
        for address in [profile.email, *(p.email for p in (*email.to, *email.cc))]:
            if not address.isascii():
                raise FollowupError(
                    _(
                        "{address} is not an ASCII address, which followup cannot send to yet; "
                        "write it with `followup draft --eml` and send it from your mail client."
                    ).format(address=address)
                )
    timeout()


def _refuse_plaintext(profile: records.Profile) -> None:
    security = profile.smtp_security or "starttls"
    if security == "none" and profile.smtp_user and not _loopback(profile.smtp_host):
        raise FollowupError(
            _(
                "refusing to send your password unencrypted to {host}: use "
                "followup profile --smtp-security starttls (or ssl); nothing was sent and "
                "nothing recorded."
            ).format(host=profile.smtp_host)
        )


class Outbox:
    """A logged-in SMTP session: ``check`` has the server accept every recipient of every
    email without sending; ``send`` sends them. Each raises FollowupError saying what went,
    if anything did."""

    def __init__(self, server: smtplib.SMTP, sender: records.Person, where: str) -> None:
        self.server = server
        self.sender = sender
        self.where = where
        self.sent: list[str] = []
        self.unconfirmed = ""  # an email whose DATA went without the server's answer
        self.messages: list[tuple[drafts.Draft, str, bytes]] = []  # each sent: its Message-ID

    def check(self, emails: Sequence[drafts.Draft]) -> list[str]:
        """MAIL, RCPT for every address, RSET: a refused address before anything goes."""
        with self._talking():
            for email in emails:
                self._envelope(email)
                self.server.rset()
        return [_line(email) for email in emails]

    def send(self, emails: Sequence[drafts.Draft], *, sent_at: datetime) -> list[str]:
        """Send every email (dated ``sent_at``); return a line per email."""
        with self._talking():
            for email in emails:
                self._envelope(email)
                self.unconfirmed = _line(email)
                ident = drafts.message_id(self.sender)
                data = drafts.to_eml(email, self.sender, sent_at=sent_at, ident=ident)
                code, reply = self.server.data(data)
                self.unconfirmed = ""
                if code != 250:
                    answer = reply.decode(errors="replace")
                    raise FollowupError(
                        _("the server refused the message: {reply}").format(
                            reply=f"{code} {answer}"
                        )
                    )
                self.sent.append(_line(email))
                self.messages.append((email, ident, data))
        return list(self.sent)

    def _envelope(self, email: drafts.Draft) -> None:
        """MAIL and one RCPT per address: an error at the first the server refuses."""
        code, reply = self.server.mail(self.sender.email)
        if code != 250:
            self._reset()
            answer = reply.decode(errors="replace")
            raise FollowupError(
                _("the server refused the sender {address}: {reply}").format(
                    address=self.sender.email, reply=f"{code} {answer}"
                )
            )
        for address in [p.email for p in (*email.to, *email.cc)]:
            code, reply = self.server.rcpt(address)
            if code not in (250, 251):
                self._reset()
                answer = reply.decode(errors="replace")
                raise FollowupError(
                    _("the server refused the recipient {address}: {reply}").format(
                        address=address, reply=f"{code} {answer}"
                    )
                )

    def _reset(self) -> None:
        """RSET after a refusal; a server that has already hung up must not hide the refusal."""
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.server.rset()

    @contextlib.contextmanager
    def _talking(self) -> Iterator[None]:
        try:
            with _explained(self.where):
                yield
        except FollowupError as error:
            raise FollowupError(self._outcome(str(error))) from None

    def _outcome(self, message: str) -> str:
        if not (self.sent or self.unconfirmed):
            return _nothing_sent(message)
        said = [message]
        if self.sent:
            said.append(_("Already sent: {emails}").format(emails="; ".join(self.sent)))
        if self.unconfirmed:
            said.append(
                _(
                    "Not confirmed, so perhaps delivered: {email} (ask the recipient "
                    "before sending it again)"
                ).format(email=self.unconfirmed)
            )
        return ". ".join(said) + (
            ". "
            + _("Nothing was recorded: once every email has gone, record it with `followup done`.")
        )


@contextlib.contextmanager
def connect(profile: records.Profile, secret: str | None) -> Iterator[Outbox]:
    """Connect, secure and log in as the profile says; yield the :class:`Outbox`; say QUIT."""
    _refuse_plaintext(profile)  # whoever calls, never a password in clear
    sender = drafts.sender(profile)
    security = profile.smtp_security or "starttls"
    port = profile.smtp_port or DEFAULT_PORTS[security]
    where = f"{profile.smtp_host}:{port}"
    server = None
    try:
        with _explained(where):
            server = _connect(profile.smtp_host, port, security)
            server.ehlo_or_helo_if_needed()
            if security == "starttls":
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if profile.smtp_user:
                server.login(profile.smtp_user, secret or "")
    except FollowupError as error:
        if server is not None:
            _close(server)
        raise FollowupError(_nothing_sent(str(error))) from None
    try:
        yield Outbox(server, sender, where)
    finally:
        _close(server)


def _close(server: smtplib.SMTP) -> None:
    try:
        server.quit()
    except (smtplib.SMTPException, OSError):
        server.close()


@contextlib.contextmanager
def _explained(where: str) -> Iterator[None]:
    """SMTP, socket and TLS failures as a FollowupError a person can act on."""
    try:
        yield
    except smtplib.SMTPAuthenticationError as error:
        raise FollowupError(
            _("{where} refused the login: {error}").format(where=where, error=_reply(error))
        ) from None
    except TimeoutError:
        raise FollowupError(_timed_out(where)) from None
    except ssl.SSLCertVerificationError as error:
        raise FollowupError(
            _(
                "the certificate of {where} is not trusted ({reason}); if your "
                "organisation signs its own, point SSL_CERT_FILE at its certificate bundle"
            ).format(where=where, reason=error.verify_message)
        ) from None
    except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
        if "timed out" in str(error):  # smtplib reports a silent server as a closed connection
            raise FollowupError(_timed_out(where)) from None
        message = _("cannot send through {where}: {error}").format(
            where=where, error=str(error).rstrip(".")
        )
        if "STARTTLS" in str(error):
            message += " " + _("(followup profile --smtp-security ssl, or none for a local relay)")
        raise FollowupError(message) from None


def _timed_out(where: str) -> str:
    return _("{where} did not answer within {seconds} s (FOLLOWUP_SMTP_TIMEOUT)").format(
        where=where, seconds=f"{timeout():g}"
    )


def _nothing_sent(message: str) -> str:
    return _("{error}; nothing was sent and nothing recorded.").format(error=message)


def _loopback(host: str) -> bool:
    """Whether the server is this machine (a local relay), where no one else can listen."""
    import ipaddress

    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _connect(host: str, port: int, security: str) -> smtplib.SMTP:
    if security == "ssl":
        return smtplib.SMTP_SSL(host, port, timeout=timeout(), context=ssl.create_default_context())
    return smtplib.SMTP(host, port, timeout=timeout())


def _line(email: drafts.Draft) -> str:
    return f"{email.subject} -> {', '.join(str(p) for p in email.to + email.cc)}"


def _reply(error: smtplib.SMTPResponseException) -> str:
    text = (
        error.smtp_error.decode(errors="replace")
        if isinstance(error.smtp_error, bytes)
        else str(error.smtp_error)
    )
    return f"{error.smtp_code} {text}"
