"""The reminder: the morning list as a message, sent on every channel of the profile.

:func:`compose` writes the digest (the same items as ``followup due``, each with its command)
in the profile's language; :func:`run` decides per channel with :func:`followup.schedule.plan`,
sends through Apprise or, for ``email``, through the SMTP settings of ``send``, and keeps a
mark only for the channels that took it. Apprise (the ``notify`` extra) is imported only
when something is sent. Secrets of the channels never leave here unmasked.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from followup import channels, records, rules, schedule
from followup.errors import FollowupError
from followup.i18n import _

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "followup: {n} to do today",
        "title_one": "followup: 1 thing to do today",
        "title_none": "followup: nothing due today",
        "evening": "followup: prepare for your interview with {companies}",
        "overdue": "Overdue",
        "due": "Due now",
        "upcoming": "Coming up",
        "by": "by",
        "opens": "from",
        "nothing": "Nothing is due. Enjoy the day.",
        "prep": "preparation",
        "reflect": "reflection",
        "thanks": "thank-you",
        "check": "status check",
        "check2": "2nd status check",
        "reply": "reply to invite",
        "sep": ", ",
        "line": "- {label}: {company}, {role} ({when})",
    },
    "zh": {
        "title": "followup：今天有 {n} 件事要做",
        "title_one": "followup：今天有 1 件事要做",
        "title_none": "followup：今天没有要做的事",
        "evening": "followup：准备与{companies}的面试",
        "overdue": "已逾期",
        "due": "现在要做",
        "upcoming": "即将到来",
        "by": "截止",
        "opens": "开始于",
        "nothing": "今天没有要做的事。",
        "prep": "面试准备",
        "reflect": "面试复盘",
        "thanks": "感谢信",
        "check": "询问进展",
        "check2": "再次询问进展",
        "reply": "回复邀请",
        "sep": "、",
        "line": "- {label}：{company}，{role}（{when}）",
    },
    "hi": {
        "title": "followup: आज {n} काम करने हैं",
        "title_one": "followup: आज 1 काम करना है",
        "title_none": "followup: आज कुछ भी बाकी नहीं है",
        "evening": "followup: {companies} के साथ इंटरव्यू की तैयारी करें",
        "overdue": "समय निकल गया",
        "due": "अभी करें",
        "upcoming": "आगे आने वाले",
        "by": "तक",
        "opens": "से",
        "nothing": "आज कुछ भी बाकी नहीं है।",
        "prep": "इंटरव्यू की तैयारी",
        "reflect": "इंटरव्यू पर विचार",
        "thanks": "धन्यवाद पत्र",
        "check": "स्थिति की जानकारी",
        "check2": "दूसरी बार स्थिति की जानकारी",
        "reply": "निमंत्रण का उत्तर",
        "sep": ", ",
        "line": "- {label}: {company}, {role} ({when})",
    },
}


@dataclass(frozen=True)
class Message:
    title: str
    body: str


def language(profile: records.Profile) -> str:
    """The interface's language (``profile --ui-lang``, ``LANG``) when it is not English,
    else the profile's, as ``stats`` reads it."""
    from followup import i18n

    if i18n.lang() != "en":
        return i18n.lang()
    return profile.lang if profile.lang in TEXT else "en"


def _label(action: rules.Action, t: dict[str, str]) -> str:
    return t["check2"] if action.action == "check" and action.number == 2 else t[action.action]


def _when(moment: datetime, lang: str, tz: tzinfo) -> str:
    from followup import render_learning

    return render_learning.local_when(moment.isoformat(), lang, tz)


def compose(
    plan: schedule.Plan,
    interviews: dict[int, records.Interview],
    tz: tzinfo,
    lang: str,
) -> Message:
    """The message for a plan: a title that says how many need doing today, then overdue,
    due now and coming up, each line with its command."""
    from followup import render

    t = TEXT[lang]
    if plan.kind == schedule.EVENING:
        companies = t["sep"].join(
            dict.fromkeys(interviews[i.interview_id].company for i in plan.items)
        )
        title = t["evening"].format(companies=companies)
    else:
        count = len(schedule.needs_doing(plan.items))
        title = t["title_none"] if not count else t["title_one"] if count == 1 else t["title"]
        title = title.format(n=count)
    lines: list[str] = []
    for state in rules.STATES:
        group = [i for i in plan.items if i.state == state]
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{t[state]} ({len(group)})")
        for item in group:
            interview = interviews[item.interview_id]
            action = item.action
            moment = action.opens if state == "upcoming" else action.due
            word = t["opens"] if state == "upcoming" or action.deadline is None else t["by"]
            day = _when(moment, lang, tz)
            when = f"{day} {word}" if lang == "hi" else f"{word} {day}"  # Hindi: postpositions
            line = t["line"].format(
                label=_label(action, t), company=interview.company, role=interview.role, when=when
            )
            lines.append(f"{line}\n  {render.next_step(action.action, interview.id)}")
    if not lines:
        lines.append(t["nothing"])
    return Message(title, "\n".join(lines) + "\n")


# -- sending -----------------------------------------------------------------------------


def send_email(message: Message, profile: records.Profile, now: datetime) -> None:
    """The digest to the user's own address, through the SMTP settings of ``send``."""
    from followup import drafts, send

    me = records.Person(profile.name, profile.email)
    draft = drafts.Draft("remind", language(profile), (me,), (), message.title, message.body)
    secret = send.password(profile)
    send.check_ready([draft], profile, secret, 0)
    with send.connect(profile, secret) as outbox:
        outbox.send([draft], sent_at=now)


def send_apprise(url: str, message: Message) -> None:
    """The digest to one Apprise URL; FollowupError (secrets masked) when it is not taken."""
    apprise = channels.apprise()
    if apprise is None:
        raise FollowupError(
            _("Apprise is not installed: {hint}").format(hint=channels.INSTALL_HINT)
        )
    notifier = apprise.Apprise()
    if not notifier.add(url):
        raise FollowupError(_("Apprise does not know this URL"))
    with apprise.LogCapture(level=apprise.logging.WARNING, fmt="%(message)s") as logs:
        taken = notifier.notify(title=message.title, body=message.body)
    if not taken:
        said = [line.strip() for line in logs.getvalue().splitlines() if line.strip()]
        raise FollowupError(channels.scrub("; ".join(said[-2:]) or "not delivered", [url]))


Sender = Callable[[str, Message], None]


@dataclass
class Outcome:
    """What one run did: per channel (masked), what went, what failed, what was skipped."""

    at: datetime
    sent: list[tuple[str, str, str]] = field(default_factory=list)  # (channel, kind, title)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (channel, error)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (channel, why)
    dry_run: list[tuple[str, Message]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(timespec="seconds"),
            "sent": [{"channel": c, "kind": k, "title": t} for c, k, t in self.sent],
            "failed": [{"channel": c, "error": e} for c, e in self.failed],
            "skipped": [{"channel": c, "why": w} for c, w in self.skipped],
        }


WHY_SENT = "already sent today (--again sends it anyway)"
WHY_NOTHING = "nothing due (--always sends it anyway)"


def run(
    store: Any,
    profile: records.Profile,
    now: datetime,
    tz: tzinfo,
    *,
    days: int = 3,
    again: bool = False,
    always: bool = False,
    dry_run: bool = False,
    sender: Sender | None = None,
) -> Outcome:
    """Send what each channel is due at ``now``; mark what went. Never raises for one
    channel: its failure is in the outcome, and the other channels are still tried."""
    from followup import reading

    if not profile.notify:
        from followup.i18n import _

        raise FollowupError(
            _("no channel to remind you on: {command} (any Apprise URL) or --notify email").format(
                command="followup profile --notify ntfys://ntfy.sh/YOUR-TOPIC"
            )
        )
    pairs = reading.due_items(store.interviews(open_only=True), now, tz, profile.settings, days)
    items = [item for item, _ in pairs]
    interviews = {interview.id: interview for _, interview in pairs}
    uids = {ident: interview.uid for ident, interview in interviews.items()}
    marks: dict[str, set[tuple[str, str]]] = {}
    for mark in store.sent() if dry_run else ():
        marks.setdefault(mark.channel, set()).add((mark.kind, mark.key))
    lang = language(profile)
    outcome = Outcome(now)
    deliver = sender or (lambda url, message: _deliver(url, message, profile, now))
    for url in profile.notify:
        shown = channels.mask(url)
        key = channels.key(url)
        with contextlib.ExitStack() as stack:
            if dry_run:
                have, new = marks.get(key, set()), []
            else:  # the write lock, held while it goes out: two runs at once send it once
                have, new = stack.enter_context(store.marking(key))
            found = schedule.plan(items, uids, now, tz, have, again=again, always=always)
            if found is None:
                today = (schedule.DAILY, schedule.local_day(now, tz).isoformat())
                outcome.skipped.append((shown, WHY_SENT if today in have else WHY_NOTHING))
                continue
            message = compose(found, interviews, tz, lang)
            if dry_run:
                outcome.dry_run.append((shown, message))
                continue
            try:
                deliver(url, message)
            except FollowupError as error:
                outcome.failed.append((shown, channels.scrub(str(error), [url])))
                continue
            except Exception as error:  # a plug-in's own failure: still only this channel's
                text = f"{type(error).__name__}: {error}"
                outcome.failed.append((shown, channels.scrub(text, [url])))
                continue
            new += [
                records.Sent(key, kind, k, shown, message.title, now) for kind, k in found.marks
            ]
            outcome.sent.append((shown, found.kind, message.title))
    if not dry_run:
        store.set_last_run(json.dumps(outcome.as_json(), ensure_ascii=False))
    return outcome


def _deliver(url: str, message: Message, profile: records.Profile, now: datetime) -> None:
    if url == channels.EMAIL:
        send_email(message, profile, now)
    else:
        send_apprise(url, message)
