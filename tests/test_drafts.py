"""Drafted emails through the real CLI, real templates and the email package."""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from followup import drafts, records

pytestmark = pytest.mark.usefixtures("backend")  # every test runs on SQLite and on PostgreSQL

PROFILE = ["--name", "Li Wei", "--email", "li.wei@example.com", "--phone", "+86 138 0000 0000"]
# 07:00 in Shanghai on the 20th is 23:00 UTC on the 19th: dates follow the user's zone.
AT = "2026-11-20 07:00"
LONG_DATE = {"en": "November 20, 2026", "zh": "2026年11月20日", "hi": "20 नवंबर 2026"}
DECISION = {"en": "November 27, 2026", "zh": "2026年11月27日", "hi": "27 नवंबर 2026"}
TIME = {"en": "7:00 AM", "zh": "于2026年11月20日上午7:00", "hi": "20 नवंबर 2026 को सुबह 7 बजे"}
MATERIAL = {
    "topic": "how the team handles escalations",
    "strength": "three years of bilingual support",
    "idea": "a shared FAQ would cut repeat tickets",
}
LANGS = ["en", "zh", "hi"]
KINDS = ["thanks", "check", "decline"]


@pytest.fixture
def setup(ok):
    ok("profile", *PROFILE, "--timezone", "Asia/Shanghai")

    def interview(*extra: str) -> str:
        record = ok(
            "add",
            "-c",
            "Acme",
            "-r",
            "Support Engineer",
            "--at",
            AT,
            "--contact",
            "Wang Fang <wang.fang@example.cn>",
            "--recruiter",
            "Ana Ruiz <ana@acme.example>",
            "--json",
            *extra,
        ).json()
        return str(record["id"])

    return interview


def drafted(ok, kind, ident, *extra):
    return ok("draft", kind, ident, "--json", *extra).json()


def assert_clean(text: str) -> None:
    for marker in ("{{", "}}", "{%", "%}", "None", "  ", " ,", " .", "：。", ": ."):
        assert marker not in text, (marker, text)
    for line in text.splitlines():
        assert not re.fullmatch(r"\s*[,.;:，。；：।]+\s*", line), line


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("with_material", [True, False])
def test_thanks_has_every_element(ok, setup, lang, with_material):
    extra = [f"--{k}={v}" for k, v in MATERIAL.items()] if with_material else []
    ident = setup(*extra)
    (mail,) = drafted(ok, "thanks", ident, "--lang", lang)
    assert mail["lang"] == lang
    assert mail["to"] == ["Wang Fang <wang.fang@example.cn>"] and mail["cc"] == []
    assert "Support Engineer" in mail["subject"]
    body = mail["body"]
    opening = body.split("\n\n")[1]  # after the greeting
    assert body.splitlines()[0].count("Wang Fang") == 1  # greeted by name
    for element in ("Li Wei", LONG_DATE[lang], TIME[lang], "Support Engineer", "Acme"):
        assert element in opening, (element, opening)
    for element in ("Li Wei", "+86 138 0000 0000", "li.wei@example.com"):
        assert element in body.split("\n\n")[-1], element  # the signature
    for key, value in MATERIAL.items():
        assert (value in body) is with_material, key
    assert_clean(mail["subject"] + "\n" + body)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("decision", [True, False])
def test_check_has_every_element(ok, setup, lang, decision):
    ident = setup(*(["--decision-by", "2026-11-27"] if decision else []))
    (mail,) = drafted(ok, "check", ident, "--lang", lang)
    assert mail["to"] == ["Ana Ruiz <ana@acme.example>"]  # the recruiter
    assert "Support Engineer" in mail["subject"] and "Li Wei" in mail["subject"]
    for element in ("Support Engineer", LONG_DATE[lang], "+86 138 0000 0000", "li.wei@example.com"):
        assert element in mail["body"], element
    assert (DECISION[lang] in mail["body"]) is decision
    assert_clean(mail["subject"] + "\n" + mail["body"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", ["I have accepted another offer", ""])
def test_decline_has_every_element(ok, setup, lang, reason):
    ident = setup()
    extra = ["--reason", reason] if reason else []
    (mail,) = drafted(ok, "decline", ident, "--lang", lang, *extra)
    assert mail["to"] == ["Wang Fang <wang.fang@example.cn>"]
    assert mail["cc"] == ["Ana Ruiz <ana@acme.example>"]
    assert "Support Engineer" in mail["subject"]
    assert ("I have accepted another offer." in mail["body"]) is bool(reason)
    for element in ("Acme", "Li Wei", "+86 138 0000 0000", "li.wei@example.com"):
        assert element in mail["body"], element
    assert_clean(mail["subject"] + "\n" + mail["body"])


def test_each_language_says_withdraw_in_the_subject(ok, setup):
    ident = setup()
    words = {"en": "Withdrawing", "zh": "退出", "hi": "नाम वापस"}
    for lang, word in words.items():
        assert word in drafted(ok, "decline", ident, "--lang", lang)[0]["subject"]


def test_decline_works_without_a_recorded_invitation_and_records_nothing(ok, setup):
    ident = setup()
    drafted(ok, "decline", ident)
    assert ok("show", ident, "--json").json()["events"] == []


def test_followup_is_an_alias_of_check(ok, setup):
    ident = setup()
    assert drafted(ok, "followup", ident) == drafted(ok, "check", ident)


def test_language_comes_from_the_interview_then_the_profile_then_english(ok, setup):
    ident = setup()
    assert drafted(ok, "thanks", ident)[0]["lang"] == "en"
    ok("profile", "--lang", "hi")  # new interviews only: this one was added in English
    assert drafted(ok, "thanks", ident)[0]["lang"] == "en"
    later = setup()
    assert drafted(ok, "thanks", later)[0]["lang"] == "hi"
    ok("edit", ident, "--lang", "zh")
    assert drafted(ok, "thanks", ident)[0]["lang"] == "zh"
    assert drafted(ok, "thanks", ident, "--lang", "en")[0]["lang"] == "en"


def test_thanks_goes_to_each_interviewer_and_a_shared_address_greets_the_panel(ok, setup):
    ident = setup()
    ok(
        "edit",
        ident,
        "--contact",
        "Jane Doe <panel@acme.example>",
        "--contact",
        "Raj Patel <panel@acme.example>",
        "--contact",
        "Wang Fang <wang.fang@example.cn>",
    )
    mails = drafted(ok, "thanks", ident)
    assert [m["to"] for m in mails] == [
        ["Jane Doe <panel@acme.example>", "Raj Patel <panel@acme.example>"],
        ["Wang Fang <wang.fang@example.cn>"],
    ]
    assert mails[0]["body"].startswith("Dear Jane Doe and Raj Patel,")
    assert mails[1]["body"].startswith("Dear Wang Fang,")
    assert "Jane" not in mails[1]["body"]
    zh = drafted(ok, "thanks", ident, "--lang", "zh")
    assert zh[0]["body"].startswith("尊敬的Jane Doe、Raj Patel：")


def test_without_interviewers_thanks_goes_to_the_recruiter(ok, setup):
    ident = setup()
    ok("edit", ident, "--contact", "")
    (mail,) = drafted(ok, "thanks", ident)
    assert mail["to"] == ["Ana Ruiz <ana@acme.example>"]
    assert mail["body"].startswith("Dear Ana Ruiz,")
    (decline,) = drafted(ok, "decline", ident)
    assert decline["to"] == ["Ana Ruiz <ana@acme.example>"] and decline["cc"] == []


def test_check_goes_to_the_interviewer_when_there_is_no_recruiter(ok, ok_add=None):
    ok("profile", *PROFILE)
    ident = str(
        ok(
            "add",
            "-c",
            "Acme",
            "-r",
            "Dev",
            "--at",
            AT,
            "--contact",
            "Wang Fang <wang.fang@example.cn>",
            "--json",
        ).json()["id"]
    )
    assert drafted(ok, "check", ident)[0]["to"] == ["Wang Fang <wang.fang@example.cn>"]


# -- output forms ------------------------------------------------------------------------------


def test_plain_output_for_piping(ok, setup):
    ident = setup()
    out = ok("draft", "decline", ident, "--plain").stdout
    head, _, body = out.partition("\n\n")
    assert head.splitlines() == [
        "To: Wang Fang <wang.fang@example.cn>",
        "Cc: Ana Ruiz <ana@acme.example>",
        "Subject: Withdrawing from the Support Engineer process – Li Wei",
    ]
    assert body.startswith("Dear Wang Fang,")


def test_terminal_output_is_a_panel_per_email(ok, setup, monkeypatch):
    from followup import render

    monkeypatch.setattr(render, "terminal", lambda: True)  # a pty test: test_terminal.py
    ident = setup()
    ok(
        "edit",
        ident,
        "--contact",
        "Jane <jane@acme.example>",
        "--contact",
        "Raj <raj@acme.example>",
    )
    out = ok("draft", "thanks", ident).stdout
    assert "thanks · en · 1/2" in out and "thanks · en · 2/2" in out
    assert "Subject:" in out and "To:" in out


@pytest.mark.parametrize("lang", LANGS)
def test_eml_is_an_unsent_utf8_draft_that_parses_back(ok, setup, tmp_path, lang):
    ident = setup()
    target = tmp_path / "thanks.eml"
    ok("draft", "thanks", ident, "--lang", lang, "--eml", str(target))
    (mail,) = drafted(ok, "thanks", ident, "--lang", lang)
    raw = target.read_bytes()
    headers = raw.split(b"\r\n\r\n", 1)[0]
    headers.decode("ascii")  # 7-bit headers: non-ASCII is RFC 2047 encoded
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == mail["subject"]
    assert message["From"] == "Li Wei <li.wei@example.com>"
    assert [a.addr_spec for a in message["To"].addresses] == ["wang.fang@example.cn"]
    assert message["To"].addresses[0].display_name == "Wang Fang"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == mail["body"]


def test_eml_with_several_emails_writes_a_folder(ok, setup, tmp_path):
    ident = setup()
    ok(
        "edit",
        ident,
        "--contact",
        "Jane <jane@acme.example>",
        "--contact",
        "Raj <raj@acme.example>",
    )
    folder = tmp_path / "out"
    result = ok("draft", "thanks", ident, "--eml", str(folder))
    files = sorted(folder.iterdir())
    assert [f.name for f in files] == [f"{ident}-thanks-1.eml", f"{ident}-thanks-2.eml"]
    to = [email.message_from_bytes(f.read_bytes(), policy=policy.default)["To"] for f in files]
    assert to == ["Jane <jane@acme.example>", "Raj <raj@acme.example>"]
    assert str(files[0]) in result.stderr


def test_eml_to_an_unwritable_place_is_an_error(ok, run, setup, tmp_path):
    ident = setup()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("draft", "thanks", ident, "--eml", str(blocker / "sub" / "x.eml"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("Error: cannot write")


@pytest.mark.parametrize("lang", LANGS)
def test_mailto_links_decode_to_the_draft(ok, setup, lang):
    ident = setup()
    (mail,) = drafted(ok, "decline", ident, "--lang", lang)
    link = ok("draft", "decline", ident, "--lang", lang, "--mailto").stdout.strip()
    assert " " not in link and "+" not in link.split("?", 1)[1].replace("%2B", "")
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and unquote(parts.path) == "wang.fang@example.cn"
    query = dict(item.split("=", 1) for item in parts.query.split("&"))
    assert unquote(query["cc"]) == "ana@acme.example"
    assert unquote(query["subject"]) == mail["subject"]
    assert unquote(query["body"]) == mail["body"].replace("\n", "\r\n")
    assert "%20" in query["subject"] or lang == "zh"


def test_output_flags_are_exclusive(ok, run, setup):
    ident = setup()
    result = run("draft", "thanks", ident, "--json", "--plain")
    assert result.exit_code == 2 and result.stderr.startswith("Error: choose one of")


# -- warnings ----------------------------------------------------------------------------------


def test_late_thanks_and_missing_material_are_warned_on_stderr(ok, setup):
    ident = setup()
    result = ok("draft", "thanks", ident, "--json")
    assert "late, but still worth sending" in result.stderr  # the interview was days ago
    for option in ("--topic", "--strength", "--idea"):
        assert f"followup edit {ident} {option}" in result.stderr
    assert "Warning" not in result.stdout


def test_early_check_says_when_to_wait_until(ok, setup):
    ok("edit", setup(), "--at", "today 07:00")
    result = ok("draft", "check", "1", "--json")
    assert "too early: wait until" in result.stderr


def test_a_profile_and_an_interview_without_details_are_warned(ok):
    ident = str(ok("add", "-c", "Acme", "-r", "Dev", "--at", AT, "--json").json()["id"])
    result = ok("draft", "thanks", ident, "--json")
    for option in ("--name", "--email", "--phone"):
        assert f"followup profile {option}" in result.stderr
    assert f"followup edit {ident} --contact" in result.stderr
    (mail,) = result.json()
    assert mail["to"] == [] and mail["body"].startswith("Dear Hiring Team,")
    assert_clean(mail["body"])


def test_no_warning_when_everything_is_there(ok, setup):
    ident = setup(*[f"--{k}={v}" for k, v in MATERIAL.items()])
    ok("edit", ident, "--at", "today 07:00")
    assert ok("draft", "thanks", ident, "--json").stderr == ""


# -- templates ---------------------------------------------------------------------------------


def test_a_user_template_overrides_the_built_in_one(ok, setup, home):
    ident = setup()
    user = home / "templates" / "en" / "thanks.txt"
    user.parent.mkdir(parents=True)
    user.write_text("Subject: Thanks, {{ names }}\n\nHello {{ names }}, about {{ role }}.\n")
    (mail,) = drafted(ok, "thanks", ident)
    assert mail["subject"] == "Thanks, Wang Fang"
    assert mail["body"] == "Hello Wang Fang, about Support Engineer.\n"
    listed = ok("templates", "list", "--json").json()
    origins = {(t["kind"], t["lang"]): t["origin"] for t in listed}
    assert origins[("thanks", "en")] == "overridden" and origins[("thanks", "zh")] == "built-in"
    assert len(listed) == 9
    assert ok("templates", "show", "thanks", "--lang", "en").stdout == user.read_text()


def test_templates_copy_and_path(ok, run, home):
    assert ok("templates", "path").stdout.strip() == str(home / "templates")
    copied = Path(ok("templates", "copy", "check", "--lang", "hi").stdout.strip())
    assert copied == home / "templates" / "hi" / "check.txt"
    assert copied.read_bytes() == (drafts.builtin_dir() / "hi" / "check.txt").read_bytes()
    again = run("templates", "copy", "check", "--lang", "hi")
    assert again.exit_code == 1 and "--force" in again.stderr
    ok("templates", "copy", "check", "--lang", "hi", "--force")


@pytest.mark.parametrize(
    "text, problem",
    [
        ("Subject: Hi\n\nDear {{ names }\n", "line 3"),
        ("Subject: Hi\n\n{% if topic %}open\n", "line 3"),
        ("Subject: Hi\n\nline two\n{{ no_such_thing }}\n", "line 4"),
        ("Subject: Hi\n\n{{ role.missing.deeper }}\n", "line 3"),
        ("No subject line here\n\nBody\n", "line 1"),
    ],
)
def test_a_broken_user_template_names_the_file_and_line(ok, run, setup, home, text, problem):
    ident = setup()
    user = home / "templates" / "en" / "thanks.txt"
    user.parent.mkdir(parents=True)
    user.write_text(text)
    result = run("draft", "thanks", ident)
    assert result.exit_code == 1, result
    assert result.stderr.startswith(f"Error: template {user}, {problem}"), result.stderr
    assert "Traceback" not in result.stderr


def test_every_builtin_template_renders_in_every_language(tmp_path):
    context = {
        "company": "Acme",
        "role": "Dev",
        "round": 1,
        "interview_date": "D",
        "interview_time": "T",
        "decision_date": "",
        "names": "",
        "team": True,
        "group": True,
        "position": "Dev position",
        "first_check_date": "",
        "strength_sentence": "",
        "topic": "",
        "strength": "",
        "idea": "",
        "reason": "",
        "lang": "en",
        "invited": False,
        "candidate": {"name": "", "email": "", "phone": ""},
    }
    for lang in LANGS:
        for kind in KINDS:
            assert (drafts.builtin_dir() / lang / f"{kind}.txt").is_file()
            subject, body = drafts.render(kind, lang, context, tmp_path / "no-user-templates")
            assert "Dev" in subject and "Acme" in body
            assert_clean(subject + "\n" + body)


# -- safety ------------------------------------------------------------------------------------


def test_a_line_break_can_never_become_a_header():
    bad = drafts.Draft(
        "thanks",
        "en",
        (records.Person("Eve\r\nBcc: x@evil.example", "e@x.example"),),
        (),
        "Hi",
        "Body\n",
    )
    from followup.errors import FollowupError

    with pytest.raises(FollowupError):
        drafts.to_eml(bad, None)
    link = drafts.to_mailto(
        drafts.Draft(
            "thanks", "en", (records.Person("", "a@b.example"),), (), "Hi\r\nBcc: x", "B\n"
        )
    )
    assert "\r" not in link and "\n" not in link


@pytest.mark.parametrize(
    "args, code",
    [
        (["draft", "thanks", "99"], 1),
        (["draft", "celebrate", "1"], 2),
        (["draft", "thanks", "1", "--lang", "fr"], 2),
        (["draft", "thanks", "1", "--reason", "x"], 2),
        (["templates", "show", "nope"], 2),
    ],
)
def test_draft_errors(ok, run, setup, args, code):
    setup()
    result = run(*args)
    assert result.exit_code == code, result
    assert "Error" in result.stderr and "Traceback" not in result.stderr


def test_decline_thanks_for_the_invitation_only_when_there_was_one(ok, setup):
    ident = setup()
    (before,) = drafted(ok, "decline", ident)
    assert "considering me" in before["body"] and "next round" not in before["body"]
    ok("result", ident, "invited", "--at", "2026-11-21 10:00")
    (after,) = drafted(ok, "decline", ident)
    assert "next round" in after["body"]
    for lang in ("zh", "hi"):
        assert drafted(ok, "decline", ident, "--lang", lang)[0]["body"] != before["body"]


def test_decline_without_reason_suggests_one(ok, setup):
    ident = setup()
    result = ok("draft", "decline", ident, "--json")
    assert "--reason" in result.stderr


def test_a_template_that_is_not_utf8_is_named(ok, run, setup, home):
    ident = setup()
    user = home / "templates" / "zh" / "thanks.txt"
    user.parent.mkdir(parents=True)
    user.write_bytes("Subject: 感谢\n\n您好\n".encode("gbk"))
    result = run("draft", "thanks", ident, "--lang", "zh")
    assert result.exit_code == 1
    assert f"Error: template {user} is not UTF-8 text" in result.stderr


def test_eml_paths_that_cannot_be_used_are_refused(ok, run, setup, tmp_path):
    ident = setup()
    missing = run("draft", "thanks", ident, "--eml", str(tmp_path / "no" / "such" / "x.eml"))
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    assert not (tmp_path / "no").exists()
    assert run("draft", "thanks", ident, "--eml", "").exit_code == 2
    target = tmp_path / "x.eml"
    ok("draft", "thanks", ident, "--eml", str(target))
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    again = run("draft", "thanks", ident, "--eml", str(target))
    assert again.exit_code == 1 and "--force" in again.stderr
    ok("draft", "thanks", ident, "--eml", str(target), "--force")
    ok(
        "edit",
        ident,
        "--contact",
        "Jane <jane@acme.example>",
        "--contact",
        "Raj <raj@acme.example>",
    )
    several = run("draft", "thanks", ident, "--eml", str(target))
    assert several.exit_code == 1 and "2 emails need a folder" in several.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_line_breaks_in_the_material_never_split_a_sentence(ok, setup, lang):
    ident = setup(
        "--lang",
        lang,
        "--topic",
        "how the team\nhandles escalations",
        "--strength",
        "three years of\n\nbilingual support.",
        "--idea",
        "a shared FAQ\r\nwould cut repeat tickets",
    )
    (email,) = drafted(ok, "thanks", ident)
    body = email["body"]
    assert "how the team handles escalations" in body
    assert "three years of bilingual support" in body
    assert "a shared FAQ would cut repeat tickets" in body
    assert_clean(body)


@pytest.mark.parametrize("lang", LANGS)
def test_an_interview_recorded_without_a_time_is_thanked_with_its_date_alone(ok, run, setup, lang):
    ident = setup("--at", "2026-11-20", "--lang", lang)
    result = run("draft", "thanks", ident, "--json")
    (email,) = result.json()
    first = email["body"].split("\n\n")[1]
    assert LONG_DATE[lang] in first and "12:00" not in first and "00:00" not in first
    assert "  " not in first and " ," not in first  # no gap where the time was
    assert (
        f"Warning: interview {ident} has no time of day, so the thank-you names only its date: "
        f"followup edit {ident} --at '2026-11-20 HH:MM'" in result.stderr
    )
    timed = setup("--lang", lang)  # 07:00 keeps its time
    assert TIME[lang] in drafted(ok, "thanks", timed)[0]["body"]


def test_profile_locale_sets_the_english_date_order(ok, run, setup):
    ident = setup()
    (mail,) = drafted(ok, "thanks", ident, "--lang", "en")
    assert "on November 20, 2026, at 7:00 AM" in mail["body"]  # en_US by default
    ok("profile", "--locale", "en_GB")
    assert ok("profile", "--json").json()["locale"] == "en_GB"
    (mail,) = drafted(ok, "thanks", ident, "--lang", "en")
    assert "on 20 November 2026 at 07:00" in mail["body"]
    (mail,) = drafted(ok, "thanks", ident, "--lang", "zh")
    assert "于2026年11月20日上午7:00" in mail["body"]  # other languages keep their own
    result = run("profile", "--locale", "fr_FR")
    assert result.exit_code == 2 and "fr_FR" in result.stderr


# -- panels, recruiters, the second check ------------------------------------------------------


def test_each_interviewer_of_a_panel_is_thanked_for_their_own_topic(ok, run, setup):
    ident = setup("--topic", "the team's roadmap")
    shown = ok(
        "edit",
        ident,
        "--contact",
        "Wang Fang <wang.fang@example.cn>",
        "--contact",
        "Raj Patel <raj@acme.example>",
        "--contact",
        "Jane Doe <jane@acme.example>",
        "--topic-for",
        "wang.fang@example.cn=the ticket queue",
        "--topic-for",
        "RAJ@acme.example=the on-call rota",
        "--json",
    ).json()
    assert shown["topic_for"] == [
        {"email": "wang.fang@example.cn", "topic": "the ticket queue"},
        {"email": "RAJ@acme.example", "topic": "the on-call rota"},
    ]
    for lang in LANGS:
        wang, raj, jane = drafted(ok, "thanks", ident, "--lang", lang)
        assert "the ticket queue" in wang["body"] and "roadmap" not in wang["body"]
        assert "the on-call rota" in raj["body"] and "ticket" not in raj["body"]
        assert "the team's roadmap" in jane["body"]  # no own topic: the shared one
    assert "the ticket queue" in ok("show", ident).stdout
    ok("edit", ident, "--topic-for", "")
    assert ok("show", ident, "--json").json()["topic_for"] == []
    result = run("edit", ident, "--topic-for", "the ticket queue")
    assert result.exit_code == 2 and "EMAIL=TEXT" in result.stderr
    result = ok("edit", ident, "--topic-for", "nobody@acme.example=pricing")
    assert "no interviewer (--contact) has this address" in result.stderr


def test_every_recruiter_is_kept_and_in_cc_on_a_decline(ok, setup):
    ident = setup("--recruiter", "Bo Chen <bo@acme.example>")
    shown = ok("show", ident, "--json").json()
    assert shown["recruiters"] == ["Ana Ruiz <ana@acme.example>", "Bo Chen <bo@acme.example>"]
    (mail,) = drafted(ok, "decline", ident)
    assert mail["cc"] == ["Ana Ruiz <ana@acme.example>", "Bo Chen <bo@acme.example>"]
    ok("edit", ident, "--recruiter", "Cy Diaz <cy@acme.example>")
    assert ok("show", ident, "--json").json()["recruiters"] == ["Cy Diaz <cy@acme.example>"]


@pytest.mark.parametrize(
    ("lang", "greeting"),
    [
        ("en", "Dear Wang Fang, Raj Patel and Hiring Team"),
        ("zh", "尊敬的Wang Fang、Raj Patel及招聘团队："),
        ("hi", "आदरणीय Wang Fang जी, Raj Patel जी एवं भर्ती टीम,"),
    ],
)
def test_a_decline_greets_every_person_and_a_nameless_one_as_the_team(ok, setup, lang, greeting):
    ident = setup()
    ok(
        "edit",
        ident,
        "--contact",
        "Wang Fang <wang.fang@example.cn>",
        "--contact",
        "Raj Patel <raj@acme.example>",
        "--contact",
        "jobs@acme.example",
    )
    (mail,) = drafted(ok, "decline", ident, "--lang", lang)
    assert len(mail["to"]) == 3
    assert mail["body"].startswith(greeting.replace(" and Hiring Team", " and team")), mail["body"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_second_status_check_refers_to_the_first_with_its_date(ok, setup, lang):
    ident = setup()
    (first,) = drafted(ok, "check", ident, "--lang", lang)
    ok("done", "check", ident, "--at", "2026-11-27 10:00")
    (second,) = drafted(ok, "check", ident, "--lang", lang)
    assert DECISION[lang] in second["body"] and DECISION[lang] not in first["body"]
    assert first["body"].split("\n\n")[1] != second["body"].split("\n\n")[1]
