"""`followup remind`: the morning list sent for real, to an HTTP server and an SMTP server on
loopback, once a day per channel, in the profile's language."""

from __future__ import annotations

import contextlib
import email
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from test_send import Inbox, free_port, use_server

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL


class Receiver:
    """An HTTP server on loopback that keeps every POST; ``status`` is what it answers."""

    def __init__(self) -> None:
        self.posts: list[tuple[str, dict]] = []
        self.status = 200
        self.delay = 0.0  # seconds before answering
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                receiver.posts.append((self.path, json.loads(self.rfile.read(length))))
                time.sleep(receiver.delay)
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "hook") -> str:
        return f"json://127.0.0.1:{self.port}/{path}"

    def shown(self) -> str:
        """How followup shows the URL: the path may be a secret, so it is masked."""
        return f"json://127.0.0.1:{self.port}/h****"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.close()


def interviews(ok, lang: str = "en") -> None:
    ok("profile", "--name", "Li Wei", "--timezone", "Europe/Paris", "--lang", lang)
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2030-11-20 10:00")  # thanks due by 22nd 10:00
    ok("add", "-c", "Globex", "-r", "Ops", "--at", "2030-11-24 09:30")  # prep from 23rd 18:00


MORNING = "2030-11-21 08:00"


def test_the_digest_reaches_an_http_receiver_with_each_command(ok, receiver, backend):
    interviews(ok)
    ok("profile", "--notify", receiver.url())
    result = ok("remind", "--on", MORNING)
    assert result.stderr == f"Sent to {receiver.shown()}: followup: 2 to do today\n"
    [(path, body)] = receiver.posts
    assert path == "/hook"
    assert body["title"] == "followup: 2 to do today"
    assert body["message"] == (
        "Due now (2)\n"
        "- reflection: Acme, Dev (by Thu 21 Nov 2030 10:00)\n"
        "  followup reflect 1\n"
        "- thank-you: Acme, Dev (by Fri 22 Nov 2030 10:00)\n"
        "  followup draft thanks 1\n"
        "\n"
        "Coming up (1)\n"
        "- preparation: Globex, Ops (from Sat 23 Nov 2030 18:00)\n"
        "  followup prep 2"  # Apprise strips the last line break
    )
    assert backend.rows("select kind, key, label from reminder") == [
        ("daily", "2030-11-21", receiver.shown())
    ]


def test_once_a_day_per_channel_unless_again(ok, receiver, backend):
    interviews(ok)
    ok("profile", "--notify", receiver.url())
    ok("remind", "--on", MORNING)
    second = ok("remind", "--on", "2030-11-21 08:05")  # the timer fired twice
    assert second.stderr == (
        f"Nothing sent to {receiver.shown()}: already sent today (--again sends it anyway).\n"
    )
    assert len(receiver.posts) == 1
    ok("remind", "--on", "2030-11-21 09:00", "--again")
    assert len(receiver.posts) == 2
    ok("remind", "--on", "2030-11-22 08:00")  # the next day
    assert len(receiver.posts) == 3
    assert [r[0] for r in backend.rows("select key from reminder order by key")] == [
        "2030-11-21",
        "2030-11-22",
    ]


def test_two_runs_at_once_send_once(ok, receiver, backend):
    interviews(ok)
    ok("profile", "--notify", receiver.url())
    receiver.delay = 2.0  # the first run holds the lock while the receiver takes its time
    followup = os.path.join(os.path.dirname(sys.executable), "followup")
    runs = [
        subprocess.Popen([followup, "remind", "--on", MORNING], stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    said = sorted(run.communicate(timeout=60)[1] for run in runs)
    assert [run.returncode for run in runs] == [0, 0]
    assert len(receiver.posts) == 1
    assert said == [
        f"Nothing sent to {receiver.shown()}: already sent today (--again sends it anyway).\n",
        f"Sent to {receiver.shown()}: followup: 2 to do today\n",
    ]


def test_nothing_due_sends_nothing_unless_always(ok, receiver, backend):
    ok("profile", "--notify", receiver.url())
    result = ok("remind")
    assert "nothing due (--always sends it anyway)" in result.stderr
    assert receiver.posts == [] and backend.rows("select * from reminder") == []
    ok("remind", "--always")
    [(_, body)] = receiver.posts
    assert body["title"] == "followup: nothing due today"
    assert body["message"] == "Nothing is due. Enjoy the day."


def test_the_evening_before_an_interview(ok, receiver, backend):
    interviews(ok)
    ok("profile", "--notify", receiver.url())
    ok("remind", "--on", "2030-11-23 08:00")  # the morning: Acme's thank-you is overdue
    assert "preparation: Globex" in receiver.posts[0][1]["message"]  # coming up
    ok("remind", "--on", "2030-11-23 18:00")  # the evening: prep has opened
    title, message = receiver.posts[1][1]["title"], receiver.posts[1][1]["message"]
    assert title == "followup: prepare for your interview with Globex"
    assert message == (
        "Due now (1)\n- preparation: Globex, Ops (by Sun 24 Nov 2030 09:30)\n  followup prep 2"
    )
    ok("remind", "--on", "2030-11-23 21:00")  # a run later that evening: nothing new
    assert len(receiver.posts) == 2
    ok("remind", "--on", "2030-11-24 08:00")  # the next morning lists it again, once
    assert "followup prep 2" in receiver.posts[2][1]["message"]
    ok("remind", "--on", "2030-11-24 08:10")
    assert len(receiver.posts) == 3


def test_dry_run_prints_what_would_go_where_and_marks_nothing(ok, receiver, backend):
    interviews(ok)
    secret = f"json://user:hunter22@127.0.0.1:{receiver.port}/tok3n"
    ok("profile", "--notify", secret)
    result = ok("remind", "--on", MORNING, "--dry-run")
    assert result.stdout.startswith(
        f"To json://user:****@127.0.0.1:{receiver.port}/t****:\nfollowup: 2 to do today\n\n"
        "Due now (2)\n"
    )
    assert "hunter22" not in result.stdout + result.stderr and "tok3n" not in result.stdout
    assert receiver.posts == [] and backend.rows("select * from reminder") == []
    assert ok("remind", "--status").stdout.splitlines()[-1] == "Last run: never"


def test_a_failing_channel_is_named_and_the_others_still_get_it(ok, run, receiver, backend):
    interviews(ok)
    refusing = Receiver()
    refusing.status = 500
    try:
        bad = f"json://user:hunter22@127.0.0.1:{refusing.port}/s3cr3tpath"
        ok("profile", "--notify", bad, "--notify", receiver.url())
        result = run("remind", "--on", MORNING)
    finally:
        refusing.close()
    assert result.exit_code == 1
    shown = f"json://user:****@127.0.0.1:{refusing.port}/s****"
    error = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert error == [
        f"Error: cannot remind you on {shown}: Failed to send JSON POST notification: "
        "Internal server error., error=500; nothing marked for it, the next run tries again."
    ]
    assert "hunter22" not in result.stderr and "s3cr3tpath" not in result.stderr
    assert f"Sent to {receiver.shown()}" in result.stderr
    assert len(receiver.posts) == 1 and len(refusing.posts) == 1
    assert backend.rows("select label from reminder") == [(receiver.shown(),)]
    status = ok("remind", "--status").stdout
    assert f"  sent to {receiver.shown()}: followup: 2 to do today" in status
    assert f"  failed on {shown}:" in status and "hunter22" not in status


def test_without_apprise_the_channel_fails_with_how_to_install_it(ok, run, monkeypatch):
    import sys

    interviews(ok)
    monkeypatch.setitem(sys.modules, "apprise", None)  # as if `followup[notify]` were absent
    result = ok("profile", "--notify", "ntfys://ntfy.sh/my-topic")
    assert "Reminders need Apprise: pip install 'followup[notify]'" in result.stderr
    result = run("remind", "--on", MORNING)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: cannot remind you on ntfys://ntfy.sh/m****: Apprise is not installed: "
        "pip install 'followup[notify]' (or: pipx inject followup apprise); nothing marked for "
        "it, the next run tries again.\n"
    )


def test_remind_without_a_channel_says_how_to_set_one(run):
    result = run("remind")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no channel to remind you on: followup profile --notify")


# -- email: the user's own address through the SMTP settings of `send` -----------------


@contextlib.contextmanager
def smtp_inbox(ok) -> Iterator[Inbox]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        use_server(ok, port)
        yield inbox
    finally:
        controller.stop()


TITLES = {
    "en": "followup: 2 to do today",
    "zh": "followup：今天有 2 件事要做",
    "hi": "followup: आज 2 काम करने हैं",
}
HEADINGS = {"en": "Due now (2)", "zh": "现在要做 (2)", "hi": "अभी करें (2)"}
FIRST = {
    "en": "- reflection: Acme, Dev (by Thu 21 Nov 2030 10:00)",
    "zh": "- 面试复盘：Acme，Dev（截止 2030年11月21日 10:00）",
    "hi": "- इंटरव्यू पर विचार: Acme, Dev (21 नव॰ 2030 10:00 तक)",
}


@pytest.mark.parametrize("lang", ["en", "zh", "hi"])
def test_the_email_digest_arrives_in_the_profiles_language(ok, lang, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_SMTP_TIMEOUT", "5")
    with smtp_inbox(ok) as inbox:
        interviews(ok, lang)
        ok("profile", "--lang", lang, "--notify", "email")
        ok("remind", "--on", MORNING)
    [(sender, recipients, raw)] = inbox.messages
    assert sender == "li.wei@example.com" and recipients == ["li.wei@example.com"]
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == TITLES[lang]
    body = message.get_content()
    assert body.splitlines()[:3] == [HEADINGS[lang], FIRST[lang], "  followup reflect 1"]
    assert "followup draft thanks 1" in body


def test_an_smtp_refusal_marks_nothing(ok, run, backend, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_SMTP_TIMEOUT", "5")
    with smtp_inbox(ok) as inbox:
        inbox.refuse.add("li.wei@example.com")
        interviews(ok)
        ok("profile", "--notify", "email")
        result = run("remind", "--on", MORNING)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: cannot remind you on email: the server refused the recipient li.wei@example.com: "
        "550 5.1.1 no such user"
    )
    assert inbox.messages == [] and backend.rows("select * from reminder") == []
