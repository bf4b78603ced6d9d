"""The interface in Chinese and Hindi: the catalogs cover the code, the language is chosen
as documented (docs/languages.md), scripts read the same bytes in every language, and
tables stay aligned with CJK and Devanagari text.

When this file fails after new messages were added, bring the catalogs up to date with
``python scripts/catalogs.py`` and translate what it lists.
"""

from __future__ import annotations

import ast
import gettext
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from followup import i18n, render

pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "followup" / "locale"
LANGS = ("zh", "hi")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def catalog(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "followup.po").open("rb") as handle:
        return read_po(handle)


def extracted() -> set[tuple[str | None, str]]:
    """What ``pybabel extract -F babel.cfg`` finds: (context, msgid) of every marked message."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT / "src" / "followup"), method_map=[("**.py", "python")]
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def entries(lang: str) -> dict[tuple[str | None, str], object]:
    return {
        (m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog(lang) if m.id
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_of_the_code_is_in_the_catalog(lang):
    missing = extracted() - set(entries(lang))
    assert not missing, f"run `python scripts/catalogs.py`; not in {lang}: {sorted(missing)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_catalog_holds_no_message_the_code_lost(lang):
    stale = set(entries(lang)) - extracted()
    assert not stale, f"run `python scripts/catalogs.py`; gone from the code: {sorted(stale)}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated_and_none_is_fuzzy(lang):
    bad = []
    for key, message in entries(lang).items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s.strip() for s in strings):
            bad.append(key)
    assert not bad, f"translate these in {lang} (python scripts/catalogs.py lists them): {bad}"


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_every_placeholder(lang):
    for key, message in entries(lang).items():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) <= wanted, (lang, key, text)
            if "{count}" not in wanted:
                assert set(PLACEHOLDER.findall(text)) == wanted, (lang, key, text)


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalog_is_the_source_one(lang):
    """The .mo the wheel ships says what the .po says (`python scripts/catalogs.py`)."""
    compiled = io.BytesIO()
    write_mo(compiled, catalog(lang))
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with (LOCALE / lang / "LC_MESSAGES" / "followup.mo").open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    assert shipped._catalog == fresh._catalog  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", LANGS)
def test_weekdays_and_months_are_cldr_names_from_babel(lang):
    from datetime import date

    from babel.dates import get_day_names, get_month_names

    from followup import dates

    i18n.use(lang)
    try:
        for day in range(7):
            moment = date(2026, 11, 30 + day) if day < 1 else date(2026, 12, day)
            assert (
                dates.weekday_name(moment)
                == get_day_names("abbreviated", locale=lang)[moment.weekday()]
            )
        for month in range(1, 13):
            assert (
                dates.month_name(date(2026, month, 1))
                == get_month_names("abbreviated", locale=lang)[month]
            )
    finally:
        i18n.use("en")


# -- choosing the language ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "hi_IN"}, "hi"),
        ({"LANG": "hi_IN.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, None),  # LC_ALL decides, even as C
        ({"LANG": "fr_FR.UTF-8"}, None),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({}, None),
    ],
)
def test_the_locale_variables_name_the_language(environ, expected):
    assert i18n.from_environment(environ) == expected


def followup(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    clean.pop("FOLLOWUP_UI_LANG", None)
    return subprocess.run(
        [sys.executable, "-c", "from followup.entry import main; main()", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_lang_picks_the_language_and_profile_ui_lang_overrides_it_and_the_variable_it():
    assert followup("list", env={"LANG": "zh_CN.UTF-8"}).stderr == "没有进行中的面试。\n"
    assert followup("list", env={"LANG": "C.UTF-8"}).stderr == "No open interviews.\n"
    saved = followup("profile", "--ui-lang", "hi", env={"LANG": "zh_CN.UTF-8"})
    assert saved.returncode == 0, saved.stderr
    assert followup("list", env={"LANG": "zh_CN.UTF-8"}).stderr == "कोई चालू इंटरव्यू नहीं।\n"
    both = {"LANG": "zh_CN.UTF-8", "FOLLOWUP_UI_LANG": "zh"}
    assert followup("list", env=both).stderr == "没有进行中的面试。\n"
    assert "Reflect within" in followup("profile", env={"FOLLOWUP_UI_LANG": "en"}).stdout
    assert "समीक्षा की अवधि" in followup("profile", env={}).stdout
    assert followup("profile", "--ui-lang", "en", env={}).returncode == 0
    assert followup("list", env={"LANG": "hi_IN"}).stderr == "No open interviews.\n"


def test_an_unknown_ui_lang_is_refused_and_nothing_is_saved():
    result = followup("profile", "--ui-lang", "fr", env={"LANG": "C"})
    assert result.returncode == 2
    assert "--ui-lang" in result.stderr
    assert not i18n.stored_file().exists()


def test_an_unwritable_data_folder_is_one_error_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = followup("profile", "--ui-lang", "zh", env={"FOLLOWUP_HOME": str(blocker / "home")})
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


# -- what scripts read ----------------------------------------------------------------------


def test_json_is_byte_identical_in_every_language():
    setup = followup(
        "add", "-c", "华为", "-r", "客服专员", "--at", "yesterday 10:00",
        "--contact", "王芳 <wang.fang@example.cn>", env={},
    )  # fmt: skip
    assert setup.returncode == 0, setup.stderr
    followup("add", "-c", "Acme", "-r", "Support", "--at", "tomorrow 9am", env={})
    followup("done", "thanks", "1", env={})
    outputs = {}
    for lang in ("en", *LANGS):
        env = {"FOLLOWUP_UI_LANG": lang}
        runs = [
            followup(*args, env=env)
            for args in (
                ("due", "--json"),
                ("due", "--json", "--days", "30"),
                ("list", "--json"),
                ("list", "--all", "--json"),
                ("show", "1", "--json"),
                ("profile", "--json"),
                ("log", "1", "--json"),
                ("lessons", "--json"),
                ("stats", "--json"),
            )
        ]
        assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
        outputs[lang] = [r.stdout for r in runs]
        json.loads(outputs[lang][0])
    assert outputs["zh"] == outputs["en"]
    assert outputs["hi"] == outputs["en"]
    missing = followup("show", "99", env={"FOLLOWUP_UI_LANG": "zh"})
    assert missing.returncode == 1 and missing.stderr.startswith("Error: ")


# -- alignment --------------------------------------------------------------------------------

SAMPLES = [
    "हिन्दुस्तान कंप्यूटर्स",
    "ग्राहक सेवा अधिकारी",
    "华为技术有限公司",
    "客服专员 · round 2",
    "शुक्र 4 दिस॰ 10:00",
    "12月4日 周五 10:00",
    "Café Zoë",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_plain_width_is_the_width_rich_measures(text):
    from rich.cells import cell_len

    assert render.width(text) == cell_len(text)


def columns(line: str, marker: str) -> int:
    """The display column where ``marker`` starts in ``line``."""
    return render.width(line[: line.index(marker)])


@pytest.mark.parametrize("lang", LANGS)
def test_plain_due_lines_up_with_devanagari_and_chinese(lang):
    from datetime import datetime, timedelta, timezone

    now = datetime.now(timezone.utc)
    for hours in (72, 1):  # two tables whatever the hour: overdue, and due now
        at = f"{now - timedelta(hours=hours):%Y-%m-%d %H:%M} UTC"
        for company, role in (("हिन्दुस्तान कंप्यूटर्स", "ग्राहक सेवा"), ("华为", "客服专员")):
            made = followup("add", "-c", company, "-r", role, "--at", at, env={})
            assert made.returncode == 0, made.stderr
    out = followup("due", env={"FOLLOWUP_UI_LANG": lang}).stdout
    tables = [block.splitlines() for block in out.split("\n\n") if "followup " in block]
    assert len(tables) == 2, out
    for _title, header, *table in tables:  # each state's table lines up on its own
        assert len({columns(line, "followup ") for line in table}) == 1, out
        assert columns(header, i18n_word(lang, "Next")) == columns(table[0], "followup "), out
    assert any("हिन्दुस्तान" in line for _t, _h, *table in tables for line in table)
    listed = followup("list", env={"FOLLOWUP_UI_LANG": lang}).stdout.splitlines()
    status = i18n_word(lang, "Status")
    starts = {columns(line, word) for line in listed[1:-1] for word in line.split("  ") if word}
    assert columns(listed[0], status) in starts, listed


def i18n_word(lang: str, english: str) -> str:
    return entries(lang)[(None, english)].string  # type: ignore[attr-defined]


# -- no English left in the output ---------------------------------------------------------

# Phrases of Click and Typer themselves (their own catalogs), not followup's.
FRAMEWORK = re.compile(
    r"Show this message and exit|Usage: |Try '.*' for help|No such option|"
    r"Missing (argument|option)|Invalid value|is not one of|Got unexpected extra argument|"
    r"Install completion for the current shell|Show completion for the current shell|"
    r"to copy it or customize the installation|is not a valid integer|"
    r"is not in the range|Did you mean|customize the installation|to copy it or",
)
# Values a person types, not prose: CSV columns, and the actions `done` takes.
VALUES = re.compile(r"company, role, at|thanks, check, reply")
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z']+(?:[ ,]+[A-Za-z][a-z']+){2,}\b")
NOT_PROSE = re.compile(
    r"`[^`]*`|'[^']*'|\"[^\"]*\"|\bfollowup [a-z -]+(\d+)?|--?[a-z][a-z-]*|https?://\S+|\S+@\S+"
    r"|\S*/\S*|\b[A-Z_]{3,}\b|e\.g\..*"
)
PENDING = ROOT / "tests" / "i18n_pending.txt"


def english_runs(output: str) -> set[str]:
    """Runs of three or more English words that are neither commands, options, paths,
    addresses, quoted examples nor Click's and Typer's own words."""
    runs = set()
    for line in output.splitlines():
        if line.startswith("$ followup"):
            continue
        line = VALUES.sub(" ", FRAMEWORK.sub(" ", line))
        line = NOT_PROSE.sub(" ", line)
        runs.update(m.group(0) for m in ENGLISH_RUN.finditer(line))
    return runs


@pytest.mark.parametrize("lang", LANGS)
def test_every_command_and_its_help_speak_the_language(lang, tmp_path):
    """No English sentence in what any command, or its --help, writes in zh and hi, except
    the phrases listed in tests/i18n_pending.txt (English still waiting for its
    translation; the list should only shrink)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "i18n_tour.py"), lang, str(tmp_path)],
        env={**os.environ, "FOLLOWUP_UI_LANG": lang, "FOLLOWUP_DEBUG": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout
    pending = {line for line in PENDING.read_text(encoding="utf-8").splitlines() if line}
    left = english_runs(result.stdout) - pending
    assert not left, (
        f"English in the {lang} interface; mark these messages with _() and run "
        f"`python scripts/catalogs.py`: {sorted(left)}"
    )


# -- no message bypasses gettext -------------------------------------------------------------

SRC = ROOT / "src" / "followup"
MESSAGE_CALLS = {"note", "echo", "secho", "fail", "warn", "confirm", "prompt", "ask"}
PROGRAMMING_ERRORS = {"AttributeError", "TypeError", "AssertionError", "KeyError"}
PENDING_CODE = ROOT / "tests" / "i18n_pending_code.txt"


def _literal(node: ast.expr) -> str | None:
    """The text of a string literal or f-string (its constant parts), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else " "
            for part in node.values
            if isinstance(part, (ast.Constant, ast.FormattedValue))
        )
    return None


def bare_messages() -> set[str]:
    """English sentences handed to a message call or an error without going through _():
    ``note("...")``, ``raise FollowupError(f"...")``, ``typer.echo("...")``."""
    found = set()
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in PROGRAMMING_ERRORS or (
                name not in MESSAGE_CALLS and not name.endswith("Error")
            ):
                continue
            text = _literal(node.args[0])
            if text and ENGLISH_RUN.search(NOT_PROSE.sub(" ", text)):
                relative = path.relative_to(SRC).as_posix()
                found.add(f"{relative}: {' '.join(text.split())[:70]}")
    return found


def test_no_message_in_the_code_bypasses_gettext():
    """A message written as a bare string (not ``_("...")``) is never translated. The ones
    listed in tests/i18n_pending_code.txt wait for theirs; a new one fails here: mark it with
    _(), run `python scripts/catalogs.py` and translate it."""
    pending = {line for line in PENDING_CODE.read_text(encoding="utf-8").splitlines() if line}
    new = bare_messages() - pending
    assert not new, f"mark these with _() (docs/languages.md): {sorted(new)}"
    fixed = pending - bare_messages()
    assert not fixed, f"translated now: remove them from {PENDING_CODE.name}: {sorted(fixed)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_terminal_table_lines_up_with_devanagari_and_chinese(lang, monkeypatch):
    """``due`` in a terminal: every row's cells start at the same display columns, measured
    by the C library's ``wcswidth``, as a terminal draws them."""
    import ctypes
    import ctypes.util
    import locale
    from datetime import datetime, timezone

    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.wcswidth.argtypes = [ctypes.c_wchar_p, ctypes.c_size_t]

    def cell_len(text: str) -> int:
        before = locale.setlocale(locale.LC_CTYPE)
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
        try:
            return int(libc.wcswidth(text, len(text)))
        finally:
            locale.setlocale(locale.LC_CTYPE, before)

    from followup import records, render, render_screen, rules

    now = datetime(2026, 12, 2, 1, 0, tzinfo=timezone.utc)
    pairs = [
        (
            rules.Item(
                ident,
                rules.Action(
                    "thanks",
                    datetime(2026, 12, 1, 10, tzinfo=timezone.utc),
                    datetime(2026, 12, 3, 10, tzinfo=timezone.utc),
                ),
                "due",
            ),
            records.Interview(id=ident, company=company, role=role, at=now),
        )
        for ident, company, role in (
            (1, "हिन्दुस्तान कंप्यूटर्स", "ग्राहक सेवा अधिकारी"),
            (2, "华为技术有限公司", "客服专员"),
            (3, "Acme", "Support"),
        )
    ]
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    i18n.use(lang)
    try:
        text = render_screen.screen(records.Morning.of(pairs), timezone.utc, now)
        name = render.label(pairs[0][0].action)
        command = "followup draft thanks"
    finally:
        i18n.use("en")
    lines = [line for line in text.splitlines() if command in line]
    assert len(lines) == 3, text
    for cell in (name, command):
        assert len({cell_len(line[: line.index(cell)]) for line in lines}) == 1, text
    assert "हिन्दुस्तान कंप्यूटर्स" in text


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "已撤销：面试 1（Acme，Dev）的 thanks 完成记录。\n"),
        ("hi", "पलटा गया: इंटरव्यू 1 (Acme, Dev) के लिए thanks पूरा होने का रिकॉर्ड।\n"),
        ("en", "Undone: thanks done for interview 1 (Acme, Dev).\n"),
    ],
)
def test_undo_says_what_it_undid_in_the_interface_language(ok, lang, said):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "yesterday 10:00")
    ok("done", "thanks", "1")  # the journal keeps its summary in English
    i18n.use(lang)
    try:
        assert ok("undo").stderr == said
    finally:
        i18n.use("en")


def test_ui_lang_replaces_a_planted_symlink_instead_of_writing_through_it(ok, tmp_path):
    from followup import config

    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n")
    link = config.home() / "ui-lang"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(victim)
    try:
        ok("profile", "--ui-lang", "zh")
        assert victim.read_text() == "keep\n"
        assert not link.is_symlink() and link.read_text() == "zh\n"
        assert link.stat().st_mode & 0o777 == 0o600
    finally:
        i18n.use("en")


def test_an_import_names_its_problems_in_the_interface_language(ok, run, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "followup", "version": 1, "interviews": [{"uid": "nope", "company": "A",'
        ' "role": "B", "at": "2026-11-20T10:00:00+00:00"}]}',
        encoding="utf-8",
    )
    i18n.use("zh")
    try:
        result = run("import", str(bad))
    finally:
        i18n.use("en")
    assert result.exit_code == 1, result
    assert "'nope' 不是 followup 的 uid（32 位十六进制数字）" in result.stderr, result.stderr
