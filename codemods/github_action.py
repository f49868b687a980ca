"""The GitHub Action's step (action.yml at the repository root runs `python -m codemods.github_action` in the venv
it installed this package into). One analysis, three outputs, one exit code:

- `check --format github`: a `::warning` annotation per finding (GitHub puts them on the pull request's lines);
- the reviewer's Markdown report (`report -o x.md`) appended to $GITHUB_STEP_SUMMARY, cut to GitHub's 1 MiB
  step-summary limit with a line saying so;
- with the `sarif` input, SARIF 2.1.0 written to that path (for github/codeql-action/upload-sarif);
- the exit code per `fail-on`: `any` fails on any finding, `manual` only on places `fix` cannot rewrite, `none` on
  no finding. Files that could not be checked fail the step whatever `fail-on` says (exit 3): they may hide v2
  code. Bad inputs, configuration or revision: exit 2, as for every command (README, "Exit codes").

On a pull request only the lines it changes count (`--since`): the `since` input, else the payload's
pull_request.base.sha ($GITHUB_EVENT_PATH), else the branch $GITHUB_BASE_REF; a shallow checkout lacks that
commit, so it is fetched (depth 1: `git diff BASE` needs its tree, not its history). Elsewhere (a push) the whole
of `paths` counts.

Inputs come as environment variables (a composite action does not export them itself): INPUT_PATHS (one or more
paths, shell-quoted, on one or more lines), INPUT_SINCE, INPUT_GRANT, INPUT_FAIL_ON, INPUT_SARIF.
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, List, Mapping, Optional

FAIL_ON = ("any", "manual", "none")
SUMMARY_LIMIT = 1024 * 1024  # bytes GitHub accepts in one step's summary
CUT_NOTE = ("\n\n**This report was cut here: GitHub shows at most 1 MiB of a step summary ({shown:,} of {total:,} "
            "bytes shown).** Run `nylas-upgrade report PATHS -o migration.html` for the whole report.\n")


class InputError(Exception):
    """An input the action cannot use: exit 2 with an `::error` line."""


def _git(args: List[str]) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], capture_output=True, text=True, timeout=300)


def _has_commit(rev: str) -> bool:
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"]).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False  # no git: --since then says the path is not in a git work tree (exit 2)


def _fetch(refspec: str) -> None:
    """Best effort: when it fails, --since says the revision is unknown (exit 2)."""
    try:
        _git(["fetch", "--quiet", "--no-tags", "--depth=1", "origin", refspec])
    except (OSError, subprocess.TimeoutExpired):
        pass


def base_revision(env: Mapping[str, str]) -> Optional[str]:
    """The revision --since compares with, fetched if the checkout lacks it; None: every line counts."""
    explicit = env.get("INPUT_SINCE", "").strip()
    if explicit:
        if not _has_commit(explicit):
            _fetch(explicit)
        return explicit
    sha = _pull_request_base(env.get("GITHUB_EVENT_PATH", ""))
    if sha:
        if not _has_commit(sha):
            _fetch(sha)
        return sha
    branch = env.get("GITHUB_BASE_REF", "").strip()
    if not branch:
        return None
    for rev in (f"origin/{branch}", branch):
        if _has_commit(rev):
            return rev
    _fetch(f"+refs/heads/{branch}:refs/remotes/origin/{branch}")
    return f"origin/{branch}"


def _pull_request_base(event_path: str) -> Optional[str]:
    if not event_path:
        return None
    try:
        with open(event_path, encoding="utf-8") as handle:
            event = json.load(handle)
        sha = event["pull_request"]["base"]["sha"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return sha if isinstance(sha, str) and sha else None


def parse_paths(value: str) -> List[str]:
    try:
        paths = [p for line in value.splitlines() for p in shlex.split(line)]
    except ValueError as exc:  # an unclosed quote
        raise InputError(f"paths: {exc} in {value!r}") from None
    return paths or ["."]


def cut_summary(markdown: str, limit: int = SUMMARY_LIMIT) -> str:
    """The report, or its first lines and a line saying it was cut, within `limit` UTF-8 bytes. A cut inside a
    fenced diff closes the fence first, so the note is not shown as code."""
    total = len(markdown.encode("utf-8"))
    if total <= limit:
        return markdown
    note = CUT_NOTE.format(shown=total, total=total)  # the longest the note can be
    budget = limit - len(note.encode("utf-8"))
    kept: List[str] = []
    fences: List[Optional[str]] = []  # the fence open after each kept line
    used, fence = 0, None
    for line in markdown.splitlines(keepends=True):
        used += len(line.encode("utf-8"))
        if used > budget:
            break
        bare = line.rstrip("\r\n")
        if fence is None and bare.startswith("```"):
            fence = bare[:len(bare) - len(bare.lstrip("`"))]
        elif fence is not None and bare == fence:
            fence = None
        kept.append(line)
        fences.append(fence)
    while True:
        text = "".join(kept)
        if fences and fences[-1] is not None:
            text += ("" if text.endswith("\n") else "\n") + fences[-1] + "\n"
        if len(text.encode("utf-8")) <= budget or not kept:
            return text + CUT_NOTE.format(shown=len(text.encode("utf-8")), total=total)
        kept.pop()  # the closing fence did not fit: give up lines until it does
        fences.pop()


def _annotate_error(message: str, out: IO[str]) -> None:
    from codemods.reporters.github import _data

    out.write(f"::error title=nylas-upgrade::{_data(message)}\n")


def exit_code(result, fail_on: str) -> int:
    from codemods.outputs import exit_code as contract

    findings = result.findings
    failing = {"any": findings, "manual": [f for f in findings if not f.fixable], "none": []}[fail_on]
    return contract(result, bool(failing))


def main(env: Mapping[str, str] = os.environ, out: IO[str] = sys.stdout, err: IO[str] = sys.stderr) -> int:
    from codemods import outputs

    fail_on = env.get("INPUT_FAIL_ON", "").strip() or "any"
    try:
        if fail_on not in FAIL_ON:
            raise InputError(f"fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
        paths = [Path(p) for p in parse_paths(env.get("INPUT_PATHS", "."))]
    except InputError as exc:
        _annotate_error(str(exc), out)
        return outputs.EXIT_USAGE
    started = time.perf_counter()
    since = base_revision(env)
    err.write(f"nylas-upgrade: checking {' '.join(map(str, paths))}"
              f"{f', only lines changed since {since}' if since else ''}; fail-on: {fail_on}\n")
    result = _analyse(paths, env.get("INPUT_GRANT", "").strip() or None, since)

    from codemods import report_data
    from codemods.reporters import render
    from codemods.rules import load_rules

    render("github", result, out, err)
    code = _write_files(result, report_data.build(result, load_rules()), env, out)
    err.write(outputs.summary(result, started) + "\n")
    _set_outputs(env, result)
    return code if code is not None else exit_code(result, fail_on)


def _analyse(paths: List[Path], grant: Optional[str], since: Optional[str]):
    """The pipeline exactly as `check` and `report` run it: configuration, grant and revision are checked the same
    way (a bad one prints one line and exits 2)."""
    from codemods.cli import _run

    return _run(paths, grant, (), (), write=False, since=since, quiet=True)


def _write_files(result, report, env: Mapping[str, str], out: IO[str]) -> Optional[int]:
    """The step summary and the SARIF file; EXIT_FILE_ERRORS if one cannot be written."""
    import io

    from codemods.outputs import EXIT_FILE_ERRORS
    from codemods.reporters import render
    from codemods.reporters.report_md import write as write_markdown

    code = None
    summary_path = env.get("GITHUB_STEP_SUMMARY", "")
    if summary_path:
        markdown = io.StringIO()
        write_markdown(report, markdown)
        try:
            with open(summary_path, "a", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(cut_summary(markdown.getvalue()))
        except OSError as exc:
            _annotate_error(f"cannot write the step summary {summary_path}: {exc.strerror or exc}", out)
            code = EXIT_FILE_ERRORS
    sarif = env.get("INPUT_SARIF", "").strip()
    if sarif:
        try:
            Path(sarif).parent.mkdir(parents=True, exist_ok=True)
            with open(sarif, "w", encoding="utf-8") as handle:
                render("sarif", result, handle, sys.stderr)
        except OSError as exc:
            _annotate_error(f"cannot write {sarif}: {exc.strerror or exc}", out)
            code = EXIT_FILE_ERRORS
    return code


def _set_outputs(env: Mapping[str, str], result) -> None:
    """The action's outputs `findings` and `manual` (counts), for later steps."""
    path = env.get("GITHUB_OUTPUT", "")
    if not path:
        return
    findings = result.findings
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"findings={len(findings)}\nmanual={sum(not f.fixable for f in findings)}\n")
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
