"""What `check` and `fix` print after a run, without click: shared by codemods.cli and the console script's
fast path (codemods.fastpath), so both entry points always say the same thing.

Exit codes (README's table): 0 nothing to report, 1 found / changes needed, 3 some files failed.
"""
from __future__ import annotations

import sys
import time

from codemods import messages
from codemods.reporters import errors_of

EXIT_CLEAN, EXIT_FOUND, EXIT_USAGE, EXIT_FILE_ERRORS, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
CHECK_INTERRUPTED = "\nnylas-upgrade: interrupted before every file was checked; check changes no file."


def exit_code(result, found: bool) -> int:
    if errors_of(result):
        return EXIT_FILE_ERRORS
    return EXIT_FOUND if found else EXIT_CLEAN


def summary(result, started: float, written: bool = False, findings=None) -> str:
    """The one line on stderr: files scanned, changed, findings (fixable or fixed), errors, seconds.
    `findings`: result.findings when the caller has it already (the property sorts them all each time)."""
    findings = result.findings if findings is None else findings
    fixable = (sum(f.fixable for r in result.changed for f in r.findings) if written
               else sum(f.fixable for f in findings))
    return messages.summary(len(result.files), len(result.changed), len(findings), fixable, len(errors_of(result)),
                            time.perf_counter() - started, written)


def echo_err(line: str) -> None:
    sys.stdout.flush()
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def check_text(result, started: float, quiet: bool, color: str) -> int:
    """`check` in text format: clickable finding lines on stdout, errors and the summary on stderr."""
    from codemods.reporters import text
    from codemods.reporters.colour import enabled

    findings = result.findings
    text.write_lines(findings, errors_of(result), sys.stdout, sys.stderr, color=enabled(color, sys.stdout))
    if not quiet:
        echo_err(summary(result, started, findings=findings))
    return exit_code(result, bool(findings))


def fix_output(result, started: float, quiet: bool, color: str, show_diff: bool, written: bool) -> int:
    """`fix`: the diff on stdout with --diff (the places left by hand then go to stderr), else those places on
    stdout; then the summary."""
    from codemods.reporters import diff, text
    from codemods.reporters.colour import enabled

    findings = result.findings
    manual = [f for f in findings if not f.fixable]
    if show_diff:
        sys.stdout.write(diff.render(result.changed, color=enabled(color, sys.stdout)))
        text.write_lines(manual, errors_of(result), sys.stderr, sys.stderr, color=enabled(color, sys.stderr))
    else:
        text.write_lines(manual, errors_of(result), sys.stdout, sys.stderr, color=enabled(color, sys.stdout))
    if not quiet:
        echo_err(summary(result, started, written=written, findings=findings))
    return exit_code(result, bool(result.changed or manual))
