"""Reflection, lessons, preparation and the picture of a search, through the CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from followup import insights
from followup.cli import prompt

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL


def new(ok, company="Acme", role="Customer Service Rep", at="2026-11-20 10:00", *extra):
    return str(ok("add", "-c", company, "-r", role, "--at", at, "--json", *extra).json()["id"])


# -- reflect -------------------------------------------------------------------------------------


def test_reflect_with_options_and_again_adds_questions_and_replaces_only_given_fields(ok):
    ident = new(ok)
    ok(
        "reflect",
        ident,
        "-q",
        "Why customer service?",
        "-a",
        "I like fixing things",
        "-q",
        "Salary?",
        "-a",
        "",
        "--went-well",
        "Calm",
        "--improve",
        "Shorter answers",
    )
    ok(
        "reflect",
        ident,
        "--question",
        "Weekend shifts?",
        "--answer",
        "Yes",
        "--improve",
        "Examples",
    )
    review = ok("show", ident, "--json").json()["reflection"]
    assert review["questions"] == [
        {"question": "Why customer service?", "answer": "I like fixing things"},
        {"question": "Salary?", "answer": ""},
        {"question": "Weekend shifts?", "answer": "Yes"},
    ]
    assert review["went_well"] == "Calm" and review["improve"] == "Examples"


def test_reflecting_completes_the_reflection_and_nothing_else(ok):
    ok("profile", "--timezone", "UTC")
    ident = new(ok)
    before = {i["action"] for i in ok("due", "--on", "2026-11-20 12:00", "--json").json()}
    assert before == {"reflect", "thanks"}
    reflect = next(
        i
        for i in ok("due", "--on", "2026-11-20 12:00", "--json").json()
        if i["action"] == "reflect"
    )
    assert (
        reflect["due"] == "2026-11-21T10:00:00+00:00"
        and reflect["next"] == f"followup reflect {ident}"
    )
    assert ok("due", "--on", "2026-11-21 10:01", "--json").json()[0]["state"] == "overdue"
    ok("reflect", ident, "--improve", "x")
    after = {a["action"] for a in ok("show", ident, "--json").json()["pending"]}
    assert "reflect" not in after and "thanks" in after
    # as of a moment before it was recorded, the reflection was still to do
    earlier = {i["action"] for i in ok("due", "--on", "2026-11-20 12:00", "--json").json()}
    assert earlier == {"reflect", "thanks"}


def test_unequal_questions_and_answers_are_a_usage_error(ok, run):
    ident = new(ok)
    result = run("reflect", ident, "-q", "One?", "-q", "Two?", "-a", "only one")
    assert result.exit_code == 2 and "come in pairs: 2 question(s), 1 answer(s)" in result.stderr
    assert ok("show", ident, "--json").json()["reflection"] is None


def test_reflect_without_options_needs_a_terminal(ok, run, monkeypatch):
    ident = new(ok)
    result = run("reflect", ident)
    assert result.exit_code == 2 and "in a terminal" in result.stderr
    monkeypatch.setattr(prompt, "interactive", lambda: True)  # stdin a terminal, stdout not
    assert run("reflect", ident).exit_code == 2


EDITOR = """
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
assert {marker!r} in text, text
if {fill!r}:
    text = text.replace("Q: \\nA: ", "Q: 为什么选择客服？\\nA: 我喜欢帮人解决问题\\nQ: 期望薪资？\\nA:")
    text = text.replace("[improve] 下次需要改进的地方\\n", "[improve] 下次需要改进的地方\\n多举具体例子\\n")
open(path, "w", encoding="utf-8").write(text)
"""


@pytest.fixture
def editor(tmp_path, monkeypatch):
    def make(marker: str, fill: bool) -> None:
        script = tmp_path / "editor.py"
        script.write_text(EDITOR.format(marker=marker, fill=fill))
        monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setattr(prompt, "interactive", lambda: True)
        monkeypatch.setattr(prompt, "stdout_terminal", lambda: True)

    return make


def test_the_editor_form_is_in_the_interviews_language(ok, editor):
    ident = new(ok, "华为", "客服专员", "2026-11-20 10:00", "--lang", "zh")
    editor("面试复盘", True)
    ok("reflect", ident)
    review = ok("show", ident, "--json").json()["reflection"]
    assert review["questions"] == [
        {"question": "为什么选择客服？", "answer": "我喜欢帮人解决问题"},
        {"question": "期望薪资？", "answer": ""},
    ]
    assert review["improve"] == "多举具体例子" and review["went_well"] is None


def test_an_empty_editor_form_records_nothing(ok, editor):
    ident = new(ok)
    editor("Reflection", False)
    result = ok("reflect", ident)
    assert "Nothing recorded" in result.stderr
    shown = ok("show", ident, "--json").json()
    assert shown["reflection"] is None and shown["events"] == []


def test_an_editor_that_fails_records_nothing(ok, run, monkeypatch):
    ident = new(ok)
    monkeypatch.setenv("EDITOR", "false")
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    monkeypatch.setattr(prompt, "stdout_terminal", lambda: True)
    result = run("reflect", ident)
    assert result.exit_code == 1 and "exited with 1" in result.stderr
    assert ok("show", ident, "--json").json()["reflection"] is None


def test_the_thank_you_uses_the_reflections_idea_and_strength_unless_the_interview_has_its_own(ok):
    ok("profile", "--name", "Li Wei", "--email", "li@example.com", "--phone", "+1 555 0100")
    ident = new(ok, "Acme", "Dev", "2026-11-20 10:00", "--contact", "Jane <jane@acme.example>")
    ok("reflect", ident, "--idea", "a shared FAQ", "--strength", "bilingual support")
    body = ok("draft", "thanks", ident, "--json").json()[0]["body"]
    assert "a shared FAQ." in body and "bilingual support" in body
    ok("edit", ident, "--idea", "a weekly review of escalations")
    body = ok("draft", "thanks", ident, "--json").json()[0]["body"]
    assert "a weekly review of escalations." in body and "shared FAQ" not in body
    assert "bilingual support" in body


# -- lessons -------------------------------------------------------------------------------------


def test_lessons_newest_first_and_questions_repeated_ignoring_case_spacing_punctuation(ok):
    a = new(ok, "Acme", "Support", "2026-11-02 10:00")
    b = new(ok, "Globex", "Support", "2026-11-09 10:00")
    c = new(ok, "Initech", "Support", "2026-11-16 10:00")
    ok("reflect", a, "-q", "Why customer service?", "-a", "x", "--improve", "Arrive earlier")
    ok("reflect", b, "-q", "why   CUSTOMER service", "-a", "y", "-q", "Salary?", "-a", "")
    ok(
        "reflect",
        c,
        "-q",
        "Why, customer service!",
        "-a",
        "z",
        "-q",
        "salary",
        "-a",
        "",
        "--improve",
        "Shorter answers",
    )
    found = ok("lessons", "--json").json()
    assert found["improve"] == [
        {
            "id": int(c),
            "company": "Initech",
            "role": "Support",
            "at": "2026-11-16T10:00:00+00:00",
            "improve": "Shorter answers",
        },
        {
            "id": int(a),
            "company": "Acme",
            "role": "Support",
            "at": "2026-11-02T10:00:00+00:00",
            "improve": "Arrive earlier",
        },
    ]
    assert found["repeated"] == [
        {"question": "Why customer service?", "count": 3, "ids": [int(a), int(b), int(c)]},
        {"question": "Salary?", "count": 2, "ids": [int(b), int(c)]},
    ]
    text = ok("lessons").stdout
    assert "Shorter answers" in text and "3×" in text


def test_lessons_with_nothing_yet(ok):
    result = ok("lessons")
    assert "No lessons yet" in result.stderr
    assert ok("lessons", "--json").json() == {"improve": [], "repeated": []}


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Customer Service Rep", "customer service rep", True),
        ("Customer Service Rep", "客服专员", True),  # one guidance file's keywords, two languages
        ("ग्राहक सेवा अधिकारी", "Help Desk Analyst", True),
        ("Senior Data Analyst", "Data Analyst", True),  # half the words shared
        ("Data Analyst", "Backend Engineer", False),
        ("Customer Service Rep", "Backend Engineer", False),
    ],
)
def test_similar_roles(a, b, same):
    from followup import guidance

    keywords = guidance.keyword_sets(Path("/nonexistent"))
    assert insights.similar_roles(a, b, keywords) is same


# -- prep ----------------------------------------------------------------------------------------


@pytest.fixture
def history(ok):
    ok("profile", "--lang", "hi")
    old = new(ok, "ACME", "Customer Service Rep", "2026-10-01 10:00")
    ok(
        "reflect",
        old,
        "-q",
        "Why customer service?",
        "-a",
        "Helping people",
        "--improve",
        "Be concise",
        "--went-well",
        "Rapport",
    )
    other = new(ok, "Globex", "客服专员", "2026-10-15 10:00")
    ok("reflect", other, "-q", "为什么选择客服？", "-a", "喜欢沟通", "--improve", "多举例子")
    unrelated = new(ok, "Initech", "Backend Engineer", "2026-10-20 10:00")
    ok("reflect", unrelated, "-q", "Explain a B-tree", "-a", "...")
    upcoming = new(ok, "acme", "Customer Care Lead", "2026-12-01 10:00", "--lang", "zh")
    return old, other, unrelated, upcoming


def test_prep_for_an_interview(ok, history):
    old, other, _unrelated, upcoming = history
    found = ok("prep", upcoming, "--json").json()
    assert found["lang"] == "zh"
    assert [p["id"] for p in found["past"]] == [int(old)]  # same company ignoring case, not itself
    assert found["past"][0]["reflection"]["went_well"] == "Rapport"
    assert [(q["id"], q["question"], q["answer"]) for q in found["similar_questions"]] == [
        (int(old), "Why customer service?", "Helping people"),
        (int(other), "为什么选择客服？", "喜欢沟通"),
    ]
    assert [(x["id"], x["improve"]) for x in found["lessons"]] == [
        (int(other), "多举例子"),
        (int(old), "Be concise"),
    ]
    assert [g["id"] for g in found["guidance"]] == ["why-customer-service"]  # it replaces why-role
    assert found["guidance"][0]["question"] == "你为什么选择做客服？"
    assert set(found["guidance"][0]) == {"id", "question", "tests", "build", "avoid"}
    text = ok("prep", upcoming).stdout
    assert "以往在acme的面试" in text and "考察什么" in text and "Why customer service?" in text


def test_prep_for_a_role_uses_the_profile_language_and_lang_overrides(ok, history):
    found = ok("prep", "--role", "Backend Engineer", "--json").json()
    assert found["lang"] == "hi" and found["past"] == []
    assert [g["id"] for g in found["guidance"]] == ["why-role"]
    assert found["guidance"][0]["question"] == "आप यह भूमिका क्यों चाहते हैं?"
    assert [q["question"] for q in found["similar_questions"]] == ["Explain a B-tree"]
    english = ok("prep", "--role", "Backend Engineer", "--lang", "en", "--json").json()
    assert english["guidance"][0]["question"] == "Why do you want this role?"
    assert "आम सवाल" in ok("prep", "--role", "Backend Engineer").stdout


def test_user_guidance_replaces_and_adds(ok, history, home):
    folder = home / "guidance" / "en"
    folder.mkdir(parents=True)
    (folder / "why-role.txt").write_text(
        "question: Why us?\nroles:\n\n[tests]\nFit.\n\n[build]\nA story.\n\n[avoid]\nClichés.\n"
    )
    (folder / "conflict.txt").write_text(
        "question: Tell me about a conflict.\nroles: engineer\n\n[tests]\nT\n[build]\nB\n[avoid]\nA\n"
    )
    found = ok("prep", "--role", "Backend Engineer", "--lang", "en", "--json").json()
    assert {g["id"]: g["question"] for g in found["guidance"]} == {
        "conflict": "Tell me about a conflict.",
        "why-role": "Why us?",
    }


@pytest.mark.parametrize(
    "text, line",
    [
        ("roles:\n[tests]\nT\n[build]\nB\n[avoid]\nA\n", "line 1: it needs a 'question:' line"),
        ("question: Q\n[tests]\nT\n[build]\nB\n[oops]\nA\n", "line 6: [oops] is not one of"),
        ("question: Q\nwhatever\n[tests]\nT\n", "line 2: expected 'question:'"),
        ("question: Q\n[tests]\nT\n[build]\nB\n", "the section [avoid] is missing"),
    ],
)
def test_a_broken_guidance_file_names_the_file_and_line(ok, run, history, home, text, line):
    path = home / "guidance" / "en" / "mine.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = run("prep", "--role", "Backend Engineer", "--lang", "en")
    assert result.exit_code == 1
    assert f"Error: guidance file {path}" in result.stderr and line in result.stderr


def test_prep_needs_an_id_or_a_role(ok, run):
    assert run("prep").exit_code == 2
    assert run("prep", "1", "--role", "x").exit_code == 2
    assert run("prep", "99").exit_code == 1


def test_every_built_in_guide_exists_in_every_language():
    from followup import config, guidance

    for lang in ("en", "zh", "hi"):
        guides = guidance.load(lang, Path("/nonexistent"))
        assert set(guides) == {"why-role", "why-customer-service"}, lang
        assert guides["why-customer-service"].replaces == "why-role"
    assert (config.packaged("guidance") / "zh" / "why-role.txt").is_file()


# -- stats: a hand-built history, answers worked out by hand --------------------------------------

HISTORY = [
    ["profile", "--timezone", "UTC", "--no-reflect"],
    # 1: Monday 2 Nov, round 1. Thanks on time, check on time (opens Mon 9 Nov), invited after 10 days.
    ["add", "-c", "A", "-r", "Ops", "--at", "2026-11-02 10:00"],
    ["done", "thanks", "1", "--at", "2026-11-03 09:00"],
    ["done", "check", "1", "--at", "2026-11-09 09:00"],
    ["result", "1", "invited", "--at", "2026-11-12 10:00"],
    # 2: Tuesday 3 Nov, round 1. Thanks late (deadline 5 Nov 10:00); first check early (opens
    # Tue 10 Nov), the second on time (opens 5 Nov + 7 = Thu 12 Nov); rejected after 17 days.
    ["add", "-c", "B", "-r", "Ops", "--at", "2026-11-03 10:00"],
    ["done", "thanks", "2", "--at", "2026-11-06 10:00"],
    ["done", "check", "2", "--at", "2026-11-05 09:00"],
    ["done", "check", "2", "--at", "2026-11-14 09:00"],
    ["result", "2", "rejected", "--at", "2026-11-20 10:00"],
    # 3: Wednesday 11 Nov, round 2. No thank-you, an offer after 2 days: never.
    ["add", "-c", "C", "-r", "Ops", "--at", "2026-11-11 10:00", "--round", "2"],
    ["result", "3", "offer", "--at", "2026-11-13 10:00"],
    # 4: Thursday 26 Nov: deadline 28 Nov passed by 30 Nov: never.
    ["add", "-c", "D", "-r", "Ops", "--at", "2026-11-26 10:00"],
    # 5: Sunday 29 Nov: deadline 1 Dec: pending.
    ["add", "-c", "E", "-r", "Ops", "--at", "2026-11-29 10:00"],
    # 6: after the moment asked about: left out.
    ["add", "-c", "F", "-r", "Ops", "--at", "2026-12-04 10:00"],
]


def test_stats_of_a_hand_built_history(ok):
    for args in HISTORY:
        ok(*args)
    found = ok("stats", "--since", "2026-11-02", "--on", "2026-11-30 12:00", "--json").json()
    assert found == {
        "since": "2026-11-02",
        "interviews": 5,
        "funnel": [
            {"round": 1, "interviews": 4, "invited": 1, "offers": 0, "rejected": 1},
            {"round": 2, "interviews": 1, "invited": 0, "offers": 1, "rejected": 0},
        ],
        "thanks": {
            "on_time": 1,
            "late": 1,
            "never": 2,
            "pending": 1,
            "share_on_time": 0.25,
            "share_late": 0.25,
            "share_never": 0.5,
        },
        "checks": {"early": 1, "on_time": 2, "share_early": 1 / 3, "share_on_time": 2 / 3},
        "median_days_to_result": 10,
        "per_week": [
            {"week": "2026-W45", "start": "2026-11-02", "interviews": 2},
            {"week": "2026-W46", "start": "2026-11-09", "interviews": 1},
            {"week": "2026-W47", "start": "2026-11-16", "interviews": 0},
            {"week": "2026-W48", "start": "2026-11-23", "interviews": 2},
            {"week": "2026-W49", "start": "2026-11-30", "interviews": 0},
        ],
    }
    later = ok("stats", "--since", "2026-11-10", "--on", "2026-11-30 12:00", "--json").json()
    assert later["interviews"] == 3 and later["median_days_to_result"] == 2
    default = ok("stats", "--on", "2026-11-30 12:00", "--json").json()
    assert len(default["per_week"]) == 12 and default["per_week"][-1]["week"] == "2026-W49"
    assert default["per_week"][0]["start"] == "2026-09-14"


def test_stats_in_a_terminal_are_bars_with_headings_in_the_profile_language(ok):
    for args in HISTORY:
        ok(*args)
    english = ok("stats", "--on", "2026-11-30 12:00").stdout
    assert "Funnel by round" in english and "█" in english and "25%" in english
    ok("profile", "--lang", "zh")
    assert "各轮结果" in ok("stats", "--on", "2026-11-30 12:00").stdout
    ok("profile", "--lang", "hi")
    assert "हर दौर का नतीजा" in ok("stats", "--on", "2026-11-30 12:00").stdout


def test_stats_of_nothing(ok):
    found = ok("stats", "--json").json()
    assert found["interviews"] == 0 and found["median_days_to_result"] is None
    assert found["thanks"]["share_on_time"] is None and len(found["per_week"]) == 12
    assert json.dumps(found)


def test_reflecting_on_an_interview_that_has_not_happened_is_refused(ok, run):
    ident = new(ok, "Acme", "Dev", "2099-01-05 10:00")
    result = run("reflect", ident, "--improve", "x")
    assert result.exit_code == 2 and "reflect on it afterwards" in result.stderr


def _editor(tmp_path, monkeypatch, body: str) -> None:
    script = tmp_path / "editor.py"
    script.write_text(body)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setattr(prompt, "interactive", lambda: True)
    monkeypatch.setattr(prompt, "stdout_terminal", lambda: True)


def test_a_form_with_a_mistake_is_kept_and_nothing_recorded(ok, run, tmp_path, monkeypatch, home):
    ident = new(ok)
    _editor(
        tmp_path,
        monkeypatch,
        "import sys\nopen(sys.argv[1], 'a').write('\\n[bogus]\\nmy precious notes\\n')\n",
    )
    result = run("reflect", ident)
    assert result.exit_code == 1 and "[bogus] is not a heading" in result.stderr
    kept = home / f"reflection-{ident}.txt"
    assert str(kept) in result.stderr and "my precious notes" in kept.read_text()
    assert ok("show", ident, "--json").json()["reflection"] is None


def test_a_form_answer_over_the_limit_is_refused(ok, run, tmp_path, monkeypatch):
    ident = new(ok)
    _editor(
        tmp_path,
        monkeypatch,
        "import sys\np = sys.argv[1]\nt = open(p).read()\n"
        "open(p, 'w').write(t.replace('[improve] What to improve next time\\n', "
        "'[improve] What to improve next time\\n' + 'x' * 3000 + '\\n'))\n",
    )
    result = run("reflect", ident)
    assert result.exit_code == 1 and "[improve] is 3000 characters long" in result.stderr


def test_an_editor_that_removes_the_form(ok, run, tmp_path, monkeypatch):
    ident = new(ok)
    _editor(tmp_path, monkeypatch, "import os, sys\nos.remove(sys.argv[1])\n")
    result = run("reflect", ident)
    assert result.exit_code == 1 and "removed the form" in result.stderr


def test_the_form_shows_what_was_recorded_before(ok, tmp_path, monkeypatch):
    ident = new(ok)
    ok("reflect", ident, "-q", "Why us?", "-a", "Mission", "--improve", "Be brief")
    seen = tmp_path / "seen.txt"
    _editor(tmp_path, monkeypatch, f"import shutil, sys\nshutil.copy(sys.argv[1], {str(seen)!r})\n")
    ok("reflect", ident)  # saved unchanged: the same fields, no new question
    text = seen.read_text()
    assert "\nQ: Why us?\nA: Mission" in text and "\nBe brief\n" in text
    review = ok("show", ident, "--json").json()["reflection"]
    assert review["questions"] == [{"question": "Why us?", "answer": "Mission"}]
    assert review["improve"] == "Be brief"


def test_prep_refuses_an_id_and_a_role_together(ok, run):
    ident = new(ok)
    result = run("prep", ident, "--role", "Chef")
    assert result.exit_code == 2 and "not both" in result.stderr


def test_a_broken_guidance_file_of_another_language_does_not_block_prep(ok, home):
    ident = new(ok, "华为", "客服专员", "2026-11-20 10:00", "--lang", "zh")
    broken = home / "guidance" / "en" / "mine.txt"
    broken.parent.mkdir(parents=True)
    broken.write_text("nonsense\n")
    assert ok("prep", ident, "--json").json()["lang"] == "zh"


def test_a_guidance_file_with_a_byte_order_mark_is_read(ok, home):
    path = home / "guidance" / "en" / "notepad.txt"
    path.parent.mkdir(parents=True)
    path.write_bytes(
        "\ufeffquestion: Why now?\nroles:\n[tests]\nT\n[build]\nB\n[avoid]\nA\n".encode()
    )
    found = ok("prep", "--role", "Chef", "--lang", "en", "--json").json()
    assert "notepad" in {g["id"] for g in found["guidance"]}


def test_prep_in_chinese_uses_chinese_dates_punctuation_and_statuses(ok):
    old = new(ok, "华为", "客服专员", "2026-10-06 10:00", "--lang", "zh")
    ok("reflect", old, "--improve", "多举例子")
    ahead = new(ok, "华为", "客服主管", "2099-01-05 10:00", "--lang", "zh")
    text = ok("prep", ahead).stdout
    assert (
        "2026年10月6日 10:00" in text and "第1轮：等待结果" in text and "待改进：多举例子" in text
    )


# -- advice that points at your own answers -----------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh", "hi"])
def test_the_customer_service_advice_has_the_four_points_of_the_seed(lang):
    from followup import guidance

    (guide,) = [g for g in guidance.for_role("客服", lang, Path("/x")) if g.replaces]
    points = {
        "en": ("this company in particular", "enthusiasm", "only about what you", "past employer"),
        "zh": ("为什么是这家公司", "有热情、有自信", "只谈自己能得到什么", "以前的雇主"),
        "hi": ("यही कंपनी क्यों", "उत्साह और आत्मविश्वास", "आपको क्या मिलेगा", "पिछले नियोक्ता"),
    }[lang]
    text = guide.build + guide.avoid
    for point in points:
        assert point in text, point
    assert {f.id for f in guide.flags} == {
        "empty",
        "gain",
        "past-employer",
        "stepping-stone",
        "easy",
    }


def test_prep_points_out_an_answer_the_advice_warns_against(ok, history):
    old, other, _unrelated, upcoming = history
    ok("reflect", old, "-q", "Why leave your last job?", "-a", "My boss was toxic")
    found = ok("prep", upcoming, "--json").json()
    warned = {(w["id"], w["flag"]): w for w in found["warnings"]}
    assert set(warned) == {(int(other), "empty"), (int(old), "past-employer")}
    assert warned[(int(other), "empty")]["answer"] == "喜欢沟通"
    assert warned[(int(old), "past-employer")]["words"] == ["my boss", "toxic"]
    assert warned[(int(old), "past-employer")]["advice"].startswith("这个回答在指责以前的雇主")
    text = ok("prep", upcoming).stdout
    assert "你以往的回答中需要注意的地方" in text and "My boss was toxic" in text
    english = ok("prep", upcoming, "--lang", "en", "--json").json()
    assert {w["advice"] for w in english["warnings"]} >= {
        "This answer speaks against a past employer; say what that experience taught you instead."
    }
    hindi = ok("prep", upcoming, "--lang", "hi").stdout
    assert "आपके पिछले जवाबों में किन बातों पर ध्यान दें" in hindi


def test_no_warning_for_an_answer_the_advice_does_not_warn_against(ok, history):
    *_, upcoming = history
    found = ok("prep", "--role", "Backend Engineer", "--json").json()
    assert found["warnings"] == []
    assert "Helping people" not in {
        w["answer"] for w in ok("prep", upcoming, "--json").json()["warnings"]
    }


def test_a_broken_flag_line_names_the_file_and_line(ok, run, history, home):
    path = home / "guidance" / "en" / "mine.txt"
    path.parent.mkdir(parents=True)
    path.write_text("question: Q\n[tests]\nT\n[build]\nB\n[avoid]\nA\n[flags]\noops\n")
    result = run("prep", "--role", "Backend Engineer", "--lang", "en")
    assert result.exit_code == 1
    assert f"Error: guidance file {path}, line 9: a flag is" in result.stderr
