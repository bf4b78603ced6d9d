"""Replies from employers: messages read, matched to the interview they answer, and what
to record proposed. Pure: messages, interviews and Message-IDs in; proposals out.

A message is matched, in this order, by

1. **thread**: its ``In-Reply-To`` or ``References`` names a Message-ID of an email followup
   sent or drafted (``send``, ``draft --eml``);
2. **sender**: its sender is an interviewer or recruiter of an open interview;
3. **domain**: its sender's domain is such a contact's (never a public mail provider's).

Among several open interviews the latest held before the message wins. The proposed
record comes from the phrases of ``phrases/{en,zh,hi}.txt`` found in the message's own text
(quoted history cut off): one decision (``invited``, ``offer``, ``rejected``) when phrases of
that one alone are found, else ``heard`` (an answer without a decision); phrases of more
than one decision make the proposal ambiguous.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from followup import records
from followup.i18n import _

DECISIONS = ("invited", "offer", "rejected")
OUTCOMES = ("heard", *DECISIONS)
MATCHES = ("thread", "sender", "domain")
LANGS = ("en", "zh", "hi")
MAX_MAIL_BYTES = 200 * 1024 * 1024  # a saved file (an .eml, an mbox) inbox reads at most

# Providers whose addresses say nothing about an employer: a recruiter writing from one of
# them matches by their own address only.
PUBLIC_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "yahoo.co.in",
        "yahoo.co.uk",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.de",
        "mail.com",
        "yandex.com",
        "zoho.com",
        "qq.com",
        "163.com",
        "126.com",
        "sina.com",
        "sohu.com",
        "foxmail.com",
        "aliyun.com",
        "rediffmail.com",
        "fastmail.com",
        "",
    }
)


@dataclass(frozen=True)
class Mail:
    """One message read, as much of it as matching needs."""

    message_id: str
    sender: records.Person
    at: datetime  # aware, UTC
    subject: str
    refers_to: tuple[str, ...]  # the Message-IDs of In-Reply-To and References
    text: str  # the plain-text body


@dataclass(frozen=True)
class Proposal:
    mail: Mail
    interview: records.Interview
    match: str  # one of MATCHES
    outcome: str  # one of OUTCOMES
    ambiguous: bool  # phrases of more than one decision were found
    excerpt: str  # the first lines of the reply, without the quoted part

    @property
    def sure(self) -> bool:
        """What `inbox --yes` records: a reply in followup's thread whose words name one
        decision (a reply naming none may be a refusal in words no phrase knows)."""
        return self.match == "thread" and self.outcome != "heard"


# -- reading a message ----------------------------------------------------------------------


def parse(data: bytes) -> Mail | None:
    """A message's headers and text; None for what has no sender."""
    from email import message_from_bytes, policy
    from email.utils import getaddresses, parsedate_to_datetime

    message = message_from_bytes(data, policy=policy.default)
    try:
        senders = getaddresses([str(message.get("From", ""))])
    except Exception:  # a header the email package cannot make sense of
        return None
    name, address = senders[0] if senders else ("", "")
    if "@" not in address:
        return None
    try:
        at = parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError):
        at = None
    if at is None:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    ident = _ids(str(message.get("Message-ID", "")))
    refers = _ids(f"{message.get('In-Reply-To', '')} {message.get('References', '')}")
    return Mail(
        message_id=ident[0] if ident else f"<{hashlib.sha256(data).hexdigest()}@followup.invalid>",
        sender=records.Person(name, address.lower()),
        at=at.astimezone(timezone.utc),
        subject=" ".join(str(message.get("Subject", "")).split()),
        refers_to=tuple(dict.fromkeys(refers)),
        text=_text(message),
    )


def _ids(text: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", text)


def _text(message: object) -> str:
    """The plain-text part, else the HTML part with its tags taken out."""
    from email.message import EmailMessage

    assert isinstance(message, EmailMessage)
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    payload = part.get_payload(decode=True)
    if part.get_content_charset() is None and isinstance(payload, bytes):
        # No charset named: US-ASCII by the standard, but mail clients write UTF-8 so.
        content = payload.decode("utf-8", "replace")
    else:
        try:
            content = part.get_content()
        except (LookupError, ValueError):  # an unknown charset
            content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if part.get_content_type() == "text/html":
        import html

        content = re.sub(r"(?is)<(script|style).*?</\1>", "", content)
        content = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", content)
        content = html.unescape(re.sub(r"<[^>]+>", "", content))
    return str(content)


# The line that introduces quoted history: "On Mon, 16 Nov 2026, Li Wei <...> wrote:",
# "在 2026年11月16日 ... 写道：", "... ने लिखा:", an Outlook separator or header block.
_ATTRIBUTION = re.compile(
    r"^\s*(on\s.+wrote:?|.*\bwrote:\s*$|在.+写道[:：]?|.+ने\s+लिखा\s*[:：]?|"
    r"-{2,}\s*(original message|forwarded message|原始邮件|मूल संदेश)\s*-{2,}|"
    r"(from|发件人|प्रेषक)\s*[:：].+)\s*$",
    re.IGNORECASE,
)


def own_text(text: str) -> str:
    """The reply's own words: everything before the quoted history (lines quoted with ``>``,
    or the line introducing them in English, Chinese or Hindi), signature separator too."""
    lines = text.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if line.lstrip().startswith(">") or line.rstrip() == "--":
            break
        if _ATTRIBUTION.match(line):
            break
        # An attribution Gmail folds over two lines: "On Mon, ... Li Wei <li@" / "x.com> wrote:"
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if line.lower().lstrip().startswith("on ") and following.rstrip().endswith("wrote:"):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def excerpt(text: str, lines: int = 3, width: int = 300) -> str:
    """The first non-blank lines of the reply's own words, at most ``width`` characters."""
    found = [" ".join(line.split()) for line in own_text(text).split("\n") if line.strip()]
    shown = "\n".join(found[:lines])
    return shown if len(shown) <= width else shown[: width - 1].rstrip() + "…"


# -- what it says ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def phrases() -> dict[str, tuple[str, ...]]:
    """The phrases of each decision, every language together, from the data files."""
    from followup import config

    return read_phrases(config.packaged("phrases"))


def read_phrases(folder: Path) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {name: [] for name in DECISIONS}
    for lang in LANGS:
        section = ""
        for raw in (folder / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
                continue
            if section in found:
                found[section].append(_normal(line))
    return {name: tuple(dict.fromkeys(items)) for name, items in found.items()}


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def decide(text: str, known: dict[str, tuple[str, ...]] | None = None) -> tuple[str, bool]:
    """``(outcome, ambiguous)`` of a reply's own words: the one decision whose phrases are
    found, else ``heard``; ``heard`` and ambiguous when several decisions' phrases are.

    A phrase that overlaps a refusal's is part of the refusal: "not to move forward with
    your application" does not also invite, "आपका चयन नहीं" does not also offer."""
    known = known if known is not None else phrases()
    said = _normal(own_text(text))
    spans = [
        (name, start, start + len(phrase))
        for name in DECISIONS
        for phrase in known[name]
        for start in _starts(said, phrase)
    ]
    refusals = [(start, end) for name, start, end in spans if name == "rejected"]
    found = {
        name
        for name, start, end in spans
        if name == "rejected" or not any(s < end and start < e for s, e in refusals)
    }
    if len(found) == 1:
        return found.pop(), False
    return "heard", len(found) > 1


def _starts(text: str, phrase: str) -> Iterator[int]:
    start = text.find(phrase)
    while start >= 0:
        yield start
        start = text.find(phrase, start + 1)


# -- matching -------------------------------------------------------------------------------


def propose(
    mails: Iterable[Mail],
    interviews: Sequence[records.Interview],
    messages: Sequence[records.Message],
    *,
    seen: set[str],
    own: Iterable[str] = (),
) -> list[Proposal]:
    """A proposal for each message that answers an open interview, oldest first. Messages
    in ``seen``, from one of the ``own`` addresses, or matching nothing, are left out."""
    by_id = {item.id: item for item in interviews}
    sent = {m.message_id: m.interview_id for m in messages if m.interview_id in by_id}
    mine = {address.lower() for address in own if address}
    out: list[Proposal] = []
    done: set[str] = set()
    for mail in sorted(mails, key=lambda m: m.at):
        if mail.message_id in seen or mail.message_id in done or mail.sender.email in mine:
            continue
        found = match(mail, interviews, sent)
        if found is None:
            continue
        done.add(mail.message_id)
        item, how = found
        outcome, ambiguous = decide(mail.text)
        out.append(Proposal(mail, item, how, outcome, ambiguous, excerpt(mail.text)))
    return out


def match(
    mail: Mail, interviews: Sequence[records.Interview], sent: dict[str, int]
) -> tuple[records.Interview, str] | None:
    """The interview a message answers, and how it was found; None for none."""
    by_id = {item.id: item for item in interviews}
    for ident in reversed(mail.refers_to):  # the nearest parent is named last in References
        if ident in sent:
            return by_id[sent[ident]], "thread"
    held = [i for i in interviews if i.at <= mail.at]
    address = mail.sender.email
    people = [i for i in held if address in {p.email.lower() for p in (*i.contacts, *i.recruiters)}]
    if people:
        return max(people, key=lambda i: (i.at, i.id)), "sender"
    domain = address.rpartition("@")[2]
    if domain in PUBLIC_DOMAINS:
        return None
    same = [
        i
        for i in held
        if domain in {p.email.lower().rpartition("@")[2] for p in (*i.contacts, *i.recruiters)}
    ]
    if same:
        return max(same, key=lambda i: (i.at, i.id)), "domain"
    return None


# -- reading saved mail ---------------------------------------------------------------------


def read_saved(path: Path) -> list[bytes]:
    """The messages of an ``.eml`` file, a folder of them, or an mbox file."""
    import mailbox

    from followup.errors import FollowupError

    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".eml" and p.is_file())
        if not files:
            raise FollowupError(_("{path} has no .eml files.").format(path=path))
        return [_read(p) for p in files]
    if not path.exists():
        raise FollowupError(_("{path} does not exist.").format(path=path))
    if not path.is_file():
        raise FollowupError(
            _("{path} is not a file: give an .eml file, a folder of them or an mbox.").format(
                path=path
            )
        )
    data = _read(path)
    if data.startswith(b"From "):  # an mbox: each message after a "From " line
        try:
            box = mailbox.mbox(path, create=False)  # read only: never flushed
            try:
                return [box.get_bytes(key) for key in box.iterkeys()]
            finally:
                box.close()
        except (OSError, mailbox.Error) as error:
            raise FollowupError(
                _("cannot read the mbox {path}: {error}").format(path=path, error=error)
            ) from None
    return [data]


def _read(path: Path) -> bytes:
    from followup.errors import FollowupError

    try:
        if path.stat().st_size > MAX_MAIL_BYTES:
            raise FollowupError(
                _(
                    "{path} is larger than {size} MiB, the most inbox reads from a file; "
                    "export a smaller folder or only recent mail."
                ).format(path=path, size=MAX_MAIL_BYTES // (1024 * 1024))
            )
        return path.read_bytes()
    except OSError as error:
        raise FollowupError(
            _("cannot read {path}: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
