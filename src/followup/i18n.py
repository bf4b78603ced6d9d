"""The language followup speaks to people: messages, tables, prompts and ``--help``.

Not the letters' language (``profile --lang``, the interview's ``--lang``): a person may read
followup in Chinese and write to a company in English. The interface language is, in order:

1. ``$FOLLOWUP_UI_LANG`` (en, zh or hi), for one command;
2. the one ``followup profile --ui-lang`` stored in the file ``ui-lang`` in the data folder
   (a file rather than the database, so that it is known before Typer builds ``--help`` and
   on the fast path without opening the store);
3. the language of ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` (the first one set, as POSIX
   reads them) when it is one of the three, so ``LANG=zh_CN.UTF-8`` speaks Chinese;
4. English.

Messages go through the standard library's :mod:`gettext` (no Babel on the fast path);
the catalogs under ``locale/`` are kept with Babel's ``pybabel`` (docs/languages.md).
What scripts read never changes with the language: JSON, exit codes, command and option
names, and the ``Error:``/``Warning:`` prefixes.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

LANGUAGES = ("en", "zh", "hi")
ENV = "FOLLOWUP_UI_LANG"
FILE_NAME = "ui-lang"
DOMAIN = "followup"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_translation: _gettext.NullTranslations | None = None
_lang = "en"


def from_environment(environ: dict[str, str] | os._Environ[str]) -> str | None:
    """The interface language the locale variables name, or None when it is none of ours."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:  # the first one set decides, even when it is C or a language we lack
            code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
            return code if code in LANGUAGES else None
    return None


def stored_file() -> Path:
    from followup import config

    return config.home() / FILE_NAME


def stored() -> str | None:
    """The language ``profile --ui-lang`` stored, or None."""
    try:
        value = stored_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return value if value in LANGUAGES else None


def store(lang: str) -> None:
    """Remember ``lang`` for every later command (``profile --ui-lang``)."""
    import tempfile

    path = stored_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # A new file of our own (O_EXCL, 0600) renamed over the old: a symbolic link planted
    # at the name is replaced, never written through.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{FILE_NAME}.", suffix=".partial")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(lang + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def choose() -> str:
    """The interface language for this command (see the module's documentation)."""
    override = os.environ.get(ENV, "").strip().lower()
    if override in LANGUAGES:
        return override
    return stored() or from_environment(os.environ) or "en"


def use(lang: str) -> None:
    """Speak ``lang`` from now on (the CLI chooses once, before building its help)."""
    global _translation, _lang
    _lang = lang if lang in LANGUAGES else "en"
    if _lang == "en":
        _translation = _gettext.NullTranslations()
    else:
        _translation = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[_lang], fallback=True)


def translation_for(lang: str) -> _gettext.NullTranslations:
    """The catalog of ``lang`` whatever the interface speaks (the reflection form follows
    the interview's language)."""
    if lang not in ("zh", "hi"):
        return ENGLISH
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def translation() -> _gettext.NullTranslations:
    if _translation is None:
        use(choose())
    assert _translation is not None
    return _translation


def lang() -> str:
    """The interface language in use: en, zh or hi."""
    translation()
    return _lang


def _(message: str) -> str:
    """``message`` in the interface language."""
    return translation().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` (English has two, Chinese one, Hindi two)."""
    return translation().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` where the same English word means two things (the month May)."""
    return translation().pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs where it is defined; translate it where shown."""
    return message


ENGLISH = _gettext.NullTranslations()  # for what scripts read (--json), whatever the language
