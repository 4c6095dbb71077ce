#!/usr/bin/env python3
"""Time from launching a command in a pseudo-terminal until its prompt is on the screen.

usage: pty_prompt.py RUNS MARKER COMMAND [ARGS...]
Prints one line per run (seconds), then 'median MIN MAX'. The process gets Ctrl-D after the
prompt shows and is waited for, so each run is a whole, clean session.
"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

def one(marker, argv):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    # a new pty is 0x0: give it a real size or the line reader has no room for the prompt
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    elapsed = None
    deadline = start + 60
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if marker.encode() in seen:
            elapsed = time.monotonic() - start
            os.write(fd, b"\x04")
            break
    try:
        while True:
            r, _, _ = select.select([fd], [], [], 5)
            if not r or not os.read(fd, 4096):
                break
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        sys.exit("prompt never appeared; the screen showed: %r" % seen[-300:])
    return elapsed

def main():
    runs, marker, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    times = [one(marker, argv) for _ in range(runs)]
    for t in times:
        print("%.3f" % t)
    print("median %.3f %.3f %.3f" % (statistics.median(times), min(times), max(times)))

main()
