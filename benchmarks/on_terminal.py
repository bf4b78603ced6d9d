"""Run a command on a pseudo-terminal, as a person at a terminal runs it, and discard its
output: `python on_terminal.py task next`. Used to time what people see (tables, colours)."""

import os
import pty
import sys

pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
while True:
    try:
        if not os.read(fd, 65536):
            break
    except OSError:  # EIO: the child closed the terminal
        break
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
