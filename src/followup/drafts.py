"""Emails drafted from templates: who gets them, what they say, and how they leave followup.

Built-in templates live in the package's ``templates/LANG/KIND.txt``; a file of the same name
under the user's templates folder replaces one. A template starts with a ``Subject:`` line,
then a blank line, then the body. Templates are rendered by Jinja2 with undefined variables as
errors; every optional piece is an ``{% if %}``, so a missing piece leaves its sentence out.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, tzinfo
from pathlib import Path
from typing import Any

from followup import dates, records, rules
from followup.errors import FollowupError

KINDS = ("thanks", "check", "decline")
ALIASES = {"followup": "check"}
LANGS = ("en", "zh", "hi")
LOCALES = {"en": "en_US", "zh": "zh_CN", "hi": "hi_IN"}
SENTENCE_END = {"en": ".", "zh": "。", "hi": "।"}
_END_MARKS = ".!?\u3002\uff01\uff1f\u0964\u2026"  # . ! ? and the CJK, Devanagari and ellipsis ones


@dataclass(frozen=True)
class Draft:
    kind: str
    lang: str
    to: tuple[records.Person, ...]
    cc: tuple[records.Person, ...]
    subject: str
    body: str

    def as_json(self) -> dict[str, Any]:
        return {
            "to": [str(p) for p in self.to],
            "cc": [str(p) for p in self.cc],
            "subject": self.subject,
            "body": self.body,
            "lang": self.lang,
        }


@dataclass
class Drafted:
    drafts: list[Draft]
    warnings: list[str] = field(default_factory=list)


# -- where templates are -------------------------------------------------------------------


def builtin_dir() -> Path:
    """The templates shipped in the wheel, or the repository's folder in a source checkout."""
    from followup import config

    return config.packaged("templates")


def template_name(kind: str, lang: str) -> str:
    return f"{lang}/{kind}.txt"


def templates(user_dir: Path) -> list[dict[str, str]]:
    """Every template with where it comes from: built in, or overridden by the user."""
    found = []
    for lang in LANGS:
        for kind in KINDS:
            name = template_name(kind, lang)
            user = user_dir / name
            origin = "overridden" if user.is_file() else "built-in"
            path = user if user.is_file() else builtin_dir() / name
            found.append({"kind": kind, "lang": lang, "origin": origin, "path": str(path)})
    return found


# -- composing -----------------------------------------------------------------------------


def compose(
    kind: str,
    interview: records.Interview,
    profile: records.Profile,
    *,
    tz: tzinfo,
    now: datetime,
    user_dir: Path,
    lang: str | None = None,
    reason: str = "",
) -> Drafted:
    """The emails of ``kind`` for ``interview``, with warnings for the person (never in them)."""
    kind = ALIASES.get(kind, kind)
    lang = lang or interview.lang or profile.lang or "en"
    result = Drafted([])
    warn = result.warnings.append
    ident = interview.id

    assessment = rules.assess(interview.facts(), now, tz, profile.settings)
    pending = {a.action: a for a in assessment.pending}
    held = interview.tzinfo() or tz  # the letter names the time where the interview was held
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
        if _without_time(interview, held):
            warn(
                f"interview {ident} has no time of day, so the thank-you names only its date: "
                f"followup edit {ident} --at '{interview.at.astimezone(held):%Y-%m-%d} HH:MM'"
            )
        for option, value, why in (
            ("--topic", interview.topic, "something specific you discussed"),
            ("--strength", interview.strength_or_reflected, "the strength you bring to the role"),
            ("--idea", interview.idea_or_reflected, "a new thought about the role"),
        ):
            if not value:
                warn(f"the thank-you is stronger with {why}: followup edit {ident} {option} '...'")
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
    elif kind == "decline" and not reason.strip():
        warn(
            "a short honest reason makes a decline kinder: --reason 'I have accepted another offer'"
        )
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

    for to, cc in _recipients(kind, interview):
        names = _join([p.name for p in to if p.name], lang)
        context = _context(interview, profile, held, lang, names, reason)
        context["invited"] = any(
            e.kind == "result" and e.name == "invited" for e in interview.events
        )
        subject, body = render(kind, lang, context, user_dir)
        result.drafts.append(Draft(kind, lang, tuple(to), tuple(cc), subject, body))
    return result


def _recipients(
    kind: str, interview: records.Interview
) -> list[tuple[list[records.Person], list[records.Person]]]:
    interviewers, recruiters = list(interview.contacts), list(interview.recruiters)
    if kind == "thanks":
        if not interviewers:
            return [(recruiters, [])]
        # One email per interviewer; a panel shares one only when they share an address.
        groups: dict[str, list[records.Person]] = {}
        for person in interviewers:
            groups.setdefault(person.email.lower(), []).append(person)
        return [(group, []) for group in groups.values()]
    if kind == "check":
        return [(recruiters or interviewers, [])]
    # decline: the hiring manager / interviewers, with the recruiter in copy (the Hindi seed).
    if interviewers:
        return [(interviewers, recruiters)]
    return [(recruiters, [])]


def _join(names: Sequence[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(names)
    if len(names) <= 1:
        return "".join(names)
    word = {"en": "and", "hi": "और"}[lang]
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def _sentence(text: str | None, lang: str) -> str:
    """Free text as a sentence: one line, trimmed, ending with the language's full stop."""
    text = " ".join((text or "").split())
    if text and text[-1] not in _END_MARKS:
        # Text typed in a Latin script ends with a Latin full stop, whatever the email's language.
        text += "." if text[-1].isascii() else SENTENCE_END[lang]
    return text


def _phrase(text: str | None) -> str:
    """Free text used inside a sentence: one line, trimmed, without a full stop of its own
    (a line break typed in --topic or a reflection would otherwise split the sentence)."""
    return " ".join((text or "").split()).rstrip(_END_MARKS).strip()


def _without_time(interview: records.Interview, tz: tzinfo) -> bool:
    """Whether the interview was recorded with a date alone (which means midnight)."""
    return interview.at.astimezone(tz).time() == time(0)


def _context(
    interview: records.Interview,
    profile: records.Profile,
    tz: tzinfo,
    lang: str,
    names: str,
    reason: str,
) -> dict[str, Any]:
    from babel.dates import format_date, format_time

    locale = LOCALES[lang]
    local = interview.at.astimezone(tz)
    return {
        "company": interview.company,
        "role": interview.role,
        "round": interview.round,
        "interview_date": format_date(local.date(), "long", locale=locale),
        # CLDR puts a narrow no-break space before AM/PM, which some mail clients garble.
        # Midnight is a date typed without a time: no time is better than a made-up one.
        "interview_time": ""
        if _without_time(interview, tz)
        else format_time(local.time(), "short", locale=locale).replace("\u202f", " "),
        "decision_date": (
            format_date(interview.decision_by, "long", locale=locale)
            if interview.decision_by
            else ""
        ),
        "names": names,
        "candidate": {"name": profile.name, "email": profile.email, "phone": profile.phone},
        "topic": _phrase(interview.topic),
        "strength": _phrase(interview.strength_or_reflected),
        "idea": _sentence(interview.idea_or_reflected, lang),
        "reason": _sentence(reason, lang),
        "lang": lang,
    }


# -- rendering -----------------------------------------------------------------------------


def environment(user_dir: Path) -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(str(user_dir)), jinja2.FileSystemLoader(str(builtin_dir()))]
        ),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )


def render(kind: str, lang: str, context: dict[str, Any], user_dir: Path) -> tuple[str, str]:
    """Render one template into ``(subject, body)``; a broken template is a FollowupError."""
    import jinja2

    name = template_name(kind, lang)
    env = environment(user_dir)
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as error:
        raise FollowupError(
            f"template {error.filename or name}, line {error.lineno}: {error.message}"
        ) from None
    except UnicodeDecodeError:
        raise FollowupError(
            f"template {_source(env, name)} is not UTF-8 text; save it as UTF-8"
        ) from None
    except jinja2.TemplateNotFound:
        raise FollowupError(
            f"there is no template {name} in {user_dir} or the built-in ones"
        ) from None
    filename = template.filename or name
    try:
        text = template.render(**context)
    except Exception as error:  # a user's template can fail in many ways; name where
        line = _template_line(error, filename)
        where = f"template {filename}" + (f", line {line}" if line else "")
        raise FollowupError(f"{where}: {error}") from None
    return _split(text, filename)


def _source(env: Any, name: str) -> str:
    """Which file a template name resolves to (the user's one first)."""
    for loader in env.loader.loaders:
        for folder in loader.searchpath:
            if (Path(folder) / name).is_file():
                return str(Path(folder) / name)
    return name


def _template_line(error: BaseException, filename: str) -> int | None:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    return frames[-1].lineno if frames else None


def _split(text: str, filename: str) -> tuple[str, str]:
    head, _, body = text.lstrip("\n").partition("\n")
    if not head.startswith("Subject:"):
        raise FollowupError(
            f"template {filename}, line 1: it must start with a 'Subject: ...' line, "
            "then a blank line, then the body"
        )
    subject = " ".join(head[len("Subject:") :].split())
    body = _tidy(body)
    if not subject or not body:
        raise FollowupError(f"template {filename}: the subject or the body came out empty")
    for marker in ("{{", "}}", "{%", "%}", "{#", "#}"):
        if marker in subject or marker in body:
            raise FollowupError(
                f"template {filename}: template syntax {marker!r} is left in the email"
            )
    return subject, body


def _tidy(body: str) -> str:
    """Trailing spaces off, runs of blank lines (left by omitted sentences) down to one."""
    lines = [line.rstrip() for line in body.splitlines()]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


# -- leaving followup: .eml and mailto: ----------------------------------------------------


def to_eml(
    draft: Draft, sender: records.Person | None, *, sent_at: datetime | None = None
) -> bytes:
    """An RFC 5322 message: headers 7-bit (RFC 2047 for other scripts), a UTF-8 text body.
    A draft is marked ``X-Unsent: 1`` so mail clients open it for editing; a message sent at
    ``sent_at`` (in the writer's zone) gets that Date and a Message-ID instead."""
    from email import policy
    from email.headerregistry import Address
    from email.message import EmailMessage

    def address(person: records.Person) -> Address:
        user = person.email.rpartition("@")[0]
        return Address(display_name=person.name, username=user, domain=ascii_domain(person))

    message = EmailMessage(policy=policy.SMTP)
    try:
        if sender is not None:
            message["From"] = address(sender)
        if draft.to:
            message["To"] = [address(p) for p in draft.to]
        if draft.cc:
            message["Cc"] = [address(p) for p in draft.cc]
        message["Subject"] = draft.subject
    except ValueError as error:  # a line break in a header value, refused by the email package
        raise FollowupError(f"cannot write this email's headers: {error}") from None
    if sent_at is None:
        message["X-Unsent"] = "1"
    else:
        from email.utils import format_datetime, make_msgid

        message["Date"] = format_datetime(sent_at.replace(microsecond=0))
        domain = sender.email.rpartition("@")[2] if sender else "followup.invalid"
        message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(draft.body, charset="utf-8")
    return message.as_bytes()


_SPECIALS = set('()<>@,;:\\".[]')


def quoted(person: records.Person) -> str:
    """``"Eve, Jr." <eve@x.example>``: a name with a comma or another special character
    quoted as in an email header, so the list reads back as the same people."""
    if not person.name:
        return person.email
    name = person.name
    if _SPECIALS & set(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{person.email}>"


def ascii_domain(person: records.Person) -> str:
    """The address's domain as a header carries it: an internationalized one in IDNA
    (``例子.中国`` as ``xn--fsqu00a.xn--fiqs8s``). A name before the @ that is not ASCII
    cannot be written into a draft's header, and is refused rather than garbled."""
    user, _, domain = person.email.rpartition("@")
    if not user.isascii():
        raise FollowupError(
            f"{person.email} has characters before the @ that an email header cannot carry "
            "without SMTPUTF8; ask for the person's ASCII address."
        )
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise FollowupError(
            f"{person.email}: {domain!r} is not a valid internationalized domain name."
        ) from None


def to_mailto(draft: Draft) -> str:
    """An RFC 6068 ``mailto:`` link: addresses, then cc, subject and body, percent-encoded."""
    from urllib.parse import quote

    to = ",".join(quote(p.email, safe="@") for p in draft.to)
    query = []
    if draft.cc:
        query.append("cc=" + ",".join(quote(p.email, safe="@") for p in draft.cc))
    query.append("subject=" + quote(draft.subject, safe=""))
    query.append("body=" + quote(draft.body.replace("\n", "\r\n"), safe=""))
    return f"mailto:{to}?{'&'.join(query)}"
