"""Replies found for real: a Dovecot IMAP server on loopback (tests/local_imap.py) holds the
messages, `followup inbox` reads them read-only and proposes what to record; saved mail is
read with --from; `send` copies to the Sent folder with IMAP APPEND."""

from __future__ import annotations

import email
import json
import mailbox
import socket
import threading
from datetime import datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest

from followup.cli import prompt

NOW = datetime.now(timezone.utc).replace(microsecond=0)
START = NOW - timedelta(days=6)  # the interviews were held six days ago


def ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def use_imap(ok, server, *extra: str) -> None:
    ok(
        "profile",
        "--name",
        "Li Wei",
        "--email",
        "li.wei@example.com",
        "--timezone",
        "Asia/Shanghai",
        "--imap-host",
        server.host,
        "--imap-port",
        str(server.port),
        "--imap-user",
        server.user,
        "--imap-security",
        "none",
        *extra,
    )


def interviews(ok, tmp_path: Path) -> dict[int, str]:
    """Three open interviews (en, zh, hi), each with a thank-you drafted as .eml: the
    Message-ID of each draft, by interview."""
    at = START.isoformat()
    ok(
        "add",
        "-c",
        "Acme",
        "-r",
        "Support Engineer",
        "--at",
        at,
        "--contact",
        "Priya Sharma <priya@acme.example>",
        "--recruiter",
        "Rahul Verma <rahul@acme.example>",
    )
    ok(
        "add",
        "-c",
        "字节科技",
        "-r",
        "客服工程师",
        "--at",
        at,
        "--lang",
        "zh",
        "--contact",
        "张敏 <zhang.min@bytes.example>",
    )
    ok(
        "add",
        "-c",
        "Tata Byte",
        "-r",
        "Support Lead",
        "--at",
        at,
        "--lang",
        "hi",
        "--contact",
        "Anita Rao <anita@tatabyte.example>",
    )
    ids = {}
    for ident in (1, 2, 3):
        ok("draft", "thanks", str(ident), "--eml", str(tmp_path / f"thanks-{ident}.eml"))
        (message,) = ok("show", str(ident), "--json").json()["messages"]
        ids[ident] = message["message_id"]
    return ids


def mail(sender: str, subject: str, body: str, at: datetime, *, reply_to: str = "") -> bytes:
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = "Li Wei <li.wei@example.com>"
    message["Subject"] = subject
    message["Date"] = format_datetime(at)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].rstrip(">"))
    if reply_to:
        message["In-Reply-To"] = reply_to
        message["References"] = f"<older@acme.example> {reply_to}"
    message.set_content(body, charset="utf-8")
    return message.as_bytes()


ENGLISH = (
    "Hi Li,\n\nThank you for your note. We would like to invite you to a second interview "
    "with the team next week.\nRahul will send times.\n\nBest,\nPriya\n\n"
    "On Mon, 16 Nov 2026 at 18:00, Li Wei <li.wei@example.com> wrote:\n"
    "> Thank you for the interview. Unfortunately I forgot to mention...\n"
)
CHINESE = (
    "李伟您好：\n\n很遗憾地通知您，经过慎重考虑，我们决定不再推进您的申请。\n祝您求职顺利！\n\n"
    "在 2026年11月16日 18:00，李伟 <li.wei@example.com> 写道：\n"
    "> 感谢您安排的面试，期待进入下一轮。\n"
)
HINDI = (
    "नमस्ते ली,\n\nहमें आपको नौकरी का प्रस्ताव देते हुए खुशी हो रही है। विवरण संलग्न है।\n\n"
    "सोम, 16 नव॰ 2026 को 6:00 pm बजे Li Wei <li.wei@example.com> ने लिखा:\n"
    "> साक्षात्कार के लिए धन्यवाद। खेद है कि मैं देर से लिख रहा हूँ।\n"
)


def replies(ids: dict[int, str]) -> dict[str, bytes]:
    return {
        "english": mail(
            "Priya Sharma <priya@acme.example>", "Re: Thank you", ENGLISH, ago(3), reply_to=ids[1]
        ),
        "chinese": mail(
            "张敏 <zhang.min@bytes.example>", "回复：感谢", CHINESE, ago(2.9), reply_to=ids[2]
        ),
        "hindi": mail(
            "Anita Rao <anita@tatabyte.example>", "Re: धन्यवाद", HINDI, ago(2.8), reply_to=ids[3]
        ),
        # From the recruiter, outside followup's thread: no decision in it.
        "contact": mail(
            "Rahul Verma <rahul@acme.example>",
            "Your application",
            "Hi Li, the team is still reviewing; we will get back to you soon.\n",
            ago(2),
        ),
        # Someone else at Acme: matched by the domain.
        "domain": mail(
            "Acme Talent <talent@acme.example>",
            "Acme careers",
            "We have received your documents.\n",
            ago(1.5),
        ),
        # Never matched: a sender of no interview's.
        "unrelated": mail(
            "Shop <news@shop.example>",
            "Sale",
            "We regret to inform you of a sale. Unfortunately it ends soon.\n",
            ago(1),
        ),
        # Older than the oldest open interview: not read.
        "old": mail("Priya Sharma <priya@acme.example>", "Before", "Hello\n", ago(20)),
    }


def put(server, messages: dict[str, bytes], folder: str = "INBOX") -> None:
    client = server.client()
    try:
        for data in messages.values():
            client.append(folder, data)
    finally:
        client.logout()


def state(server, folder: str = "INBOX") -> dict[bytes, tuple[bytes, ...]]:
    """Each message's Message-ID header and its permanent flags (\\Recent, which belongs to a
    session rather than to the message, left out)."""
    client = server.client()
    try:
        client.select_folder(folder, readonly=True)
        found = client.fetch(
            client.search("ALL"), ["FLAGS", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]
        )
        return {
            data[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].strip(): tuple(
                sorted(f for f in data[b"FLAGS"] if f != b"\\Recent")
            )
            for data in found.values()
        }
    finally:
        client.logout()


@pytest.fixture
def mailbox_ready(ok, imap_server, tmp_path):
    use_imap(ok, imap_server)
    ids = interviews(ok, tmp_path)
    messages = replies(ids)
    put(imap_server, messages)
    client = imap_server.client()
    try:  # one message already read by the user: its \Seen must stay, the others' absence too
        client.select_folder("INBOX")
        first = client.search("ALL")[0]
        client.add_flags([first], [b"\\Seen", b"\\Flagged"])
    finally:
        client.logout()
    return imap_server, ids, messages


def by_kind(proposals, messages):
    ident = {email.message_from_bytes(data)["Message-ID"]: kind for kind, data in messages.items()}
    return {ident[p["message_id"]]: p for p in proposals}


# -- reading the server -----------------------------------------------------------------------


def test_inbox_json_proposes_each_reply_and_leaves_the_mailbox_as_it_was(ok, mailbox_ready):
    server, ids, messages = mailbox_ready  # noqa: RUF059
    before = state(server)
    assert len(before) == len(messages) and any(b"\\Seen" in f for f in before.values())
    proposals = by_kind(ok("inbox", "--json").json(), messages)
    assert {
        k: (p["interview"], p["match"], p["proposed"], p["sure"]) for k, p in proposals.items()
    } == {
        "english": (1, "thread", "invited", True),
        "chinese": (2, "thread", "rejected", True),
        "hindi": (3, "thread", "offer", True),
        "contact": (1, "sender", "heard", False),
        "domain": (1, "domain", "heard", False),
    }
    # The first lines of the reply's own words; the quoted history is cut off.
    assert proposals["english"]["excerpt"].startswith("Hi Li,\nThank you for your note.")
    assert "Unfortunately" not in proposals["english"]["excerpt"]
    assert (
        "下一轮" not in proposals["chinese"]["excerpt"]
        and "很遗憾" in proposals["chinese"]["excerpt"]
    )
    assert "खेद" not in proposals["hindi"]["excerpt"] and "प्रस्ताव" in proposals["hindi"]["excerpt"]
    assert proposals["english"]["from"] == "Priya Sharma <priya@acme.example>"
    assert proposals["english"]["at"].endswith("+08:00")  # shown in the user's zone
    # Read-only: the same messages with the same flags; --json records and marks nothing.
    assert state(server) == before
    assert all(not ok("show", str(i), "--json").json()["events"] for i in (1, 2, 3))
    assert len(ok("inbox", "--json").json()) == 5


def test_inbox_yes_records_only_sure_thread_replies_and_never_proposes_them_again(
    ok, mailbox_ready
):
    server, ids, messages = mailbox_ready  # noqa: RUF059
    before = state(server)
    result = ok("inbox", "--yes")
    assert "Recorded invited for interview 1 (Acme, Support Engineer)." in result.stderr
    assert "Recorded rejected for interview 2" in result.stderr
    assert "Recorded offer for interview 3" in result.stderr
    assert result.stderr.count("Left for you: it is not in followup's thread") == 2
    assert "Recorded 3 of 5 replies." in result.stderr
    assert "Interview 1 (Acme, Support Engineer): a reply in the thread" in result.stdout
    assert "Proposed: invited" in result.stdout
    events = {i: ok("show", str(i), "--json").json()["events"] for i in (1, 2, 3)}
    assert [(e["kind"], e["name"]) for e in events[1]] == [("result", "invited")]
    assert [(e["kind"], e["name"]) for e in events[2]] == [("result", "rejected")]
    assert [(e["kind"], e["name"]) for e in events[3]] == [("result", "offer")]
    # Recorded at the reply's time, not the run's.
    recorded = datetime.fromisoformat(events[1][0]["at"])
    assert abs(recorded - ago(3)) < timedelta(seconds=1)
    assert state(server) == before
    # Interview 2 and 3 are closed now; what is left: the two replies to interview 1.
    left = by_kind(ok("inbox", "--json").json(), messages)
    assert set(left) == {"contact", "domain"}
    again = ok("inbox", "--yes")
    assert "Recorded 0 of 2 replies." in again.stderr


def test_at_a_terminal_each_proposal_is_accepted_changed_or_skipped(ok, mailbox_ready, monkeypatch):
    server, ids, messages = mailbox_ready  # noqa: RUF059
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    before = state(server)
    # In date order: english (accept invited), chinese (change to heard), hindi (skip),
    # contact (accept heard), domain (an answer not understood, then skip).
    result = ok("inbox", input="\nheard\nskip\n\nmaybe\ns\n")
    assert "Answer one of: heard, invited, offer, rejected, skip (or Enter)." in result.stderr
    assert "Recorded 3 of 5 replies." in result.stderr
    assert "followup edit 2 --decision-by" in result.stderr  # what heard suggests
    names = {
        i: [e["name"] for e in ok("show", str(i), "--json").json()["events"]] for i in (1, 2, 3)
    }
    assert names == {1: ["invited", "heard"], 2: ["heard"], 3: []}
    assert state(server) == before
    # Everything shown was seen: skipped ones too are never proposed again.
    assert ok("inbox", "--json").json() == []
    quiet = ok("inbox", "--yes")
    assert (
        "No new replies among 7 messages read (1 older than your oldest open interview)."
        in quiet.stderr
    )


def test_a_new_reply_after_a_run_is_proposed_and_the_seen_ones_are_not(
    ok, mailbox_ready, monkeypatch
):
    server, ids, messages = mailbox_ready  # noqa: RUF059
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    ok("inbox", input="s\ns\ns\ns\ns\n")
    later = {
        "later": mail(
            "Priya Sharma <priya@acme.example>",
            "Re: Re: Thank you",
            "Are you free on Thursday?\n",
            ago(0.5),
            reply_to=ids[1],
        )
    }
    put(server, later)
    (proposal,) = ok("inbox", "--json").json()
    assert (proposal["subject"], proposal["match"], proposal["proposed"]) == (
        "Re: Re: Thank you",
        "thread",
        "heard",
    )


def test_without_a_terminal_inbox_asks_for_yes_or_json(ok, run, mailbox_ready):
    result = run("inbox")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: 5 replies found, nothing recorded: run `followup inbox` in a terminal"
    )
    assert ok("show", "1", "--json").json()["events"] == []


def test_without_a_terminal_a_bad_source_says_what_is_wrong_with_it(ok, run, tmp_path):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "yesterday 10:00", "--contact", "a@acme.example")
    assert run("inbox", "--from", str(tmp_path / "none")).stderr == (
        f"Error: {tmp_path / 'none'} does not exist.\n"
    )
    assert "is not a file" in run("inbox", "--from", "/dev/zero").stderr
    both = run("inbox", "--from", str(tmp_path), "--folder", "Jobs")
    assert (both.exit_code, both.stderr) == (
        2,
        "Error: --folder names an IMAP folder; it cannot be used with --from.\n",
    )
    (tmp_path / "notes.txt").write_text("just some text\n")
    quiet = ok("inbox", "--from", str(tmp_path / "notes.txt"))
    assert "No new replies among 1 message read (1 without a sender or a date)." in quiet.stderr


def test_heard_recorded_by_inbox_moves_the_status_check(ok, mailbox_ready, monkeypatch):
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    before = ok("show", "1", "--json").json()["pending"]
    ok("inbox", input="heard\ns\ns\ns\ns\n")
    after = ok("show", "1", "--json").json()["pending"]
    check = {a["action"]: a for a in before}["check"]
    moved = {a["action"]: a for a in after}["check"]
    assert datetime.fromisoformat(moved["opens"]) > datetime.fromisoformat(check["opens"])


# -- errors: one line, nothing recorded, the password never shown -------------------------------


def test_a_refused_login_is_one_error_line_without_the_password(
    ok, run, mailbox_ready, monkeypatch
):
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", "wrong-Pa55-secret")
    result = run("inbox", "--yes")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: 127.0.0.1:")
    assert "refused the login" in result.stderr
    assert "wrong-Pa55-secret" not in result.stderr + result.stdout
    assert all(not ok("show", str(i), "--json").json()["events"] for i in (1, 2, 3))


def test_an_unreachable_server_is_one_error_line(ok, run, imap_server, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    use_imap(ok, imap_server)
    ok("profile", "--imap-port", str(port))
    interviews(ok, tmp_path)
    result = run("inbox", "--yes")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot read mail from 127.0.0.1:{port}: ")
    assert result.stderr.count("\n") == 1
    assert imap_server.password not in result.stderr + result.stdout


def test_a_silent_server_times_out_after_followup_imap_timeout(
    ok, run, imap_server, tmp_path, monkeypatch
):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    try:  # a server that accepts the connection and never greets
        use_imap(ok, imap_server)
        ok("profile", "--imap-port", str(port))
        interviews(ok, tmp_path)
        monkeypatch.setenv("FOLLOWUP_IMAP_TIMEOUT", "0.5")
        result = run("inbox", "--json")
    finally:
        thread.join(5)
        for conn in accepted:
            conn.close()
        listener.close()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: 127.0.0.1:{port} did not answer within 0.5 s (FOLLOWUP_IMAP_TIMEOUT)\n"
    )
    assert result.stderr.count("\n") == 1 and result.stdout == ""


@pytest.mark.parametrize("value", ["soon", "0", "-3", "nan"])
def test_a_bad_imap_timeout_is_refused(ok, run, imap_server, tmp_path, monkeypatch, value):
    use_imap(ok, imap_server)
    interviews(ok, tmp_path)
    monkeypatch.setenv("FOLLOWUP_IMAP_TIMEOUT", value)
    result = run("inbox", "--yes")
    assert result.exit_code == 1
    assert f"Error: FOLLOWUP_IMAP_TIMEOUT {value!r} is not a number of seconds" in result.stderr


def test_no_server_and_no_password_say_what_to_set(ok, run, tmp_path, monkeypatch):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", START.isoformat())
    result = run("inbox", "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no IMAP server is set: followup profile --imap-host imap.example.com "
        "(or read saved mail with `followup inbox --from PATH`)\n"
    )
    ok("profile", "--imap-host", "imap.example.com", "--imap-user", "li")
    result = run("inbox", "--yes")
    assert result.stderr.startswith("Error: no IMAP password: set FOLLOWUP_IMAP_PASSWORD")
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", "x")
    ok("profile", "--imap-security", "none")
    result = run("inbox", "--yes")
    assert result.stderr.startswith("Error: refusing to send your password unencrypted")


# -- saved mail -------------------------------------------------------------------------------


def test_from_an_mbox_and_from_eml_files(ok, run, tmp_path):
    ok("profile", "--name", "Li Wei", "--email", "li.wei@example.com")
    ids = interviews(ok, tmp_path)
    messages = replies(ids)
    box = mailbox.mbox(tmp_path / "replies.mbox")
    for data in messages.values():
        box.add(data)
    box.flush()
    box.close()
    expected = {"english", "chinese", "hindi", "contact", "domain"}
    assert (
        set(
            by_kind(
                ok("inbox", "--json", "--from", str(tmp_path / "replies.mbox")).json(), messages
            )
        )
        == expected
    )
    folder = tmp_path / "saved"
    folder.mkdir()
    for kind, data in messages.items():
        (folder / f"{kind}.eml").write_bytes(data)
    (folder / "notes.txt").write_text("not a message")
    assert set(by_kind(ok("inbox", "--json", "--from", str(folder)).json(), messages)) == expected
    one = ok("inbox", "--json", "--from", str(folder / "hindi.eml")).json()
    assert [(p["interview"], p["proposed"]) for p in one] == [(3, "offer")]
    ok("inbox", "--yes", "--from", str(folder))
    assert [e["name"] for e in ok("show", "3", "--json").json()["events"]] == ["offer"]
    # Seen through one way, seen through the other.
    assert by_kind(
        ok("inbox", "--json", "--from", str(tmp_path / "replies.mbox")).json(), messages
    ).keys() == {"contact", "domain"}


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.mbox", "does not exist."), ("empty", "has no .eml files.")],
)
def test_saved_mail_that_cannot_be_read_is_one_error_line(ok, run, tmp_path, name, message):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", START.isoformat())
    (tmp_path / "empty").mkdir()
    result = run("inbox", "--yes", "--from", str(tmp_path / name))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / name} {message}\n"


def test_no_open_interview_reads_nothing(ok, tmp_path):
    result = ok("inbox", "--yes", "--from", str(tmp_path / "nothing.mbox"))
    assert result.stderr == "No open interviews: there is no reply to look for.\n"
    assert ok("inbox", "--json").json() == []


# -- the Sent folder --------------------------------------------------------------------------


@pytest.fixture
def smtp_server(ok, monkeypatch):
    from aiosmtpd.controller import Controller

    received: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.content)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("FOLLOWUP_SMTP_TIMEOUT", "5")
    yield port, received
    controller.stop()


def test_send_copies_to_the_sent_folder_and_records_the_message_id(ok, imap_server, smtp_server):
    port, received = smtp_server
    use_imap(
        ok,
        imap_server,
        "--imap-sent",
        "Sent",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--smtp-security",
        "none",
    )
    ok(
        "add",
        "-c",
        "Acme",
        "-r",
        "Dev",
        "--at",
        START.isoformat(),
        "--contact",
        "Priya Sharma <priya@acme.example>",
    )
    result = ok("send", "thanks", "1", "--yes")
    assert "Copied to Sent." in result.stderr
    (sent,) = received
    ident = email.message_from_bytes(sent)["Message-ID"]
    (message,) = ok("show", "1", "--json").json()["messages"]
    assert (message["kind"], message["via"], message["message_id"]) == ("thanks", "send", ident)
    assert message["recipients"] == "Priya Sharma <priya@acme.example>"
    copies = state(imap_server, "Sent")
    assert copies == {f"Message-ID: {ident}".encode(): (b"\\Seen",)}
    assert ok("show", "1").stdout.count(ident) == 1  # `show` lists it
    # A reply to it is matched by its thread.
    reply = mail(
        "Priya Sharma <priya@acme.example>",
        "Re: Thank you",
        "We are pleased to offer you the role.\n",
        ago(0.1),
        reply_to=ident,
    )
    put(imap_server, {"reply": reply})
    (proposal,) = ok("inbox", "--json").json()
    assert (proposal["match"], proposal["proposed"]) == ("thread", "offer")


def test_a_failed_sent_copy_is_a_warning_after_the_email_went(
    ok, imap_server, smtp_server, monkeypatch
):
    port, received = smtp_server
    use_imap(
        ok,
        imap_server,
        "--imap-sent",
        "Sent",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--smtp-security",
        "none",
    )
    ok(
        "add",
        "-c",
        "Acme",
        "-r",
        "Dev",
        "--at",
        START.isoformat(),
        "--contact",
        "Priya <priya@acme.example>",
    )
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", "wrong-Pa55-secret")
    result = ok("send", "thanks", "1", "--yes")
    assert len(received) == 1
    assert (
        "Warning: the emails were sent and recorded, but not copied to your Sent folder:"
        in result.stderr
    )
    assert "refused the login" in result.stderr and "wrong-Pa55-secret" not in result.stderr
    assert [e["name"] for e in ok("show", "1", "--json").json()["events"]] == ["thanks"]
    assert state(imap_server, "Sent") == {}


def test_without_imap_sent_nothing_is_copied(ok, imap_server, smtp_server):
    port, received = smtp_server
    use_imap(
        ok,
        imap_server,
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--smtp-security",
        "none",
    )
    ok(
        "add",
        "-c",
        "Acme",
        "-r",
        "Dev",
        "--at",
        START.isoformat(),
        "--contact",
        "Priya <priya@acme.example>",
    )
    result = ok("send", "thanks", "1", "--yes")
    assert "Copied" not in result.stderr and len(received) == 1
    assert state(imap_server, "Sent") == {}


@pytest.mark.parametrize(("security", "which"), [("ssl", "tls_port"), ("starttls", "port")])
def test_inbox_over_tls_and_starttls_with_a_trusted_authority(
    ok, run, mailbox_ready, monkeypatch, security, which
):
    server = mailbox_ready[0]
    ok("profile", "--imap-security", security, "--imap-port", str(getattr(server, which)))
    untrusted = run("inbox", "--json")
    assert untrusted.exit_code == 1
    assert untrusted.stderr.startswith(
        f"Error: the certificate of 127.0.0.1:{getattr(server, which)} is not trusted"
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(server.authority))
    assert len(ok("inbox", "--json").json()) == 5


def test_profile_shows_the_imap_account_with_defaults_from_smtp_and_no_password(ok, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_IMAP_PASSWORD", "imap-Pa55-do-not-print")
    ok("profile", "--smtp-host", "smtp.example.com", "--smtp-user", "li.wei@example.com")
    text = ok("profile").stdout
    assert "IMAP" in text and "imap.example.com:993 (ssl, login li.wei@example.com)" in text
    ok("profile", "--imap-host", "mail.example.org", "--imap-security", "starttls",
       "--imap-user", "li", "--imap-sent", "Sent Items")  # fmt: skip
    text = " ".join(ok("profile").stdout.split())  # a narrow terminal wraps the line
    assert "mail.example.org:143 (starttls, login li); copies to Sent Items" in text
    shown = ok("profile", "--json").json()
    assert (shown["imap_host"], shown["imap_sent"], shown["imap_port"]) == (
        "mail.example.org", "Sent Items", 0)  # fmt: skip
    assert "Pa55" not in text + json.dumps(shown)


def test_a_line_break_in_an_imap_setting_is_refused(run):
    result = run("profile", "--imap-sent", "Sent\nX-Evil: 1")
    assert result.exit_code == 2 and result.stderr.startswith("Error: --imap-sent ")


def test_a_proposal_refused_as_already_recorded_is_not_proposed_again(ok, mailbox_ready):
    _, _, messages = mailbox_ready
    ok("result", "1", "invited", "--at", ago(3.5).isoformat())  # recorded by hand before
    result = ok("inbox", "--yes")
    assert "Not recorded: invited is already recorded for interview 1" in result.stderr
    assert "english" not in by_kind(ok("inbox", "--json").json(), messages)
    assert [e["name"] for e in ok("show", "1", "--json").json()["events"]] == ["invited"]
