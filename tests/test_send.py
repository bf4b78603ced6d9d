"""Sending for real: a real SMTP server on loopback (aiosmtpd) receives what followup sends."""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.header
import os
import shlex
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email import policy
from pathlib import Path

import pytest
import sqlalchemy as sa
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import exc as sa_exc
from sqlmodel import Session

from followup.cli import prompt
from followup.store import WRITER_LOCK

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL

BIN = str(Path(sys.executable).parent)  # where `pip install` put the followup script

PROFILE = [
    "--name",
    "李伟",
    "--email",
    "li.wei@example.com",
    "--phone",
    "+86 138 0000 0000",
    "--timezone",
    "Asia/Shanghai",
]


def use_server(ok, port: int, security: str = "none", *extra: str) -> None:
    """Set the profile to send through the server on this machine's PORT."""
    ok("profile", *PROFILE, "--smtp-host", "127.0.0.1", "--smtp-port", str(port),
       "--smtp-security", security, *extra)  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An SMTP handler that keeps every message and refuses the addresses it is told to."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cret"
    return AuthResult(success=ok, handled=False)


@contextlib.contextmanager
def serving(ok, inbox: Inbox) -> Iterator[int]:
    """Run INBOX on a free loopback port with the profile pointed at it; yield the port."""
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        use_server(ok, port)
        yield port
    finally:
        controller.stop()


@pytest.fixture
def smtp(ok, monkeypatch):
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=False,
        auth_required=False,
    )
    controller.start()
    use_server(ok, port)
    monkeypatch.setenv("FOLLOWUP_SMTP_TIMEOUT", "5")
    yield inbox, port
    controller.stop()


@pytest.fixture
def tls_server(ok, tmp_path, monkeypatch):
    """Start an SMTP server on loopback that speaks TLS: ``start(security, trusted=True)``.

    Its certificate comes from a throw-away certificate authority; with ``trusted`` the client
    trusts that authority through SSL_CERT_FILE, as a user with a private CA would.
    """
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    controllers: list[Controller] = []

    def start(security: str, *, trusted: bool = True) -> Inbox:
        inbox = Inbox()
        port = free_port()
        if security == "starttls":  # AUTH is offered only after STARTTLS
            options = {"tls_context": server_context, "require_starttls": True}
        else:  # the whole connection is TLS (aiosmtpd counts only STARTTLS as TLS for AUTH)
            options = {"ssl_context": server_context, "auth_require_tls": False}
        controller = Controller(
            inbox, hostname="127.0.0.1", port=port, authenticator=authenticator, **options
        )
        controller.start()
        controllers.append(controller)
        if trusted:
            bundle = tmp_path / "authority.pem"
            authority.cert_pem.write_to_path(str(bundle))
            monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
        else:
            monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "no-such-bundle.pem"))
        use_server(ok, port, security, "--smtp-user", "li")
        monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "s3cret")
        monkeypatch.setenv("FOLLOWUP_SMTP_TIMEOUT", "5")
        return inbox

    yield start
    for controller in controllers:
        controller.stop()


def interview(ok, lang="zh", *extra):
    return str(
        ok(
            "add",
            "-c",
            "华为",
            "-r",
            "客服专员",
            "--at",
            "2026-11-20 10:00",
            "--lang",
            lang,
            "--contact",
            "王芳 <wang.fang@example.cn>",
            "--recruiter",
            "Ana <ana@example.cn>",
            "--json",
            *extra,
        ).json()["id"]
    )


@pytest.mark.parametrize("lang", ["en", "zh", "hi"])
def test_send_delivers_the_draft_and_records_it(ok, smtp, lang):
    inbox, _ = smtp
    ident = interview(ok, lang)
    (draft,) = ok("draft", "thanks", ident, "--json").json()
    result = ok("send", "thanks", ident, "--yes")
    assert "Recorded thanks" in result.stderr
    ((sender, rcpts, raw),) = inbox.messages
    assert sender == "li.wei@example.com" and rcpts == ["wang.fang@example.cn"]
    head = raw.split(b"\r\n\r\n", 1)[0]
    head.decode("ascii")  # headers travel 7-bit, other scripts RFC 2047 encoded
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == draft["subject"]
    assert message["From"] == "李伟 <li.wei@example.com>"
    assert message["To"] == "王芳 <wang.fang@example.cn>"
    assert message["X-Unsent"] is None and message["Message-ID"] and message["Date"]
    assert message.get_content().replace("\r\n", "\n") == draft["body"]
    events = ok("show", ident, "--json").json()["events"]
    assert [(e["kind"], e["name"]) for e in events] == [("done", "thanks")]


def test_decline_goes_to_the_interviewer_with_the_recruiter_in_copy(ok, smtp):
    inbox, _ = smtp
    ident = interview(ok)
    ok("send", "decline", ident, "--yes", "--reason", "我已接受了另一份工作")
    ((_, rcpts, raw),) = inbox.messages
    assert rcpts == ["wang.fang@example.cn", "ana@example.cn"]
    assert email.message_from_bytes(raw, policy=policy.default)["Cc"] == "Ana <ana@example.cn>"
    assert ok("show", ident, "--json").json()["status"] == "withdrawn"


def test_one_refused_recipient_sends_nothing_and_records_nothing(ok, run, smtp):
    inbox, _ = smtp
    inbox.refuse.add("ana@example.cn")
    ident = interview(ok)
    result = run("send", "decline", ident, "--yes")
    assert result.exit_code == 1
    assert "refused the recipient ana@example.cn: 550" in result.stderr
    assert "nothing was sent and nothing recorded" in result.stderr
    assert inbox.messages == []
    assert ok("show", ident, "--json").json()["events"] == []


def test_login_with_the_password_from_the_environment(ok, run, smtp, monkeypatch):
    inbox, _ = smtp
    ident = interview(ok)
    ok("profile", "--smtp-user", "li")
    missing = run("send", "thanks", ident, "--yes")
    assert missing.exit_code == 1 and "FOLLOWUP_SMTP_PASSWORD" in missing.stderr
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "wrong")
    refused = run("send", "thanks", ident, "--yes")
    assert refused.exit_code == 1 and "refused the login: 535" in refused.stderr
    assert inbox.messages == [] and ok("show", ident, "--json").json()["events"] == []
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "s3cret")
    ok("send", "thanks", ident, "--yes")
    assert len(inbox.messages) == 1
    assert "s3cret" not in ok("profile", "--json").stdout


def test_a_refused_connection(ok, run, monkeypatch):
    use_server(ok, free_port())
    ident = interview(ok)
    result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1 and result.stderr.splitlines()[-1].startswith(
        "Error: cannot send through"
    )
    assert ok("show", ident, "--json").json()["events"] == []


def test_a_server_that_never_answers_times_out(ok, run, monkeypatch):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    held: list[socket.socket] = []
    thread = threading.Thread(target=lambda: held.append(listener.accept()[0]), daemon=True)
    thread.start()
    use_server(ok, listener.getsockname()[1])
    monkeypatch.setenv("FOLLOWUP_SMTP_TIMEOUT", "0.5")
    ident = interview(ok)
    try:
        result = run("send", "thanks", ident, "--yes")
    finally:
        thread.join(2)
        for conn in held:
            conn.close()
        listener.close()
    assert result.exit_code == 1 and "did not answer within 0.5 s" in result.stderr
    assert ok("show", ident, "--json").json()["events"] == []


def test_dry_run_and_confirmation(ok, run, smtp, monkeypatch):
    inbox, _ = smtp
    ident = interview(ok)
    assert run("send", "thanks", ident).exit_code == 2  # no terminal, no --yes: refuse
    tried = ok("send", "thanks", ident, "--dry-run")  # a dry run asks nothing
    assert "Would send: " in tried.stderr and "wang.fang@example.cn" in tried.stderr
    assert "the server accepted every recipient; nothing sent" in tried.stderr
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    assert "Send 1 email(s)?" not in ok("send", "thanks", ident, "--dry-run").stderr
    assert run("send", "thanks", ident, input="n\n").exit_code == 1
    assert inbox.messages == [] and ok("show", ident, "--json").json()["events"] == []
    ok("send", "thanks", ident, input="y\n")
    assert len(inbox.messages) == 1


def test_send_needs_a_server_and_a_sender(ok, run):
    ident = interview(ok)
    result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1 and "followup profile --email" in result.stderr
    ok("profile", "--email", "li@example.com")
    result = run("send", "thanks", ident, "--yes")  # an email signed by nobody never goes
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: your profile has no name to sign with: followup profile --name '...'"
    )
    ok("profile", "--name", "Li Wei")
    result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1 and "followup profile --smtp-host" in result.stderr


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_login_and_send_inside_tls(ok, tls_server, security):
    inbox = tls_server(security)
    ident = interview(ok, "hi")
    (draft,) = ok("draft", "thanks", ident, "--json").json()
    ok("send", "thanks", ident, "--yes")
    ((sender, rcpts, raw),) = inbox.messages
    assert sender == "li.wei@example.com" and rcpts == ["wang.fang@example.cn"]
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == draft["subject"]
    assert [(e["kind"], e["name"]) for e in ok("show", ident, "--json").json()["events"]] == [
        ("done", "thanks")
    ]


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_a_server_whose_certificate_is_not_trusted_gets_nothing(ok, run, tls_server, security):
    inbox = tls_server(security, trusted=False)
    ident = interview(ok)
    result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1, result
    error = result.stderr.splitlines()[-1]
    assert error.startswith("Error: the certificate of 127.0.0.1:")
    assert "is not trusted (unable to get local issuer certificate)" in error
    assert "SSL_CERT_FILE" in error and "nothing was sent and nothing recorded" in error
    assert inbox.messages == [] and ok("show", ident, "--json").json()["events"] == []


def test_starttls_to_a_server_without_tls_is_refused_before_the_password(
    ok, run, smtp, monkeypatch
):
    inbox, port = smtp
    ok("profile", "--smtp-security", "starttls", "--smtp-user", "li")
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "s3cret")
    ident = interview(ok)
    result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1, result
    assert result.stderr.splitlines()[-1] == (
        f"Error: cannot send through 127.0.0.1:{port}: STARTTLS extension not supported by "
        "server (followup profile --smtp-security ssl, or none for a local relay); nothing was "
        "sent and nothing recorded."
    )
    assert inbox.messages == []


def test_a_password_never_travels_unencrypted_to_another_machine(ok, run, monkeypatch):
    ok("profile", *PROFILE, "--smtp-host", "smtp.example.com", "--smtp-security", "none")
    ok("profile", "--smtp-user", "li")
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "s3cret")
    ident = interview(ok)
    result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: refusing to send your password unencrypted to smtp.example.com: use followup "
        "profile --smtp-security starttls (or ssl); nothing was sent and nothing recorded."
    )
    assert ok("show", ident, "--json").json()["events"] == []


def test_a_dry_run_finds_a_refused_recipient(ok, run, smtp):
    inbox, _ = smtp
    inbox.refuse.add("wang.fang@example.cn")
    ident = interview(ok)
    result = run("send", "thanks", ident, "--dry-run")
    assert result.exit_code == 1 and "refused the recipient wang.fang@example.cn" in result.stderr
    assert inbox.messages == []


def test_an_email_already_sent_is_not_sent_again(ok, run, smtp):
    inbox, _ = smtp
    ident = interview(ok)
    ok("send", "thanks", ident, "--yes")
    again = run("send", "thanks", ident, "--yes")
    assert again.exit_code == 1
    assert again.stderr.startswith(f"Error: thanks is already recorded for interview {ident} (")
    assert again.stderr.endswith("); nothing was sent.\n")  # and no warnings about the draft
    ok("send", "decline", ident, "--yes")
    assert run("send", "decline", ident, "--yes").exit_code == 1
    assert len(inbox.messages) == 2
    events = ok("show", ident, "--json").json()["events"]
    assert [e["name"] for e in events if e["kind"] == "done"] == ["thanks", "decline"]


def test_a_thank_you_is_not_sent_before_the_interview(ok, run, smtp):
    inbox, _ = smtp
    ident = interview(ok, "en", "--at", "2099-01-05 10:00")
    result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 2 and f"interview {ident} has not started yet" in result.stderr
    assert inbox.messages == [] and ok("show", ident, "--json").json()["events"] == []


def test_one_refused_interviewer_of_a_panel_stops_every_email(ok, run, smtp):
    inbox, _ = smtp
    inbox.refuse.add("raj@acme.example")
    ident = interview(ok, "en", "--contact", "Raj Patel <raj@acme.example>")
    result = run("send", "thanks", ident, "--yes")  # one email each: Wang Fang's, then Raj's
    assert result.exit_code == 1 and "refused the recipient raj@acme.example" in result.stderr
    assert "nothing was sent and nothing recorded" in result.stderr
    assert inbox.messages == []
    inbox.refuse.clear()
    ok("send", "thanks", ident, "--yes")
    assert sorted(rcpts[0] for _, rcpts, _ in inbox.messages) == [
        "raj@acme.example",
        "wang.fang@example.cn",
    ]


@pytest.mark.parametrize(
    "setup, message",
    [
        (["profile", "--smtp-user", "li"], "no SMTP password: set FOLLOWUP_SMTP_PASSWORD"),
        (["edit", "1", "--contact", ""], "has no recipient: followup edit 1 --contact"),
    ],
)
def test_what_is_known_beforehand_fails_before_the_question(
    ok, run, smtp, monkeypatch, setup, message
):
    inbox, _ = smtp
    interview(ok)
    ok("edit", "1", "--recruiter", "")
    ok(*setup)
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    result = run("send", "thanks", "1", input="y\n")
    assert result.exit_code == 1 and message in result.stderr, result
    assert "Send 1 email(s)?" not in result.stderr and inbox.messages == []


@pytest.mark.parametrize("value", ["abc", "0", "-5", "nan", "1e9"])
def test_a_time_out_that_is_not_a_number_of_seconds_is_refused(ok, run, smtp, monkeypatch, value):
    inbox, _ = smtp
    ident = interview(ok)
    monkeypatch.setenv("FOLLOWUP_SMTP_TIMEOUT", value)
    result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1
    assert f"FOLLOWUP_SMTP_TIMEOUT '{value}' is not a number of seconds" in result.stderr
    assert inbox.messages == []


def test_a_busy_store_sends_nothing(ok, run, smtp, home, monkeypatch, backend):
    inbox, _ = smtp
    ident = interview(ok)
    monkeypatch.setenv("FOLLOWUP_BUSY_TIMEOUT", "0.2")
    with contextlib.ExitStack() as busy:  # another program writing: readers go on, writers wait
        if backend.name == "sqlite":
            holder = sqlite3.connect(home / "followup.db", isolation_level=None)
            busy.callback(holder.close)
            holder.execute("BEGIN IMMEDIATE")
        else:
            engine = sa.create_engine(backend.url)
            busy.callback(engine.dispose)
            conn = busy.enter_context(engine.connect())
            conn.exec_driver_sql("SELECT " + WRITER_LOCK.format(function="pg_advisory_xact_lock"))
        result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1 and "locked" in result.stderr, result
    assert result.stderr.splitlines()[-1].endswith("try again in a moment. Nothing was sent.")
    assert inbox.messages == [] and ok("show", ident, "--json").json()["events"] == []


def test_a_store_that_cannot_record_after_sending_says_so_and_how_to_record(
    ok, run, smtp, monkeypatch
):
    inbox, _ = smtp
    ident = interview(ok)

    def disk_full(session):  # the one commit of `send`: the one that records the email
        raise sa_exc.OperationalError("COMMIT", {}, sqlite3.OperationalError("disk full"))

    with monkeypatch.context() as patch:
        patch.setattr(Session, "commit", disk_full)
        result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1 and len(inbox.messages) == 1, result
    error = result.stderr.splitlines()[-1]
    assert error.startswith("Error: the email was sent, but recording it failed: ")
    assert "disk full" in error and "Do not send it again" in error
    assert ok("show", ident, "--json").json()["events"] == []
    command = error.split("run: ", 1)[1]
    assert command.startswith(f"followup done thanks {ident} --at '")
    ok(*shlex.split(command)[1:])  # the command it gives works as printed
    assert [e["name"] for e in ok("show", ident, "--json").json()["events"]] == ["thanks"]
    assert run("send", "thanks", ident, "--yes").exit_code == 1
    assert len(inbox.messages) == 1


class SlowInbox(Inbox):
    """An inbox that takes its time to accept a message, as a busy server does."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(1.5)
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.parametrize("action", ["thanks", "check"])
def test_two_sends_at_once_send_the_email_once(ok, backend, monkeypatch, action):
    inbox = SlowInbox()
    with serving(ok, inbox):
        week_ago = datetime.now() - timedelta(days=8)  # the check is open too
        ident = interview(ok, "en", "--at", week_ago.strftime("%Y-%m-%d %H:%M"))
        env = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DEBUG"}
        env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
        args = ["followup", "send", action, ident, "--yes"]
        senders = [
            subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        errors = [p.communicate(timeout=60)[1].decode() for p in senders]
        outcomes = [(p.returncode, error) for p, error in zip(senders, errors, strict=True)]
    assert len(inbox.messages) == 1, outcomes
    assert sorted(code for code, _ in outcomes) == [0, 1], outcomes
    refusal = next(err for code, err in outcomes if code)
    assert "nothing was sent" in refusal.splitlines()[-1], refusal
    done = [e for e in ok("show", ident, "--json").json()["events"] if e["kind"] == "done"]
    assert [e["name"] for e in done] == [action]


@pytest.mark.parametrize(
    "setup, message",
    [
        (
            ["edit", "1", "--contact", "José <josé@example.com>"],
            "josé@example.com is not an ASCII address",
        ),
        (["profile", "--smtp-user", "li"], "the SMTP password has characters outside ASCII"),
    ],
)
def test_what_smtp_cannot_carry_is_refused_before_sending(
    ok, run, smtp, monkeypatch, setup, message
):
    inbox, _ = smtp
    interview(ok)
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "pässwörd")
    ok(*setup)
    result = run("send", "thanks", "1", "--yes")
    assert result.exit_code == 1 and message in result.stderr, result
    assert "pässwörd" not in result.stderr and "Traceback" not in result.stderr
    assert inbox.messages == []


def test_without_a_login_the_keyring_is_never_asked(ok, smtp, monkeypatch):
    inbox, _ = smtp
    asked: list[tuple[str, str]] = []
    fake = types.ModuleType("keyring")
    fake.get_password = lambda service, user: asked.append((service, user))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", fake)
    ok("send", "thanks", interview(ok), "--yes")
    assert asked == [] and len(inbox.messages) == 1


def test_connect_itself_never_logs_in_over_plain_text_to_another_machine():
    from followup import records, send
    from followup.errors import FollowupError

    profile = records.Profile(
        name="Li",
        email="li@example.com",
        smtp_host="smtp.example.com",
        smtp_user="li",
        smtp_security="none",
    )
    with (
        pytest.raises(FollowupError, match="refusing to send your password unencrypted"),
        send.connect(profile, "s3cret"),
    ):
        pass


def test_the_wire_carries_7_bit_headers_and_the_utf8_body_byte_for_byte(ok, smtp):
    inbox, _ = smtp
    ident = interview(ok, "hi")
    (draft,) = ok("draft", "thanks", ident, "--json").json()
    ok("send", "thanks", ident, "--yes")
    ((_, _, raw),) = inbox.messages
    head, _ = raw.split(b"\r\n\r\n", 1)
    fields = dict(line.split(b": ", 1) for line in head.replace(b"\r\n ", b" ").split(b"\r\n"))
    assert all(byte < 128 for byte in head)
    for name, value in [(b"Subject", draft["subject"]), (b"From", "李伟 <li.wei@example.com>")]:
        words = email.header.decode_header(fields[name].decode("ascii"))
        assert str(email.header.make_header(words)) == value
        assert fields[name].lower().startswith(b"=?utf-8?")  # RFC 2047 encoded words
    assert fields[b"Content-Type"] == b'text/plain; charset="utf-8"'
    message = email.message_from_bytes(raw, policy=policy.default)
    body = message.get_payload(decode=True)
    assert body.replace(b"\r\n", b"\n") == draft["body"].encode("utf-8")


def test_a_check_is_not_sent_before_it_opens_unless_early(ok, run, smtp):
    inbox, _ = smtp
    today = datetime.now(timezone.utc) - timedelta(hours=2)
    ident = interview(ok, "en", "--at", today.strftime("%Y-%m-%d %H:%M"))
    refused = run("send", "check", ident, "--yes")
    assert refused.exit_code == 2
    assert "the status check opens" in refused.stderr and "--early" in refused.stderr
    assert inbox.messages == [] and ok("show", ident, "--json").json()["events"] == []
    ok("send", "check", ident, "--yes", "--early")
    assert len(inbox.messages) == 1
    assert [e["name"] for e in ok("show", ident, "--json").json()["events"]] == ["check"]


def test_it_is_recorded_at_the_moment_it_was_sent_and_dated_in_your_zone(ok, smtp):
    inbox, _ = smtp
    ident = interview(ok)
    before = datetime.now(timezone.utc).replace(microsecond=0)
    ok("send", "thanks", ident, "--yes")
    after = datetime.now(timezone.utc)
    (event,) = ok("show", ident, "--json").json()["events"]
    recorded = datetime.fromisoformat(event["at"])
    assert before <= recorded <= after
    ((_, _, raw),) = inbox.messages
    dated = email.message_from_bytes(raw, policy=policy.default)["Date"].datetime
    assert dated.utcoffset() == timedelta(hours=8)  # the profile's Asia/Shanghai
    assert abs(dated - recorded) < timedelta(seconds=1)


@pytest.mark.parametrize("security, port", [("starttls", 587), ("ssl", 465), ("none", 25)])
def test_each_security_has_its_usual_port(ok, run, monkeypatch, security, port):
    from followup import send

    ok("profile", *PROFILE, "--smtp-host", "127.0.0.1", "--smtp-security", security)
    tried: list[tuple[str, int, str]] = []

    def nobody_there(*where):
        tried.append(where)
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(send, "_connect", nobody_there)  # the usual ports are not ours to open
    result = run("send", "thanks", interview(ok), "--yes")
    assert tried == [("127.0.0.1", port, security)]
    assert f"cannot send through 127.0.0.1:{port}: " in result.stderr
    assert ok("profile", "--json").json()["smtp_security"] == security


def test_the_password_may_come_from_the_keyring(ok, run, smtp, monkeypatch):
    inbox, _ = smtp
    asked: list[tuple[str, str]] = []

    def get_password(service, user):
        asked.append((service, user))
        return "s3cret"

    fake = types.ModuleType("keyring")
    fake.get_password = get_password  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", fake)
    ok("profile", "--smtp-user", "li")
    ok("send", "thanks", interview(ok), "--yes")
    assert asked == [("followup", "li@127.0.0.1")] and len(inbox.messages) == 1
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "wrong")  # the environment comes first
    refused = run("send", "decline", "1", "--yes")
    assert "refused the login: 535" in refused.stderr and len(asked) == 1


class StallingInbox(Inbox):
    """A server that keeps the message, then never confirms it."""

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        await asyncio.sleep(3)
        return "250 OK"


def test_a_message_the_server_never_confirms_is_not_called_unsent(ok, run, monkeypatch):
    inbox = StallingInbox()
    with serving(ok, inbox):
        monkeypatch.setenv("FOLLOWUP_SMTP_TIMEOUT", "1")
        ident = interview(ok)
        result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1 and len(inbox.messages) == 1
    error = result.stderr.splitlines()[-1]
    assert "did not answer within 1 s" in error and "nothing was sent" not in error
    assert "Not confirmed, so perhaps delivered: 面试感谢信" in error
    assert "record it with `followup done`" in error
    assert ok("show", ident, "--json").json()["events"] == []


def test_a_login_name_outside_ascii_is_refused_before_connecting(ok, run, smtp, monkeypatch):
    inbox, _ = smtp
    monkeypatch.setenv("FOLLOWUP_SMTP_PASSWORD", "s3cret")
    ok("profile", "--smtp-user", "李伟")
    result = run("send", "thanks", interview(ok), "--yes")
    assert result.exit_code == 1 and result.stderr.splitlines()[-1] == (
        "Error: the SMTP user name has characters outside ASCII, which followup's SMTP login "
        "cannot carry yet; nothing was sent and nothing recorded."
    )
    assert inbox.messages == []


def test_a_check_goes_only_while_one_is_due(ok, run, smtp):
    inbox, _ = smtp
    long_ago = (datetime.now(timezone.utc) - timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    ident = interview(ok, "en", "--at", long_ago)
    ok("send", "check", ident, "--yes")  # the first check
    early = ok("send", "check", ident, "--yes", "--early")  # the second, before it opens
    assert "Note: this check came before" not in early.stderr  # the warning says it once
    assert "Warning: too early" in early.stderr
    third = run("send", "check", ident, "--yes", "--early")
    assert third.exit_code == 1 and third.stderr.splitlines()[-1] == (
        f"Error: no status check is due for interview {ident}: two checks have gone already, "
        "and a third would press the recruiter. Nothing was sent."
    )
    decided = interview(ok, "en", "--at", long_ago)
    ok("result", decided, "rejected")
    after = run("send", "check", decided, "--yes")
    assert after.exit_code == 1 and "it has a result (rejected). Nothing was sent." in after.stderr
    assert len(inbox.messages) == 2


class HeldInbox(Inbox):
    """A server that holds each message until told to take it, as a slow one does."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.arrived.set()
        while not self.release.is_set():
            await asyncio.sleep(0.02)
        return await super().handle_DATA(server, session, envelope)


def followup_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "FOLLOWUP_DEBUG"}
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    env["FOLLOWUP_SMTP_TIMEOUT"] = "60"
    env.update(extra)
    return env


def test_a_slow_server_keeps_no_other_writer_waiting(ok, backend):
    """`send` holds the write lock only to claim and to record: while the server takes its
    time, an `add` in another process goes through at once, and a second `send` of the same
    email waits for the first, then finds it sent."""
    inbox = HeldInbox()
    with serving(ok, inbox):
        ident = interview(ok, "en")
        env = followup_env(FOLLOWUP_BUSY_TIMEOUT="1")
        sender = subprocess.Popen(
            ["followup", "send", "thanks", ident, "--yes"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert inbox.arrived.wait(30), "the email never reached the server"
            added = subprocess.run(
                ["followup", "add", "-c", "Next", "-r", "Dev", "--json"],
                env=env,
                capture_output=True,
                timeout=60,
                check=False,
            )
            assert added.returncode == 0, added.stderr.decode()
            ok("edit", ident, "--notes", "written while the email was going")
        finally:
            inbox.release.set()
            _, errors = sender.communicate(timeout=60)
    assert sender.returncode == 0, errors.decode()
    assert len(inbox.messages) == 1
    shown = ok("show", ident, "--json").json()
    assert [e["name"] for e in shown["events"] if e["kind"] == "done"] == ["thanks"]
    assert shown["notes"] == "written while the email was going"
    assert len(ok("list", "--all", "--json").json()) == 2


def test_a_send_killed_during_the_exchange_leaves_the_email_to_send_again(ok, backend):
    """A crash between the claim and the record records nothing and leaves no claim behind:
    the next `send` goes, as when the write lock was held all along."""
    inbox = HeldInbox()
    with serving(ok, inbox):
        ident = interview(ok, "en")
        env = followup_env(FOLLOWUP_BUSY_TIMEOUT="10")
        sender = subprocess.Popen(
            ["followup", "send", "thanks", ident, "--yes"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert inbox.arrived.wait(30), "the email never reached the server"
        sender.kill()
        sender.wait(timeout=30)
        assert ok("show", ident, "--json").json()["events"] == []
        inbox.release.set()
        again = subprocess.run(
            ["followup", "send", "thanks", ident, "--yes"],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
    assert again.returncode == 0, again.stderr.decode()
    done = [e["name"] for e in ok("show", ident, "--json").json()["events"]]
    assert done == ["thanks"]
