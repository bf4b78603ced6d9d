"""`remind --install`: the daily run set up with fake `systemctl`, `crontab` and `launchctl`
on PATH that record what they are asked, files under a temporary HOME; the macOS and Windows
forms checked as data."""

from __future__ import annotations

import os
import plistlib
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from followup import timers

pytestmark = pytest.mark.sqlite_only  # the store is not what these test

BIN = Path(sys.executable).parent / "followup"  # the script `pip install` made

FAKE = """#!/bin/sh
echo "$(basename "$0") $*" >> "{log}"
{body}
"""
SYSTEMCTL_OK = "exit 0"
SYSTEMCTL_NO_USER_MANAGER = 'echo "Failed to connect to bus: No medium found" >&2; exit 1'
CRONTAB = """case "$1" in
  -l) [ -f "{tab}" ] && cat "{tab}" && exit 0; echo "no crontab for user" >&2; exit 1 ;;
  -) cat > "{tab}" ;;
esac
"""


class Fakes:
    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.bin = tmp_path / "fakebin"
        self.bin.mkdir()
        self.log = tmp_path / "calls.log"
        self.tab = tmp_path / "crontab.txt"
        self.home = tmp_path / "userhome"
        self.config = tmp_path / "config"
        monkeypatch.setenv("PATH", f"{self.bin}:/usr/bin:/bin")
        monkeypatch.setenv("HOME", str(self.home))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(self.config))
        self.units = self.config / "systemd" / "user"

    def tool(self, name: str, body: str) -> None:
        path = self.bin / name
        path.write_text(FAKE.format(log=self.log, body=body.format(tab=self.tab)))
        path.chmod(0o755)

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def fakes(tmp_path, monkeypatch) -> Fakes:
    return Fakes(tmp_path, monkeypatch)


def test_a_systemd_user_timer_when_systemctl_user_works(ok, fakes, home):
    fakes.tool("systemctl", SYSTEMCTL_OK)
    result = ok("remind", "--install")
    assert "every day at 08:00 and 18:00" in result.stderr
    timer = (fakes.units / "followup-remind.timer").read_text()
    service = (fakes.units / "followup-remind.service").read_text()
    assert "OnCalendar=*-*-* 08:00:00\nOnCalendar=*-*-* 18:00:00\nPersistent=true\n" in timer
    assert "WantedBy=timers.target" in timer
    assert f'ExecStart="{BIN}" "remind"\n' in service
    assert f'Environment="FOLLOWUP_HOME={home}"\n' in service
    assert stat.S_IMODE((fakes.units / "followup-remind.service").stat().st_mode) == 0o600
    assert fakes.calls() == [
        "systemctl --user show-environment",
        "systemctl --user daemon-reload",
        "systemctl --user enable --now followup-remind.timer",
    ]
    ok("remind", "--install", "--at", "7:30")  # again: replaces
    assert sorted(p.name for p in fakes.units.iterdir()) == [
        "followup-remind.service",
        "followup-remind.timer",
    ]
    timer = (fakes.units / "followup-remind.timer").read_text()
    assert timer.count("OnCalendar=") == 2 and "OnCalendar=*-*-* 07:30:00" in timer
    status = ok("remind", "--status").stdout
    assert (
        f"Installed: systemd user timer {fakes.units}/followup-remind.timer at 07:30 and 18:00"
        in status
    )
    result = ok("remind", "--uninstall")
    assert "Removed the systemd user timer" in result.stderr
    assert list(fakes.units.iterdir()) == []
    assert "systemctl --user disable --now followup-remind.timer" in fakes.calls()
    assert ok("remind", "--uninstall").stderr == "Nothing was installed.\n"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_the_units_pass_systemd_analyze_verify(tmp_path, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_HOME", '/tmp/a 100% odd "home"')
    units = timers.systemd_units(timers.job((8, 0)))
    for name, text in units.items():
        (tmp_path / name).write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / n) for n in units)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "followup-remind" not in done.stderr, done.stderr


def test_a_crontab_entry_when_there_is_no_user_systemd(ok, fakes, home, monkeypatch):
    fakes.tool("systemctl", SYSTEMCTL_NO_USER_MANAGER)
    fakes.tool("crontab", CRONTAB)
    fakes.tab.write_text("0 1 * * * backup --all\n")
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", "")
    ok("remind", "--install")
    ok("remind", "--install", "--at", "06:45")  # twice: one entry
    lines = fakes.tab.read_text().splitlines()
    assert lines == [
        "0 1 * * * backup --all",
        f"45 6 * * * env FOLLOWUP_HOME={home} {BIN} remind # followup-remind",
        f"0 18 * * * env FOLLOWUP_HOME={home} {BIN} remind # followup-remind",
    ]
    assert not fakes.units.exists()
    status = ok("remind", "--status").stdout
    assert status.count("Installed: crontab:") == 2
    ok("remind", "--uninstall")
    assert fakes.tab.read_text() == "0 1 * * * backup --all\n"


def test_a_database_url_goes_with_the_job_and_its_password_is_never_shown(fakes, monkeypatch):
    url = "postgresql+psycopg://me:pa55word@db.example/followup"
    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", url)
    [line, _] = timers.cron_lines(timers.job((8, 0)))
    assert f"FOLLOWUP_DATABASE_URL={url}" in line
    assert "pa55word" not in timers._private(line)


def test_a_percent_sign_is_escaped_for_cron_and_quoted_for_the_shell(monkeypatch):
    monkeypatch.setenv("FOLLOWUP_HOME", "/data/100% mine")
    [line, _] = timers.cron_lines(timers.job((8, 0)))
    assert "env 'FOLLOWUP_HOME=/data/100\\% mine' " in line


def test_the_launch_agent_of_macos(fakes, home, monkeypatch):
    fakes.tool("launchctl", "exit 0")
    said = timers.install((8, 0), platform="darwin")
    path = fakes.home / "Library" / "LaunchAgents" / "org.followup.remind.plist"
    assert said == [
        f"Installed the LaunchAgent {path}: `{BIN} remind` will run every day at 08:00 and 18:00."
    ]
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "org.followup.remind"
    assert agent["ProgramArguments"] == [str(BIN), "remind"]
    assert agent["EnvironmentVariables"] == {"FOLLOWUP_HOME": str(home)}
    assert agent["StartCalendarInterval"] == [{"Hour": 8, "Minute": 0}, {"Hour": 18, "Minute": 0}]
    uid = os.getuid()
    assert fakes.calls() == [
        f"launchctl bootout gui/{uid} {path}",
        f"launchctl bootstrap gui/{uid} {path}",
    ]
    assert timers.installed("darwin") == [f"LaunchAgent {path}: {BIN} remind at 08:00 and 18:00"]
    assert timers.uninstall("darwin") == [f"Removed the LaunchAgent {path}."]
    assert not path.exists()


def test_the_task_of_windows_as_xml(monkeypatch):
    monkeypatch.setenv("FOLLOWUP_HOME", r"C:\Users\li\followup & co")
    work = timers.Job(
        (r"C:\Program Files\followup\followup.exe", "remind"),
        (("FOLLOWUP_HOME", r"C:\Users\li\followup & co"),),
        ((7, 30), (18, 0)),
    )
    xml = timers.windows_task(work)
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    root = ET.fromstring(xml.split("\n", 1)[1])
    starts = [e.text for e in root.findall(".//t:CalendarTrigger/t:StartBoundary", ns)]
    assert starts == ["2000-01-01T07:30:00", "2000-01-01T18:00:00"]
    assert root.find(".//t:StartWhenAvailable", ns).text == "true"
    assert root.find(".//t:Exec/t:Command", ns).text == "cmd.exe"
    assert root.find(".//t:Exec/t:Arguments", ns).text == (
        '/d /c set "FOLLOWUP_HOME=C:\\Users\\li\\followup & co" && '
        '"C:\\Program Files\\followup\\followup.exe" remind'
    )
    commands = timers.windows_commands(Path("task.xml"))
    assert commands["create"] == [
        "schtasks", "/Create", "/TN", "followup-remind", "/XML", "task.xml", "/F"
    ]  # fmt: skip
    assert commands["delete"] == ["schtasks", "/Delete", "/TN", "followup-remind", "/F"]


def test_the_task_of_windows_is_created_replaced_queried_and_deleted(fakes, home):
    fakes.tool("schtasks", "exit 0")
    said = timers.install((8, 0), platform="win32")
    assert said == [
        f"Installed the scheduled task followup-remind: `{BIN} remind` will run every day at 08:00 and 18:00."
    ]
    xml = home / "followup-remind.xml"
    assert xml.read_bytes().decode("utf-16").startswith('<?xml version="1.0" encoding="UTF-16"?>')
    timers.install((7, 0), platform="win32")
    assert timers.installed("win32") == ["scheduled task followup-remind"]
    assert timers.uninstall("win32") == ["Removed the scheduled task followup-remind."]
    assert fakes.calls() == [
        f"schtasks /Create /TN followup-remind /XML {xml} /F",
        f"schtasks /Create /TN followup-remind /XML {xml} /F",
        "schtasks /Query /TN followup-remind",
        "schtasks /Delete /TN followup-remind /F",
    ]


@pytest.mark.parametrize("bad", ["8", "25:00", "08:60", "noon"])
def test_a_time_that_is_not_one(run, bad):
    result = run("remind", "--install", "--at", bad)
    assert result.exit_code == 2
    assert result.stderr == f"Error: --at {bad!r} is not a time of day such as 08:00 or 7:30.\n"


def test_install_and_status_do_not_go_together(run):
    result = run("remind", "--install", "--status")
    assert result.exit_code == 2
    assert result.stderr == "Error: --install and --status cannot go together; give one.\n"


def test_status_before_anything(ok, fakes):
    fakes.tool("systemctl", SYSTEMCTL_NO_USER_MANAGER)
    assert ok("remind", "--status").stdout == (
        "Installed: nothing (followup remind --install sets up the daily run)\n"
        "Channels: none (followup profile --notify URL)\n"
        "Last run: never\n"
    )


@pytest.mark.skipif(
    shutil.which("crontab") is None
    or not (os.environ.get("CI") or os.environ.get("FOLLOWUP_TEST_CRONTAB")),
    reason="a real crontab is changed (and restored) only in CI or with FOLLOWUP_TEST_CRONTAB=1",
)
def test_the_entry_round_trips_through_a_real_crontab(ok, monkeypatch, tmp_path):
    fake = tmp_path / "nosystemd"
    fake.mkdir()
    (fake / "systemctl").write_text("#!/bin/sh\nexit 1\n")
    (fake / "systemctl").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}:{os.environ['PATH']}")
    before = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
    try:
        ok("remind", "--install")
        ok("remind", "--install")
        listed = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=True)
        ours = [line for line in listed.stdout.splitlines() if line.endswith("# followup-remind")]
        assert len(ours) == 2 and ours[0].startswith("0 8 * * * env FOLLOWUP_HOME=")
        ok("remind", "--uninstall")
        listed = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
        assert "# followup-remind" not in listed.stdout
    finally:
        if before.returncode == 0:
            subprocess.run(["crontab", "-"], input=before.stdout, text=True, check=True)
        else:
            subprocess.run(["crontab", "-r"], capture_output=True, check=False)
