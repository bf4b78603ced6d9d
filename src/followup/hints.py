"""Warnings about a letter, for its writer (never in it): what is late or early, what is
missing, and free text in another script than the letter's. Every example is given in the
letter's language, so that what the user pastes in reads right in the letter."""

from __future__ import annotations

from datetime import datetime, time, tzinfo

from followup import dates, records, rules, wording

EXAMPLES = {
    "topic": {
        "en": "how the team handles escalations",
        "zh": "团队如何处理客户投诉升级",
        "hi": "टीम शिकायतों को कैसे सुलझाती है",
    },
    "strength": {
        "en": "three years of bilingual support",
        "zh": "三年双语客服经验",
        "hi": "तीन साल का द्विभाषी ग्राहक सेवा अनुभव",
    },
    "idea": {
        "en": "a shared FAQ would cut repeat tickets",
        "zh": "建立共享的常见问题库，减少重复工单",
        "hi": "एक साझा FAQ से बार-बार आने वाले टिकट कम होंगे",
    },
    "reason": {
        "en": "I have accepted another offer.",
        "zh": "我已接受了另一家公司的录用。",
        "hi": "मैंने किसी अन्य कंपनी का प्रस्ताव स्वीकार कर लिया है।",
    },
}


def warnings(
    kind: str,
    interview: records.Interview,
    profile: records.Profile,
    *,
    tz: tzinfo,
    now: datetime,
    lang: str,
) -> list[str]:
    found: list[str] = []
    warn = found.append
    ident = interview.id
    assessment = rules.assess(interview.facts(), now, tz, profile.settings)
    pending = {a.action: a for a in assessment.pending}
    held = interview.tzinfo() or tz  # a date alone is midnight where the interview was held
    if kind == "thanks":
        if now < interview.at:
            warn(
                f"interview {ident} has not happened yet (it starts "
                f"{dates.show(interview.at, tz)}): send the thank-you after it."
            )
        thanks = pending.get("thanks")
        if thanks and thanks.deadline and now > thanks.deadline:
            warn(
                f"the thank-you was due {dates.show(thanks.deadline, tz)} "
                f"({dates.relative(thanks.deadline, now)}): late, but still worth sending today."
            )
        if interview.at.astimezone(held).time() == time(0):
            warn(
                f"interview {ident} has no time of day, so the thank-you names only its date: "
                f"followup edit {ident} --at '{interview.at.astimezone(held):%Y-%m-%d} HH:MM'"
            )
        for field, value, why in (
            ("topic", interview.topic or interview.topic_for, "something specific you discussed"),
            ("strength", interview.strength_or_reflected, "the strength you bring to the role"),
            ("idea", interview.idea_or_reflected, "a new thought about the role"),
        ):
            if not value:
                warn(
                    f"the thank-you is stronger with {why}: "
                    f"followup edit {ident} --{field} '{EXAMPLES[field][lang]}'"
                )
    elif kind == "check":
        check = pending.get("check")
        if check and now < check.opens:
            warn(
                f"too early: wait until {dates.show(check.opens, tz)} "
                f"({dates.relative(check.opens, now)}) before asking for news, so as not to "
                "disturb the recruiter while they decide."
            )
        if assessment.status not in ("awaiting", "scheduled", "ghosted"):
            warn(f"interview {ident} already has a result ({assessment.status}).")
    for option, value in (
        ("--name", profile.name),
        ("--email", profile.email),
        ("--phone", profile.phone),
    ):
        if not value:
            warn(f"your profile has no {option[2:]} to sign with: followup profile {option} '...'")
    if not interview.contacts and not interview.recruiters:
        warn(
            f"interview {ident} has no contact address: "
            f"followup edit {ident} --contact 'Name <email>' (or --recruiter)"
        )
    used: list[tuple[str, str]] = []
    if kind == "thanks":
        used += [("--topic", interview.topic or "")]
        used += [(f"--topic-for {email}", text) for email, text in interview.topic_for]
        used += [("--idea", interview.idea_or_reflected or "")]
    if kind in ("thanks", "check"):
        used += [("--strength", interview.strength_or_reflected or "")]
    for option, text in used:  # company and role names are often Latin in any letter
        script = wording.other_script(text, lang)
        if script:
            warn(_script_warning(option, script, lang))
    return found


def reason_warnings(reason: str, lang: str) -> list[str]:
    if not reason.strip():
        return [
            f"a short honest reason makes a decline kinder: --reason '{EXAMPLES['reason'][lang]}'"
        ]
    script = wording.other_script(reason, lang)
    return [_script_warning("--reason", script, lang)] if script else []


def _script_warning(option: str, script: str, lang: str) -> str:
    return (
        f"{option} is written in {script} script but the letter is in "
        f"{wording.LANG_NAMES[lang]}; it is used as typed, so check how it reads "
        f"(or draft with --lang)."
    )
