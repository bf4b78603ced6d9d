"""Time only the formatting of `followup due`: the plain lines for a pipe, and `--json`.

The store is read once (the rules, the records); then each repetition formats the same
morning list: ``render_due.plain`` for a pipe, and for ``--json`` ``render_due.row_json``
over every row plus the encoding ``render.emit_json`` does (written to a StringIO). It prints
the median of each, in milliseconds. Nothing here asserts a time.

    FOLLOWUP_HOME=/path/to/store python benchmarks/format_due.py [--runs 9] [--lang en|zh|hi]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import time

from followup import i18n, reading, render, render_due
from followup.context import Context


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="repetitions of each (default 9)")
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
    print(f"{len(pairs)} rows, read in {read * 1000:.0f} ms, language {i18n.lang()}")

    def piped() -> None:
        render_due.plain(pairs, tz, now)

    def as_json() -> None:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            render.emit_json([render_due.row_json(item, i, now, tz) for item, i in pairs])

    for name, run in (("plain", piped), ("json", as_json)):
        times = []
        for _ in range(options.runs):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        print(
            f"{name:6} median {statistics.median(times) * 1000:7.1f} ms  (min {min(times) * 1000:.1f})"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
