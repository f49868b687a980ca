"""Process files in worker processes when there are enough of them to pay for the workers.

Spawn-safe: the worker entry point is a top-level function taking picklable
arguments, and each worker loads the rules once. Results come back largest file
first (the caller sorts them by path, so output is identical with and without the pool).
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


_INHERITED = None  # (rules_dir, rules) set by the parent just before forking workers


def _init(rules_dir: Optional[str]) -> None:
    global _RULES, _PREFILTER
    import gc

    # Parsing allocates millions of short-lived objects: at the default threshold (700) a worker ran ~400
    # collections on 250 dense files, 4% of its time; at 10,000, ~20, and the same memory within a MB.
    gc.set_threshold(10_000, 10, 10)
    from codemods.engine import prefilter_pattern
    from codemods.rules import load_rules

    if _INHERITED is not None and _INHERITED[0] == rules_dir:
        _RULES = _INHERITED[1]  # forked: the parent's rules, already loaded and validated
    else:
        _RULES = load_rules(Path(rules_dir) if rules_dir else None)
    _PREFILTER = prefilter_pattern(_RULES)


def _prepare_fork(rules_dir: Optional[str], rules) -> None:
    """With the fork start method, workers begin as copies of this process: import libcst and the
    analysis modules here once (~0.2 s of CPU) instead of once in every worker, and hand them the rules."""
    global _INHERITED
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        return False  # spawn/forkserver workers import for themselves; doing it here too would only add time
    from codemods.sweep import load_analysis

    load_analysis()  # done already when the walk went on in a child meanwhile
    if rules is not None:
        _INHERITED = (rules_dir, rules)
    return True


def _work(args: Tuple[str, object, bool, bytes, Optional[bool]]) -> FileResult:
    from codemods.engine import process_path, with_diff

    path, options, write, raw, diff_color = args
    # Configured base names widen the prefilter: then process_path builds the one for these options.
    prefilter = None if getattr(options, "base_names", ()) else _PREFILTER
    return with_diff(process_path(Path(path), _RULES, options, prefilter, write, raw=raw), diff_color)


def workers_for(count: int, jobs: Optional[int]) -> int:
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    return max(1, min(jobs, count // MIN_FILES_PER_WORKER))


class Pool:
    """The run's worker processes, started for its first batch of modules and kept for the next (the test
    modules that mock Nylas replies come second, once the requests they answer are known: engine.run)."""

    def __init__(self, rules_dir: Optional[str], rules=None) -> None:
        self.rules_dir, self.rules = rules_dir, rules
        self.workers = 0
        self._pool: Optional[ProcessPoolExecutor] = None

    def process(self, items: List[Tuple[Path, bytes]], options, write: bool, workers: int,
                diff_color: Optional[bool] = None) -> Iterator[FileResult]:
        """The items' results, largest file first; `workers`: how many to start when none runs yet."""
        import gc

        forked = False
        if self._pool is None:
            forked = _prepare_fork(self.rules_dir, self.rules)
            self._pool = ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(self.rules_dir,))
            self.workers = workers
        chunk = max(1, len(items) // (self.workers * 8))
        if forked:
            gc.freeze()  # the workers' collections then skip everything they inherit (and leave its pages shared)
        try:
            results = _map(self._pool, items, options, write, diff_color, chunk)  # the workers fork here
        finally:
            if forked:
                gc.unfreeze()  # this process (perhaps a host program's) collects as before
        yield from results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _map(pool, items, options, write, diff_color, chunk):
    """Submit every chunk (they are queued at once) and return the results' iterator."""
    # Largest files first: the last chunks handed out are then the quickest, so at the end neither worker
    # waits long for the other to finish a chunk of big files.
    by_size = sorted(items, key=lambda item: len(item[1]), reverse=True)
    tasks = [(str(p), options, write, raw, diff_color) for p, raw in by_size]
    return pool.map(_work, tasks, chunksize=chunk)
