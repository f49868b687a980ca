"""Process files in worker processes when there are enough of them to pay for the workers.

Spawn-safe: the worker entry point is a top-level function taking picklable
arguments, and each worker loads the rules once. Results come back in input
order, so output is identical with and without the pool.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from codemods.engine import MIN_FILES_PER_WORKER
from codemods.results import FileResult

_RULES = None
_PREFILTER = None


def _init(rules_dir: Optional[str]) -> None:
    global _RULES, _PREFILTER
    from codemods.engine import prefilter_pattern
    from codemods.rules import load_rules

    _RULES = load_rules(Path(rules_dir) if rules_dir else None)
    _PREFILTER = prefilter_pattern(_RULES)


def _work(args: Tuple[str, object, bool, bytes]) -> FileResult:
    from codemods.engine import process_path

    path, options, write, raw = args
    return process_path(Path(path), _RULES, options, _PREFILTER, write, raw=raw)


def workers_for(count: int, jobs: Optional[int]) -> int:
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    return max(1, min(jobs, count // MIN_FILES_PER_WORKER))


def process_in_pool(
    items: List[Tuple[Path, bytes]], options, write: bool, workers: int, rules_dir: Optional[str]
) -> Iterator[FileResult]:
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(rules_dir,)) as pool:
        tasks = [(str(p), options, write, raw) for p, raw in items]
        chunk = max(1, len(tasks) // (workers * 8))
        yield from pool.map(_work, tasks, chunksize=chunk)
