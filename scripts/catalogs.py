"""Bring the interface catalogs up to date: ``python scripts/catalogs.py``.

1. extract every message marked with ``_``/``ngettext``/``pgettext``/``N_`` from
   ``src/followup`` into ``src/followup/locale/followup.pot`` (``pybabel extract``);
2. merge it into ``zh`` and ``hi`` (``pybabel update``, no fuzzy matching: a changed
   message is a new one, to be translated afresh);
3. list what is left to translate, then compile the ``.mo`` files (``pybabel compile``),
   which the wheel ships.

Translate the entries it lists (``msgstr ""`` in ``src/followup/locale/LANG/LC_MESSAGES/
followup.po``) and run it again; ``tests/test_i18n.py`` fails until none is left. With
``--check`` it changes nothing and exits 1 when a catalog is behind the code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "followup" / "locale"
POT = LOCALE / "followup.pot"
LANGS = ("zh", "hi")


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT, check=True)


def untranslated(lang: str) -> list[str]:
    from babel.messages.pofile import read_po

    with (LOCALE / lang / "LC_MESSAGES" / "followup.po").open("rb") as handle:
        catalog = read_po(handle)
    left = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            left.append(str(message.id))
    return left


def main() -> int:
    if "--check" in sys.argv[1:]:
        return subprocess.call(
            [sys.executable, "-m", "pytest", "-q", "tests/test_i18n.py"], cwd=ROOT
        )
    pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "--no-location",
        "--sort-output",
        "--project",
        "followup",
        "-o",
        str(POT.relative_to(ROOT)),
        ".",
    )
    for lang in LANGS:
        po = LOCALE / lang / "LC_MESSAGES" / "followup.po"
        command = "update" if po.exists() else "init"
        extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if command == "update" else []
        pybabel(command, "-D", "followup", "-i", str(POT), "-d", str(LOCALE), "-l", lang, *extra)
    left = {lang: untranslated(lang) for lang in LANGS}
    for lang, messages in left.items():
        for message in messages:
            print(f"{lang}: untranslated: {message!r}")
    pybabel("compile", "-D", "followup", "-d", str(LOCALE), "--statistics")
    return 1 if any(left.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
