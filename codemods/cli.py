"""The command line. Commands only parse flags and call the pipeline (codemods.engine).

Exit codes (the same for every command; README has the table):
  0  nothing to report
  1  v2 usage found (check), changes needed (fix --diff), or rewritten / left for a human (fix)
  2  bad invocation, or invalid rules or configuration
  3  some files could not be read, decoded, parsed or written (the others were processed)
  130 interrupted (Ctrl-C or SIGTERM); every file is either unchanged or fully rewritten
"""
from __future__ import annotations

import ast
import sys
import time
from pathlib import Path
from typing import List, Tuple

import click

from codemods import __version__
from codemods.outputs import EXIT_FILE_ERRORS, EXIT_INTERRUPTED, EXIT_USAGE


EPILOG = """\b
Examples:
  nylas-upgrade check .             list every v2 usage, change nothing
  nylas-upgrade fix --diff .        preview the rewrite as a unified diff
  nylas-upgrade fix .               rewrite in place, list what is left by hand
  nylas-upgrade report . -o m.md    a reviewer's report (.md, .html or .json)
  nylas-upgrade rules EP005         explain one rule
"""


def _load_rules(select: Tuple[str, ...], ignore: Tuple[str, ...]):
    from codemods.rules import RuleError, load_rules

    try:
        rules = load_rules()
    except RuleError as exc:
        click.echo(f"nylas-upgrade: invalid rules: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    known = {r.id for r in rules.rules} | set(rules.families)
    for code in select + ignore:
        if not any(k.startswith(code) for k in known):
            click.echo(f"nylas-upgrade: unknown rule or family {code!r} in --select/--ignore", err=True)
            sys.exit(EXIT_USAGE)
    return rules


def _split_codes(values: Tuple[str, ...]) -> Tuple[str, ...]:
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


def _check_grant(ctx, param, value):
    if value is not None and value != "me":
        try:
            ast.parse(value, mode="eval")
        except SyntaxError:
            raise click.BadParameter(f"{value!r} is not a Python expression (or 'me')") from None
    return value


def _remember_color(ctx, param, value):
    ctx.meta["nylas_upgrade.color"] = value  # not a parameter: commands ask _color_choice() when they write


def _color_choice() -> str:
    return click.get_current_context().meta.get("nylas_upgrade.color", "auto")


common_options = [
    click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
    click.option("--grant", default=None, callback=_check_grant,
                 help="Grant identifier for v3 paths: 'me' (the default; v2 access tokens), or a Python "
                      "expression such as grant_id, put into f-strings."),
    click.option("--select", multiple=True, help="Only these rule IDs or family prefixes (comma-separated)."),
    click.option("--ignore", multiple=True, help="Skip these rule IDs or family prefixes (comma-separated)."),
    click.option("-q", "--quiet", is_flag=True, help="No summary line or progress bar on stderr."),
    click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                 expose_value=False, callback=_remember_color,
                 help="Colour diffs and finding lines; auto: only on a terminal, and not when NO_COLOR is set."),
    click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                 help="Worker processes for files with Nylas code (default: one per CPU, used only for many files)."),
    click.option("--since", "since", metavar="REF", default=None,
                 help="Only lines changed since this git revision (working tree vs REF; untracked files count)."),
]


def with_common(func):
    for option in reversed(common_options):
        func = option(func)
    return func


def _run(paths, grant, select, ignore, write, jobs=None, since=None, add_todos=False, quiet=False, diff_color=None):
    """Flags win over [tool.nylas-upgrade] in pyproject.toml, which wins over the defaults."""
    from codemods.config import ConfigError, find
    from codemods.engine import run
    from codemods.options import Options
    from codemods.progress import factory

    try:
        config = find(list(paths))
    except ConfigError as exc:
        click.echo(f"nylas-upgrade: invalid configuration: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    select = _split_codes(select) or config.select
    ignore = _split_codes(ignore) or config.ignore
    grant = grant or config.grant or "me"
    try:
        _check_grant(None, None, grant)
    except click.BadParameter as exc:
        click.echo(f"nylas-upgrade: invalid configuration: grant: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    rules = _load_rules(select, ignore)
    paths, excluded, changed = list(paths), config.excluder(), None
    if since is not None:
        from codemods import since as since_mod

        try:
            changed = since_mod.changed_lines(paths, since)
        except since_mod.SinceError as exc:
            click.echo(f"nylas-upgrade: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        paths = since_mod.keep_paths(paths, changed)
        excluded = since_mod.excluder(changed, config.excluder())
    options = Options(grant=grant, select=select, ignore=ignore, add_todos=add_todos, changed_lines=changed,
                      base_names=config.base_names)
    return run(paths, rules, options, write=write, jobs=jobs, excluded=excluded, progress=factory(quiet),
               diff_color=diff_color)


def _errors(result) -> List[str]:
    return list(result.errors) + [f"{r.path}: {r.error}" for r in result.failed]


def _exit_code(result, found: bool) -> int:
    from codemods.outputs import exit_code

    return exit_code(result, found)


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nylas-upgrade")
def main() -> None:
    """Upgrade Python code from the Nylas API v2 Email API to API v3."""


@main.command()
@with_common
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "gitlab"]),
              default="text", show_default=True,
              help="text lines, JSON, SARIF 2.1.0, GitHub Actions annotations, or GitLab Code Quality JSON.")
def check(paths, grant, select, ignore, quiet, jobs, since, fmt):
    """Report every v2 usage under PATHS; change nothing."""
    from codemods import outputs
    from codemods.engine import Interrupted
    from codemods.reporters import render
    from codemods.safety import sigterm_as_interrupt

    started = time.perf_counter()
    sigterm_as_interrupt()
    try:
        result = _run(paths, grant, select, ignore, write=False, jobs=jobs, since=since, quiet=quiet)
    except Interrupted:
        click.echo(outputs.CHECK_INTERRUPTED, err=True)
        sys.exit(EXIT_INTERRUPTED)
    if fmt == "text":
        sys.exit(outputs.check_text(result, started, quiet, _color_choice()))
    render(fmt, result, sys.stdout, sys.stderr)
    sys.exit(_exit_code(result, bool(result.findings)))


@main.command()
@with_common
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of writing files.")
@click.option("--require-clean", is_flag=True,
              help="Refuse to rewrite when the target files have uncommitted git changes.")
@click.option("--add-todos", is_flag=True, help="Also put a `# TODO(nylas-v3): RULE message` comment above "
              "each place left for a human (never twice).")
@click.option("--split-by-rule", "split_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              metavar="DIR",
              help="Write no source file: write DIR/01-HOST.patch, 02-EP.patch, ... (one per rule family, "
                   "to apply in order with git apply).")
def fix(paths, grant, select, ignore, quiet, jobs, since, show_diff, require_clean, add_todos, split_dir):
    """Rewrite v2 usages under PATHS in place (or --diff to preview); list what is left by hand."""
    from codemods import outputs
    from codemods.engine import Interrupted
    from codemods.safety import sigterm_as_interrupt, uncommitted_python_files

    started = time.perf_counter()
    show_diff = show_diff and not split_dir
    dirty = set() if show_diff or split_dir else uncommitted_python_files(paths)
    if dirty and require_clean:
        click.echo(f"nylas-upgrade: --require-clean: uncommitted changes in {', '.join(sorted(dirty))}", err=True)
        sys.exit(EXIT_USAGE)
    sigterm_as_interrupt()
    try:
        result = _run(paths, grant, select, ignore, write=not (show_diff or split_dir), jobs=jobs, since=since,
                      add_todos=add_todos, quiet=quiet, diff_color=_diff_color(show_diff))
    except Interrupted as stop:
        written = [r.path for r in stop.partial.changed] if not (show_diff or split_dir) else []
        click.echo(f"\nnylas-upgrade: interrupted; {len(written)} file(s) had been rewritten"
                   f"{': ' + ', '.join(written) if written else ''}. Every file is either unchanged or fully "
                   "rewritten.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    risky = sorted(dirty & {r.path for r in result.changed})
    if risky:
        click.echo(f"warning: rewrote files that had uncommitted changes: {', '.join(risky)} "
                   "(their diff now mixes your edits and the migration)", err=True)
    if split_dir:
        _write_split(result, split_dir, quiet)
    sys.exit(outputs.fix_output(result, started, quiet, _color_choice(), show_diff,
                                written=not (show_diff or split_dir)))


def _diff_color(show_diff: bool):
    """With --diff, the colour outputs.fix_output will print it in (the run then makes each diff in its worker)."""
    if not show_diff:
        return None
    from codemods.reporters.colour import enabled

    return enabled(_color_choice(), sys.stdout)


def _write_split(result, directory: Path, quiet: bool) -> None:
    from codemods.split_patches import SplitError, write

    try:
        patches = write(result, _load_rules((), ()).by_id(), directory)
    except SplitError as exc:
        click.echo(f"nylas-upgrade: --split-by-rule: {exc}", err=True)
        sys.exit(EXIT_FILE_ERRORS)
    for patch in patches if not quiet else ():
        merged = " (merged: the first alone does not parse)" if len(patch.families) > 1 else ""
        click.echo(f"wrote {directory / patch.name}: {len(patch.files)} file(s){merged}", err=True)


@main.command()
@with_common
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Report file; its suffix picks the format: .md (PR comment), .html (one page), .json.")
def report(paths, grant, select, ignore, quiet, jobs, since, output):
    """Write a reviewer's migration report of what `fix` would do under PATHS; change no source file."""
    from codemods import report_data
    from codemods.engine import Interrupted
    from codemods.rules import load_rules

    if report_data.format_for(output.name) is None:
        click.echo(f"nylas-upgrade: unknown report format {output.suffix or output.name!r}: "
                   f"use {', '.join(report_data.FORMATS)}", err=True)
        sys.exit(EXIT_USAGE)
    try:
        result = _run(paths, grant, select, ignore, write=False, jobs=jobs, since=since, quiet=quiet)
    except Interrupted:
        click.echo("\nnylas-upgrade: interrupted; no report written.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    data = report_data.build(result, load_rules())
    try:
        with open(output, "w", encoding="utf-8", errors="backslashreplace", newline="") as out:
            report_data.write(data, output.name, out)
    except OSError as exc:
        click.echo(f"nylas-upgrade: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_FILE_ERRORS)
    if not quiet:
        click.echo(report_data.summary_line(data, str(output)), err=True)
    sys.exit(_exit_code(result, data.has_changes))


@main.command(name="rules")
@click.argument("rule_id", required=False)
def rules_cmd(rule_id):
    """List the rules, or explain RULE_ID with an example and its Nylas doc link."""
    rules = _load_rules((), ())
    if rule_id is None:
        for r in rules.rules:
            click.echo(f"{r.id:<8} {r.kind:<18} {'fix' if r.fixable else 'manual':<6} {r.summary}")
        return
    rule = rules.by_id().get(rule_id.upper())
    if rule is None:
        click.echo(f"nylas-upgrade: no rule {rule_id!r}; `nylas-upgrade rules` lists them", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"{rule.id}: {rule.summary}")
    click.echo(f"  family:     {rule.family} ({rules.families[rule.family]})")
    click.echo(f"  kind:       {rule.kind} ({'rewritten by fix' if rule.fixable else 'reported; fix by hand'})")
    click.echo(f"  confidence: {rule.confidence}")
    click.echo(f"  doc:        {rule.doc_url}")
    if rule.message:
        click.echo(f"  what to do: {rule.message}")
    click.echo("  before:")
    click.echo(f"    {rule.example_before}")
    if rule.example_after:
        click.echo("  after:")
        click.echo(f"    {rule.example_after}")
