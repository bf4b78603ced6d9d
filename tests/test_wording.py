"""How each language joins the user's words into a letter: times, positions, full stops."""

from __future__ import annotations

from datetime import date, time

import pytest

from followup import wording


@pytest.mark.parametrize(
    ("at", "zh", "hi"),
    [
        (time(7, 0), "上午7:00", "सुबह 7 बजे"),
        (time(11, 30), "上午11:30", "सुबह साढ़े 11 बजे"),
        (time(12, 15), "中午12:15", "दोपहर सवा 12 बजे"),
        (time(12, 45), "中午12:45", "दोपहर पौने 1 बजे"),
        (time(13, 30), "下午1:30", "दोपहर डेढ़ बजे"),
        (time(14, 30), "下午2:30", "दोपहर ढाई बजे"),
        (time(10, 20), "上午10:20", "सुबह 10:20 बजे"),
        (time(15, 0), "下午3:00", "दोपहर 3 बजे"),
        (time(17, 45), "下午5:45", "शाम पौने 6 बजे"),
        (time(19, 0), "晚上7:00", "शाम 7 बजे"),
        (time(21, 0), "晚上9:00", "रात 9 बजे"),
    ],
)
def test_times_are_written_in_words_of_the_language(at, zh, hi):
    assert wording.time_of_day(at, "zh") == zh
    assert wording.time_of_day(at, "hi") == hi
    assert "am" not in hi.lower() and "pm" not in hi.lower()


@pytest.mark.parametrize(
    ("region", "day", "clock"),
    [
        ("", "November 20, 2026", "3:00 PM"),
        ("en_US", "November 20, 2026", "3:00 PM"),
        ("en_GB", "20 November 2026", "15:00"),
        ("en_IN", "20 November 2026", "3:00 PM"),
        ("hi_IN", "20 November 2026", "3:00 PM"),  # an English letter from India
    ],
)
def test_english_dates_follow_the_region(region, day, clock):
    assert wording.long_date(date(2026, 11, 20), "en", region) == day
    assert wording.time_of_day(time(15, 0), "en", region) == clock


def test_chinese_and_hindi_dates_whatever_the_region():
    for region in ("", "en_GB", "en_US"):
        assert wording.long_date(date(2026, 11, 20), "zh", region) == "2026年11月20日"
        assert wording.long_date(date(2026, 11, 20), "hi", region) == "20 नवंबर 2026"


@pytest.mark.parametrize(
    ("lang", "role", "expected"),
    [
        ("en", "Support Engineer", "Support Engineer position"),
        ("en", "Customer Service Position", "Customer Service Position"),
        ("en", "Team Lead role", "Team Lead role"),
        ("zh", "客服", "客服岗位"),
        ("zh", "客服岗位", "客服岗位"),
        ("zh", "销售岗", "销售岗"),
        ("zh", "产品经理职位", "产品经理职位"),
        ("hi", "ग्राहक सेवा", "ग्राहक सेवा पद"),
        ("hi", "ग्राहक सेवा अधिकारी पद", "ग्राहक सेवा अधिकारी पद"),
    ],
)
def test_a_role_ending_in_the_position_word_gets_no_second_one(lang, role, expected):
    assert wording.position(role, lang) == expected


@pytest.mark.parametrize(
    ("lang", "typed", "expected"),
    [
        ("en", "i have accepted another offer", "I have accepted another offer."),
        ("en", "I have accepted another offer.", "I have accepted another offer."),
        ("zh", "我已接受了其他公司的录用", "我已接受了其他公司的录用。"),
        ("zh", "我已接受了其他公司的录用。", "我已接受了其他公司的录用。"),
        ("zh", "我已接受了其他公司的录用.", "我已接受了其他公司的录用。"),
        ("hi", "मैंने दूसरा प्रस्ताव स्वीकार कर लिया है", "मैंने दूसरा प्रस्ताव स्वीकार कर लिया है।"),
        ("hi", "मैंने दूसरा प्रस्ताव स्वीकार कर लिया है।", "मैंने दूसरा प्रस्ताव स्वीकार कर लिया है।"),
        ("hi", "मैंने दूसरा प्रस्ताव स्वीकार कर लिया है.", "मैंने दूसरा प्रस्ताव स्वीकार कर लिया है।"),
    ],
)
def test_a_reason_is_a_sentence_with_a_capital_and_the_language_full_stop(lang, typed, expected):
    assert wording.sentence(typed, lang) == expected


@pytest.mark.parametrize(
    "typed",
    ['"escalations"', "“escalations”", "「escalations」", "'escalations'", "  “escalations.”  "],
)
def test_quotation_marks_around_a_topic_are_dropped(typed):
    assert wording.phrase(typed) == "escalations"


@pytest.mark.parametrize(
    ("lang", "text", "sentence"),
    [
        ("en", "I have three years of bilingual support", True),
        ("en", "three years of bilingual support", False),
        ("en", "i have three years of bilingual support", True),  # typed in lower case
        ("en", "my Mandarin is fluent", True),
        ("en", "it support for three years", False),
        ("zh", "我有三年双语客服经验", True),
        ("zh", "我的三年双语客服经验", False),
        ("zh", "三年双语客服经验", False),
        ("hi", "मेरे पास तीन साल का अनुभव है", True),
        ("hi", "मैं धैर्य से ग्राहकों की बात सुनती हूँ", True),
        ("hi", "ग्राहकों से धैर्यपूर्वक बात करने की आदत", False),
        ("hi", "तीन साल का अनुभव", False),
    ],
)
def test_a_strength_typed_as_a_sentence_is_told_from_a_noun_phrase(lang, text, sentence):
    assert wording.is_sentence(text, lang) is sentence


def test_a_full_stop_is_never_doubled():
    assert wording.tidy_punctuation("at Acme Ltd.. Thank you") == "at Acme Ltd. Thank you"
    assert wording.tidy_punctuation("Wait... what") == "Wait... what"
    assert wording.tidy_punctuation("录用。。") == "录用。"
    assert wording.tidy_punctuation("है।।") == "है।"


@pytest.mark.parametrize(
    ("lang", "text", "script"),
    [
        ("en", "三年双语客服经验", "Chinese"),
        ("en", "three years", None),
        ("zh", "three years of support", "Latin"),
        ("zh", "三年Python经验", None),
        ("hi", "three years", "Latin"),
        ("hi", "तीन साल का Python अनुभव", None),
        ("zh", "तीन साल", "Devanagari"),
    ],
)
def test_text_in_another_script_than_the_letter_is_named(lang, text, script):
    assert wording.other_script(text, lang) == script
