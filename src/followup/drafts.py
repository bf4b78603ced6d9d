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

from followup import hints, records, wording
from followup.errors import FollowupError
from followup.i18n import _

KINDS = ("thanks", "check", "decline")
ALIASES = {"followup": "check"}
LANGS = wording.LANGS


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
    result.warnings.extend(hints.warnings(kind, interview, profile, tz=tz, now=now, lang=lang))
    if kind == "decline":
        result.warnings.extend(hints.reason_warnings(reason, lang))
    held = interview.tzinfo() or tz  # the letter names the time where the interview was held
    for to, cc in _recipients(kind, interview):
        to, cc = _one_line(to), _one_line(cc)
        context = _context(interview, profile, held, lang, to, reason, now)
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
    # decline: the hiring manager / interviewers, with every recruiter in copy (the Hindi seed).
    if interviewers:
        return [(interviewers, recruiters)]
    return [(recruiters, [])]


def sender(profile: records.Profile) -> records.Person:
    """The profile as an email's From, its name on one line (as :func:`_one_line`)."""
    return records.Person(wording.one_line(profile.name), profile.email)


def _one_line(people: Sequence[records.Person]) -> list[records.Person]:
    """People with names on one line: a line break kept in an older store (U+2028, NEL)
    reaches no header, ``To:`` line or greeting."""
    return [p._replace(name=wording.one_line(p.name)) for p in people]


def _names(people: Sequence[records.Person], lang: str) -> str:
    """The recipients' names as the greeting joins them (Hindi adds the respectful जी); with
    someone recorded without a name, the template adds the team after them."""
    named = [" ".join(p.name.split()) for p in people if p.name.strip()]
    if lang == "hi":  # a name typed with its जी (or ji) keeps the one
        named = [name if re.search(r"(?:\bji|जी)$", name, re.I) else f"{name} जी" for name in named]
    return wording.join_names(named, lang, more=len(named) < len(people))


def _without_time(interview: records.Interview, tz: tzinfo) -> bool:
    """Whether the interview was recorded with a date alone (which means midnight)."""
    return interview.at.astimezone(tz).time() == time(0)


def _topic(interview: records.Interview, to: Sequence[records.Person]) -> str:
    """The interviewer's own topic (--topic-for) when the email goes to them, else the shared."""
    own = dict((email.lower(), text) for email, text in interview.topic_for)
    for person in to:
        if person.email.lower() in own:
            return own[person.email.lower()]
    return interview.topic or ""


def _context(
    interview: records.Interview,
    profile: records.Profile,
    tz: tzinfo,
    lang: str,
    to: Sequence[records.Person],
    reason: str,
    now: datetime,
) -> dict[str, Any]:
    local = interview.at.astimezone(tz)
    region = profile.locale
    strength = interview.strength_or_reflected or ""
    sentence_like = wording.is_sentence(strength, lang)
    checks = sorted(e.at for e in interview.events if e.kind == "done" and e.name == "check")
    team = not to or any(not p.name.strip() for p in to)
    return {
        "company": wording.one_line(interview.company),
        "role": wording.phrase(interview.role),
        "position": wording.position(interview.role, lang),
        "round": interview.round,
        "interview_date": wording.long_date(local.date(), lang, region),
        # Midnight is a date typed without a time: no time is better than a made-up one.
        "interview_time": ""
        if _without_time(interview, tz)
        else wording.time_of_day(local.time(), lang, region),
        "decision_date": (
            wording.long_date(interview.decision_by, lang, region) if interview.decision_by else ""
        ),
        "first_check_date": (
            wording.long_date(checks[0].astimezone(tz).date(), lang, region) if checks else ""
        ),
        "names": _names(to, lang),
        "team": team,  # someone is greeted as the team: no name was recorded
        "group": len(to) > 1 or team,  # Chinese says 各位, never 您, to several people
        "candidate": {
            "name": wording.one_line(profile.name),
            "email": wording.one_line(profile.email),
            "phone": wording.one_line(profile.phone),
        },
        "topic": wording.phrase(_topic(interview, to)),
        "strength": "" if sentence_like else wording.phrase(strength),
        "strength_sentence": wording.sentence(strength, lang) if sentence_like else "",
        "idea": wording.sentence(interview.idea_or_reflected, lang, capital=False),
        "reason": wording.sentence(reason, lang),
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
            _("template {name}, line {number}: {message}").format(
                name=error.filename or name, number=error.lineno, message=error.message
            )
        ) from None
    except UnicodeDecodeError:
        raise FollowupError(
            _("template {name} is not UTF-8 text; save it as UTF-8").format(name=_source(env, name))
        ) from None
    except jinja2.TemplateNotFound:
        raise FollowupError(
            _("there is no template {name} in {folder} or the built-in ones").format(
                name=name, folder=user_dir
            )
        ) from None
    filename = template.filename or name
    try:
        text = template.render(**context)
    except Exception as error:  # a user's template can fail in many ways; name where
        line = _template_line(error, filename)
        where = (
            _("template {name}, line {number}").format(name=filename, number=line)
            if line
            else _("template {name}").format(name=filename)
        )
        field = _culprit(template, context)
        if field is not None:
            raise FollowupError(
                _(
                    "{where} cannot take your {field}: {error}. Change that text, or the template"
                ).format(where=where, field=field, error=error)
            ) from None
        raise FollowupError(f"{where}: {error}") from None
    # Template syntax in the email is the template's mistake only when it is there without
    # the user's text: a company, topic or name may hold "{{" (it is data, never source).
    plain = None if not _MARKERS.search(text) else template.render(**_neutral(context))
    return _split(text, filename, plain)


_MARKERS = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
# The context's keys as the person knows them: what to change when a value breaks a template.
FIELDS = {
    "company": "company (--company)",
    "role": "role (--role)",
    "position": "role (--role)",
    "topic": "topic (--topic or --topic-for)",
    "strength": "strength (--strength)",
    "strength_sentence": "strength (--strength)",
    "idea": "idea (--idea)",
    "reason": "reason (--reason)",
    "names": "contact names (--contact, --recruiter)",
    "candidate": "profile (--name, --email, --phone)",
}


def _neutral(value: Any) -> Any:
    """The context with every brace in the user's text made a parenthesis."""
    if isinstance(value, str):
        return value.replace("{", "(").replace("}", ")")
    if isinstance(value, dict):
        return {key: _neutral(item) for key, item in value.items()}
    return value


def _culprit(template: Any, context: dict[str, Any]) -> str | None:
    """The field (as the person knows it) whose text makes ``template`` fail, when the
    template renders with that text made plain."""
    for key, label in FIELDS.items():
        if key not in context:
            continue
        blank: Any = {k: "x" for k in context[key]} if isinstance(context[key], dict) else "x"
        try:
            template.render(**{**context, key: blank})
        except Exception:  # still failing: not this field
            continue
        return label
    return None


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


def _split(text: str, filename: str, plain: str | None = None) -> tuple[str, str]:
    """Subject and body; ``plain`` is the email rendered with the user's braces made
    parentheses, where template syntax left over is the template's."""
    head, _newline, body = text.lstrip("\n").partition("\n")
    if not head.startswith("Subject:"):
        raise FollowupError(
            _(
                "template {name}, line 1: it must start with a 'Subject: ...' line, then a "
                "blank line, then the body"
            ).format(name=filename)
        )
    subject = wording.tidy_punctuation(" ".join(head[len("Subject:") :].split()))
    body = wording.tidy_punctuation(_tidy(body))
    if not subject or not body:
        raise FollowupError(
            _("template {name}: the subject or the body came out empty").format(name=filename)
        )
    for marker in ("{{", "}}", "{%", "%}", "{#", "#}"):
        if plain is not None and marker in plain:
            raise FollowupError(
                _("template {name}: template syntax {marker} is left in the email").format(
                    name=filename, marker=repr(marker)
                )
            )
    return subject, body


def _tidy(body: str) -> str:
    """Trailing spaces off, runs of blank lines (left by omitted sentences) down to one."""
    lines = [line.rstrip() for line in body.splitlines()]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


# -- leaving followup: .eml and mailto: ----------------------------------------------------


def message_id(sender: records.Person | None) -> str:
    """A new, unique Message-ID (``<...@domain>``) on the sender's domain."""
    from email.utils import make_msgid

    domain = ascii_domain(sender) if sender and sender.email else "followup.invalid"
    return make_msgid(domain=domain)


def to_eml(
    draft: Draft,
    sender: records.Person | None,
    *,
    sent_at: datetime | None = None,
    ident: str | None = None,
) -> bytes:
    """An RFC 5322 message: headers 7-bit (RFC 2047 for other scripts), a UTF-8 text body.
    A draft is marked ``X-Unsent: 1`` so mail clients open it for editing; a message sent at
    ``sent_at`` (in the writer's zone) gets that Date instead. ``ident`` is its Message-ID
    (a new one for a sent message when not given)."""
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
        raise FollowupError(
            _("cannot write this email's headers: {error}").format(error=error)
        ) from None
    if sent_at is None:
        message["X-Unsent"] = "1"
    else:
        from email.utils import format_datetime

        message["Date"] = format_datetime(sent_at.replace(microsecond=0))
        ident = ident or message_id(sender)
    if ident:
        message["Message-ID"] = ident
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
    user, _at, domain = person.email.rpartition("@")
    if not user.isascii():
        raise FollowupError(
            _(
                "{email} has characters before the @ that an email header cannot carry "
                "without SMTPUTF8; ask for the person's ASCII address."
            ).format(email=person.email)
        )
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise FollowupError(
            _("{email}: {domain} is not a valid internationalized domain name.").format(
                email=person.email, domain=repr(domain)
            )
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
