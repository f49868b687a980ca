"""Run a migrated multi-module project (fixtures/projects/<name>/) against the contract server: the tool
migrates the whole project in one run (as tests/test_project_fixtures.py does), the migrated tree is put first
on sys.path, the sidecar's modules are imported and its calls made; every request is recorded and checked.

The sidecar sits in the project directory, `fixtures/projects/<name>/contract.yaml`, in the format of
runner.py (skip, env, stubs, import_left, calls with left/answer), plus:

    imports: [app.views, tasks]      # modules imported in this order, each as `import app.views` (binds app);
                                     #   the calls are Python expressions over the names bound

A failure's place is checked in the file it happened in (a traceback names it); a request v3 rejects names
only the migrated lines on its sender's stack (routing.origin_lines), so it is checked against every file.
"""
from __future__ import annotations

import contextlib
import importlib
import shutil
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from codemods.engine import run
from codemods.options import Options
from codemods.results import Status
from codemods.rules import load_rules

from . import routing
from .runner import CallRun, ModuleRun, _call, _environment
from .server import ContractServer


def sidecar_path(project: Path) -> Path:
    return project / "contract.yaml"  # inside: fixtures/projects/ holds only project directories


def load_sidecar(project: Path) -> Optional[dict]:
    path = sidecar_path(project)
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else None


@dataclass
class ProjectRun:
    name: str
    files: Dict[str, ModuleRun] = field(default_factory=dict)  # absolute migrated path → its run record
    calls: List[CallRun] = field(default_factory=list)
    frames: Dict[int, Tuple[Tuple[str, int], ...]] = field(default_factory=dict)  # id(call) → (file, line)s
    skipped: Optional[str] = None

    @property
    def exchanges(self):
        return [e for c in self.calls for e in c.exchanges]

    def manual_rules(self) -> set:
        return {rule for f in self.files.values() for rule in f.manual_rules()}

    def _reported(self, call: CallRun, stack: Tuple[int, ...], rule: str) -> bool:
        if call.error and stack == call.error_lines:  # an exception: its frames name their files
            return any(self.files[path].reported_at((line,), rule) for path, line in self.frames.get(id(call), ())
                       if path in self.files)
        return any(f.reported_at(stack, rule) for f in self.files.values())

    def problems(self) -> List[str]:
        """As ModuleRun.problems, over every file of the project."""
        from tests.contract.runner import call_problems

        return call_problems(self.calls, self.manual_rules(),
                             lambda call, stack: self._reported(call, stack, call.left))


def run_project(project: Path, sidecar: dict, server: ContractServer) -> ProjectRun:
    out = ProjectRun(project.name)
    if sidecar.get("skip"):
        out.skipped = str(sidecar["skip"])
        return out
    with tempfile.TemporaryDirectory(prefix="contract-project-") as tmp:
        root = Path(tmp) / project.name
        shutil.copytree(project, root)
        with contextlib.chdir(root):
            result = run([root], load_rules(), Options(), jobs=1)
        for file in result.files:
            path = (root / file.path).resolve()
            migrated = file.new_bytes if file.new_bytes is not None else (
                file.new_text.encode("utf-8") if file.status is Status.CHANGED and file.new_text is not None else None)
            original = path.read_bytes()
            if migrated is not None:
                path.write_bytes(migrated)
            out.files[str(path)] = ModuleRun(file.path, file, original, migrated if migrated is not None else original)
        tops = {p.stem if p.suffix == ".py" else p.name for p in root.iterdir() if p.suffix == ".py" or p.is_dir()}
        namespace: dict = {}
        with _environment(sidecar, server), _on_path(root.resolve(), tops):
            files = {str(p) for p in root.resolve().rglob("*.py")}
            routing.MIGRATED_FILES.update(files)
            try:
                out.calls.append(_call(server, "<import>", sidecar.get("import_left"),
                                       lambda: [_import(name, namespace) for name in sidecar.get("imports") or ()]))
                if out.calls[0].error is None:
                    for entry in sidecar.get("calls") or ():
                        expr, left, answer = (entry, None, None) if isinstance(entry, str) else (
                            entry["call"], entry.get("left"), entry.get("answer"))
                        out.calls.append(_call(server, expr, left, lambda e=expr: eval(e, namespace), answer))  # noqa: S307
                        call = out.calls[-1]
                        if call.error:
                            out.frames[id(call)] = _frames(call, files)
            finally:
                routing.MIGRATED_FILES.difference_update(files)
    return out


def _import(name: str, namespace: dict) -> None:
    importlib.import_module(name)
    top = name.split(".")[0]
    namespace[top] = sys.modules[top]


def _frames(call: CallRun, files) -> Tuple[Tuple[str, int], ...]:
    """(file, line) of each migrated frame of the call's exception, innermost first (set by _call on error)."""
    exc = call.exception
    if exc is None:
        return ()
    return tuple((f.filename, f.lineno or 0) for f in reversed(traceback.extract_tb(exc.__traceback__))
                 if f.filename in files)


@contextlib.contextmanager
def _on_path(root: Path, tops):
    """The migrated tree first on sys.path; its top-level modules and packages imported fresh and forgotten."""
    def forget():
        for key in [k for k in sys.modules if k.split(".")[0] in tops]:
            del sys.modules[key]
    forget()
    sys.path.insert(0, str(root))
    try:
        yield
    finally:
        sys.path.remove(str(root))
        forget()
        importlib.invalidate_caches()
