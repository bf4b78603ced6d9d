"""Time followup's daily commands against references, as whole processes, side by side.

    python benchmarks/run.py                 # sizes 1k, 10k, 100k; 7 runs each
    python benchmarks/run.py --quick         # 1k and 10k, 3 runs: a smoke run

It installs the project (not editable) into benchmarks/.work/venv, as users run it, builds
stores shaped like a long search (generate.py), then runs every command and its reference
in turn, interleaved, several times, and prints the median wall time, the peak memory of
each process, and the ratio to the reference measured in the same run. Nothing here
asserts a time: it prints figures.

- writes (add, edit, done, result, reflect) against reference_write.py, a bare Typer app
  with followup's options inserting the same rows with sqlite3, each on a fresh copy of
  the 1k store;
- `due` over 10,000 open interviews (three pending actions each) on a pseudo-terminal
  (40x120, on_terminal.py) against Taskwarrior's `task next` over 10,000 pending tasks on
  the same terminal (the runner installs the Debian package `taskwarrior` when it can),
  and piped and --json against the terminal;
- the first `due` after the page cache is dropped (root), else on a fresh copy of the
  store and the venv, against a warm one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
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


def build_store(venv: Path, size: int, open_count: int = generate.OPEN) -> tuple[Path, Path]:
    """A FOLLOWUP_HOME holding `size` interviews (`open_count` of them open), and the JSON
    export they came from."""
    name = f"{size}" if open_count == generate.OPEN else f"{size}-open-{open_count}"
    source = WORK / f"search-{name}.json"
    home = WORK / f"home-{name}"
    now = datetime.now(timezone.utc)
    with source.open("w", encoding="utf-8") as handle:
        json.dump(generate.document(size, now, open_count=open_count), handle, ensure_ascii=False)
    shutil.rmtree(home, ignore_errors=True)
    subprocess.run([str(venv / "bin" / "followup"), "import", str(source)],
                   env={**os.environ, "FOLLOWUP_HOME": str(home)}, check=True, capture_output=True)
    return home, source


def drop_caches() -> bool:
    """Empty the kernel's page cache (root only); False where that is not allowed."""
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def taskwarrior(size: int) -> Path | None:
    """A Taskwarrior rc over `size` pending tasks with due dates, or None without `task`
    (Debian: apt-get install taskwarrior; this runner tries that once as root)."""
    if shutil.which("task") is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "taskwarrior"], capture_output=True)
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
    scratch.mkdir(exist_ok=True)
    small = homes[sizes[0]][0] / "followup.db"
    write_home, write_ref = scratch / "write-home", scratch / "write-ref.db"
    ident = str(sizes[0] - 35)  # an open interview held weeks ago, nothing done yet

    def fresh_write_store() -> None:
        write_home.mkdir(exist_ok=True)
        shutil.copy(small, write_home / "followup.db")

    def fresh_write_ref() -> None:
        shutil.copy(small, write_ref)

    writes = {
        "add": ["add", "-c", "Acme", "-r", "Support Engineer", "--contact", "Jane <jane@acme.example>"],
        "edit": ["edit", ident, "--notes", "Panel of three", "--round", "2"],
        "done": ["done", "thanks", ident],
        "result": ["result", ident, "invited"],
        "reflect": ["reflect", ident, "-q", "Why us?", "-a", "The team", "--went-well", "rapport"],
    }
    for name, args in writes.items():
        cases += [
            Case(f"followup {name}", [followup, *args], {"FOLLOWUP_HOME": str(write_home)},
                 setup=fresh_write_store),
            Case(f"reference {name} (typer+sqlite3)",
                 [py, str(HERE / "reference_write.py"), str(write_ref), *args], setup=fresh_write_ref),
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
    task_size = 10000
    home_open, _ = build_store(venv, task_size, open_count=task_size)
    open_env = {"FOLLOWUP_HOME": str(home_open)}
    open_store = home_open / "followup.db"

    def one_write() -> None:  # yesterday's `done`: one interview's plan to make again
        subprocess.run([followup, "edit", "17", "--notes", "Called back"], check=True,
                       env={**os.environ, **open_env}, capture_output=True)

    def forget_plans() -> None:  # as after an upgrade or a change of settings: plan them all
        with sqlite3.connect(open_store) as conn:
            conn.execute("DELETE FROM pending_basis")

    cases += [
        Case(f"followup due @{task_size} open (terminal)", [followup, "due"], open_env, tty=True),
        Case(f"followup due @{task_size} open, after a write (terminal)", [followup, "due"],
             open_env, setup=one_write, tty=True),
        Case(f"followup due @{task_size} open (piped)", [followup, "due"], open_env),
        Case(f"followup due --json @{task_size} open", [followup, "due", "--json"], open_env),
    ]
    heavy.append(Case(f"followup due @{task_size} open, planning every interview (terminal)",
                      [followup, "due"], open_env, setup=forget_plans, tty=True))
    rc = taskwarrior(task_size)
    if rc is not None:
        cases.append(Case(f"taskwarrior task next @{task_size} (terminal)",
                          ["task", f"rc:{rc}", "next"], {"TASKRC": str(rc)}, tty=True))
    cold = Case("followup due, cold (page cache dropped)", [followup, "due"], env(big))
    if drop_caches():
        cold.setup = drop_caches
    else:  # a fresh copy of the store and of the environment, never read before
        fresh = scratch / "cold"

        def fresh_copy() -> None:
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.copytree(homes[big][0], fresh / "home")
            shutil.copytree(venv, fresh / "venv", symlinks=True)

        cold.name = "followup due, cold (fresh copy of store and venv)"
        cold.argv = [str(fresh / "venv" / "bin" / "python"), "-m", "followup", "due"]
        cold.env = {"FOLLOWUP_HOME": str(fresh / "home")}
        cold.setup = fresh_copy
    warm = Case(f"followup due @{big}, warm (right after the cold one)", [followup, "due"], env(big))

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
    for _ in range(runs):  # apart from the rest, whose files an emptied cache would slow
        timed(cold)
        timed(warm)
    report(cases + heavy + [cold, warm], sizes, task_size, rc is not None, cold.name, warm.name)


def report(cases: list[Case], sizes: list[int], task_size: int, with_task: bool,
           cold: str, warm: str) -> None:
    by = {c.name: c for c in cases}
    med = {c.name: statistics.median(c.wall) * 1000 for c in cases}
    peak = {c.name: max(c.peak) for c in cases}
    big = sizes[-1]
    ref_due = "reference due (typer+rich+sqlite3)"
    rows = []

    def row(name: str, reference: str | None, target: float | None, *, memory: bool = False,
            limit: float | None = None) -> None:
        ratio = med[name] / med[reference] if reference else None
        ok = "" if target is None or ratio is None else ("yes" if ratio <= target else "NO")
        if memory and reference and peak[name] > peak[reference]:
            ok = "NO (memory)"
        if limit is not None:
            ok += f", peak <= {limit:.0f} MiB: {'yes' if peak[name] <= limit else 'NO'}"
        rows.append((name, med[name], peak[name], reference or "", med[reference] if reference else None,
                     ratio, target, ok))

    row(f"followup due @{big}", ref_due, 1.0, memory=True)
    for size in sizes[:-1]:
        row(f"followup due @{size}", f"followup due @{big}", None)
    terminal = f"followup due @{task_size} open (terminal)"
    if with_task:
        row(terminal, f"taskwarrior task next @{task_size} (terminal)", 1.0)
        row(f"followup due @{task_size} open, after a write (terminal)",
            f"taskwarrior task next @{task_size} (terminal)", 1.0)
    row(f"followup due @{task_size} open, planning every interview (terminal)", terminal, None)
    row(f"followup due @{task_size} open (piped)", terminal, 2.0)
    row(f"followup due --json @{task_size} open", terminal, 2.0)
    row(cold, warm, 2.0)
    row("followup list", ref_due, 1.2)
    row("followup show ID", ref_due, 1.2)
    row("followup draft thanks ID", ref_due, 1.6)
    row("followup --help", "reference --help (bare typer)", 1.2)
    row("followup due --help", "reference due --help (bare typer)", 1.2)
    row("followup completion", "reference completion (bare typer)", 1.2)
    for name in ("add", "edit", "done", "result", "reflect"):
        row(f"followup {name}", f"reference {name} (typer+sqlite3)", 1.2)
    row(f"followup import @{big}", "reference import (sqlite3 executemany)", 3.0, limit=200)
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
