"""Built-in advice for questions that keep coming back, read from ``guidance/LANG/ID.txt``.

A file holds a ``question:`` line, a ``roles:`` line of keywords (empty: every role), an
optional ``replaces: ID``, then the sections ``[tests]`` (what the question tests),
``[build]`` (how to build an answer from your own example) and ``[avoid]`` (the mistakes),
and optionally ``[flags]``: lines ``ID | advice | word, word, ...`` that ``prep`` uses to
point out a recorded answer the advice warns against (the words of one ID are merged across
the languages, so an answer in any language is caught; the advice is the reader's language).
A user's file in ``$FOLLOWUP_HOME/guidance/LANG/`` with a built-in ID replaces it; any other
ID adds a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from followup import config, insights
from followup.errors import FollowupError
from followup.i18n import _

SECTIONS = ("tests", "build", "avoid")
OPTIONAL = ("flags",)


@dataclass(frozen=True)
class Flag:
    """Words that show an answer making one of the mistakes, and what to say about it."""

    id: str
    advice: str
    words: tuple[str, ...]


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Guide:
    id: str
    question: str
    roles: tuple[str, ...]
    replaces: str | None
    tests: str
    build: str
    avoid: str
    flags: tuple[Flag, ...] = ()

    def applies_to(self, role: str) -> bool:
        return not self.roles or insights.matches(role, self.roles)


def parse(text: str, path: Path) -> Guide:
    head: dict[str, str] = {}
    body: dict[str, list[str]] = {}
    section: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[([a-z]+)\]", stripped)
        if header:
            section = header[1]
            if section not in SECTIONS + OPTIONAL:
                raise FollowupError(
                    _(
                        "guidance file {path}, line {number}: [{section}] is not one of "
                        "[tests], [build], [avoid], [flags]"
                    ).format(path=path, number=number, section=section)
                )
            if section in body:
                raise FollowupError(
                    _("guidance file {path}, line {number}: [{section}] appears twice").format(
                        path=path, number=number, section=section
                    )
                )
            body[section] = []
        elif section == "flags":
            if stripped:
                body[section].append(f"{number}\t{stripped}")
        elif section is not None:
            body[section].append(line.rstrip())
        elif stripped:
            key, colon, value = stripped.partition(":")
            if not colon or key not in ("question", "roles", "replaces"):
                raise FollowupError(
                    _(
                        "guidance file {path}, line {number}: expected 'question:', 'roles:' or "
                        "'replaces:' before the first [section]"
                    ).format(path=path, number=number)
                )
            head[key] = value.strip()
    if not head.get("question"):
        raise FollowupError(
            _("guidance file {path}, line 1: it needs a 'question:' line").format(path=path)
        )
    missing = [s for s in SECTIONS if not "\n".join(body.get(s, [])).strip()]
    if missing:
        raise FollowupError(
            _("guidance file {path}: the section [{section}] is missing or empty").format(
                path=path, section=missing[0]
            )
        )
    roles = tuple(r.strip() for r in head.get("roles", "").split(",") if r.strip())
    return Guide(
        id=path.stem,
        question=head["question"],
        roles=roles,
        replaces=head.get("replaces") or None,
        tests=_paragraphs(body["tests"]),
        build=_paragraphs(body["build"]),
        avoid=_paragraphs(body["avoid"]),
        flags=tuple(_flag(line, path) for line in body.get("flags", [])),
    )


def _flag(line: str, path: Path) -> Flag:
    number, _tab, text = line.partition("\t")
    parts = [p.strip() for p in text.split("|")]
    words = tuple(w.strip() for w in parts[-1].split(",") if w.strip()) if len(parts) == 3 else ()
    if len(parts) != 3 or not _ID.match(parts[0]) or not parts[1] or not words:
        raise FollowupError(
            _(
                "guidance file {path}, line {number}: a flag is 'ID | advice | word, word, ...'"
            ).format(path=path, number=number)
        )
    return Flag(parts[0], parts[1], words)


def _paragraphs(lines: list[str]) -> str:
    """Lines joined into paragraphs (a blank line separates them); wrapped text rejoined."""
    text = "\n".join(lines).strip()
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", text))


def load(lang: str, user_dir: Path) -> dict[str, Guide]:
    """Every guide of one language, the user's files replacing built-in ones of the same ID."""
    guides: dict[str, Guide] = {}
    for folder in (config.packaged("guidance") / lang, user_dir / lang):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            if not _ID.match(path.stem):
                raise FollowupError(
                    _("guidance file {path}: the name must be like why-role.txt").format(path=path)
                )
            try:
                text = path.read_text(encoding="utf-8-sig")  # Notepad's byte-order mark too
            except UnicodeDecodeError:
                raise FollowupError(
                    _("guidance file {path} is not UTF-8 text").format(path=path)
                ) from None
            except OSError as error:
                raise FollowupError(
                    _("cannot read {path}: {reason}").format(
                        path=path, reason=error.strerror or error
                    )
                ) from None
            guides[path.stem] = parse(text, path)
    return guides


def keyword_sets(
    user_dir: Path, langs: tuple[str, ...] = ("en", "zh", "hi")
) -> list[tuple[str, ...]]:
    """Each guide's role keywords, merged across languages, so roles match in any language."""
    merged: dict[str, set[str]] = {}
    for lang in langs:
        try:
            guides = load(lang, user_dir)
        except FollowupError:
            continue  # a broken file of another language is reported when that one is used
        for guide in guides.values():
            if guide.roles:
                merged.setdefault(guide.id, set()).update(guide.roles)
    return [tuple(sorted(keywords)) for keywords in merged.values()]


def for_role(role: str, lang: str, user_dir: Path) -> list[Guide]:
    """The guides for a role: those for every role or matching it, less the ones replaced by
    a matching guide."""
    guides = [g for g in load(lang, user_dir).values() if g.applies_to(role)]
    replaced = {g.replaces for g in guides if g.replaces}
    return [g for g in guides if g.id not in replaced]


def flags(guides: list[Guide], user_dir: Path) -> list[Flag]:
    """The flags of ``guides``, each with its words from every language's file of the guide."""
    words: dict[tuple[str, str], set[str]] = {}
    for lang in ("en", "zh", "hi"):
        try:
            found = load(lang, user_dir)
        except FollowupError:
            continue  # a broken file of another language is reported when that one is used
        for guide in found.values():
            for flag in guide.flags:
                words.setdefault((guide.id, flag.id), set()).update(flag.words)
    return [
        Flag(flag.id, flag.advice, tuple(sorted(words.get((guide.id, flag.id), flag.words))))
        for guide in guides
        for flag in guide.flags
    ]
