"""Every test gets its own store: FOLLOWUP_HOME points at a fresh temporary folder."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from followup.cli import app


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("FOLLOWUP_HOME", str(folder))
    monkeypatch.delenv("FOLLOWUP_DATABASE_URL", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("FOLLOWUP_DEBUG", "1")  # an unexpected exception fails the test loudly
    monkeypatch.delenv("NO_COLOR", raising=False)
    return folder


class Result:
    def __init__(self, raw: Any) -> None:
        self.exit_code: int = raw.exit_code
        self.stdout: str = raw.stdout
        self.stderr: str = raw.stderr
        self.exception = raw.exception

    def json(self) -> Any:
        return json.loads(self.stdout)

    def __repr__(self) -> str:
        return f"<exit {self.exit_code}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}>"


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Run the real CLI entry point: run("add", "-c", "Acme", ...)."""

    def invoke(*args: str, input: str | None = None) -> Result:
        result = CliRunner().invoke(app, list(args), input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result)

    return invoke


@pytest.fixture
def ok(run: Run) -> Run:
    """Like ``run`` but the command must succeed."""

    def invoke(*args: str, input: str | None = None) -> Result:
        result = run(*args, input=input)
        assert result.exit_code == 0, result
        return result

    return invoke
