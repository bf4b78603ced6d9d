"""The test machinery itself: the skip summary of one line a reason."""

from __future__ import annotations

pytest_plugins = ["pytester"]


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
