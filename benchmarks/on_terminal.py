"""Run a command on a pseudo-terminal, as a person at a terminal runs it, and discard its
output: `python on_terminal.py task next`. Used to time what people see (tables, colours).

The terminal is 40 lines of 120 columns (TERMINAL_SIZE=LINESxCOLUMNS to change it), for
every command alike; SHOW=1 copies what the command drew to stdout.
"""

import fcntl
import os
import pty
import struct
import sys
import termios

lines, columns = (int(n) for n in os.environ.get("TERMINAL_SIZE", "40x120").split("x"))
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    os.execvp(sys.argv[1], sys.argv[1:])
show = os.environ.get("SHOW") == "1"
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:  # EIO: the child closed the terminal
        break
    if not chunk:
        break
    if show:
        sys.stdout.buffer.write(chunk)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
