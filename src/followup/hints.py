"""Warnings about a letter, for its writer (never in it): what is late or early, what is
missing, and free text in another script than the letter's. Every example is given in the
letter's language, so that what the user pastes in reads right in the letter."""

from __future__ import annotations

from datetime import datetime, time, tzinfo

from followup import dates, records, render, rules, wording
from followup.i18n import _

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
                _(
                    "interview {id} has not happened yet (it starts {when}): send the "
                    "thank-you after it."
                ).format(id=ident, when=dates.show(interview.at, tz))
            )
        thanks = pending.get("thanks")
        if thanks and thanks.deadline and now > thanks.deadline:
            warn(
                _(
                    "the thank-you was due {when} ({relative}): late, but still worth sending "
                    "today."
                ).format(
                    when=dates.show(thanks.deadline, tz),
                    relative=dates.relative(thanks.deadline, now),
                )
            )
        if interview.at.astimezone(held).time() == time(0):
            warn(
                _(
                    "interview {id} has no time of day, so the thank-you names only its date: "
                    "{command}"
                ).format(
                    id=ident,
                    command=f"followup edit {ident} --at "
                    f"'{interview.at.astimezone(held):%Y-%m-%d} HH:MM'",
                )
            )
        for field, value, why in (
            (
                "topic",
                interview.topic or interview.topic_for,
                _("the thank-you is stronger with something specific you discussed: {command}"),
            ),
            (
                "strength",
                interview.strength_or_reflected,
                _("the thank-you is stronger with the strength you bring to the role: {command}"),
            ),
            (
                "idea",
                interview.idea_or_reflected,
                _("the thank-you is stronger with a new thought about the role: {command}"),
            ),
        ):
            if not value:
                warn(
                    why.format(command=f"followup edit {ident} --{field} '{EXAMPLES[field][lang]}'")
                )
    elif kind == "check":
        check = pending.get("check")
        if check and now < check.opens:
            warn(
                _(
                    "too early: wait until {when} ({relative}) before asking for news, so as "
                    "not to disturb the recruiter while they decide."
                ).format(
                    when=dates.show(check.opens, tz), relative=dates.relative(check.opens, now)
                )
            )
        if assessment.status not in ("awaiting", "scheduled", "ghosted"):
            warn(
                _("interview {id} already has a result ({result}).").format(
                    id=ident, result=render.status(assessment.status)
                )
            )
    for option, value, missing in (
        ("--name", profile.name, _("your profile has no name to sign with: {command}")),
        ("--email", profile.email, _("your profile has no email to sign with: {command}")),
        ("--phone", profile.phone, _("your profile has no phone to sign with: {command}")),
    ):
        if not value:
            warn(missing.format(command=f"followup profile {option} '...'"))
    if not interview.contacts and not interview.recruiters:
        warn(
            _("interview {id} has no contact address: {command} (or --recruiter)").format(
                id=ident, command=f"followup edit {ident} --contact 'Name <email>'"
            )
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
            _("a short honest reason makes a decline kinder: {option}").format(
                option=f"--reason '{EXAMPLES['reason'][lang]}'"
            )
        ]
    script = wording.other_script(reason, lang)
    return [_script_warning("--reason", script, lang)] if script else []


def _script_warning(option: str, script: str, lang: str) -> str:
    return _(
        "{option} is written in {script} script but the letter is in {language}; it is used "
        "as typed, so check how it reads (or draft with --lang)."
    ).format(option=option, script=_(script), language=_(wording.LANG_NAMES[lang]))
