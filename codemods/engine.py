"""The pipeline, one straight line per file:

    read bytes → prefilter (words from the rules) → decode → parse once (libcst)
    → fixers (URL sites, then module fixers) → splice edits into the original text
    → verify (re-parse; only string literals changed where only URL rules applied) → result

`run()` applies it to every file found under the given paths and, when asked,
writes the changed files atomically. libcst is imported only when a file passes
the prefilter, so a run over clean files never pays for it.
"""
from __future__ import annotations

import ast
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple

MIN_FILES_PER_WORKER = 4  # below this, starting a worker process costs more than it saves
from codemods.results import TODO_PREFIX, Edit, FileResult, Finding, Status
from codemods.rules import RuleSet
from codemods.source import Source, SourceError


@dataclass(frozen=True)
class RunResult:
    files: Tuple[FileResult, ...]
    errors: Tuple[str, ...]  # problems not tied to one processed file (missing paths, unreadable dirs)

    @property
    def findings(self) -> List[Finding]:
        return sorted(f for r in self.files for f in r.findings)

    @property
    def failed(self) -> List[FileResult]:
        return [r for r in self.files if r.status is Status.FAILED]

    @property
    def changed(self) -> List[FileResult]:
        return [r for r in self.files if r.status is Status.CHANGED]


def prefilter_pattern(rules: RuleSet, options=None):
    """The rules' trigger words, and the configured base names (a module may reach Nylas only through one)."""
    from codemods.prefilter import Prefilter

    names = getattr(options, "base_names", ())
    return Prefilter(list(rules.triggers()) + [n.rsplit(".", 1)[-1] for n in names])


def display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") and path.is_absolute() else rel


def process_bytes(raw: bytes, display: str, rules: RuleSet, options, prefilter=None) -> FileResult:
    """Everything but I/O: bytes in, a FileResult (with new bytes when changed) out."""
    prefilter = prefilter or prefilter_pattern(rules, options)
    if not prefilter.search(raw) and not (options.project and display in options.project) and not (
            options.data and display in options.data) and not (
            options.bases and display in options.bases):  # see analysis/project, nylas_data and base_project
        return FileResult(display, Status.SKIPPED)
    if display.endswith(".ipynb"):
        from codemods.notebooks import process_notebook

        return process_notebook(raw, display, rules, options)
    try:
        source = Source.decode(raw)
    except SourceError as exc:
        return FileResult(display, Status.FAILED, error=str(exc))
    return process_source(source, display, rules, options)


def process_source(source: Source, display: str, rules: RuleSet, options) -> FileResult:
    """Parse, fix and verify decoded source (notebooks feed their code cells through here)."""
    return _deep_stack().call(_with_deep_limit, _process_text, source, display, rules, options)


def _with_deep_limit(fn, *args):
    """The recursion limit is interpreter-wide: raise it only while the deep thread works (its caller
    waits for it meanwhile), and put it back, so importing codemods changes nothing for its host."""
    import sys

    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, DEEP_RECURSION_LIMIT))
    try:
        return fn(*args)
    finally:
        sys.setrecursionlimit(previous)


_DEEP = None
DEEP_STACK_BYTES = 256 * 1024 * 1024
DEEP_RECURSION_LIMIT = 20_000


def _forget_deep_stack() -> None:
    """A forked worker inherits the thread's object but not the thread: make it start its own."""
    global _DEEP
    _DEEP = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_deep_stack)


class _DeepThread:
    """One daemon thread with a big stack that runs calls for other threads, one at a time.

    A plain thread and two C queues rather than a ThreadPoolExecutor: concurrent.futures pulls in
    logging, traceback and more (~3 ms of every pre-commit run). Each call brings its own reply
    queue, so concurrent callers, or a caller interrupted by Ctrl-C, never receive another's result.
    """

    def __init__(self) -> None:
        import threading
        from queue import SimpleQueue

        self._tasks = SimpleQueue()
        self._reply_queue = SimpleQueue
        previous = threading.stack_size()
        threading.stack_size(DEEP_STACK_BYTES)
        try:
            threading.Thread(target=self._serve, name="nylas-upgrade-deep", daemon=True).start()
        finally:
            threading.stack_size(previous)

    def _serve(self) -> None:
        while True:
            fn, args, reply = self._tasks.get()
            try:
                reply.put((True, fn(*args)))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller, raised there
                reply.put((False, exc))
            del fn, args, reply  # hold nothing of a finished call while waiting for the next

    def call(self, fn, *args):
        reply = self._reply_queue()
        self._tasks.put((fn, args, reply))
        ok, value = reply.get()  # interruptible: Ctrl-C raises KeyboardInterrupt here
        if ok:
            return value
        raise value


def _deep_stack() -> _DeepThread:
    """One worker thread with a big stack and a high recursion limit, for parsing and analysis.

    Real files hold expressions nested far deeper than Python's default limit allows a tree walker
    (a `+` chain of 600 string literals, generated SQL or HTML); CPython compiles 2,000. libcst's
    visitors recurse once per level, so they run here, where 2,000 levels fit; a file deeper still is
    reported as FAILED, and the run goes on.
    """
    global _DEEP
    if _DEEP is None:
        _DEEP = _DeepThread()
    return _DEEP


def _process_text(source: Source, display: str, rules: RuleSet, options) -> FileResult:
    import libcst as cst

    from codemods import fixers
    from codemods.context import FileContext, SpanMismatch

    text = source.text
    from codemods.analysis.unparsable import result_for as unparsable  # its v2 lines are still listed

    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        return unparsable(display, text, rules, options, f"cannot parse: {_one_line(exc)}")
    except RecursionError:
        return FileResult(display, Status.FAILED, error="cannot parse: too deeply nested for libcst")
    except Exception as exc:  # noqa: BLE001 - libcst raises a few odd types on odd input
        return unparsable(display, text, rules, options, f"cannot parse: {type(exc).__name__}: {_one_line(exc)}")
    ctx = FileContext(display, text, module, rules, options)
    try:
        fixers.run(ctx)
    except RecursionError:
        return FileResult(display, Status.FAILED, error="too deeply nested to analyse; skipped")
    except SpanMismatch as exc:
        return FileResult(display, Status.FAILED, error=f"internal error, file left unchanged: {exc}")
    except Exception as exc:  # noqa: BLE001 - a bug in one rule must not end the run or touch the file
        return FileResult(
            display, Status.FAILED,
            error=f"internal error, file left unchanged: {type(exc).__name__}: {_one_line(exc)}",
        )
    if options.select or options.ignore:
        ctx.findings = [f for f in ctx.findings if options.wants(f.rule)]
        ctx.edits = [e for e in ctx.edits if options.wants(e.rule)]
    from codemods import suppressions

    kept = suppressions.apply(text, ctx.findings, ctx.edits)
    if kept is not None:
        ctx.findings, ctx.edits = kept
    if options.changed_lines is not None:
        from codemods.since import restrict

        ctx.findings, ctx.edits = restrict(display, text, ctx.findings, ctx.edits, options.changed_lines)
    if options.add_todos:  # after every filter: TODOs only for findings that are reported
        from codemods.todos import todo_edits

        ctx.edits = list(ctx.edits) + todo_edits(text, ctx.findings, ctx.edits, source.encoding)
    if TODO_PREFIX in text:  # `check` recognises TODOs that --add-todos wrote
        from codemods.todos import mark_existing

        ctx.findings = mark_existing(text, ctx.findings)
    findings = tuple(sorted(set(ctx.findings)))
    made, kept = _requests_made(ctx), _requests_made(ctx, left_unchanged=True)
    if not ctx.edits:
        return FileResult(display, Status.UNCHANGED, findings=findings, requests=made)
    new_text, problem = apply_edits(text, ctx.edits)
    applied = tuple(sorted({e.rule for e in ctx.edits}))
    if problem is None:
        try:
            strings_only = _strings_only(rules, applied)
            problem = verify(text, new_text, strings_only, ctx.ast_tree if strings_only else None)
        except _Unverifiable as exc:
            return FileResult(display, Status.FAILED, findings=findings, error=f"{exc}; left unchanged",
                              requests=kept)
    if problem is not None:
        return FileResult(
            display, Status.FAILED, findings=findings,
            error=f"internal error in rule(s) {', '.join(applied)}, file left unchanged: {problem}", requests=kept,
        )
    if new_text == text:
        return FileResult(display, Status.UNCHANGED, findings=findings, requests=made)
    try:
        new_bytes = source.encode(new_text)
    except UnicodeEncodeError as exc:  # e.g. a non-ASCII --grant literal in a `# coding: latin-1` file
        return FileResult(display, Status.FAILED, findings=findings,
                          error=f"the rewrite cannot be encoded as {source.encoding} ({exc.reason}); left unchanged",
                          requests=kept)
    return FileResult(
        display, Status.CHANGED, findings=findings, old_text=text, new_text=new_text,
        new_bytes=new_bytes, edits=tuple(sorted(set(ctx.edits))), requests=made,
    )


def _requests_made(ctx, left_unchanged: bool = False) -> tuple:
    """The module's Nylas requests as this run leaves them (none rewritten if the file is left unchanged), for
    the modules that mock them (analysis/mocks.py)."""
    if not ctx.traced.get("request_sites"):
        return ()
    from codemods.analysis.mocks import requests_made

    return requests_made(ctx, () if left_unchanged else None)


def _strings_only(rules: RuleSet, applied: Sequence[str]) -> bool:
    from codemods.fixers import url_kinds

    by_id = rules.by_id()
    kinds = url_kinds()
    return all(by_id[r].kind in kinds for r in applied if r in by_id)


def apply_edits(text: str, edits: Iterable[Edit]) -> Tuple[str, Optional[str]]:
    """Splice edits into text. Overlapping edits are a bug in a fixer: refuse them."""
    ordered = sorted(set(edits), key=lambda e: (e.start, e.end))
    out, pos = [], 0
    for edit in ordered:
        if edit.start < pos or edit.end < edit.start or edit.end > len(text):
            return text, f"overlapping or out-of-range edits at offset {edit.start}"
        out.append(text[pos:edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out), None


class _Unverifiable(Exception):
    """The original is not valid for CPython either, so a rewrite of it cannot be verified."""


def _is_string(node) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _same_but_strings(old_tree: ast.AST, new_tree: ast.AST) -> bool:
    """Do the trees differ only inside string literals (plain or f-strings, whose contents count as the
    string)? One walk of both, stopping at the first difference; no copies or dumps of either tree."""
    pairs = [(old_tree, new_tree)]
    while pairs:
        a, b = pairs.pop()
        if isinstance(a, ast.AST):
            a_string, b_string = _is_string(a), _is_string(b)
            if a_string or b_string:
                if a_string and b_string:
                    continue
                return False
            if type(a) is not type(b):
                return False
            pairs.extend((getattr(a, f, None), getattr(b, f, None)) for f in a._fields)
        elif isinstance(a, list):
            if not isinstance(b, list) or len(a) != len(b):
                return False
            pairs.extend(zip(a, b))
        elif type(a) is not type(b) or a != b:  # names, operators' values, numbers, bytes, None
            return False
    return True


def verify(old: str, new: str, strings_only: bool, old_tree: Optional[ast.Module] = None) -> Optional[str]:
    """None when the rewrite is sound: `new` parses, and (for string-only rules) differs from `old` only
    inside string literals. Else the problem, in words. old_tree: `old` parsed already, if it was."""
    try:
        new_tree = ast.parse(new)
    except SyntaxError as exc:
        try:
            old_tree or ast.parse(old)
        except SyntaxError as old_exc:  # libcst took it, CPython can't: nothing to check the rewrite against
            raise _Unverifiable(f"CPython cannot parse this file ({old_exc.msg}, line {old_exc.lineno})") from None
        return f"the rewritten code does not parse ({exc.msg}, line {exc.lineno})"
    except (RecursionError, ValueError, MemoryError):
        return None  # CPython could not check it either way; libcst parsed the original
    if strings_only:
        try:
            old_tree = old_tree or ast.parse(old)
        except (SyntaxError, RecursionError, ValueError, MemoryError):
            return None
        if not _same_but_strings(old_tree, new_tree):
            return "the rewrite changed code outside string literals"
    return None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def process_path(path: Path, rules: RuleSet, options, prefilter, write: bool, raw: Optional[bytes] = None) -> FileResult:
    display = display_path(path)
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            return FileResult(display, Status.FAILED, error=f"cannot read: {exc.strerror or exc}")
    result = process_bytes(raw, display, rules, options, prefilter)
    if write and result.status is Status.CHANGED:
        from codemods.writer import WriteError, write_atomic

        try:
            write_atomic(path, result.new_bytes, raw)
        except WriteError as exc:
            return FileResult(display, Status.FAILED, findings=result.findings, error=str(exc))
    return result


def with_diff(result: FileResult, color: Optional[bool]) -> FileResult:
    """For a run that only prints diffs (`fix --diff`, color not None): a changed file's diff made here, where
    the file was processed, and its texts, bytes and edits dropped, which nothing else then reads. In a worker
    this moves difflib off the parent, and sends back one diff instead of three copies of the file."""
    if color is None or result.status is not Status.CHANGED:
        return result
    from codemods.reporters.diff import file_diff

    return replace(result, diff=file_diff(result, color), diff_color=color, old_text=None, new_text=None,
                   new_bytes=None, edits=())


def run(paths: Sequence[Path], rules: RuleSet, options, write: bool = False, jobs: Optional[int] = None,
        excluded=None, progress=None, diff_color: Optional[bool] = None, sweep=None) -> RunResult:
    """Prefilter every file here (one read and one byte search each: codemods.sweep, which loads the
    analysis while it walks on), then parse the candidates, in worker processes when there are enough of
    them to pay for the workers. `progress(count)` may return a bar (codemods.progress.Bar) that is
    advanced once per parsed file and closed at the end. `sweep`: a Sweep of these paths already begun
    (the console script's fast path walks until its first hit); used only if it is the one this run makes.

    `diff_color` (not None) says the caller will only print the changed files' diffs, with colour or
    not: each FileResult then carries its diff instead of its texts (with_diff); not with `write`."""
    from codemods.analysis import resolve

    resolve.remember()  # imports resolve the same way throughout the run
    try:
        return _run(paths, rules, options, write, jobs, excluded, progress, diff_color, sweep)
    finally:
        resolve.forget()


def _run(paths, rules, options, write, jobs, excluded, progress, diff_color, sweep) -> RunResult:
    from codemods.sweep import Sweep, load_analysis, take_handed_over

    sweep = sweep or take_handed_over()
    if write:
        diff_color = None
    prefilter = prefilter_pattern(rules, options)
    if sweep is None or not sweep.fits(paths, prefilter, excluded):
        if sweep is not None:
            sweep.abandon()
        sweep = Sweep(paths, prefilter, excluded)
    try:  # Ctrl-C before any module is processed: nothing was written
        sweep.finish(meanwhile=load_analysis)
        errors: List[str] = sweep.errors
        results: List[FileResult] = sweep.file_results()
        candidates: List[Tuple[Path, bytes]] = [(Path(name), raw) for name, raw in sweep.candidates]
        from codemods.analysis.plans import plan_run
        from codemods.analysis.requests_made import split_mocking

        options, candidates, results = plan_run(paths, candidates, results, rules, options)  # what crosses modules
        mocking, making = split_mocking(candidates)  # tests' mocks move with the requests they answer: those first
    except KeyboardInterrupt:
        raise Interrupted(RunResult((), ())) from None
    bar = progress(len(candidates)) if progress else None
    pool: list = []  # holds the worker pool once a batch starts one (the second batch goes on with it)
    try:
        _process_batch(making, rules, options, prefilter, write, jobs, diff_color, results, bar, pool)
        if mocking:
            made = tuple(r for result in sorted(results, key=lambda r: r.path) for r in result.requests)
            _process_batch(mocking, rules, replace(options, requests_made=made), prefilter, write, jobs, diff_color,
                           results, bar, pool)
    except KeyboardInterrupt:
        raise Interrupted(RunResult(tuple(sorted(results, key=lambda r: r.path)), tuple(errors))) from None
    finally:
        for started in pool:
            started.close()
        if bar:
            bar.close()
    results.sort(key=lambda r: r.path)
    return RunResult(tuple(_once_per_run(results, rules)), tuple(errors))


def _process_batch(candidates, rules, options, prefilter, write, jobs, diff_color, results, bar, pool) -> None:
    """Process files, in worker processes when there are enough of them (or when `pool` holds workers started
    for an earlier batch); append their results."""
    workers = 1
    if len(candidates) >= 2 * MIN_FILES_PER_WORKER and jobs != 1 and not pool:
        from codemods.parallel import Pool, workers_for  # only now: the pool's imports cost ~20 ms

        workers = workers_for(len(candidates), jobs)
        if workers > 1:
            pool.append(Pool(os.environ.get("NYLAS_UPGRADE_RULES_DIR"), rules))
    if pool and len(candidates) > 1:
        for result in pool[0].process(candidates, options, write, workers, diff_color):
            results.append(result)
            if bar:
                bar.advance()
    else:
        for path, raw in candidates:
            results.append(with_diff(process_path(path, rules, options, prefilter, write, raw=raw), diff_color))
            if bar:
                bar.advance()


def _once_per_run(results: List[FileResult], rules: RuleSet) -> List[FileResult]:
    """A `listing_note` is an advisory for the whole project: each file's pipeline says it (at its first
    list call), and a run keeps only the first one, in path order."""
    once = {r.id for r in rules.of_kind("listing_note")}
    seen: set = set()
    out = []
    for result in results:
        kept = []
        for f in result.findings:
            if f.rule in once and f.rule in seen:
                continue
            seen.add(f.rule)
            kept.append(f)
        out.append(result if len(kept) == len(result.findings) else replace(result, findings=tuple(kept)))
    return out


class Interrupted(Exception):
    """Ctrl-C or SIGTERM during a run: `partial` holds the files finished before it (each written whole)."""

    def __init__(self, partial: RunResult):
        super().__init__("interrupted")
        self.partial = partial
