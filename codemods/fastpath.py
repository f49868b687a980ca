"""The console script's entry point: answer pre-commit's questions without importing click.

pre-commit runs `nylas-upgrade check f1.py f2.py ...` on every commit, and most commits touch no Nylas
code. `import click` alone costs ~30 ms, more than that whole answer should take. So when the command is
`check` or `fix` with files or directories, no option but -q/--quiet/--diff/-j N, and no file found contains
a word of the prefilter, this prints exactly what the full CLI would and exits 0. When files do have Nylas
words, `check` and `fix --diff` (with -q and -j N at most) still run without click (_run_without_click), on the
same walk (codemods.sweep), which a forked child finishes while this process loads libcst. Anything else
(another option or command, invalid rules or configuration, rules not yet validated into the cache) goes to
codemods.cli; `fix` that writes goes there with the walk begun here.
"""
from __future__ import annotations

import atexit
import gc
import os
import sys
import time
import warnings

from codemods import messages, rule_cache
from codemods.prefilter import Prefilter

_FLAGS = {"-q", "--quiet", "--diff"}


def _configures_base_names(first: str) -> bool:
    """Does a pyproject.toml above the first path mention base-names? (Bytes only: no TOML parser here.)"""
    directory = os.path.abspath(first)
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            try:
                with open(candidate, "rb") as handle:
                    if b"base-names" in handle.read():
                        return True
            except OSError:
                return True  # unreadable: let the full CLI say so
        parent = os.path.dirname(directory)
        if parent == directory:
            return False
        directory = parent


def _clean_files(argv) -> tuple:
    """(answer, sweep): answer (command, flags, file count) when the run has nothing to say (no file has a
    trigger word, nothing unreadable or missing), else None; sweep, the walk begun (and going on in a child
    after its first hit), for the run that takes over, or None."""
    if not argv or argv[0] not in ("check", "fix"):
        return None, None
    jobs, args = _take_jobs(argv[1:])  # -j N changes nothing here (one walk in this process)
    if jobs == 0:
        return None, None
    flags = {a for a in args if a.startswith("-")}
    paths = [a for a in args if not a.startswith("-")]
    if not paths or not flags <= _FLAGS or (argv[0] == "check" and "--diff" in flags):
        return None, None
    directory = rule_cache.rules_dir()
    triggers = rule_cache.read_triggers(directory, rule_cache.rule_files(directory))
    if not triggers:
        return None, None  # no validated cache yet: the full CLI loads (and checks) the rules and writes it
    if _configures_base_names(paths[0]):
        return None, None  # base-names widen the prefilter beyond the rules' words: the full pipeline decides
    from codemods.sweep import Sweep

    sweep = Sweep(paths, Prefilter(triggers))
    reads = argv[0] == "check" or "--diff" in flags  # what _run_pipeline answers (`fix` that writes goes to click)
    from codemods import handover

    if reads and handover.worth_it(paths):
        if handover.walk_here_load_there(sweep):
            return None, sweep  # the child, with the analysis loaded and the whole walk: it runs the command
    elif sweep.until_hit():
        if reads:
            sweep.go_on_in_child()  # the rest of the walk, while this process loads what the analysis needs
        return None, sweep
    if sweep.candidates or sweep.errors or sweep.unreadable:
        return None, sweep  # the run reports them
    return (argv[0], flags, len(sweep.clean)), None


def _take_jobs(args) -> tuple:
    """`-j N`, `-jN`, `--jobs N` or `--jobs=N` (N a plain positive integer) taken out of args: (N or None, the
    rest). (0, args) when -j/--jobs is there but not in one of those forms, or more than once: the full CLI
    then parses it (and reports what is wrong). `fix --diff -q -j 2 .` is the benchmark's and CI's command."""
    jobs, rest, i = None, [], 0
    while i < len(args):
        arg = args[i]
        value = None
        if arg in ("-j", "--jobs"):
            if i + 1 >= len(args):
                return 0, args
            value, i = args[i + 1], i + 2
        elif arg.startswith("--jobs="):
            value, i = arg[len("--jobs="):], i + 1
        elif arg.startswith("-j") and not arg.startswith("--"):
            value, i = arg[2:], i + 1
        else:
            rest.append(arg)
            i += 1
            continue
        if jobs is not None or not (value.isascii() and value.isdigit()) or int(value) < 1:
            return 0, args
        jobs = int(value)
    return jobs, rest


def _run_without_click(argv, sweep=None) -> "int | None":
    code = _run_pipeline(argv, sweep)
    if code is None and sweep is not None:
        sweep.abandon()  # the full CLI walks for itself
    return code


def _run_pipeline(argv, sweep) -> "int | None":
    """`check [-q] PATHS` and `fix --diff [-q] PATHS`, the pre-commit commands, for files with Nylas words:
    run the pipeline and print exactly what codemods.cli's check and fix print (the same reporters and
    messages), without importing click (~30 ms, a sixth of the whole run). Anything the full CLI would
    complain about (bad configuration or rules) returns None before any output: the full CLI runs and says it.
    tests/test_speed_contracts.py compares both entry points' outputs and exit codes."""
    command, args = argv[0] if argv else None, argv[1:]
    jobs, args = _take_jobs(args)
    if jobs == 0:
        return None  # -j given oddly (twice, no number, not a positive integer): click says what is wrong
    flags = {a for a in args if a.startswith("-")}
    raw_paths = [a for a in args if not a.startswith("-")]
    if not raw_paths or not (
        (command == "check" and flags <= {"-q", "--quiet"}) or (command == "fix" and "--diff" in flags
                                                                  and flags <= _FLAGS)):
        return None
    import ast
    from pathlib import Path

    from codemods.config import ConfigError, find
    from codemods.rules import RuleError, load_rules

    paths = [Path(p) for p in raw_paths]
    try:
        config = find(paths)
        rules = load_rules()
    except (ConfigError, RuleError):
        return None
    grant = config.grant or "me"
    if grant != "me":
        try:
            ast.parse(grant, mode="eval")
        except SyntaxError:
            return None
    known = {r.id for r in rules.rules} | set(rules.families)
    if not all(any(k.startswith(code) for k in known) for code in config.select + config.ignore):
        return None
    from codemods.engine import Interrupted, run
    from codemods.options import Options

    options = Options(grant=grant, select=config.select, ignore=config.ignore, base_names=config.base_names)
    quiet = bool(flags & {"-q", "--quiet"})
    from codemods import outputs
    from codemods.progress import factory

    started = time.perf_counter()
    if sweep is not None and sweep.candidates:
        _load_analysis_for_good()  # while the walk goes on in a child, if one was forked
    from codemods.safety import sigterm_as_interrupt

    sigterm_as_interrupt()
    if command == "check":
        try:
            result = run(paths, rules, options, write=False, jobs=jobs, excluded=config.excluder(),
                         progress=factory(quiet), sweep=sweep)
        except Interrupted:
            outputs.echo_err(outputs.CHECK_INTERRUPTED)
            return outputs.EXIT_INTERRUPTED
        return outputs.check_text(result, started, quiet, "auto")
    from codemods.reporters.colour import enabled

    try:
        result = run(paths, rules, options, write=False, jobs=jobs, excluded=config.excluder(), progress=factory(quiet),
                     diff_color=enabled("auto", sys.stdout), sweep=sweep)
    except Interrupted:
        outputs.echo_err("\nnylas-upgrade: interrupted; 0 file(s) had been rewritten. Every file is either unchanged "
                         "or fully rewritten.")
        return outputs.EXIT_INTERRUPTED
    return outputs.fix_output(result, started, quiet, "auto", show_diff=True, written=False)


def _load_analysis_for_good() -> None:
    """Import what the analysis needs, then freeze the heap: this process ends with the run, so its collector
    never needs to scan libcst's modules and classes again (two scans of ~200,000 objects, ~10 ms)."""
    from codemods.sweep import load_analysis

    load_analysis()
    gc.freeze()


def main() -> None:
    # A run allocates many objects and frees nearly all of them by reference counting (libcst's nodes, its
    # import's dataclasses): at the default threshold (700) the collector ran ~450 times over 500 dense files,
    # 4% of the time; at 10,000, ~20 times, in the same memory (the pool's workers set the same; see parallel).
    # Put back on the way out, for a caller of main() that catches SystemExit.
    threshold = gc.get_threshold()
    gc.set_threshold(10_000, 10, 10)
    # The analysis compiles the user's code with `ast` (it never runs it): what the compiler warns about there
    # (`"\d"` in a plain string: a SyntaxWarning from Python 3.12, a DeprecationWarning before) is the user's
    # linter's business, not lines for this tool to print; the pool's forked workers inherit the filter.
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    warnings.filterwarnings("ignore", "invalid escape sequence", DeprecationWarning)
    try:
        _main()
    except SystemExit as done:
        handover = sys.modules.get("codemods.handover")
        if handover is not None and handover.in_child:
            handover.leave(done.code)  # the run's child (handover.py): its parent leaves with this code
        raise
    finally:
        gc.set_threshold(*threshold)


def _main() -> None:
    started = time.perf_counter()
    # At exit the interpreter's last collection walks every object still alive (libcst's modules, the
    # results): ~35 ms of a 1.2 s run over 500 files, for memory the process hands back anyway. Frozen
    # objects are skipped; atexit runs only when the interpreter really ends, so a caller of main() that
    # catches SystemExit keeps its collector as it was.
    atexit.register(gc.freeze)
    clean, sweep = _clean_files(sys.argv[1:])
    if clean is None:
        code = _run_without_click(sys.argv[1:], sweep)
        if code is not None:
            sys.exit(code)
        from codemods.cli import main as cli_main

        if sweep is None:
            cli_main()
            return
        from codemods import sweep as sweeps

        sweeps.handed_over = sweep  # `fix` that writes: the run the CLI makes goes on with this walk
        try:
            cli_main()
        finally:
            sweeps.handed_over = None
        return
    command, flags, count = clean
    if not flags & {"-q", "--quiet"}:
        written = command == "fix" and "--diff" not in flags
        sys.stderr.write(messages.summary(count, 0, 0, 0, 0, time.perf_counter() - started, written) + "\n")
    sys.exit(0)
