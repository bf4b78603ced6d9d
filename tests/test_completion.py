"""Shell completion in the real shells: bash, zsh and fish load followup's script (Typer's
protocol, `followup --show-completion`) and complete interview ids, kinds and outcomes.

zsh and fish are skipped when they are not installed, unless FOLLOWUP_REQUIRE_SHELLS=1 (as
`.ci/run` sets after installing them).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

BIN = str(Path(sys.executable).parent)  # where `pip install` put the followup script
ZSH_SCRIPT = Path(__file__).parent / "shells" / "complete.zsh"


def shell(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("FOLLOWUP_REQUIRE_SHELLS"):
            pytest.fail(f"{name} is not installed")
        pytest.skip(f"{name} is not installed")
    return found


def environment() -> dict[str, str]:
    assert shutil.which("followup", path=BIN), f"no followup script in {BIN}"
    return {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}


@pytest.fixture
def history(ok):
    ok("add", "-c", "Acme", "-r", "Dev", "--at", "2026-11-10 10:00")
    ok("add", "-c", "华为", "-r", "客服专员", "--at", "2026-11-12 10:00")
    ok("add", "-c", "Closed", "-r", "X", "--at", "2026-11-01 10:00")
    ok("result", "3", "rejected", "--at", "2026-11-05 10:00")


def bash_complete(*words: str) -> list[str]:
    script = (
        'source <(followup --show-completion bash) && COMP_WORDS=("$@") && '
        "COMP_CWORD=$(($# - 1)) && _followup_completion followup && "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    out = subprocess.run(
        [shell("bash"), "-c", script, "bash", *words],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=60,
    )
    assert out.returncode == 0 and out.stderr == "", out  # nothing may spill onto the prompt
    return out.stdout.split()


def test_bash_completes_open_ids_kinds_and_outcomes(backend, history):
    assert bash_complete("followup", "show", "") == ["2", "1"]  # newest first, closed left out
    assert bash_complete("followup", "show", "3") == ["3"]  # a typed prefix searches them all
    assert bash_complete("followup", "done", "") == [
        "thanks",
        "check",
        "reply",
        "decline",
        "heard",
        "reflect",
    ]
    assert set(bash_complete("followup", "result", "1", "")) == {
        "invited",
        "offer",
        "rejected",
        "withdrawn",
    }
    assert "draft" in bash_complete("followup", "dr")


def test_fish_completes_ids_with_company_and_role(history):
    out = subprocess.run(
        [
            shell("fish"),
            "-c",
            "followup --show-completion | source; complete -C 'followup show '; "
            "complete -C 'followup draft '",
        ],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=60,
    )
    assert out.returncode == 0, out
    lines = out.stdout.splitlines()
    assert "1\tAcme, Dev" in lines and "2\t华为, 客服专员" in lines
    assert not any(line.startswith("3\t") for line in lines)
    assert {"thanks", "check", "decline"} <= {line.split("\t")[0] for line in lines}


@pytest.mark.parametrize("loaded", ["eval", "installed"])
def test_zsh_shows_ids_with_company_and_role_after_the_first_tab(history, tmp_path, loaded):
    env = {**environment(), "HOME": str(tmp_path / "user")}
    if loaded == "installed":  # as a user does: --install-completion, then a new shell
        installed = subprocess.run(
            [shell("zsh"), "-f", "-c", "followup --install-completion; true"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert "zsh completion installed in" in installed.stdout, installed
    out = subprocess.run(
        [shell("zsh"), "-f", str(ZSH_SCRIPT), "followup show ", "Acme, Dev", loaded],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\r", "", out.stdout)
    assert re.search(r"^1 +-- Acme, Dev$", screen, re.M), screen
    assert re.search(r"^2 +-- 华为, 客服专员$", screen, re.M), screen
    assert not re.search(r"^3 ", screen, re.M)


def test_a_store_that_cannot_be_read_completes_nothing_and_says_nothing(monkeypatch, history):
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", "postgresql+psycopg://me:secret@127.0.0.1:1/db")
    assert bash_complete("followup", "show", "") == []
    with socket.socket() as silent:  # a server that accepts and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        monkeypatch.setenv("FOLLOWUP_DATABASE_URL", f"postgresql+psycopg://me@127.0.0.1:{port}/db")
        monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
        assert bash_complete("followup", "show", "") == []  # gives up (60 s would fail it)


def test_a_tab_never_creates_a_store_on_a_server(backend):
    if backend.name == "sqlite":
        assert bash_complete("followup", "show", "") == []
        assert not Path(os.environ["FOLLOWUP_HOME"]).exists()
        return
    assert bash_complete("followup", "show", "") == []
    tables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    assert backend.rows(tables) == [(0,)]


def test_prep_ids_and_the_smtp_security_choices_complete(history):
    assert bash_complete("followup", "prep", "") == ["2", "1"]
    assert bash_complete("followup", "profile", "--smtp-security", "") == [
        "starttls",
        "ssl",
        "none",
    ]
