"""Sending for real: a real SMTP server on loopback (aiosmtpd) receives what followup sends."""

from __future__ import annotations

import email
import socket
import threading
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from followup import cli

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
    ok(
        "profile",
        *PROFILE,
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--smtp-security",
        "none",
    )
    monkeypatch.setenv("FOLLOWUP_SMTP_TIMEOUT", "5")
    yield inbox, port
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
    ok(
        "profile",
        *PROFILE,
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(free_port()),
        "--smtp-security",
        "none",
    )
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
    ok(
        "profile",
        *PROFILE,
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(listener.getsockname()[1]),
        "--smtp-security",
        "none",
    )
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
    ok("send", "thanks", ident, "--yes", "--dry-run")
    monkeypatch.setattr(cli, "interactive", lambda: True)
    assert run("send", "thanks", ident, input="n\n").exit_code == 1
    assert inbox.messages == [] and ok("show", ident, "--json").json()["events"] == []
    ok("send", "thanks", ident, input="y\n")
    assert len(inbox.messages) == 1


def test_send_needs_a_server_and_a_sender(ok, run):
    ident = interview(ok)
    result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1 and "followup profile --email" in result.stderr
    ok("profile", "--email", "li@example.com")
    result = run("send", "thanks", ident, "--yes")
    assert result.exit_code == 1 and "followup profile --smtp-host" in result.stderr
