"""The golden corpus: for each language, each kind and a matrix of ordinary inputs, the whole
letter a careful native writer would send is kept in ``tests/golden/LANG/CASE.txt`` and the
templates must produce it exactly. The files are the reference; a change of wording is a
change of those files, read aloud before it is committed.

Every letter in the corpus is also checked for what issue "draft the three emails" asks of
it, for left-over placeholders, doubled words or punctuation, and for sentences in another
language than the letter's (the user's own words aside)."""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup import drafts, records, rules

GOLDEN = Path(__file__).parent / "golden"
TZ = ZoneInfo("Asia/Kolkata")
P = records.Person
PROFILE = records.Profile(name="Li Wei", email="li.wei@example.com", phone="+91 98765 43210")
AT = datetime(2026, 11, 20, 15, 0, tzinfo=TZ)
AFTER_THANKS = datetime(2026, 11, 21, 6, 0, tzinfo=timezone.utc)
AFTER_WEEK = datetime(2026, 11, 30, 6, 0, tzinfo=timezone.utc)
FIRST_CHECK = datetime(2026, 11, 27, 5, 0, tzinfo=timezone.utc)

# What a user of each language types: the same interview, told in that language.
TEXT = {
    "en": {
        "company": "Acme",
        "role": "Support Engineer",
        "people": [("Wang Fang", "wang.fang@example.cn"), ("Ana Ruiz", "ana@acme.example")],
        "topic": "how the team handles escalations",
        "strength": "three years of bilingual customer support",
        "idea": "a shared FAQ could cut repeat tickets",
        "reason": "I have accepted another offer",
        "sentence": "I have handled customer escalations in two languages for three years",
        "position_role": "Customer Service Position",
        "ltd": "Acme Ltd.",
        "lower_reason": "i have accepted an offer closer to home",
        "panel": [
            ("Wang Fang", "wang.fang@example.cn", "the ticket queue"),
            ("Rahul Mehta", "rahul@acme.example", "the on-call rota"),
            ("Priya Nair", "priya@acme.example", "how new hires are trained"),
        ],
    },
    "zh": {
        "company": "华为技术有限公司",
        "role": "客服专员",
        "people": [("王芳", "wang.fang@example.cn"), ("张敏", "hr@example.cn")],
        "topic": "团队如何处理客户投诉升级",
        "strength": "三年双语客服经验",
        "idea": "建立共享的常见问题库，可以减少重复工单",
        "reason": "我已接受了另一家公司的录用",
        "sentence": "我有三年双语客服经验，处理过大量客户投诉",
        "position_role": "客服岗位",
        "ltd": "Acme Ltd.",
        "lower_reason": "我已接受了离家更近的一份工作",
        "panel": [
            ("王芳", "wang.fang@example.cn", "工单队列的管理"),
            ("李明", "li.ming@example.cn", "夜班值守的安排"),
            ("张伟", "zhang.wei@example.cn", "新员工的培训方式"),
        ],
    },
    "hi": {
        "company": "इन्फ़ोटेक सॉल्यूशंस",
        "role": "ग्राहक सेवा अधिकारी",
        "people": [("अनीता शर्मा", "anita@infotech.example"), ("राहुल वर्मा", "hr@infotech.example")],
        "topic": "टीम ग्राहकों की शिकायतें कैसे सुलझाती है",
        "strength": "तीन साल का द्विभाषी ग्राहक सेवा अनुभव",
        "idea": "एक साझा FAQ से बार-बार आने वाले सवाल कम हो सकते हैं",
        "reason": "मैंने किसी अन्य कंपनी का प्रस्ताव स्वीकार कर लिया है",
        "sentence": "मेरे पास तीन साल तक दो भाषाओं में ग्राहकों की शिकायतें सुलझाने का अनुभव है",
        "position_role": "ग्राहक सेवा अधिकारी पद",
        "ltd": "Acme Ltd.",
        "lower_reason": "मैंने घर के पास की एक नौकरी स्वीकार कर ली है",
        "feminine": "ग्राहकों की बात धैर्य से सुनने की आदत",
        "plural": "हिंदी, अंग्रेज़ी और तमिल में बातचीत के कौशल",
        "panel": [
            ("अनीता शर्मा", "anita@infotech.example", "टिकट कतार का प्रबंधन"),
            ("सुरेश नायर", "suresh@infotech.example", "रात की शिफ़्ट की व्यवस्था"),
            ("प्रिया मेनन", "priya@infotech.example", "नए कर्मचारियों का प्रशिक्षण"),
        ],
    },
}


def _case(lang: str, case: str) -> tuple[records.Interview, str, datetime]:
    """The interview, the reason and the moment of drafting for one case of the matrix."""
    t = TEXT[lang]
    (name, email), (hr_name, hr_email) = t["people"]
    item = records.Interview(
        id=12,
        company=t["company"],
        role=t["role"],
        at=AT.astimezone(timezone.utc),
        contacts=(P(name, email),),
        recruiters=(P(hr_name, hr_email),),
    )
    reason = ""
    if case == "full":
        item = item._replace(
            topic=t["topic"],
            strength=t["strength"],
            idea=t["idea"],
            decision_by=datetime(2026, 11, 27).date(),
            events=(rules.Event("result", "invited", AFTER_THANKS),),
        )
        reason = t["reason"]
    elif case in ("sentence", "feminine", "plural"):
        item = item._replace(strength=t[case])
    elif case == "position":
        item = item._replace(role=t["position_role"])
    elif case == "ltd":
        item = item._replace(company=t["ltd"])
        reason = t["reason"] + {"en": ".", "zh": "。", "hi": "।"}[lang]
    elif case == "lower":
        reason = t["lower_reason"]
    elif case == "panel":
        item = item._replace(
            topic=t["topic"],
            contacts=tuple(P(n, e) for n, e, _ in t["panel"]),
            topic_for=tuple((e, topic) for _, e, topic in t["panel"]),
        )
    elif case == "nameless":
        item = item._replace(contacts=(P("", "interview@example.org"),), recruiters=())
    elif case in ("morning", "evening"):
        hour = 10 if case == "morning" else 18
        item = item._replace(at=AT.replace(hour=hour, minute=30).astimezone(timezone.utc))
    return item, reason, AFTER_THANKS


KINDS = {
    "full": ["thanks", "check", "check2", "decline"],
    "none": ["thanks", "check", "check2", "decline"],
    "sentence": ["thanks", "check"],
    "feminine": ["thanks", "check"],
    "plural": ["thanks", "check"],
    "position": ["thanks", "check", "decline"],
    "ltd": ["thanks", "check", "decline"],
    "lower": ["decline"],
    "panel": ["thanks", "decline"],
    "nameless": ["thanks", "decline"],
    "morning": ["thanks"],
    "evening": ["thanks"],  # "full" and "none" are at 15:00, the afternoon
}
MATRIX = [
    (lang, case, kind)
    for lang in TEXT
    for case, kinds in KINDS.items()
    for kind in kinds
    if lang == "hi" or case not in ("feminine", "plural")
]


def letters(lang: str, case: str, kind: str) -> tuple[str, list[str]]:
    """The letters of one cell, as a file holds them (headers, blank line, body), and the
    user's own words that may stand in another script."""
    item, reason, now = _case(lang, case)
    if kind == "check2":
        item = item._replace(events=(*item.events, rules.Event("done", "check", FIRST_CHECK)))
    if kind.startswith("check"):
        now = AFTER_WEEK
    drafted = drafts.compose(
        kind.rstrip("2"),
        item,
        PROFILE,
        tz=TZ,
        now=now,
        user_dir=Path("/nonexistent-user-templates"),
        lang=lang,
        reason=reason if kind == "decline" else "",
    )
    parts = []
    for mail in drafted.drafts:
        head = [f"To: {', '.join(map(str, mail.to))}"]
        if mail.cc:
            head.append(f"Cc: {', '.join(map(str, mail.cc))}")
        head.append(f"Subject: {mail.subject}")
        parts.append("\n".join(head) + "\n\n" + mail.body)
    own = [item.company, item.role, item.topic or "", item.strength or "", item.idea or ""]
    own += [reason] + [t for _, t in item.topic_for]
    own += [p.name for p in (*item.contacts, *item.recruiters)]
    return "\n---\n\n".join(parts), [w for w in own if w]


def golden_path(lang: str, case: str, kind: str) -> Path:
    return GOLDEN / lang / f"{case}-{kind}.txt"


@pytest.mark.parametrize(("lang", "case", "kind"), MATRIX)
def test_the_letter_is_the_one_kept_in_the_corpus(lang, case, kind):
    text, _ = letters(lang, case, kind)
    expected = golden_path(lang, case, kind).read_text(encoding="utf-8")
    assert text == expected


def test_every_file_of_the_corpus_is_in_the_matrix():
    kept = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.txt")}
    assert kept == {f"{lang}/{case}-{kind}.txt" for lang, case, kind in MATRIX}


REQUIRED = {
    # issue "draft the three emails": the name, the interview's date and the role at the
    # start, interest (and strength) in the body, contact details in the signature
    "thanks": ["Li Wei", "+91 98765 43210", "li.wei@example.com"],
    "check": ["Li Wei", "+91 98765 43210", "li.wei@example.com"],
    "decline": ["Li Wei", "+91 98765 43210", "li.wei@example.com"],
}
DATES = {"en": "November 20, 2026", "zh": "2026年11月20日", "hi": "20 नवंबर 2026"}


@pytest.mark.parametrize(("lang", "case", "kind"), MATRIX)
def test_every_letter_keeps_its_elements_and_nothing_broken(lang, case, kind):
    text, own = letters(lang, case, kind)
    for mail in text.split("\n---\n\n"):
        body = mail.split("\n\n", 1)[1]
        for element in REQUIRED[kind.rstrip("2")]:
            assert element in body, element
        if kind != "decline":
            assert DATES[lang] in body
        assert _role_named(mail, lang, case)
        for marker in ("{{", "}}", "{%", "%}", "None", "  ", " ,", " .", " ।", " 。"):
            assert marker not in mail, marker
        for doubled in ("..", "。。", "।।", "，，", ",,", "：：", "::", "。.", ".。", "।."):
            assert doubled not in mail.replace("...", ""), doubled
        words = re.findall(r"[\w\u0900-\u097f-]+", mail)
        assert not [a for a, b in itertools.pairwise(words) if a == b and not a.isdigit()], mail
        assert not re.search(r"[\"“”「」][\"“”「」]", mail)
        _only_the_letter_language(mail, lang, own)


def _role_named(mail: str, lang: str, case: str) -> bool:
    role = TEXT[lang]["position_role"] if case == "position" else TEXT[lang]["role"]
    subject = mail.split("Subject: ", 1)[1].split("\n", 1)[0]
    return role in subject and role in mail.split("\n\n", 1)[1]


_FOREIGN = {
    "en": r"[\u3400-\u9fff\u0900-\u097f]",
    "zh": r"[A-Za-z\u0900-\u097f]",
    "hi": r"[A-Za-z\u3400-\u9fff]",
}


def _only_the_letter_language(mail: str, lang: str, own: list[str]) -> None:
    """No word of another language once the headers, the user's own words, names,
    addresses and phone are taken out."""
    body = mail.split("\n\n", 1)[1]
    for words in sorted(own, key=len, reverse=True):
        body = body.replace(words.rstrip(".。।"), "")
    body = re.sub(r"\S+@\S+|\+[\d ]+|Li Wei|Ltd\.|FAQ", "", body)
    assert not re.search(_FOREIGN[lang], body), body
