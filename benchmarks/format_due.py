"""Time the parts of a long `followup due`, in one process: reading the morning list, the
plain lines for a pipe, and `--json`.

Each repetition reads the list the store keeps (``Store.morning``, as ``due`` does; the
rules when the store cannot keep it) and formats it; the medians and minimums are printed
in milliseconds:

- ``read``: ``ctx.store.morning``, every row;
- ``plain``: ``render_due.plain``, what a pipe or a file gets;
- ``json``: ``render_due.json_text``, what ``--json`` prints.

Nothing here asserts a time. To compare with an older tree, put its ``src`` first on
``PYTHONPATH`` (``git archive COMMIT src | tar -x -C /tmp/old``)::

    FOLLOWUP_HOME=/path/to/store python benchmarks/format_due.py [--runs 15] [--lang zh]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from followup import i18n, reading, records, render_due
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
    now, tz, settings = ctx.now, ctx.tz, ctx.profile.settings

    def read() -> records.Morning:
        kept = ctx.store.morning(now, tz, settings, options.days, None)
        if kept is not None:
            return kept
        open_ones = ctx.store.interviews(open_only=True, people=False)
        return records.Morning.of(reading.due_items(open_ones, now, tz, settings, options.days))

    morning = read()
    print(f"{morning.count} rows, language {i18n.lang()}")
    measured = {
        "read": timed(read, options.runs),
        "plain": timed(lambda: b"".join(render_due.plain(morning, tz, now)), options.runs),
        "json": timed(lambda: b"".join(render_due.json_text(morning, tz, now)), options.runs),
    }
    for name, times in measured.items():
        median, least = statistics.median(times) * 1000, min(times) * 1000
        print(f"{name:6} median {median:7.1f} ms   min {least:7.1f} ms")


if __name__ == "__main__":
    main()
