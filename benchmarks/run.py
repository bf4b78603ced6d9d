"""Time followup's daily commands against references, as whole processes, side by side.

    python benchmarks/run.py                 # sizes 1k, 10k, 100k; 7 runs each
    python benchmarks/run.py --quick         # 1k and 10k, 3 runs: a smoke run

It installs the project (not editable) into benchmarks/.work/venv, as users run it, builds
stores shaped like a long search (generate.py), then runs every command and its reference
in turn, interleaved, several times, and prints the median wall time, the peak memory of
each process, and the ratio to the reference measured in the same run. Taskwarrior's
`task next` over the same number of pending tasks is timed when `task` is installed
(Debian package `taskwarrior`). Nothing here asserts a time: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))
import generate  # noqa: E402


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    setup: object = None  # a callable run before each timed run, untimed
    tty: bool = False  # run on a pseudo-terminal, as a person sees it
    wall: list[float] = field(default_factory=list)
    peak: list[float] = field(default_factory=list)


PEAK = WORK / "peak.txt"


def timed(case: Case) -> None:
    """Run once; wall time around the whole process, peak memory from GNU time (the child's
    own, not the forked image of this runner)."""
    if callable(case.setup):
        case.setup()
    env = {**os.environ, **case.env}
    argv = ["/usr/bin/time", "-f", "%M", "-o", str(PEAK), *case.argv]
    if case.tty:
        argv = [sys.executable, str(HERE / "on_terminal.py"), *argv]
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    case.wall.append(time.perf_counter() - start)
    if done.returncode != 0:
        raise SystemExit(f"{case.name} failed ({done.returncode}): {' '.join(case.argv)}\n"
                         f"{done.stderr.decode()}")
    case.peak.append(int(PEAK.read_text().split()[-1]) / 1024)  # KiB -> MiB


def install() -> Path:
    venv = WORK / "venv"
    if not (venv / "bin" / "followup").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(ROOT)], check=True)
    else:  # refresh the installed package from the working tree
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--no-deps",
                        "--force-reinstall", str(ROOT)], check=True)
    return venv


def build_store(venv: Path, size: int) -> tuple[Path, Path]:
    """A FOLLOWUP_HOME holding `size` interviews, and the JSON export they came from."""
    source = WORK / f"search-{size}.json"
    home = WORK / f"home-{size}"
    with source.open("w", encoding="utf-8") as handle:
        json.dump(generate.document(size, datetime.now(timezone.utc)), handle, ensure_ascii=False)
    shutil.rmtree(home, ignore_errors=True)
    subprocess.run([str(venv / "bin" / "followup"), "import", str(source)],
                   env={**os.environ, "FOLLOWUP_HOME": str(home)}, check=True, capture_output=True)
    return home, source


def taskwarrior(size: int) -> Path | None:
    """A Taskwarrior rc over `size` pending tasks with due dates, or None without `task`."""
    task = shutil.which("task")
    if task is None:
        return None
    data = WORK / f"task-{size}"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    rc = data / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nnews.version=2.6.0\n")
    now = datetime.now(timezone.utc)
    tasks = [
        {"description": f"Thank-you for interview {n}", "status": "pending",
         "entry": (now - timedelta(days=30)).strftime("%Y%m%dT%H%M%SZ"),
         "due": (now + timedelta(hours=n % 500 - 250)).strftime("%Y%m%dT%H%M%SZ"),
         "uuid": f"00000000-0000-4000-8000-{n:012d}"}
        for n in range(size)
    ]
    source = data / "tasks.json"
    source.write_text(json.dumps(tasks))
    subprocess.run([task, f"rc:{rc}", "import", str(source)], check=True, capture_output=True,
                   env={**os.environ, "TASKRC": str(rc)})
    return rc


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="1k and 10k interviews, 3 runs")
    parser.add_argument("--runs", type=int, default=None)
    args = parser.parse_args()
    sizes = [1000, 10000] if args.quick else [1000, 10000, 100000]
    runs = args.runs or (3 if args.quick else 7)
    WORK.mkdir(exist_ok=True)
    venv = install()
    py, followup = str(venv / "bin" / "python"), str(venv / "bin" / "followup")
    homes = {size: build_store(venv, size) for size in sizes}
    big = sizes[-1]
    home_big, source_big = homes[big]
    store_big = str(home_big / "followup.db")
    show_id = "1"
    draft_id = str(big)  # an open interview, with its contacts

    def env(size: int) -> dict[str, str]:
        return {"FOLLOWUP_HOME": str(homes[size][0])}

    cases: list[Case] = []
    for size in sizes:
        cases.append(Case(f"followup due @{size}", [followup, "due"], env(size)))
    cases += [
        Case("reference due (typer+rich+sqlite3)", [py, str(HERE / "reference_due.py"), "due", store_big]),
        Case("followup list", [followup, "list"], env(big)),
        Case("followup show ID", [followup, "show", show_id], env(big)),
        Case("followup draft thanks ID", [followup, "draft", "thanks", draft_id], env(big)),
        Case("followup --help", [followup, "--help"], env(big)),
        Case("followup due --help", [followup, "due", "--help"], env(big)),
        Case("reference --help (bare typer)", [py, str(HERE / "reference_bare.py"), "--help"]),
        Case("reference due --help (bare typer)", [py, str(HERE / "reference_bare.py"), "due", "--help"]),
    ]
    completion = {"_FOLLOWUP_COMPLETE": "complete_bash", "COMP_WORDS": "followup d", "COMP_CWORD": "1"}
    cases += [
        Case("followup completion", [followup], {**env(big), **completion}),
        Case("reference completion (bare typer)", [py, str(HERE / "reference_bare.py")], completion),
    ]
    scratch = WORK / "scratch"
    add_home, add_ref = scratch / "add-home", scratch / "add-ref.db"
    scratch.mkdir(exist_ok=True)
    shutil.rmtree(add_home, ignore_errors=True)
    shutil.copytree(homes[sizes[0]][0], add_home)
    cases += [
        Case("followup add", [followup, "add", "-c", "Acme", "-r", "Support Engineer"],
             {"FOLLOWUP_HOME": str(add_home)}),
        Case("reference add (sqlmodel)", [py, str(HERE / "reference_add.py"), str(add_ref)]),
    ]
    import_home = scratch / "import-home"
    empty = scratch / "empty-home"
    shutil.rmtree(empty, ignore_errors=True)
    subprocess.run([followup, "path"], env={**os.environ, "FOLLOWUP_HOME": str(empty)}, check=True,
                   capture_output=True)
    subprocess.run([followup, "list"], env={**os.environ, "FOLLOWUP_HOME": str(empty)}, check=True,
                   capture_output=True)
    ref_store = scratch / "import-ref.db"

    def fresh_import_home() -> None:
        shutil.rmtree(import_home, ignore_errors=True)

    def fresh_ref_store() -> None:
        shutil.copy(empty / "followup.db", ref_store)

    heavy = [
        Case(f"followup import @{big}", [followup, "import", str(source_big)],
             {"FOLLOWUP_HOME": str(import_home)}, setup=fresh_import_home),
        Case("reference import (sqlite3 executemany)",
             [py, str(HERE / "reference_import.py"), str(source_big), str(ref_store)], setup=fresh_ref_store),
        Case(f"followup export json @{big}", [followup, "export", "--format", "json"], env(big)),
        Case("reference export (sqlite3+json)", [py, str(HERE / "reference_export.py"), store_big]),
    ]
    task_size = 10000 if 10000 in sizes else sizes[-1]
    rc = taskwarrior(task_size)
    if rc is not None:
        cases.append(Case(f"taskwarrior task next @{task_size}", ["task", f"rc:{rc}", "next"],
                          {"TASKRC": str(rc)}))
        cases.append(Case(f"taskwarrior task next @{task_size} (terminal)",
                          ["task", f"rc:{rc}", "next"], {"TASKRC": str(rc)}, tty=True))
        cases.append(Case(f"followup due @{task_size} (terminal)", [followup, "due"], env(task_size),
                          tty=True))

    for case in cases:  # warm the file cache once
        timed(case)
        case.wall.clear()
        case.peak.clear()
    for _ in range(runs):
        for case in cases:
            timed(case)
    for _ in range(max(3, runs // 2)):
        for case in heavy:
            timed(case)
    report(cases + heavy, sizes, task_size, rc is not None)


def report(cases: list[Case], sizes: list[int], task_size: int, with_task: bool) -> None:
    by = {c.name: c for c in cases}
    med = {c.name: statistics.median(c.wall) * 1000 for c in cases}
    peak = {c.name: max(c.peak) for c in cases}
    big = sizes[-1]
    ref_due = "reference due (typer+rich+sqlite3)"
    rows = []

    def row(name: str, reference: str | None, target: float | None, *, memory: bool = False) -> None:
        ratio = med[name] / med[reference] if reference else None
        ok = "" if target is None or ratio is None else ("yes" if ratio <= target else "NO")
        if memory and reference and peak[name] > peak[reference]:
            ok = "NO (memory)"
        rows.append((name, med[name], peak[name], reference or "", med[reference] if reference else None,
                     ratio, target, ok))

    row(f"followup due @{big}", ref_due, 1.0, memory=True)
    for size in sizes[:-1]:
        row(f"followup due @{size}", f"followup due @{big}", None)
    if with_task:
        tw = f"taskwarrior task next @{task_size}"
        row(f"followup due @{task_size}", tw, 1.0)
        row(f"followup due @{task_size} (terminal)", f"{tw} (terminal)", 1.0)
    row("followup list", ref_due, 1.2)
    row("followup show ID", ref_due, 1.2)
    row("followup draft thanks ID", ref_due, 1.6)
    row("followup --help", "reference --help (bare typer)", 1.2)
    row("followup due --help", "reference due --help (bare typer)", 1.2)
    row("followup completion", "reference completion (bare typer)", 1.2)
    row("followup add", "reference add (sqlmodel)", 1.5)
    row(f"followup import @{big}", "reference import (sqlite3 executemany)", 5.0)
    row(f"followup export json @{big}", "reference export (sqlite3+json)", 3.0)
    print(f"followup benchmarks: {len(by[f'followup due @{big}'].wall)} runs, median wall time, "
          f"peak memory per process; Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print("| command | median | peak | reference | ref. median | ratio | target | met |")
    print("|---|---:|---:|---|---:|---:|---:|---|")
    for name, ms, mib, ref, ref_ms, ratio, target, ok in rows:
        print(f"| {name} | {ms:.0f} ms | {mib:.0f} MiB | {ref} | "
              f"{'' if ref_ms is None else f'{ref_ms:.0f} ms'} | "
              f"{'' if ratio is None else f'{ratio:.2f}'} | {'' if target is None else f'<= {target}'} | {ok} |")
    print("\nReferences alone:")
    for name in sorted(med):
        if not name.startswith("followup"):
            print(f"- {name}: {med[name]:.0f} ms, {peak[name]:.0f} MiB")


if __name__ == "__main__":
    main()
