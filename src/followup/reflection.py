"""The reflection form people fill in after an interview, in the interview's language.

A quick, honest review after each interview: what was asked and how it was answered, what
went well, what to improve, and what is worth adding to the thank-you.
:func:`form` writes the form for ``$EDITOR``; :func:`parse` reads it back.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from followup.errors import FollowupError
from followup.i18n import _
from followup.records import Reflection

SECTIONS = ("questions", "went_well", "improve", "idea", "strength")
LABELS = {
    "en": {
        "title": "Reflection",
        "help": [
            "Write under each heading; lines starting with # are ignored.",
            "An empty form records nothing. Each question: a line 'Q: ...', then 'A: ...'",
            "for how you answered.",
        ],
        "questions": "Questions asked, and how you answered",
        "went_well": "What went well",
        "improve": "What to improve next time",
        "idea": "An idea worth adding to the thank-you",
        "strength": "A strength worth adding to the thank-you",
    },
    "zh": {
        "title": "面试复盘",
        "help": [
            "在每个标题下填写；以 # 开头的行会被忽略。",
            "表单留空则不记录任何内容。每个问题写一行“Q: ...”，下一行写“A: ...”，即你当时的回答。",
        ],
        "questions": "面试官问了哪些问题，你是怎么回答的",
        "went_well": "做得好的地方",
        "improve": "下次需要改进的地方",
        "idea": "值得写进感谢信的新想法",
        "strength": "值得在感谢信中强调的优势",
    },
    "hi": {
        "title": "साक्षात्कार की समीक्षा",
        "help": [
            "हर शीर्षक के नीचे लिखें; # से शुरू होने वाली पंक्तियाँ अनदेखी की जाती हैं।",
            "खाली फ़ॉर्म कुछ भी दर्ज नहीं करता। हर सवाल के लिए 'Q: ...' पंक्ति लिखें, फिर 'A: ...' में",
            "अपना जवाब।",
        ],
        "questions": "कौन-से सवाल पूछे गए, और आपने क्या जवाब दिया",
        "went_well": "क्या अच्छा रहा",
        "improve": "अगली बार क्या सुधारना है",
        "idea": "धन्यवाद-पत्र में जोड़ने लायक कोई नया विचार",
        "strength": "धन्यवाद-पत्र में बताने लायक कोई खूबी",
    },
}
_HEADER = re.compile(r"^\[(?P<key>[a-z_]+)\]")


@dataclass
class Filled:
    """What a reflection adds: new questions, and the fields given (others stay as they are)."""

    questions: list[tuple[str, str]] = field(default_factory=list)
    fields: dict[str, str | None] = field(default_factory=dict)

    def empty(self) -> bool:
        return not self.questions and not any(self.fields.values())


def form(lang: str, heading: str, earlier: Reflection | None = None) -> str:
    """The form, with what an earlier reflection recorded, to keep or correct: its fields, and
    its questions with their answers (a changed answer replaces the recorded one; new
    questions are added)."""
    labels = LABELS.get(lang, LABELS["en"])
    colon = "：" if lang == "zh" else ": "
    lines = [f"# {labels['title']}{colon}{heading}"]
    lines += [f"# {line}" for line in labels["help"]]
    lines.append("")
    for key in SECTIONS:
        lines.append(f"[{key}] {labels[key]}")
        if key == "questions":
            for question, answer in earlier.questions if earlier else ():
                lines.append(f"Q: {question}".replace("\n", " "))
                lines.append(f"A: {answer}".rstrip())  # a correction replaces the answer
            lines += ["Q: ", "A: ", ""]
        else:
            value = getattr(earlier, key, None) if earlier else None
            lines += [value, ""] if value else ["", ""]
    return "\n".join(lines)


def parse(text: str) -> Filled:
    """Read a filled form. Text before the first heading, or an answer without a question,
    is a mistake the person should see rather than lose."""
    filled = Filled()
    section: str | None = None
    texts: dict[str, list[str]] = {key: [] for key in SECTIONS[1:]}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.lstrip().startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            section = header["key"]
            if section not in SECTIONS:
                raise FollowupError(
                    _("line {number}: [{section}] is not a heading of the form").format(
                        number=number, section=section
                    )
                )
            continue
        if not line.strip():
            if section in texts:
                texts[section].append("")
            continue
        if section is None:
            raise FollowupError(
                _("line {number}: write under one of the headings, e.g. [improve]").format(
                    number=number
                )
            )
        if section != "questions":
            texts[section].append(line)
            continue
        marker, colon, rest = line.strip().partition(":")
        if marker.upper() == "Q" and colon:
            filled.questions.append((rest.strip(), ""))
        elif marker.upper() == "A" and colon:
            if not filled.questions:
                raise FollowupError(
                    _("line {number}: an answer without a question; add 'Q: ...' above it").format(
                        number=number
                    )
                )
            question, answer = filled.questions[-1]
            filled.questions[-1] = (question, f"{answer}\n{rest.strip()}".strip())
        elif filled.questions:  # a continuation of the last question or answer
            question, answer = filled.questions[-1]
            if answer:
                filled.questions[-1] = (question, f"{answer}\n{line.strip()}")
            else:
                filled.questions[-1] = (f"{question} {line.strip()}".strip(), answer)
        else:
            raise FollowupError(
                _("line {number}: start a question with 'Q: '").format(number=number)
            )
    filled.questions = [(q, a) for q, a in filled.questions if q or a]
    for index, (question, answer) in enumerate(filled.questions, start=1):
        if not question:
            raise FollowupError(
                _("question {index}: the answer {answer} has no question").format(
                    index=index, answer=repr(answer[:40])
                )
            )
    for key, lines in texts.items():
        value = "\n".join(lines).strip()
        if value:
            filled.fields[key] = value
    return filled


def edit(text: str) -> str:
    """Open ``$VISUAL`` or ``$EDITOR`` (else vi) on ``text``; return what was saved."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    handle, name = tempfile.mkstemp(prefix="followup-reflect-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except (OSError, ValueError) as error:
            raise FollowupError(
                _("cannot start the editor {editor}: {error}; set EDITOR").format(
                    editor=repr(editor), error=error
                )
            ) from None
        if done.returncode != 0:
            raise FollowupError(
                _("the editor {editor} exited with {code}; nothing was recorded").format(
                    editor=repr(editor), code=done.returncode
                )
            )
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise FollowupError(
                _("the form was not saved as UTF-8 text; nothing was recorded")
            ) from None
        except FileNotFoundError:
            raise FollowupError(_("the editor removed the form; nothing was recorded")) from None
    finally:
        path.unlink(missing_ok=True)
