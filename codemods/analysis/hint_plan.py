"""The project pass's decision for `# nylas-upgrade: client` hints (hints.py).

A hint says a name holds a v2 client, not which one, so the hinted uses may move only when every v2 client of
its project (the hinted module's import root) moves, and the run covers that project (no client outside it could
reach the name):

1. every client the project pass planned there moves, and every other module of the project that builds a client
   would move (a dry run of it, as the per-file pipeline will run it);
2. every use in each hinted module is rewritten in a dry run where the hinted names move.

Then the hinted modules get a moving "hint" entry. Otherwise a held one (each hinted use is reported, SDK095), and
when a hinted use cannot be rewritten (2 fails), every client of the project stays on v2 with it: that use may be on
any of them, so moving any would leave it half-way.
"""
from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path
from typing import Dict, List

from codemods.analysis.decide import ClientFacts, Constructor, Place, Use, decide
from codemods.analysis.hints import HINT_KIND, MARK, hinted_lines
from codemods.analysis.plan import ClientPlan, ModulePlan

_UNTRACED = ("unresolved_client", "untraced_receiver")  # SDK045, SDK093: v2-looking calls on a receiver not traced


def _code(lines, line: int) -> str:
    text = lines[line - 1].split("#", 1)[0].strip() if 0 < line <= len(lines) else ""
    return text if len(text) <= 60 else text[:57] + "..."


def _builds_client(raw: bytes) -> bool:
    if b"APIClient" not in raw:
        return False
    from codemods.analysis.index import _ctor_names, _is_ctor

    try:
        tree = ast.parse(raw)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True  # cannot tell: count it, so a hint never moves beside it
    classes, modules = _ctor_names(tree)
    return bool(classes or modules) and any(_is_ctor(node, classes, modules) for node in ast.walk(tree))


def hinted_callees(files, root=None) -> set:
    """Functions with a hinted parameter (hints.hinted_functions), in the project whose import root is root (all
    of the run's when None)."""
    from codemods.analysis.hints import hinted_functions

    out = set()
    for path, raw in files:
        if str(path).endswith(".py") and MARK in raw and (root is None or _root(path) == root):
            out |= hinted_functions(raw)  # (parses only the files whose hints are real comments)
    return out


def _root(path) -> Path:
    from codemods.analysis.resolve import import_root

    return import_root(Path(path).resolve()).resolve()


def apply(project: Dict[str, ModulePlan], run_paths, files, rules, options) -> Dict[str, ModulePlan]:
    """Per project (import root) with hints: a hint speaks for the clients of its own project only."""
    hinted = [(p, raw) for p, raw in files if str(p).endswith(".py") and MARK in raw and hinted_lines(
        raw.decode("utf-8", "replace"))]  # a hint quoted in another comment (a TODO naming SDK095) is none
    by_root: Dict[Path, list] = {}
    for path, raw in hinted:
        by_root.setdefault(_root(path), []).append((path, raw))
    for root, members in sorted(by_root.items()):
        project = _apply(project, root, members, run_paths, files, rules, options)
    return project


def _apply(project, root, hinted, run_paths, files, rules, options) -> Dict[str, ModulePlan]:
    from codemods.analysis.project import _add, _covers, _display, _dry_facts

    mine = {key for key in project if _root(key) == root}  # this project's modules in the plan
    hinted_names = {_display(p) for p, _ in hinted}
    builders = [(p, raw) for p, raw in files if str(p).endswith(".py") and _root(p) == root and _builds_client(raw)]
    every_moves = all(p.migrate for key in mine for plan in [project[key]]
                      for p in [p for _, p in plan.exported] + [p for _, _, p in plan.imported])
    callees = tuple(sorted(hinted_callees(files, root)))
    as_if = {key: ModulePlan(plan.exported, plan.imported, tuple(sorted(set(plan.callees) | set(callees)))
                             if key in mine else plan.callees)
             for key, plan in project.items()}  # a client passed to a hinted parameter: moving with the hints
    for path, raw in builders:
        if not every_moves:
            break
        if _display(path) in hinted_names:
            continue  # decided with its hints below
        facts = _dry_facts(path, raw, rules, replace(options, project=as_if))
        every_moves = facts is not None and decide(ClientFacts(tuple(facts[0]), tuple(facts[1]))).migrate
    blockers: List[Use] = []
    ctors: List[Constructor] = []
    untraced = {r.id for r in rules.of_kind("sdk_note") if r.get("when") in _UNTRACED}
    for path, raw in hinted:
        shown = _display(path)
        have = as_if.get(shown, ModulePlan())
        dry = {**as_if, shown: ModulePlan(have.exported, have.imported + (("#hint", HINT_KIND, ClientPlan(
            True, "", dry=True)),), have.callees)}
        facts = _dry_facts(path, raw, rules, replace(options, project=dry))
        if facts is None:
            blockers.append(Use(Place(shown, 1, "(the module could not be analysed)"), False))
            continue
        ctors += facts[0]
        blockers += [u for u in facts[1] if not u.moves]
        lines = raw.decode("utf-8", "replace").splitlines()
        blockers += [Use(Place(shown, f.line, _code(lines, f.line) + " (a v2 call on a receiver no hint marks, in a "
                                                                   "module with hints)"), False)
                     for f in facts[3] if f.rule in untraced]
    decision = decide(ClientFacts(tuple(ctors), tuple(blockers)))
    covered = all(_covers(run_paths, p) for p, _ in hinted)
    if decision.migrate and every_moves and covered:
        for path, _ in hinted:
            _add(as_if, _display(path), ModulePlan(imported=(("#hint", HINT_KIND, ClientPlan(True, "")),)))
        return as_if
    if not decision.migrate:
        reason = f"held back by {decision.blocker_text()}, in modules with `# nylas-upgrade: client` hints (a " \
                 "hinted client may be any v2 client of the project)"
    elif not covered:
        reason = "this run does not cover the whole project: run nylas-upgrade fix over the project's root"
    else:
        reason = "not every v2 client of this project moves to v6 (see SDK090 where each is built)"
    held = ClientPlan(False, "", reason)
    for path, _ in hinted:
        _add(project, _display(path), ModulePlan(imported=(("#hint", HINT_KIND, held),)))
    if not decision.migrate or callees:  # the hinted use may be on any client of the project: none of them moves
        # (and a client passed to a hinted parameter was planned as if the hints moved: it cannot move now)
        project = _hold_all(project, reason, mine)
        for path, _ in builders:
            _add(project, _display(path), ModulePlan(exported=(("#hint", held),)))
    return project


def _hold_all(project: Dict[str, ModulePlan], reason: str, mine) -> Dict[str, ModulePlan]:
    def held(p: ClientPlan) -> ClientPlan:
        return p if not p.migrate else ClientPlan(False, p.origin, reason)

    return {key: ModulePlan(tuple((n, held(p)) for n, p in plan.exported),
                            tuple((n, k, held(p)) for n, k, p in plan.imported), plan.callees) if key in mine else plan
            for key, plan in project.items()}

