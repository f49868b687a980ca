"""The whole-project step of a run, between the sweep and the per-module fixers: what crosses modules is planned
here, once, so that each module then decides alone (it reads only its own entry of each plan in its Options).

Three plans, each made only when some candidate's bytes say it may be needed:
- clients (project.py): a v2 APIClient built in one module and used in others moves with all its uses or none;
- base URLs (base_project.py): a Nylas base URL, or an HTTP client on one, shared across modules, likewise;
- Nylas data (nylas_data.py): a webhook delta or a reply's `.json()` handed to a module that never imports nylas.
Each may add modules the prefilter skipped (they use something Nylas without saying so) to the candidates.
"""
from __future__ import annotations

from typing import List, Tuple


def plan_run(paths, candidates: List[Tuple[object, bytes]], results: list, rules, options):
    """(options carrying the plans, candidates, results without the modules the plans added)."""
    if any(b"APIClient" in raw for _, raw in candidates):
        from codemods.analysis.project import plan_run as plan_clients

        options, candidates, results = plan_clients(paths, candidates, results, rules, options)
    if any(b"nylas.com" in raw for _, raw in candidates):
        from codemods.analysis.base_project import plan_run as plan_bases

        options, candidates, results = plan_bases(paths, candidates, results, rules, options)
    from codemods.analysis.nylas_data import may_hand_over

    if any(may_hand_over(raw) for _, raw in candidates):
        from codemods.analysis.nylas_data import plan_run as plan_data

        options, candidates, results = plan_data(paths, candidates, results, rules, options)
    from codemods.analysis import trees

    trees.clear()  # the plans' shared ast trees: not needed from here on
    return options, candidates, results
