"""Issue 12, shape 8: Nylas data handed to a module that never imports nylas.

A webhook view that checks X-Nylas-Signature passes a delta to a Celery task or a helper of another module
(`process_delta.delay(delta)`, `handle_delta(delta)`); a client module returns the `.json()` of a request to a
Nylas URL to callers elsewhere (`def list_threads(token): return requests.get(...).json()`). The receiving code
must be read as if it were inline, so the evidence follows the data, decided by origin, never by a name:

- a parameter is Nylas data when EVERY call site found in the project passes Nylas data there (as a client
  parameter is a client: calls.py). When only some do, when the function is reached some other way (passed as a
  value, a task sent by name, a framework's decorator), or when the run does not cover every module that may
  call it, it is "held": its v2 reads are reported, never rewritten (data_apply.hold);
- a function's return is Nylas data when every return is the `.json()` of a traced Nylas request (or a part of
  it, or the result of another such function), `None` and empty literals aside; else its callers' reads are
  left to the module-local rules, as today.

The pass: modules that may hand Nylas data over (a webhook handler, a `.json()` returned) are run once through
the fixers without writing anything (libcst, as the real run will), and the origin of every call argument and
every return is asked (analysis/origins.py). Call sites are found with ast over the run's files (data_sites.py),
one byte search per file for all the names at once. Receiving modules are then run the same way with what they
receive, so data handed on again (task -> helper) is followed, for a bounded number of rounds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from codemods.analysis.data_plan import DataPlan, Received, Returned
from codemods.analysis.trees import walk_module

ROUNDS = 4  # a webhook view -> a task -> a helper -> a helper of the helper
_HANDLER = re.compile(rb"(?i)x[-_]nylas[-_]signature")
_REPLY = re.compile(rb"\.json\(")


def may_hand_over(raw: bytes) -> bool:
    """Cheap test (one or two byte searches) for a module that may hand Nylas data to another one."""
    return bool(_HANDLER.search(raw)) or (_REPLY.search(raw) is not None and b"nylas" in raw.lower())


@dataclass
class Analysis:
    """What one module says once run through the fixers with what it receives."""

    args: Dict[Tuple[int, int], str] = field(default_factory=dict)  # argument position -> held why ("" sure)
    callees: Set[str] = field(default_factory=set)  # `f`, `module.f` called with some Nylas argument
    returns: Dict[str, Tuple[str, str, bool]] = field(default_factory=dict)  # function -> (held why, resource, many)


def _display(path: Path) -> str:
    from codemods.engine import display_path

    return display_path(path)


def plan_run(run_paths, candidates, results, rules, options):
    """engine.run's hook: (options with the data plan, candidates, results). A receiving module that names
    nothing Nylas was skipped by the prefilter: it becomes a candidate when the plan names it."""
    handing, returning = [], {}
    for path, raw in candidates:
        if may_hand_over(raw) and str(path).endswith(".py"):
            calls_out, json_functions = _hands_over(path, raw)
            if calls_out:
                handing.append((path, raw))
            elif json_functions:
                returning[path] = (raw, json_functions)
    if not handing and not returning:
        return options, candidates, results
    from codemods.analysis.trees import skipped_sources

    others = skipped_sources(results)
    files = list(candidates) + others
    senders = handing + _imported_elsewhere(files, returning)
    data = plan(run_paths, files, senders, rules, options) if senders else None
    if not data:
        return options, candidates, results
    added = [(p, raw) for p, raw in others if str(p) in data]
    names = {str(p) for p, _ in added}
    return (replace(options, data=data), list(candidates) + added, [r for r in results if r.path not in names])


def _hands_over(path: Path, raw: bytes) -> Tuple[bool, Set[str]]:
    """Before the pass runs libcst: (does the module call a function of another module of the project, or a
    Celery task?, its top-level functions that return a `.json()`). ast: about a tenth of a libcst parse."""
    import ast

    from codemods.analysis.data_sites import HANDOFF_CALLS, TASK_CALLS, THREADS
    from codemods.analysis.resolve import module_file

    from codemods.analysis.trees import parse

    tree = parse(raw)
    if tree is None:
        return False, set()
    lines = raw.splitlines()
    # A function whose lines never say `json` has no `.json` attribute: its returns are not walked.
    json_functions = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                      and b"json" in b"\n".join(lines[node.lineno - 1:node.end_lineno])
                      and any(isinstance(r, ast.Return) and r.value is not None and any(
                          isinstance(c, ast.Attribute) and c.attr == "json" for c in ast.walk(r.value))
                          for r in ast.walk(node))}
    imported = set()
    for node in walk_module(tree):
        if isinstance(node, ast.Call) and (
                (isinstance(node.func, ast.Attribute) and node.func.attr in TASK_CALLS + HANDOFF_CALLS)
                or (isinstance(node.func, (ast.Name, ast.Attribute)) and getattr(
                    node.func, "id", getattr(node.func, "attr", "")) in THREADS)):
            return True, json_functions
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] not in ("nylas", "nylas_legacy"):
            if node.level or module_file(path, node.module, 0) is not None:
                imported |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            imported |= {(a.asname or a.name).split(".")[0] for a in node.names if module_file(path, a.name, 0)}
    calls_out = bool(imported) and any(isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id in imported)
        or (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
            and node.func.value.id in imported)) for node in walk_module(tree))
    return calls_out, json_functions


def _imported_elsewhere(files, returning) -> List[Tuple[Path, bytes]]:
    """The modules among `returning` (path -> (raw, names of functions returning a `.json()`)) that another file
    of the run imports such a function from (or the module, then `module.f(...)`): only those are worth running
    through libcst."""
    from codemods.analysis import data_sites

    from codemods.analysis.project import _imported_words

    functions = {n for _, names in returning.values() for n in names}
    naming = data_sites.files_naming(files, functions)
    # Only a file that imports such a function, or a module that defines one (its stem after `import`:
    # `from app import nylas_api`), can call it from elsewhere: the others are never parsed here.
    stems = {origin.parent.name if origin.name == "__init__.py" else origin.stem for origin in returning}
    importing = _imported_words(functions | {s for s in stems if s.isidentifier()})
    kept, trees = {}, {}
    may_import: Dict[Path, bool] = {}  # per file, once: it has a word of `importing` after an `import`
    resolved_of: Dict[Path, Path] = {}  # per file, once: Path.resolve() costs a few stat calls
    for origin, (raw, names) in returning.items():
        resolved_origin = resolved_of.setdefault(origin, origin.resolve())
        for path, other in (item for name in names for item in naming.get(name, ())):
            if origin in kept:
                break
            if path not in may_import:
                may_import[path] = b"import" in other and importing.search(other) is not None
            if not may_import[path]:
                continue
            resolved = resolved_of.setdefault(path, path.resolve())
            if resolved == resolved_origin:
                continue
            tree = data_sites.parse(other, trees, resolved)
            if tree is not None and any(any(data_sites.bindings(resolved, tree, resolved_origin, name)[:2])
                                        for name in names):
                kept[origin] = raw
    return sorted(kept.items())


def plan(run_paths, files, senders, rules, options) -> Optional[dict]:
    """display path -> DataPlan for every module that receives Nylas data from another one."""
    from codemods.analysis import data_sites

    from codemods.analysis.project import _Resolved

    raw_of = _Resolved(files)  # resolved path -> (path, raw): every path resolved only once a callee is looked up
    for path, raw in senders:
        raw_of.seed(path, raw)
    trees: dict = {}
    analyses: Dict[Path, Analysis] = {}
    data: Dict[Path, DataPlan] = {}
    site_cache: dict = {}
    todo = {path.resolve() for path, _ in senders}
    for _ in range(ROUNDS):
        for path in sorted(todo):
            display_plan = {_display(raw_of[p][0]): d for p, d in data.items()}
            found = _analyse(raw_of[path][0], raw_of[path][1], rules, replace(options, data=display_plan or None))
            analyses[path] = found or Analysis()
        new = _decide(run_paths, files, raw_of, trees, analyses, site_cache, data_sites)
        changed = {p for p in set(new) | set(data) if new.get(p) != data.get(p)}
        data = new
        if not changed:
            break
        todo = changed
    return {_display(raw_of[p][0]): d for p, d in data.items()} or None


def _decide(run_paths, files, raw_of, trees, analyses, site_cache, data_sites) -> Dict[Path, DataPlan]:
    from codemods.analysis.resolve import covers as _covers

    received: Dict[Path, List[Received]] = {}
    callees = set()
    for path, found in analyses.items():
        tree = data_sites.parse(raw_of[path][1], trees, path)
        for local in found.callees:
            target = data_sites.resolve_callee(path, tree, local)
            if target is not None and raw_of.get(target[0]) is not None:
                callees.add(target)
    naming = data_sites.files_naming(files, {name for callee, name in callees if (callee, name) not in site_cache})
    for callee, name in sorted(callees):
        if (callee, name) not in site_cache:
            sig = data_sites.signature(data_sites.parse(raw_of[callee][1], trees, callee), name)
            site_cache[(callee, name)] = (sig, *(data_sites.sites(callee, name, sig, naming.get(name, []), trees,
                                                                  _display) if sig else ([], [])))
        sig, sites, unseen = site_cache[(callee, name)]
        if sig is None or not sites:
            continue
        for param in sig.params + sig.keyword_only:
            modes = []
            for site in sites:
                found = analyses.get(site.path)
                position = site.args.get(param)
                modes.append((found.args.get(position) if found is not None and position else None, site))
            if all(mode is None for mode, _ in modes):
                continue
            bad = next((site for mode, site in modes if mode is None), None)
            if bad is not None:
                why = (f"{name}() is also called with values not traced to Nylas "
                       f"({_display(raw_of[bad.path][0])}:{bad.line})")
            elif unseen:
                why = unseen[0]
            elif sig.outside:
                why = sig.outside
            elif not _covers(run_paths, callee):
                why = (f"{name}() may be called from modules outside this run: fix the project in one run "
                       f"(`nylas-upgrade fix .` from its root)")
            else:
                why = next((mode for mode, _ in modes if mode), "")
            received.setdefault(callee, []).append(Received(name, param, why))
    returned = _returned(files, raw_of, trees, analyses, data_sites)
    out = {}
    for path in set(received) | set(returned):
        out[path] = DataPlan(tuple(received.get(path, ())), tuple(returned.get(path, ())))
    return out


def _returned(files, raw_of, trees, analyses, data_sites) -> Dict[Path, List[Returned]]:
    """The modules that call a function whose returns are Nylas replies, by the name they import it under
    (`list_threads`, or `nylas_api.list_threads` after `from app import nylas_api`)."""
    producers = {(path, name): value for path, found in analyses.items() for name, value in found.returns.items()}
    if not producers:
        return {}
    naming = data_sites.files_naming(files, {name for _, name in producers})
    out: Dict[Path, List[Returned]] = {}
    for (origin, name), (why, resource, many) in sorted(producers.items()):
        for path, raw in naming.get(name, []):
            resolved = path.resolve()
            tree = data_sites.parse(raw, trees, resolved)
            if tree is None:
                continue
            local, modules, _ = data_sites.bindings(resolved, tree, origin, name)
            for each in sorted(local | {f"{module}.{name}" for module in modules}):
                out.setdefault(resolved, []).append(Returned(each, resource, many, why))
    return out


def _analyse(path: Path, raw: bytes, rules, options) -> Optional[Analysis]:
    """What the module says (data_origins.analysis_of) when run with what it receives."""
    from codemods.analysis.data_origins import analysis_of
    from codemods.analysis.dry_run import dry_run

    return dry_run(path, raw, rules, options, analysis_of)
