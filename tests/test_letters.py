"""What each letter says for ordinary user text, in all three languages (issue 12's classes).

These call the core directly with fixed instants: no store, no clock."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup import drafts, records, rules

LANGS = ["en", "zh", "hi"]
TZ = ZoneInfo("Asia/Kolkata")
NOW = datetime(2026, 11, 21, 6, 0, tzinfo=timezone.utc)
P = records.Person
PROFILE = records.Profile(name="Li Wei", email="li.wei@example.com", phone="+86 138 0000 0000")


def interview(**changes) -> records.Interview:
    base = records.Interview(
        id=7,
        company="Acme",
        role="Support Engineer",
        at=datetime(2026, 11, 20, 15, 0, tzinfo=TZ).astimezone(timezone.utc),
        contacts=(P("Wang Fang", "wang.fang@example.cn"),),
        recruiters=(P("Ana Ruiz", "ana@acme.example"),),
    )
    return base._replace(**changes)


def compose(kind, item, lang, *, profile=PROFILE, reason="", now=NOW):
    return drafts.compose(
        kind,
        item,
        profile,
        tz=TZ,
        now=now,
        user_dir=Path("/nonexistent-user-templates"),
        lang=lang,
        reason=reason,
    )


def letter(kind, item, lang, **kw) -> str:
    (mail,) = compose(kind, item, lang, **kw).drafts
    return mail.subject + "\n" + mail.body


# -- Hindi agreement and forms of address ---------------------------------------------------


@pytest.mark.parametrize(
    "strength",
    [
        "ग्राहकों से धैर्यपूर्वक बात करने की आदत",  # feminine
        "तीन साल का अनुभव",  # masculine, ends in का
        "ग्राहक सेवा और बिक्री के कई प्रमाणपत्र",  # plural
    ],
)
@pytest.mark.parametrize("kind", ["thanks", "check"])
def test_hindi_puts_the_strength_where_nothing_has_to_agree_with_it(strength, kind):
    text = letter(kind, interview(strength=strength), "hi")
    assert f": {strength}।" in text
    after = text.split(strength, 1)[1]
    assert not re.match(r"\s*(को|का|की|के|ने|आएगा|आएगी|आएँगे)", after)


@pytest.mark.parametrize("kind", ["thanks", "check", "decline"])
def test_hindi_addresses_with_respect_and_marks_nobody_s_gender(kind):
    for item in (interview(), interview(events=(rules.Event("done", "check", NOW),))):
        text = letter(kind, item, "hi")
        greeting = text.split("\n")[1]
        assert greeting.startswith("आदरणीय ") and greeting.endswith("जी,"), greeting
        for gendered in ("होंगे", "सकते हैं", "रहूँगा", "रहूँगी", "रहा हूँ", "रही हूँ", "प्रिय"):
            assert gendered not in text, (gendered, text)
        assert "सकुशल हैं" in text or kind != "check"


def test_hindi_adds_ji_once_to_a_name_typed_with_it():
    people = (P("शर्मा जी", "a@x.in"), P("Rahul ji", "b@x.in"), P("Priya", "c@x.in"))
    text = letter("decline", interview(contacts=people), "hi")
    assert "आदरणीय शर्मा जी, Rahul ji और Priya जी," in text


# -- Chinese register --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["thanks", "check", "decline"])
def test_chinese_names_the_company_once_then_says_gui_gongsi(kind):
    text = letter(kind, interview(company="华为技术有限公司"), "zh")
    assert text.count("华为技术有限公司") == 1, text
    assert "贵公司" in text or kind == "check"
    for translated in ("更加向往", "把经验带到团队中", "期待您关于下一步安排的消息", "带到团队中"):
        assert translated not in text


@pytest.mark.parametrize("kind", ["thanks", "check"])
def test_chinese_closing_thanks_again_and_looks_forward_to_a_reply(kind):
    body = letter(kind, interview(), "zh")
    closing = body.split("此致")[0].strip().split("\n")[-1]
    assert "再次感谢" in closing and "期待" in closing and "回复" in closing


def test_chinese_to_a_group_says_gewei_never_nin():
    panel = (P("王芳", "a@x.cn"), P("李明", "b@x.cn"), P("张伟", "c@x.cn"))
    text = letter("decline", interview(contacts=panel), "zh")
    assert "尊敬的王芳、李明、张伟：" in text and "各位好！" in text
    assert "您" not in text


# -- times ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "zh", "hi"),
    [(9, "上午9:00", "सुबह 9 बजे"), (15, "下午3:00", "दोपहर 3 बजे"), (19, "晚上7:00", "शाम 7 बजे")],
)
def test_the_thank_you_says_the_time_in_words(hour, zh, hi):
    at = datetime(2026, 11, 20, hour, 0, tzinfo=TZ).astimezone(timezone.utc)
    assert f"于2026年11月20日{zh}参加了" in letter("thanks", interview(at=at), "zh")
    assert f"20 नवंबर 2026 को {hi} " in letter("thanks", interview(at=at), "hi")
    assert not re.search(r"\d:\d\d ?(am|pm)", letter("thanks", interview(at=at), "hi"))


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("", "on November 20, 2026, at 3:00 PM"),
        ("en_GB", "on 20 November 2026 at 15:00"),
        ("en_IN", "on 20 November 2026 at 3:00 PM"),
    ],
)
def test_english_date_order_follows_the_profile_region(region, expected):
    text = letter("thanks", interview(), "en", profile=PROFILE._replace(locale=region))
    assert expected in text


# -- joins that break on ordinary text -----------------------------------------------------

SENTENCES = {
    "en": "I have three years of bilingual support experience",
    "zh": "我有三年双语客服经验",
    "hi": "मेरे पास तीन साल का द्विभाषी ग्राहक सेवा अनुभव है",
}


def test_a_strength_sentence_typed_in_lower_case_starts_with_a_capital():
    text = letter("thanks", interview(strength="i have run a help desk for three years"), "en")
    assert "this role. I have run a help desk for three years. I am confident" in text
    assert "that i have" not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["thanks", "check"])
def test_a_strength_typed_as_a_sentence_reads_as_a_sentence(lang, kind):
    strength = SENTENCES[lang]
    text = letter(kind, interview(strength=strength), lang)
    stop = {"en": ".", "zh": "。", "hi": "।"}[lang]
    assert strength + stop in text
    before = text.split(strength)[0]
    assert before.endswith((". ", "。", "। ")), before[-20:]


ROLES = {
    "en": ("Customer Service Position", "position"),
    "zh": ("客服岗位", "岗位"),
    "hi": ("ग्राहक सेवा अधिकारी पद", "पद"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["thanks", "check", "decline"])
def test_a_role_ending_in_the_position_word_gets_no_second_one(lang, kind):
    role, word = ROLES[lang]
    text = letter(kind, interview(role=role), lang)
    assert role in text
    assert not re.search(rf"{word}\s*{word}", text, re.IGNORECASE), text
    assert not re.search(r"position (position|role)", text, re.IGNORECASE)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["thanks", "check", "decline"])
def test_a_company_and_a_reason_ending_in_a_full_stop_get_no_second_one(lang, kind):
    reason = {"en": "I have accepted another offer.", "zh": "我已接受了其他公司的录用。"}
    reason["hi"] = "मैंने किसी अन्य कंपनी का प्रस्ताव स्वीकार कर लिया है।"
    item = interview(company="Acme Ltd.")
    text = letter(kind, item, lang, **({"reason": reason[lang]} if kind == "decline" else {}))
    assert "Acme Ltd." in text
    for doubled in ("..", ".。", "。。", "।।", ".।"):
        assert doubled not in text, (doubled, text)


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        ("en", "i have accepted another offer", " I have accepted another offer.\n"),
        ("zh", "我已接受了其他公司的录用", "我已接受了其他公司的录用。\n"),
        ("hi", "मैंने दूसरा प्रस्ताव स्वीकार कर लिया है", " मैंने दूसरा प्रस्ताव स्वीकार कर लिया है।\n"),
    ],
)
def test_a_reason_starts_with_a_capital_and_ends_with_the_language_full_stop(lang, typed, expected):
    assert expected in letter("decline", interview(), lang, reason=typed)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("typed", ['"escalations"', "“escalations”", "「escalations」"])
def test_quotation_marks_around_a_topic_are_not_doubled(lang, typed):
    text = letter("thanks", interview(topic=typed), lang)
    assert "escalations" in text
    assert not re.search(r"[\"“”「」][\"“”「」]", text), text
    assert text.count("“") <= 1


# -- hints in the letter's language ----------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "example"),
    [("en", "I have accepted another offer."), ("zh", "录用"), ("hi", "प्रस्ताव")],
)
def test_the_missing_reason_hint_gives_an_example_in_the_letter_language(lang, example):
    (warning,) = [w for w in compose("decline", interview(), lang).warnings if "--reason" in w]
    assert example in warning


@pytest.mark.parametrize("lang", ["zh", "hi"])
def test_the_missing_material_hints_are_in_the_letter_language(lang):
    warnings = compose("thanks", interview(), lang).warnings
    for option in ("--topic", "--strength", "--idea"):
        (hint,) = [w for w in warnings if option in w]
        example = hint.split(f"{option} '")[1]
        assert not re.search(r"[a-z]{4}", example.replace("FAQ", "")), hint


@pytest.mark.parametrize(
    ("lang", "field", "text", "script"),
    [
        ("zh", "strength", "three years of bilingual support", "Latin"),
        ("hi", "topic", "how the team handles escalations", "Latin"),
        ("en", "idea", "建立共享的常见问题库", "Chinese"),
        ("en", "strength", "तीन साल का अनुभव", "Devanagari"),
    ],
)
def test_free_text_in_another_script_than_the_letter_is_warned(lang, field, text, script):
    warnings = compose("thanks", interview(**{field: text}), lang).warnings
    assert any(f"--{field} is written in {script} script" in w for w in warnings), warnings


def test_a_reason_in_another_script_is_warned():
    warnings = compose("decline", interview(), "hi", reason="I took another job").warnings
    assert any("--reason is written in Latin script" in w for w in warnings), warnings


def test_text_in_the_letter_script_is_not_warned():
    item = interview(topic="团队如何处理投诉", strength="三年Python经验", idea="建立知识库")
    assert not [w for w in compose("thanks", item, "zh").warnings if "script" in w]
