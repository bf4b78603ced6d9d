"""How each letter language says things, so that any reasonable user text joins cleanly.

Pure functions over strings: times of day in words (Hindi सुबह/दोपहर/शाम/रात ... बजे, Chinese
上午/中午/下午/晚上), the position word that a role may already end in, sentences closed with
the language's own full stop, quotation marks the user typed, and which script a text is in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time

from followup.i18n import N_

LANGS = ("en", "zh", "hi")
FULL_STOP = {"en": ".", "zh": "。", "hi": "।"}
END_MARKS = ".!?\u3002\uff01\uff1f\u0964\u2026"  # . ! ? and the CJK, Devanagari and ellipsis ones
# English date order follows the region: 20 November 2026 (en_GB, en_IN), November 20 (en_US).
LOCALES = ("en_GB", "en_US", "en_IN", "zh_CN", "hi_IN")
DEFAULT_LOCALE = {"en": "en_US", "zh": "zh_CN", "hi": "hi_IN"}
_ENGLISH_FOR = {"hi_IN": "en_IN", "zh_CN": "en_US"}

# A role that already ends in the word for position keeps it as it is.
_POSITION = {
    "en": re.compile(r"\b(position|role|post|job|opening|vacancy)$", re.IGNORECASE),
    "zh": re.compile(r"(岗位|岗|职位|职务)$"),
    "hi": re.compile(r"(पद|पोस्ट)$"),
}
_QUOTES = {
    '"': '"',
    "'": "'",
    "\u201c": "\u201d",
    "\u2018": "\u2019",
    "「": "」",
    "『": "』",
    "«": "»",
}
_SCRIPTS = {
    "en": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "zh": re.compile(r"[\u3400-\u9fff\uf900-\ufaff]"),
    "hi": re.compile(r"[\u0900-\u097f]"),
}
SCRIPT_NAMES = {"en": N_("Latin"), "zh": N_("Chinese"), "hi": N_("Devanagari")}  # _() when shown
LANG_NAMES = {"en": N_("English"), "zh": N_("Chinese"), "hi": N_("Hindi")}


def locale_for(lang: str, profile_locale: str = "") -> str:
    """The Babel locale of a letter in ``lang``: the profile's region decides English dates."""
    if lang != "en":
        return DEFAULT_LOCALE[lang]
    if profile_locale.startswith("en_"):
        return profile_locale
    return _ENGLISH_FOR.get(profile_locale, "en_US")


def long_date(day: date, lang: str, profile_locale: str = "") -> str:
    from babel.dates import format_date

    return format_date(day, "long", locale=locale_for(lang, profile_locale))


def time_of_day(moment: time, lang: str, profile_locale: str = "") -> str:
    """The time as the language writes it in a letter: "3:00 PM" or "15:00" (by region),
    "下午3:00", "दोपहर 3 बजे" / "सुबह 11:30 बजे"."""
    hour, minute = moment.hour, moment.minute
    twelve = hour % 12 or 12
    if lang == "zh":
        part = (
            "凌晨"
            if hour < 5
            else "上午"
            if hour < 12
            else "中午"
            if hour < 13
            else "下午"
            if hour < 18
            else "晚上"
        )
        return f"{part}{twelve}:{minute:02d}"
    if lang == "hi":
        part = "सुबह" if 4 <= hour < 12 else "दोपहर" if hour < 16 else "शाम" if hour < 20 else "रात"
        return f"{part} {_hindi_clock(twelve, minute)} बजे"
    from babel.dates import format_time

    # CLDR puts a narrow no-break space before AM/PM, which some mail clients garble.
    text = format_time(moment, "short", locale=locale_for(lang, profile_locale))
    return text.replace("\u202f", " ")


def _hindi_clock(twelve: int, minute: int) -> str:
    """The hour as Hindi says it: 3, सवा 3, साढ़े 3 (डेढ़, ढाई), पौने 4, else 3:20."""
    if minute == 0:
        return str(twelve)
    if minute == 30:
        return {1: "डेढ़", 2: "ढाई"}.get(twelve, f"साढ़े {twelve}")
    if minute == 15:
        return f"सवा {twelve}"
    if minute == 45:
        return f"पौने {twelve % 12 + 1}"
    return f"{twelve}:{minute:02d}"


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def unquoted(text: str) -> str:
    """Text without the quotation marks the user put around all of it."""
    text = text.strip()
    while len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text


def phrase(text: str | None) -> str:
    """Free text used inside a sentence: one line, unquoted, without a full stop of its own."""
    return unquoted(one_line(text).rstrip(END_MARKS).strip()).rstrip(END_MARKS).strip()


def sentence(text: str | None, lang: str, *, capital: bool = True) -> str:
    """Free text as a sentence of a ``lang`` letter: a capital first letter (Latin script;
    not after a colon, ``capital=False``) and the language's own full stop, never a second one."""
    text = one_line(text)
    if not text:
        return ""
    if capital and text[0].islower():
        text = text[0].upper() + text[1:]
    stop = FULL_STOP[lang]
    last = text[-1]
    if lang == "hi" and last == "." and _SCRIPTS["hi"].match(text[-2:-1] or "x"):
        return text[:-1] + stop  # a Devanagari sentence typed with a Latin full stop
    if lang == "zh" and last == "." and _SCRIPTS["zh"].match(text[-2:-1] or "x"):
        return text[:-1] + stop
    if last in END_MARKS:
        return text
    if lang != "en" and last.isascii() and not _SCRIPTS[lang].search(text):
        return text + "."  # a Latin-script sentence in another letter keeps a Latin stop
    return text + stop


# Words that open a clause about oneself: the strength is a sentence, not a noun phrase.
_SENTENCE_START = {
    "en": re.compile(r"^(I|I'm|I've|I'd|I’m|I’ve|My\s+\w+\s+(is|are|has|have))\b", re.IGNORECASE),
    "zh": re.compile(r"^我(?!的|们的)"),
    "hi": re.compile(r"^(मैं|मैंने|मुझे|मुझमें|मेरे पास)\s"),
}
_HINDI_VERB_END = re.compile(r"(है|हैं|हूँ|हूं|था|थी|थे|सकता|सकती|चुका|चुकी)$")


def is_sentence(text: str, lang: str) -> bool:
    """Whether the user wrote a whole sentence (about themself) rather than a noun phrase."""
    text = phrase(text)
    if not text:
        return False
    if any(pattern.match(text) for pattern in _SENTENCE_START.values()):
        return True
    return bool(_HINDI_VERB_END.search(text))


def position(role: str, lang: str) -> str:
    """The role with the language's word for position, unless it already ends in one:
    "Support Engineer position", "销售岗位", "मार्केटिंग एसोसिएट पद"."""
    role = phrase(role)
    if _POSITION[lang].search(role):
        return role
    return {"en": f"{role} position", "zh": f"{role}岗位", "hi": f"{role} पद"}[lang]


def join_names(names: Sequence[str], lang: str, *, more: bool = False) -> str:
    """Names as a greeting lists them; ``more`` when the team follows (commas only, the
    template adds "and team")."""
    if lang == "zh":
        return "、".join(names)
    if more:
        return ", ".join(names)
    if len(names) <= 1:
        return "".join(names)
    word = {"en": "and", "hi": "और"}[lang]
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def other_script(text: str, lang: str) -> str | None:
    """The script a free text is written in when it has no letter of the letter's own."""
    if not text or _SCRIPTS[lang].search(text):
        return None
    for other, pattern in _SCRIPTS.items():
        if other != lang and pattern.search(text):
            return SCRIPT_NAMES[other]
    return None


def tidy_punctuation(text: str) -> str:
    """A full stop the user typed before the template's own (``Ltd..``, ``。。``) is kept once;
    an ellipsis is left alone."""
    text = re.sub(r"(?<![.])\.\.(?![.])", ".", text)
    text = re.sub(r"([。！？])。", r"\1", text)
    return re.sub(r"([।?!])।", r"\1", text)
