"""Time only the formatting of `followup due`: the plain lines for a pipe, and `--json`.

The store is read once (the rules, the records); then each repetition formats the same
morning list, and the medians (and minimums) are printed in milliseconds:

- ``plain``: ``render_due.plain``, what a pipe or a file gets;
- ``json rows``: the rows of ``--json`` (``render_due.rows_json``; on a tree from before it
  existed, ``render_due.row_json`` row by row, as ``due --json`` then did);
- ``json encode``: the encoding ``render.emit_json`` does, into a StringIO;
- ``row_json``: ``render_due.row_json`` called row by row, the function other code calls.

Nothing here asserts a time. To compare with an older tree, put its ``src`` first on
``PYTHONPATH`` (``git archive COMMIT src | tar -x -C /tmp/old``)::

    FOLLOWUP_HOME=/path/to/store python benchmarks/format_due.py [--runs 15] [--lang zh]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import time
from collections.abc import Callable
from typing import Any

from followup import i18n, reading, render, render_due
from followup.context import Context


def timed(run: Callable[[], Any], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="repetitions of each (default 15)")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help="the interface language")
    parser.add_argument("--days", type=int, default=3, help="as `due --days` (default 3)")
    options = parser.parse_args()
    if options.lang:
        i18n.use(options.lang)

    ctx = Context(read_only=True)
    now, tz = ctx.now, ctx.tz
    started = time.perf_counter()
    pairs = reading.due_items(
        ctx.store.interviews(open_only=True, people=False),
        now,
        tz,
        ctx.profile.settings,
        options.days,
    )
    read = time.perf_counter() - started
    print(f"{len(pairs)} rows (read in {read * 1000:.0f} ms), language {i18n.lang()}")

    def rows() -> list[Any]:
        if hasattr(render_due, "rows_json"):
            return render_due.rows_json(pairs, now, tz)
        return [render_due.row_json(item, i, now, tz) for item, i in pairs]

    made = rows()

    def encode() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            render.emit_json(made)

    measured = {
        "plain": timed(lambda: render_due.plain(pairs, tz, now), options.runs),
        "json rows": timed(rows, options.runs),
        "json encode": timed(encode, options.runs),
        "row_json": timed(
            lambda: [render_due.row_json(item, i, now, tz) for item, i in pairs], options.runs
        ),
    }
    for name, times in measured.items():
        median, least = statistics.median(times) * 1000, min(times) * 1000
        print(f"{name:12} median {median:7.1f} ms   min {least:7.1f} ms")


if __name__ == "__main__":
    main()
