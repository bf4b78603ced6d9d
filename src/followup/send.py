"""Sending drafted emails over SMTP: every recipient accepted, or nothing sent and nothing
recorded.

Each message goes through ``MAIL``, one ``RCPT`` per address and only then ``DATA``: a
refused address stops the message before any recipient receives it. Every wait on the
server is bounded by ``FOLLOWUP_SMTP_TIMEOUT`` (seconds, default 30). The password comes
from ``FOLLOWUP_SMTP_PASSWORD`` or the system keyring (the optional ``keyring`` package),
never from the store.
"""

from __future__ import annotations

import contextlib
import os
import smtplib
import ssl
from collections.abc import Sequence

from followup import drafts, records
from followup.errors import FollowupError

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
SECURITIES = tuple(DEFAULT_PORTS)


def timeout() -> float:
    """``FOLLOWUP_SMTP_TIMEOUT`` in seconds (default 30)."""
    text = os.environ.get("FOLLOWUP_SMTP_TIMEOUT", "").strip() or "30"
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < 3600:  # also refuses nan and inf
        raise FollowupError(
            f"FOLLOWUP_SMTP_TIMEOUT {text!r} is not a number of seconds between 0 and 3600."
        )
    return value


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
            "your profile has no email to send from: followup profile --email '...'"
        )
    if not profile.smtp_host:
        raise FollowupError("no SMTP server is set: followup profile --smtp-host smtp.example.com")
    _refuse_plaintext(profile)
    if profile.smtp_user and not secret:
        raise FollowupError(
            "no SMTP password: set FOLLOWUP_SMTP_PASSWORD (or, with `pip install "
            "'followup[keyring]'`, store it in the system keyring under service 'followup', "
            f"user '{profile.smtp_user}@{profile.smtp_host}')"
        )
    if secret and not secret.isascii():
        raise FollowupError(
            "the SMTP password has characters outside ASCII, which an SMTP login cannot carry; "
            "nothing was sent and nothing recorded."
        )
    for email in emails:
        if not (email.to or email.cc):
            raise FollowupError(
                f"the email {email.subject!r} has no recipient: "
                f"followup edit {interview_id} --contact 'Name <email>'"
            )
        for address in [profile.email, *(p.email for p in (*email.to, *email.cc))]:
            if not address.isascii():
                raise FollowupError(
                    f"{address} is not an ASCII address, which followup cannot send to yet; "
                    f"write it with `followup draft --eml` and send it from your mail client."
                )
    timeout()


def _refuse_plaintext(profile: records.Profile) -> None:
    security = profile.smtp_security or "starttls"
    if security == "none" and profile.smtp_user and not _loopback(profile.smtp_host):
        raise FollowupError(
            f"refusing to send your password unencrypted to {profile.smtp_host}: use "
            "followup profile --smtp-security starttls (or ssl); nothing was sent and nothing "
            "recorded."
        )


def deliver(
    emails: Sequence[drafts.Draft],
    profile: records.Profile,
    secret: str | None,
    *,
    dry_run: bool = False,
) -> list[str]:
    """Send every email; return a line per email. Raise FollowupError on the first problem,
    saying which emails (if any) had already gone.

    Every recipient of every email is put to the server (MAIL, RCPT..., RSET) before the
    first email goes, so one refused address sends nothing at all; ``dry_run`` stops there.
    """
    _refuse_plaintext(profile)  # whoever calls, never a password in clear
    sender = records.Person(profile.name, profile.email)
    security = profile.smtp_security or "starttls"
    port = profile.smtp_port or DEFAULT_PORTS[security]
    where = f"{profile.smtp_host}:{port}"
    sent: list[str] = []
    try:
        server = _connect(profile.smtp_host, port, security)
        try:
            server.ehlo_or_helo_if_needed()
            if security == "starttls":
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if profile.smtp_user:
                server.login(profile.smtp_user, secret or "")
            for email in emails:
                _envelope(server, email, sender)
                server.rset()
            if dry_run:
                return [_line(email) for email in emails]
            for email in emails:
                _send_one(server, email, sender)
                sent.append(_line(email))
        finally:
            try:
                server.quit()
            except (smtplib.SMTPException, OSError):
                server.close()
    except FollowupError as error:
        raise FollowupError(_with_sent(str(error), sent)) from None
    except smtplib.SMTPAuthenticationError as error:
        raise FollowupError(
            _with_sent(f"{where} refused the login: {_reply(error)}", sent)
        ) from None
    except TimeoutError:
        raise FollowupError(
            _with_sent(
                f"{where} did not answer within {timeout():g} s (FOLLOWUP_SMTP_TIMEOUT)", sent
            )
        ) from None
    except ssl.SSLCertVerificationError as error:
        raise FollowupError(
            _with_sent(
                f"the certificate of {where} is not trusted ({error.verify_message}); if your "
                "organisation signs its own, point SSL_CERT_FILE at its certificate bundle",
                sent,
            )
        ) from None
    except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
        if "timed out" in str(error):  # smtplib reports a silent server as a closed connection
            message = f"{where} did not answer within {timeout():g} s (FOLLOWUP_SMTP_TIMEOUT)"
        else:
            message = f"cannot send through {where}: {str(error).rstrip('.')}"
            if "STARTTLS" in str(error):
                message += " (followup profile --smtp-security ssl, or none for a local relay)"
        raise FollowupError(_with_sent(message, sent)) from None
    return sent


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


def _reset(server: smtplib.SMTP) -> None:
    """RSET after a refusal; a server that has already hung up must not hide the refusal."""
    with contextlib.suppress(smtplib.SMTPException, OSError):
        server.rset()


def _line(email: drafts.Draft) -> str:
    return f"{email.subject} -> {', '.join(str(p) for p in email.to + email.cc)}"


def _envelope(server: smtplib.SMTP, email: drafts.Draft, sender: records.Person) -> None:
    """MAIL and one RCPT per address: an error at the first the server refuses."""
    code, reply = server.mail(sender.email)
    if code != 250:
        _reset(server)
        answer = reply.decode(errors="replace")
        raise FollowupError(f"the server refused the sender {sender.email}: {code} {answer}")
    for address in [p.email for p in (*email.to, *email.cc)]:
        code, reply = server.rcpt(address)
        if code not in (250, 251):
            _reset(server)
            answer = reply.decode(errors="replace")
            raise FollowupError(f"the server refused the recipient {address}: {code} {answer}")


def _send_one(server: smtplib.SMTP, email: drafts.Draft, sender: records.Person) -> None:
    _envelope(server, email, sender)
    code, reply = server.data(drafts.to_eml(email, sender, unsent=False))
    if code != 250:
        raise FollowupError(
            f"the server refused the message: {code} {reply.decode(errors='replace')}"
        )


def _reply(error: smtplib.SMTPResponseException) -> str:
    text = (
        error.smtp_error.decode(errors="replace")
        if isinstance(error.smtp_error, bytes)
        else str(error.smtp_error)
    )
    return f"{error.smtp_code} {text}"


def _with_sent(message: str, sent: list[str]) -> str:
    if not sent:
        return f"{message}; nothing was sent and nothing recorded."
    return (
        f"{message}. Already sent: {'; '.join(sent)}. Nothing was recorded: once the rest is "
        "sent, record it with `followup done`."
    )
