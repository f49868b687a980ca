"""A console-script run over a directory (`check`, `fix --diff`) on a machine with a CPU to spare: fork at once.
The child loads libcst and the analysis (~0.2 s) while this process walks and prefilters every file; then
this process hands the whole walk to the child, which runs the rest of the command exactly as this process
would have, and leaves with the child's exit code. A clean walk ends here: the child is stopped before it
did anything, so a clean run costs its walk and one fork, and never loads libcst in this process.

Without it (sweep.py alone) the load begins at the first file with a Nylas word, after the part of the walk
before it: over Django's 2,800 files with a Nylas app in the middle, a third of the walk (~40 ms) was spent
before anything else could start. Here the run tends to max(walk, load) + analysis.
"""
from __future__ import annotations

import os
import signal
from typing import Sequence

from codemods.sweep import Sweep, _can_fork, stop_child


in_child = False  # this process is the child that runs the command (it leaves through leave())


def worth_it(paths: Sequence[str]) -> bool:
    """A directory to walk (pre-commit names its files: nothing to overlap, and no stat for those), a second
    CPU (on one, loading meanwhile would only slow a clean walk down), and fork safe here."""
    if not _can_fork() or not any(not p.endswith((".py", ".ipynb")) and os.path.isdir(p) for p in paths):
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without affinity (fork is not used on macOS)
        cpus = os.cpu_count() or 1
    return cpus > 1


def walk_here_load_there(sweep: Sweep) -> bool:
    """True in the child, once it has loaded the analysis and holds the whole walk (it carries on as the run);
    False in this process when the walk found nothing to analyse (the child stopped). Else this process waits
    for the child and leaves with its exit code (SystemExit): it never returns."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(writer)
        try:
            import gc

            from codemods.sweep import load_analysis

            load_analysis()
            gc.freeze()  # as fastpath does after its load: collections never scan libcst's objects again
            sweep.receive(reader)  # blocks until the walk is done
        except BaseException:  # noqa: BLE001 - Ctrl-C or a failed load before the hand-over: the parent reports
            os._exit(1)
        global in_child
        in_child = True
        return True
    os.close(reader)
    try:
        while not sweep.done:
            sweep.until_hit()
    except BaseException:
        stop_child(pid, writer)
        raise
    if not sweep.candidates and not sweep.errors and not sweep.unreadable:
        stop_child(pid, writer)
        return False
    try:
        sweep.send(writer)
    except OSError:  # the child died while loading: this process carries on as the run
        stop_child(pid, None)
        return False
    # From here the child is the run: Ctrl-C reaches it (same process group) and it says what was done;
    # a SIGTERM sent to this process alone is passed on to it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: os.kill(pid, signal.SIGTERM))
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    raise SystemExit(code if code >= 0 else 128 - code)


def leave(code) -> None:
    """The child's end: its output flushed, it exits at once with the command's code. Tearing its interpreter
    down (libcst's modules, the run's results) would only delay the parent, which waits for this exit."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")  # what SystemExit("message") prints
        sys.stderr.flush()
        code = 1
    os._exit(code & 0xFF)
