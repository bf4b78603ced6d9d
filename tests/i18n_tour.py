"""Every command of followup, and the --help of each, in one interface language: run by
tests/test_i18n.py as ``python tests/i18n_tour.py LANG FOLDER`` with ``FOLLOWUP_UI_LANG``
set, so the language is chosen before :mod:`followup.cli` builds its help. Prints each
command line after a ``$`` line, then what it wrote on stdout and stderr.

The interviews are recorded in Chinese and Hindi, so an English phrase in the output is
followup's own, not the user's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from followup.cli import app

SCENARIO = [
    ["profile", "--name", "李伟", "--email", "li.wei@example.com", "--timezone", "Asia/Shanghai"],
    ["profile"],
    [
        "add",
        "-c",
        "华为",
        "-r",
        "客服专员",
        "--at",
        "2026-11-30 10:00",
        "--lang",
        "zh",
        "--contact",
        "王芳 <wang.fang@example.cn>",
        "--topic",
        "客户投诉的分级处理",
    ],
    [
        "add",
        "-c",
        "हिन्दुस्तान कंप्यूटर्स",
        "-r",
        "ग्राहक सेवा अधिकारी",
        "--at",
        "2026-12-03 11:30",
        "--lang",
        "hi",
        "--contact",
        "प्रिया शर्मा <priya@example.in>",
    ],
    ["due"],
    ["due", "--days", "0"],
    ["list"],
    ["list", "--all"],
    ["show", "1"],
    ["show", "2"],
    ["draft", "thanks", "1", "--plain"],
    ["done", "thanks", "1", "--at", "2026-11-30 18:00"],
    ["result", "2", "invited", "--at", "2026-12-01 09:00"],
    ["inbox", "--from", "{folder}/reply.eml", "--yes"],
    ["inbox", "--from", "{folder}/reply.eml", "--json"],
    ["inbox", "--from", "{folder}/none.eml", "--yes"],
    ["inbox", "--from", "{folder}", "--yes"],
    ["inbox", "--json", "--yes"],
    ["inbox", "--yes"],
    ["done", "heard", "1", "--at", "2026-12-01 12:00"],
    ["due", "--all"],
    ["log", "1"],
    ["undo"],
    ["lessons"],
    ["prep", "2"],
    ["stats"],
    ["templates", "list"],
    ["export", "--format", "json", "-o", "{folder}/out.json"],
    ["backup", "{folder}/backup.db"],
    ["edit", "1", "--role", "客服主管"],
    ["remind", "--dry-run"],
    ["show", "99"],
    ["add", "-c", "华为", "-r", "客服", "--at", "not a date"],
    ["due", "--days", "x"],
    ["rm", "2", "--yes"],
]

REPLY = """\
From: =?utf-8?b?546L6Iqz?= <wang.fang@example.cn>
To: li.wei@example.com
Subject: =?utf-8?b?5Zue5aSN77ya6Z2i6K+V?=
Date: Tue, 01 Dec 2026 10:00:00 +0800
Message-ID: <reply-1@example.cn>
Content-Type: text/plain; charset=utf-8

李伟您好，谢谢您的来信，我们会尽快答复您。
"""


def walk(command, path=()):
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        if not sub.hidden:
            yield from walk(sub, (*path, name))


def main() -> None:
    folder = Path(sys.argv[2])
    runner = CliRunner()
    env = {"COLUMNS": "100", "TZ": "Asia/Shanghai"}
    for path in walk(typer.main.get_command(app)):
        result = runner.invoke(app, [*path, "--help"], env=env, prog_name="followup")
        print("$ followup", *path, "--help")
        print(result.output)
    (folder / "reply.eml").write_text(REPLY, encoding="utf-8")
    for words in SCENARIO:
        args = [w.replace("{folder}", str(folder)) for w in words]
        result = runner.invoke(app, args, env=env, prog_name="followup")
        print("$ followup", *words)
        print(result.stdout)
        print(result.stderr)


if __name__ == "__main__":
    main()
