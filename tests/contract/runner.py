"""Run a migrated module against the contract server: migrate it with the tool (as the suite does, so
NYLAS_UPGRADE_RULES_DIR is honoured), import the migrated code, call its entry points, record every request.

Entry points come from a sidecar beside the fixture, `<stem>.contract.yaml`:

    skip: why this module cannot run              # instead of everything below
    env: {NYLAS_TOKEN: t}                         # environment while importing and calling
    given: {inbox_folder_id: "'f1'"}              # names the module uses but never defines (Python expressions)
    stubs: {app.config: 'API_BASE = "https://api.us.nylas.com"'}  # modules it imports that are not installed
    import_left: FLD005                           # importing must fail: the tool left that rule for a human
                                                  #   (anywhere in the module: an import failure is the module's)
    calls:
      - inbox("token")                            # a Python expression in the module's namespace
      - call: thread("t1")
        left: QP004                               # must fail (raise, or send a request v3 rejects), and every
                                                  #   failure must be at a statement on its stack where the tool
                                                  #   reported QP004, leaving it for a human
      - call: thread_or_none("t1")
        answer: 404                               # the server answers this call's valid requests with a v3
                                                  #   error of that status, so the module's error handling runs
    not_called: {slack: why}                      # public functions no entry point calls, and why
    xfail: why                                    # a defect of the tool's output not fixed yet (strict xfail)
    type_errors:                                  # SDK modules: type errors on text the tool wrote that are
      - {match: <part of the message>, why: ...}  #   known and explained (tests/test_contract_types.py)

A coroutine result is run to completion.
"""
from __future__ import annotations

import ast
import asyncio
import contextlib
import difflib
import importlib.util
import itertools
import os
import sys
import tempfile
import traceback
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

import yaml

from codemods.engine import process_bytes
from codemods.options import Options
from codemods.results import FileResult
from codemods.rules import load_rules

from . import routing
from .server import ContractServer, Exchange

_COUNTER = itertools.count()
_COMPOUND = tuple(getattr(ast, name) for name in (
    "FunctionDef", "AsyncFunctionDef", "ClassDef", "For", "AsyncFor", "While", "If", "With", "AsyncWith", "Try",
    "TryStar", "Match") if hasattr(ast, name))
_TRY = tuple(getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))


@dataclass
class CallRun:
    expr: str
    left: Optional[str]  # the rule the tool reported for this place, when the call is expected to fail
    answer: Optional[int] = None  # the v3 error status the server answers this call's valid requests with
    exchanges: List[Exchange] = field(default_factory=list)
    error: Optional[str] = None  # the exception, when the call raised
    error_lines: Tuple[int, ...] = ()  # the migrated module's lines on the traceback, innermost first
    exception: Optional[BaseException] = field(default=None, repr=False)  # what was raised (projects.py reads its files)

    @property
    def rejected(self) -> List[Exchange]:
        return [e for e in self.exchanges if not e.valid]

    @property
    def failed(self) -> bool:
        return self.error is not None or bool(self.rejected)

    def failures(self) -> List[Tuple[int, ...]]:
        """Each failure, as the migrated module's lines on its stack (innermost first): a rejected request's
        sender, the exception's traceback."""
        return [e.origin for e in self.rejected] + ([self.error_lines] if self.error else [])


@dataclass
class ModuleRun:
    name: str
    result: FileResult
    original: bytes
    migrated: bytes
    calls: List[CallRun] = field(default_factory=list)
    skipped: Optional[str] = None

    @property
    def exchanges(self) -> List[Exchange]:
        return [e for c in self.calls for e in c.exchanges]

    def manual_rules(self) -> set:
        return {f.rule for f in self.result.findings if not f.fixable}

    def input_lines(self, line: int) -> Set[int]:
        """The input lines of the code that led to migrated line `line`: from the start of the function that
        holds it (its decorators included: a retry decorator wraps every call in it; the module, at top level)
        to the end of the statement that holds it, and the except clauses of each try whose body holds it (an
        exception raised there passes through them, and a handler that no longer catches it is the place
        reported), mapped back through the diff. A failure often shows a line or two after the place the tool
        reported (`url = ... offset=...`, then `requests.get(url)`; `for m in r.json():`, then `m["subject"]`)."""
        first, last = 1, line
        handlers: List[Tuple[int, int]] = []
        try:
            tree = ast.parse(self.migrated)
        except SyntaxError:
            tree = None
        if tree is not None:
            nodes = [n for n in ast.walk(tree) if isinstance(n, ast.stmt) and n.lineno <= line <= (n.end_lineno or n.lineno)]
            simple = [n for n in nodes if not isinstance(n, _COMPOUND)]
            if simple:
                last = min(simple, key=lambda n: (n.end_lineno or n.lineno) - n.lineno).end_lineno or line
            functions = [n for n in nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
            if functions:
                innermost = max(functions, key=lambda n: n.lineno)
                first = min([innermost.lineno] + [d.lineno for d in innermost.decorator_list])
            handlers = [(n.handlers[0].lineno, n.handlers[-1].end_lineno or n.handlers[-1].lineno) for n in nodes
                        if isinstance(n, _TRY) and n.handlers
                        and n.body[0].lineno <= line <= (n.body[-1].end_lineno or n.body[-1].lineno)]
        lines = {n for span in [(first, last)] + handlers for n in self._mapped(*span)}
        return lines or {line}

    def _mapped(self, first: int, last: int) -> range:
        """The input lines of migrated lines first..last, through the diff."""
        old, new = self.original.splitlines(), self.migrated.splitlines()
        mapped = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if j1 < last and first <= j2:  # the block overlaps output lines [first, last] (it holds j1+1..j2)
                if tag == "equal":
                    mapped += [i1 + (max(first, j1 + 1) - j1), i1 + (min(last, j2) - j1)]
                else:
                    mapped += [i1 + 1, max(i2, i1 + 1)]
        return range(min(mapped), max(mapped) + 1) if mapped else range(0)

    def reported_at(self, lines: Tuple[int, ...], rule: str) -> bool:
        """Did the tool leave `rule` for a human in the code that led to one of these migrated lines (a stack:
        the wrapper that sent the request, the caller that passed it the v2 path)?"""
        return any(not f.fixable and f.rule == rule and f.line in self.input_lines(line)
                   for line in lines for f in self.result.findings)

    def problems(self) -> List[str]:
        """Everything that breaks the contract: a call that should work and did not; a call declared left for
        a human that works, or fails at a place where the tool did not report that rule (a silent v2
        leftover); any answer of the server that disagrees with the spec."""
        def findings_at(stack):
            return sorted({f.rule for f in self.result.findings if not f.fixable
                           for line in stack if f.line in self.input_lines(line)})

        return call_problems(self.calls, self.manual_rules(), lambda call, stack: self.reported_at(stack, call.left),
                             findings_at)


def call_problems(calls, manual, reported, findings_at=None) -> List[str]:
    """What breaks the contract in these calls (ModuleRun.problems, ProjectRun.problems): reported(call, stack) says
    whether the tool reported call.left where that failure happened; findings_at(stack), the manual rules there."""
    out = []
    for call in calls:
        if call.left is None:
            if call.error:
                out.append(f"{call.expr}: raised {call.error}")
            out.extend(f"{call.expr}: v3 rejects {e.line()}: {'; '.join(e.errors)}" for e in call.rejected)
        else:
            if call.left not in manual:
                out.append(f"{call.expr}: declared left for {call.left}, but the tool did not report it "
                           f"(manual findings: {sorted(manual)})")
            if not call.failed:
                out.append(f"{call.expr}: declared left for {call.left}, but it ran and v3 accepted it")
            for stack in call.failures():
                if call.expr != "<import>" and not reported(call, stack):
                    here = f" (manual findings there: {findings_at(stack) or 'none'})" if findings_at else ""
                    out.append(f"{call.expr}: fails at migrated line(s) {list(stack)}, where the tool did not "
                               f"report {call.left}{here}")
        out.extend(f"{call.expr}: the server's answer to {e.line()} is not spec-valid: {err}"
                   for e in call.exchanges for err in e.answer_errors if not err.startswith("spec erratum"))
    return out


def sidecar_path(module: Path) -> Path:
    return module.with_name(module.stem + ".contract.yaml")


def load_sidecar(module: Path) -> Optional[dict]:
    path = sidecar_path(module)
    if not path.is_file():
        return None
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def migrate(path: Path, raw: Optional[bytes] = None, options: Optional[Options] = None) -> FileResult:
    """The tool's run on one file, exactly as the snapshot tests make it (load_rules() honours
    NYLAS_UPGRADE_RULES_DIR)."""
    raw = path.read_bytes() if raw is None else raw
    return process_bytes(raw, path.name, load_rules(), options or Options())


def run_module(path: Path, result: FileResult, sidecar: dict, server: ContractServer) -> ModuleRun:
    migrated = result.new_bytes if result.new_bytes is not None else path.read_bytes()
    run = ModuleRun(path.name, result, path.read_bytes(), migrated)
    if sidecar.get("skip"):
        run.skipped = str(sidecar["skip"])
        return run
    with tempfile.TemporaryDirectory(prefix="contract-") as tmp, _environment(sidecar, server):
        target = Path(tmp) / path.name
        target.write_bytes(migrated)
        name = f"_contract_{next(_COUNTER)}_{path.stem}"
        module_spec = importlib.util.spec_from_file_location(name, target)
        module = importlib.util.module_from_spec(module_spec)
        for key, expr in (sidecar.get("given") or {}).items():
            setattr(module, key, eval(str(expr), {}))  # noqa: S307 - test data written by us
        sys.modules[name] = module
        routing.MIGRATED_FILES.add(str(target))
        try:
            run.calls.append(_call(server, "<import>", sidecar.get("import_left"),
                                   lambda: module_spec.loader.exec_module(module)))
            if run.calls[0].error is None:
                for entry in sidecar.get("calls") or ():
                    expr, left, answer = (entry, None, None) if isinstance(entry, str) else (
                        entry["call"], entry.get("left"), entry.get("answer"))
                    run.calls.append(_call(server, expr, left, lambda e=expr: eval(e, module.__dict__),  # noqa: S307
                                           answer))
        finally:
            sys.modules.pop(name, None)
            routing.MIGRATED_FILES.discard(str(target))
    return run


def _call(server: ContractServer, expr: str, left: Optional[str], fn, answer: Optional[int] = None) -> CallRun:
    call = CallRun(expr, left, answer)
    mark = server.mark()
    try:
        with server.answering(answer):
            value = fn()
            if asyncio.iscoroutine(value):
                asyncio.run(value)
    except Exception as exc:  # noqa: BLE001 - any failure of migrated code is the finding
        call.exception = exc
        call.error_lines = _where(exc)
        call.error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300] + (
            f" (line {call.error_lines[0]})" if call.error_lines else "")
    call.exchanges = server.since(mark)
    return call


def _where(exc: BaseException) -> Tuple[int, ...]:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in routing.MIGRATED_FILES]
    return tuple(f.lineno or 0 for f in reversed(frames))


@contextlib.contextmanager
def _environment(sidecar: dict, server: ContractServer) -> Iterator[None]:
    saved_env = {k: os.environ.get(k) for k in (sidecar.get("env") or {})}
    stubs = _stub_modules(sidecar.get("stubs") or {})
    saved_modules = {k: sys.modules.get(k) for k in stubs}
    os.environ.update({k: str(v) for k, v in (sidecar.get("env") or {}).items()})
    sys.modules.update(stubs)
    try:
        with routing.to_server(server.url):
            yield
    finally:
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        for key, value in saved_modules.items():
            if value is None:
                sys.modules.pop(key, None)
            else:
                sys.modules[key] = value


def _stub_modules(sources: Dict[str, str]) -> Dict[str, types.ModuleType]:
    made: Dict[str, types.ModuleType] = {}
    for dotted, source in sources.items():
        parts = dotted.split(".")
        for i in range(1, len(parts)):
            parent = ".".join(parts[:i])
            made.setdefault(parent, types.ModuleType(parent))
        module = made.setdefault(dotted, types.ModuleType(dotted))
        exec(source or "", module.__dict__)  # noqa: S102 - test data written by us
        for i in range(1, len(parts)):
            setattr(made[".".join(parts[:i])], parts[i], made[".".join(parts[: i + 1])])
    return made


def summary(runs: Sequence[ModuleRun]) -> str:
    ran = [r for r in runs if not r.skipped]
    requests = sum(len(r.exchanges) for r in ran)
    return f"{len(ran)} modules run, {requests} requests validated"
