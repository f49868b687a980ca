"""Where the rules live, and a JSON cache of the parsed rule files.

The cache spares a run the yaml import (~40 ms) and the fast path (codemods.fastpath) the whole rules
module: it holds the parsed YAML documents, which still go through full validation when loaded, and the
prefilter words of the validated rules. The key is the rules directory, the tool version, and each rule
file's name, size and mtime; any problem with the cache (unwritable, corrupt, stale) means reading the
YAML again, so the cache can never change behaviour. NYLAS_UPGRADE_NO_CACHE=1 skips it.
This module imports only os, json and hashlib: it is on the fast path.
"""
from __future__ import annotations

import hashlib
import json
import os

from codemods import __version__

_FORMAT = 2  # bump when the cache file's layout changes


def rules_dir() -> str:
    """rules/ ships in the wheel as codemods/rules; in a source checkout it sits beside the package.
    NYLAS_UPGRADE_RULES_DIR points at another directory (a team's own rules, or tests of the loader)."""
    override = os.environ.get("NYLAS_UPGRADE_RULES_DIR")
    if override:
        return os.path.abspath(override)
    here = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.join(here, "rules")
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(here), "rules")


def rule_files(directory: str) -> list:
    try:
        return sorted(os.path.join(directory, n) for n in os.listdir(directory) if n.endswith(".yaml"))
    except OSError:
        return []


def _cache_file(directory: str, paths: list):
    if os.environ.get("NYLAS_UPGRADE_NO_CACHE"):
        return None
    try:
        stats = [(os.path.basename(p), os.stat(p).st_size, os.stat(p).st_mtime_ns) for p in paths]
    except OSError:
        return None
    key = hashlib.sha256(json.dumps([_FORMAT, directory, __version__, stats]).encode()).hexdigest()[:24]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nylas-upgrade", f"rules-{key}.json")


def _read(directory: str, paths: list):
    cache = _cache_file(directory, paths)
    if cache is None:
        return None
    try:
        with open(cache, encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict) or not isinstance(data.get("docs"), list):
            return None
        return data
    except (OSError, ValueError):
        return None


def read_docs(directory: str, paths: list):
    """[(file name, parsed document)] as YAML gave them, or None."""
    data = _read(directory, paths)
    try:
        return [(name, doc) for name, doc in data["docs"]] if data else None
    except (TypeError, ValueError):
        return None


def read_triggers(directory: str, paths: list):
    """The prefilter words of the validated rules, or None when there is no valid cache."""
    data = _read(directory, paths)
    triggers = data.get("triggers") if data else None
    return triggers if isinstance(triggers, list) and all(isinstance(t, str) for t in triggers) else None


def write(directory: str, paths: list, docs: list, triggers: list) -> None:
    cache = _cache_file(directory, paths)
    if cache is None or os.path.exists(cache):
        return
    try:
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        tmp = f"{cache}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump({"docs": docs, "triggers": triggers}, handle)
        os.replace(tmp, cache)
    except (OSError, TypeError, ValueError):
        pass  # a YAML value JSON can't hold, or nowhere to write: just no cache
