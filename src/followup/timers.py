"""The daily run of ``followup remind``, set up where the system runs things.

Linux: a systemd user timer (``Persistent=true``: a morning missed while the machine was off
runs at the next start) when ``systemctl --user`` works, else a crontab entry; macOS: a
LaunchAgent; Windows: a Task Scheduler task (run as soon as possible after a missed start).
Each runs the ``followup`` executable this one was installed as, with the current
``FOLLOWUP_HOME`` and ``FOLLOWUP_DATABASE_URL``, at the morning time and at 18:00 (the
evening before an interview). Installing again replaces; the text of every form is built by
a pure function, so each is tested on any system.
"""

from __future__ import annotations

import os
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from followup import channels, rules
from followup.errors import FollowupError
from followup.i18n import _

NAME = "followup-remind"
LABEL = "org.followup.remind"
CRON_MARK = "# followup-remind"
ENV_NAMES = ("FOLLOWUP_HOME", "FOLLOWUP_DATABASE_URL")
EVENING = (rules.PREP_HOUR, 0)


@dataclass(frozen=True)
class Job:
    """What runs: the command line, its environment, the times of day (local)."""

    argv: tuple[str, ...]
    env: tuple[tuple[str, str], ...]
    times: tuple[tuple[int, int], ...]


def daily_time(text: str) -> tuple[int, int]:
    """``--at HH:MM`` as (hour, minute)."""
    from followup.context import UsageError

    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise UsageError(
            _("--at {value} is not a time of day such as 08:00 or 7:30.").format(value=repr(text))
        )
    return int(match.group(1)), int(match.group(2))


def executable() -> list[str]:
    """The ``followup`` this is: the script that started it, else the one beside Python."""
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is not None and started.name.lower() in ("followup", "followup.exe"):
        return [str(started.resolve())]
    folder = Path(sys.executable).parent
    for name in ("followup", "followup.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    return [sys.executable, "-m", "followup"]


def job(morning: tuple[int, int], environ: dict[str, str] | None = None) -> Job:
    environ = dict(os.environ) if environ is None else environ
    env = tuple((name, environ[name]) for name in ENV_NAMES if environ.get(name))
    times = tuple(sorted({morning, EVENING}))
    return Job((*executable(), "remind"), env, times)


# -- the forms, as text ------------------------------------------------------------------


def _systemd_quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped}"'


def systemd_units(work: Job) -> dict[str, str]:
    """``followup-remind.service`` and ``followup-remind.timer``."""
    env = "".join(f"Environment={_systemd_quote(f'{k}={v}')}\n" for k, v in work.env)
    service = (
        "[Unit]\n"
        "Description=followup: send the morning list (followup remind)\n"
        "\n[Service]\n"
        "Type=oneshot\n"
        f"{env}"
        f"ExecStart={' '.join(_systemd_quote(a) for a in work.argv)}\n"
    )
    calendars = "".join(f"OnCalendar=*-*-* {h:02d}:{m:02d}:00\n" for h, m in work.times)
    timer = (
        "[Unit]\n"
        "Description=followup: the morning list, every day\n"
        "\n[Timer]\n"
        f"{calendars}"
        "Persistent=true\n"
        "\n[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{NAME}.service": service, f"{NAME}.timer": timer}


def cron_lines(work: Job) -> list[str]:
    """One crontab line per time, each ending with :data:`CRON_MARK`."""
    env = " ".join(shlex.quote(f"{k}={v}") for k, v in work.env)
    command = " ".join(shlex.quote(a) for a in work.argv)
    command = (f"env {env} {command}" if env else command).replace("%", "\\%")
    return [f"{m} {h} * * * {command} {CRON_MARK}" for h, m in work.times]


def crontab_with(current: str, lines: Sequence[str]) -> str:
    """The crontab with followup's lines replaced by ``lines`` (none: removed)."""
    kept = [line for line in current.splitlines() if not line.rstrip().endswith(CRON_MARK)]
    return "".join(f"{line}\n" for line in [*kept, *lines])


def launch_agent(work: Job, log: Path) -> bytes:
    """The LaunchAgent plist (launchd runs a missed start when the Mac wakes)."""
    return plistlib.dumps(
        {
            "Label": LABEL,
            "ProgramArguments": list(work.argv),
            "EnvironmentVariables": dict(work.env),
            "StartCalendarInterval": [{"Hour": h, "Minute": m} for h, m in work.times],
            "StandardOutPath": str(log),
            "StandardErrorPath": str(log),
            "RunAtLoad": False,
        }
    )


def windows_task(work: Job) -> str:
    """The Task Scheduler task as XML (``schtasks /Create /XML``): daily triggers and
    ``StartWhenAvailable`` so a missed morning runs at the next log-on."""
    triggers = "".join(
        "    <CalendarTrigger>\n"
        f"      <StartBoundary>2000-01-01T{h:02d}:{m:02d}:00</StartBoundary>\n"
        "      <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>\n"
        "    </CalendarTrigger>\n"
        for h, m in work.times
    )
    sets = "".join(f'set "{k}={v}" && ' for k, v in work.env)
    command = sets + subprocess.list2cmdline(list(work.argv))
    return (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n'
        "  <RegistrationInfo><Description>followup: the morning list</Description>"
        "</RegistrationInfo>\n"
        f"  <Triggers>\n{triggers}  </Triggers>\n"
        "  <Settings>\n"
        "    <StartWhenAvailable>true</StartWhenAvailable>\n"
        "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n"
        "    <ExecutionTimeLimit>PT10M</ExecutionTimeLimit>\n"
        "  </Settings>\n"
        "  <Actions>\n"
        "    <Exec>\n"
        "      <Command>cmd.exe</Command>\n"
        f"      <Arguments>{escape('/d /c ' + command)}</Arguments>\n"
        "    </Exec>\n"
        "  </Actions>\n"
        "</Task>\n"
    )


def windows_commands(xml_path: Path) -> dict[str, list[str]]:
    return {
        "create": ["schtasks", "/Create", "/TN", NAME, "/XML", str(xml_path), "/F"],
        "delete": ["schtasks", "/Delete", "/TN", NAME, "/F"],
        "query": ["schtasks", "/Query", "/TN", NAME],
    }


# -- where they go -----------------------------------------------------------------------


def systemd_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def agent_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LABEL}.plist"


def _run(argv: list[str], *, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            argv, input=stdin, capture_output=True, text=True, timeout=30, check=False
        )
    except FileNotFoundError:
        return subprocess.CompletedProcess(argv, 127, "", f"{argv[0]}: not found")
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(argv, 124, "", f"{argv[0]}: no answer in 30 s")


def _must(argv: list[str], *, stdin: str | None = None) -> str:
    done = _run(argv, stdin=stdin)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip()
        raise FollowupError(f"`{' '.join(argv)}` failed: {_private(said) or done.returncode}")
    return done.stdout


def _private(text: str) -> str:
    url = os.environ.get("FOLLOWUP_DATABASE_URL", "")
    return channels.scrub(text, [url]) if url else text


def systemd_works() -> bool:
    return shutil.which("systemctl") is not None and (
        _run(["systemctl", "--user", "show-environment"]).returncode == 0
    )


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(path, 0o600)  # a file there before keeps no wider mode


def _times(work: Job) -> str:
    return " and ".join(f"{h:02d}:{m:02d}" for h, m in work.times)


def install(morning: tuple[int, int], platform: str | None = None) -> list[str]:
    """Install (or replace) the daily run; lines saying what was done."""
    from followup import config

    platform = platform or sys.platform
    work = job(morning)
    said = f"`{shlex.join(work.argv)}` will run every day at {_times(work)}"
    if platform == "darwin":
        path = agent_path()
        _write_private(path, launch_agent(work, config.home() / "remind.log"))
        domain = f"gui/{os.getuid()}"  # type: ignore[attr-defined,unused-ignore]
        _run(["launchctl", "bootout", domain, str(path)])
        _must(["launchctl", "bootstrap", domain, str(path)])
        return [f"Installed the LaunchAgent {path}: {said}."]
    if platform == "win32":
        path = config.home() / f"{NAME}.xml"
        _write_private(path, windows_task(work).encode("utf-16"))
        _must(windows_commands(path)["create"])
        return [f"Installed the scheduled task {NAME}: {said}."]
    if systemd_works():
        folder = systemd_dir()
        for name, text in systemd_units(work).items():
            _write_private(folder / name, text.encode())
        _must(["systemctl", "--user", "daemon-reload"])
        _must(["systemctl", "--user", "enable", "--now", f"{NAME}.timer"])
        return [
            f"Installed the systemd user timer {folder / (NAME + '.timer')}: {said} "
            "(a missed run is caught up at the next start)."
        ]
    if shutil.which("crontab") is None:
        raise FollowupError(
            _(
                "neither `systemctl --user` nor `crontab` works here: run `followup remind` "
                "from whatever runs things on this system."
            )
        )
    _must(["crontab", "-"], stdin=crontab_with(_crontab(), cron_lines(work)))
    return [f"Installed a crontab entry: {said} (cron does not catch up a missed run)."]


def _crontab() -> str:
    done = _run(["crontab", "-l"])
    return done.stdout if done.returncode == 0 else ""  # "no crontab for USER"


def uninstall(platform: str | None = None) -> list[str]:
    from followup import config

    platform = platform or sys.platform
    removed: list[str] = []
    if platform == "darwin":
        path = agent_path()
        if path.exists():
            _run(["launchctl", "bootout", f"gui/{os.getuid()}", str(path)])  # type: ignore[attr-defined,unused-ignore]
            path.unlink()
            removed.append(f"Removed the LaunchAgent {path}.")
    elif platform == "win32":
        if _run(windows_commands(config.home() / f"{NAME}.xml")["delete"]).returncode == 0:
            removed.append(f"Removed the scheduled task {NAME}.")
    else:
        folder = systemd_dir()
        if (folder / f"{NAME}.timer").exists():
            _run(["systemctl", "--user", "disable", "--now", f"{NAME}.timer"])
            for name in (f"{NAME}.timer", f"{NAME}.service"):
                (folder / name).unlink(missing_ok=True)
            _run(["systemctl", "--user", "daemon-reload"])
            removed.append(f"Removed the systemd user timer {folder / (NAME + '.timer')}.")
        if shutil.which("crontab") is not None:
            current = _crontab()
            if any(line.rstrip().endswith(CRON_MARK) for line in current.splitlines()):
                _must(["crontab", "-"], stdin=crontab_with(current, []))
                removed.append("Removed the crontab entry.")
    return removed or ["Nothing was installed."]


def installed(platform: str | None = None) -> list[str]:
    """What is installed, in words (secrets masked)."""
    from followup import config

    platform = platform or sys.platform
    found: list[str] = []
    if platform == "darwin":
        if agent_path().exists():
            with agent_path().open("rb") as handle:
                agent = plistlib.load(handle)
            times = " and ".join(
                f"{t['Hour']:02d}:{t['Minute']:02d}" for t in agent["StartCalendarInterval"]
            )
            found.append(
                f"LaunchAgent {agent_path()}: {shlex.join(agent['ProgramArguments'])} at {times}"
            )
    elif platform == "win32":
        if _run(windows_commands(config.home() / f"{NAME}.xml")["query"]).returncode == 0:
            found.append(f"scheduled task {NAME}")
    else:
        timer = systemd_dir() / f"{NAME}.timer"
        if timer.exists():
            hours = [line.split("*-*-* ")[1][:5] for line in timer.read_text().splitlines()
                     if line.startswith("OnCalendar=")]  # fmt: skip
            found.append(f"systemd user timer {timer} at {' and '.join(hours)}")
        if shutil.which("crontab") is not None:
            for line in _crontab().splitlines():
                if line.rstrip().endswith(CRON_MARK):
                    found.append(f"crontab: {_private(line)}")
    return found
