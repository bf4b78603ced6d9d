"""A throw-away Dovecot IMAP server on a loopback port, for the inbox and Sent-copy tests.

:func:`start` writes a minimal ``dovecot.conf`` into a fresh temporary folder (one user from
a static password file, maildir mail in the folder, plaintext login allowed on loopback;
STARTTLS on the IMAP port and TLS on a second one, with a certificate from a throw-away
authority, trustme), runs ``dovecot -F -c CONF`` and waits until it greets. :meth:`Server.stop` ends it and
removes the folder. Dovecot refuses to run its login processes as root, so as root they run
as Dovecot's own users and the mail belongs to ``nobody``; as anyone else, all runs as them.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

USER = "li.wei@example.com"
PASSWORD = "imap-Pa55-do-not-print"


class Unavailable(Exception):
    """Why no server could be started (the reason a test skips, or fails when required)."""


def binary() -> str | None:
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.access(p, os.X_OK)),
        None,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    folder: Path
    port: int
    tls_port: int
    authority: Path  # the PEM of the authority that signed the server's certificate
    host: str = "127.0.0.1"
    user: str = USER
    password: str = PASSWORD

    def client(self) -> Any:
        from imapclient import IMAPClient

        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        return client

    def clear(self) -> None:
        """Every message of every folder deleted, between tests."""
        client = self.client()
        try:
            for _, _, name in client.list_folders():
                client.select_folder(name)
                found = client.search("ALL")
                if found:
                    client.delete_messages(found)
                    client.expunge()
        finally:
            client.logout()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server:
    program = binary()
    if program is None:
        raise Unavailable("Dovecot is not installed (apt-get install dovecot-imapd)")
    folder = Path(tempfile.mkdtemp(prefix="followup-imap-"))
    folder.chmod(0o755)  # the mail processes run as another user
    for name in ("run", "state", "mail"):
        (folder / name).mkdir()
    if os.geteuid() == 0:
        try:
            internal, login = pwd.getpwnam("dovecot").pw_name, pwd.getpwnam("dovenull").pw_name
            mail = pwd.getpwnam("nobody")
        except KeyError as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise Unavailable(f"Dovecot's system users are missing: {error}") from None
        os.chown(folder / "mail", mail.pw_uid, mail.pw_gid)
    else:
        mail = pwd.getpwuid(os.getuid())
        internal = login = mail.pw_name
    (folder / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    import trustme

    authority = trustme.CA()
    authority.cert_pem.write_to_path(str(folder / "ca.pem"))
    issued = authority.issue_cert("127.0.0.1")
    issued.cert_chain_pems[0].write_to_path(str(folder / "cert.pem"))
    issued.private_key_pem.write_to_path(str(folder / "key.pem"))
    port, tls_port = free_port(), free_port()
    conf = folder / "dovecot.conf"
    conf.write_text(
        f"""base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{folder}/cert.pem
ssl_key = <{folder}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{folder}/mail/%n
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = {folder}/users
}}
userdb {{
  driver = static
  args = uid={mail.pw_uid} gid={mail.pw_gid} home={folder}/mail/%n
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
}}
"""
    )
    with open(folder / "output.txt", "wb") as output:
        process = subprocess.Popen(
            [program, "-F", "-c", str(conf)],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, folder, port, tls_port, folder / "ca.pem")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = (folder / "output.txt").read_text(errors="replace")
            log = folder / "dovecot.log"
            said += log.read_text(errors="replace") if log.exists() else ""
            shutil.rmtree(folder, ignore_errors=True)
            raise Unavailable(f"Dovecot did not start: {' '.join(said.split())[-300:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1) as s:
            if s.recv(100).startswith(b"* OK"):
                return server
        time.sleep(0.1)
    server.stop()
    raise Unavailable("Dovecot did not answer within 30 s")
