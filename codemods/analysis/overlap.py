"""The project pass (project.py) in the shadow of the pool, for runs that only read (check, fix --diff).

The plan names the modules whose clients cross modules; every other module is processed exactly as without
it (each module reads only its own entry: plan.module_plan, `ctx.path in options.project`). So the pool's
workers begin at once on the modules the plan is least likely to name, while this process makes the plan;
the rest go to the workers with the plan, and a module begun early that the plan does name is done again
with it (its first result dropped). A run that writes files never begins a module before its plan is known.

Least likely to be named: a module that neither says `APIClient` (it builds or annotates no v2 client) nor
names a module that does (by its file's stem: `from mail.nylas_client import client`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, List, Tuple

Item = Tuple[Path, bytes]


def split(candidates: List[Item]) -> Tuple[List[Item], List[Item]]:
    """(begun before the plan, after it)."""
    builders = [path for path, raw in candidates if b"APIClient" in raw]
    stems = {(p.parent.name if p.name == "__init__.py" else p.stem) for p in builders}
    stems = {s for s in stems if s.isidentifier() and s.isascii()}
    if not stems:
        return [], list(candidates)
    named = re.compile(rb"\b(?:%s)\b" % b"|".join(re.escape(s.encode()) for s in sorted(stems)))
    early, late = [], []
    for item in candidates:
        (late if b"APIClient" in item[1] or named.search(item[1]) else early).append(item)
    return early, late


def planned_later(paths, candidates: List[Item], results: list, rules, options) -> Tuple[List[Item], Callable]:
    """(the modules to begin with, without a plan; plan()). plan() makes the plan and returns (options with it,
    the modules to process with them, display paths of begun modules whose first result to drop); it also
    takes out of `results` the skipped modules the plan adds (as plan_run does). (candidates, None) when there
    is no module to begin with: the pool's workers must start (fork) before this process runs the plan's
    threads, so the plan is then made first, as without a pool."""
    early, late = split(candidates)
    if not early:
        return candidates, None

    def plan():
        from codemods.analysis.project import plan_run
        from codemods.engine import display_path

        planned, everything, kept = plan_run(paths, candidates, results, rules, options)
        results[:] = kept
        given = {str(path) for path, _ in candidates}
        added = [item for item in everything if str(item[0]) not in given]
        project = planned.project or {}
        again = [item for item in early if display_path(item[0]) in project]
        return planned, late + again + added, {display_path(path) for path, _ in again}

    return early, plan
