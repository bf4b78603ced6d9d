"""Matching replies without a server: the pure core of `followup inbox` (followup.inbox)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from followup import config, inbox, records

AT = datetime(2026, 11, 16, 2, 0, tzinfo=timezone.utc)


def interview(
    ident: int, *emails: str, at: datetime = AT, recruiter: str = ""
) -> records.Interview:
    return records.Interview(
        id=ident,
        company=f"Company {ident}",
        role="Dev",
        at=at,
        contacts=tuple(records.Person("", e) for e in emails),
        recruiters=(records.Person("", recruiter),) if recruiter else (),
    )


def mail(sender: str, text: str = "Thanks", *, refers: tuple[str, ...] = (), days: float = 2,
         ident: str = "") -> inbox.Mail:  # fmt: skip
    return inbox.Mail(
        ident or f"<{sender}-{days}@x>",
        records.Person("", sender),
        AT + timedelta(days=days),
        "Re",
        refers,
        text,
    )


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("Great news.\n\nOn Mon, 16 Nov 2026, Li <li@x.com> wrote:\n> old", "Great news."),
        (
            "Great news.\nOn Mon, 16 Nov 2026 at 10:00, Li Wei <li.wei@\nexample.com> wrote:\n> old",
            "Great news.",
        ),
        ("Great news.\n> quoted\nmore after", "Great news."),
        ("好消息。\n\n在 2026年11月16日 周一 10:00，李伟 <li@x.com> 写道：\n> 旧", "好消息。"),
        ("अच्छी ख़बर।\n\nसोम, 16 नव॰ 2026 को Li <li@x.com> ने लिखा:\n> पुराना", "अच्छी ख़बर।"),
        ("Reply.\n\n-----Original Message-----\nFrom: Li", "Reply."),
        ("Reply.\n\n发件人: 李伟 <li@x.com>\n发送时间: ...", "Reply."),
        ("Reply.\n-- \nPriya, Acme", "Reply."),
    ],
)
def test_the_quoted_history_is_cut_off_in_every_language(text, own):
    assert inbox.own_text(text) == own


@pytest.mark.parametrize(
    ("text", "outcome", "ambiguous"),
    [
        ("We would like to invite you to a second interview.", "invited", False),
        ("We are pleased to offer you the position.", "offer", False),
        ("Unfortunately we will not be moving forward.", "rejected", False),
        ("Thanks, we are still reviewing.", "heard", False),
        ("诚邀您参加复试。", "invited", False),
        ("很高兴向您发出录用通知。", "offer", False),
        ("很遗憾，您未能通过本次面试。", "rejected", False),
        ("हम आपको अगले दौर के लिए आमंत्रित करना चाहते हैं।", "invited", False),
        ("हमें आपको नौकरी का प्रस्ताव देते हुए खुशी है।", "offer", False),
        ("खेद है कि हम आगे नहीं बढ़ा सकते।", "rejected", False),
        # Words of two decisions: heard, and --yes leaves it to the user.
        ("Unfortunately the offer letter is delayed.", "heard", True),
        # A refusal that contains another decision's phrase is a refusal, in every language.
        (
            "Unfortunately we have decided not to move forward with your application.",
            "rejected",
            False,
        ),
        ("We have decided not to move forward with your application.", "rejected", False),
        ("We have decided to move forward with another candidate.", "rejected", False),
        ("हमें खेद है कि आपका चयन नहीं हुआ है।", "rejected", False),
        ("हमें बताते हुए खुशी है कि आपका चयन हो गया है।", "offer", False),
        # What the quoted history says does not count.
        ("Still reviewing.\n\nOn Mon, Li wrote:\n> Unfortunately I was late", "heard", False),
    ],
)
def test_the_decision_is_read_from_the_replys_own_words(text, outcome, ambiguous):
    assert inbox.decide(text) == (outcome, ambiguous)


def test_the_phrase_files_have_every_decision_in_every_language():
    folder = config.packaged("phrases")
    for lang in inbox.LANGS:
        found = inbox.read_phrases(folder)
        assert all(found[name] for name in inbox.DECISIONS), lang
        text = (folder / f"{lang}.txt").read_text(encoding="utf-8")
        assert all(f"[{name}]" in text for name in inbox.DECISIONS), lang


def test_a_thread_match_wins_over_the_sender_and_names_the_interview_it_answers():
    one, two = interview(1, "a@acme.example"), interview(2, "a@acme.example", at=AT + timedelta(1))
    sent = [records.Message(1, "thanks", "<t1@li>", "a@acme.example", "send", AT)]
    invite = "We would like to invite you to a second interview."
    (proposal,) = inbox.propose(
        [mail("a@acme.example", invite, refers=("<other@x>", "<t1@li>"))], [one, two], sent,
        seen=set(),
    )  # fmt: skip
    assert (proposal.interview.id, proposal.match, proposal.sure) == (1, "thread", True)
    # A reply in the thread that names no decision may be a refusal in other words: --yes
    # leaves it to the user.
    (proposal,) = inbox.propose(
        [mail("a@acme.example", refers=("<t1@li>",))], [one, two], sent, seen=set()
    )
    assert (proposal.outcome, proposal.match, proposal.sure) == ("heard", "thread", False)
    # Without the thread: the sender's latest interview held before the message.
    (proposal,) = inbox.propose([mail("a@acme.example")], [one, two], [], seen=set())
    assert (proposal.interview.id, proposal.match, proposal.sure) == (2, "sender", False)


def test_a_recruiter_matches_and_a_domain_matches_but_never_a_public_providers():
    acme = interview(1, "priya@acme.example", recruiter="hr.acme@gmail.com")
    found = inbox.propose(
        [mail("hr.acme@gmail.com", days=1), mail("boss@acme.example", days=2),
         mail("someone@gmail.com", days=3), mail("news@shop.example", days=4)],
        [acme], [], seen=set(),
    )  # fmt: skip
    assert [(p.mail.sender.email, p.match) for p in found] == [
        ("hr.acme@gmail.com", "sender"),
        ("boss@acme.example", "domain"),
    ]


def test_seen_own_and_early_messages_are_not_proposed_and_duplicates_once():
    acme = interview(1, "priya@acme.example")
    mails = [
        mail("priya@acme.example", ident="<seen@x>"),
        mail("li@example.com"),  # the user's own
        mail("priya@acme.example", days=-1),  # before the interview
        mail("priya@acme.example", ident="<twice@x>", days=3),
        mail("priya@acme.example", ident="<twice@x>", days=3),
    ]
    found = inbox.propose(mails, [acme], [], seen={"<seen@x>"}, own=["LI@example.com"])
    assert [p.mail.message_id for p in found] == ["<twice@x>"]


def test_a_message_without_a_message_id_gets_a_stable_one_and_one_without_sender_is_left():
    data = (
        b"From: Priya <priya@acme.example>\r\nDate: Mon, 16 Nov 2026 10:00:00 +0000\r\n\r\nHi\r\n"
    )
    first, second = inbox.parse(data), inbox.parse(data)
    assert first is not None and first.message_id == second.message_id  # type: ignore[union-attr]
    assert first.message_id.endswith("@followup.invalid>")
    assert inbox.parse(b"Subject: no sender\r\n\r\nHi\r\n") is None
    assert inbox.parse(b"From: a@b.example\r\nDate: not a date\r\n\r\nHi\r\n") is None


def test_an_html_only_reply_is_read_as_text():
    data = (
        b"From: Priya <priya@acme.example>\r\nDate: Mon, 16 Nov 2026 10:00:00 +0000\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p>We are <b>pleased to offer</b> you&nbsp;the role.</p><style>p{}</style>"
    )
    parsed = inbox.parse(data)
    assert parsed is not None
    assert inbox.decide(parsed.text) == ("offer", False)
    assert "<b>" not in inbox.excerpt(parsed.text)


def test_a_body_without_a_charset_is_read_as_utf8():
    data = (
        "From: Li <li@acme.example>\r\nDate: Mon, 16 Nov 2026 10:00:00 +0800\r\n"
        "Message-ID: <r1@acme>\r\nSubject: Re\r\nContent-Type: text/plain\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n很遗憾，您未能通过本次面试。\r\n"
    ).encode()
    found = inbox.parse(data)
    assert found is not None and "很遗憾" in found.text
    assert inbox.decide(found.text) == ("rejected", False)


def test_saved_mail_that_is_not_a_file_or_too_large_is_refused_before_reading(
    tmp_path, monkeypatch
):
    from followup.errors import FollowupError

    with pytest.raises(FollowupError, match="/dev/zero is not a file"):
        inbox.read_saved(Path("/dev/zero"))
    big = tmp_path / "big.mbox"
    big.write_bytes(b"From x\n")
    monkeypatch.setattr(inbox, "MAX_MAIL_BYTES", 3)
    with pytest.raises(FollowupError, match="is larger than"):
        inbox.read_saved(big)
