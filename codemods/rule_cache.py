"""Where the rules live, and a cache of the parsed rule files.

The cache spares a run the yaml import (~40 ms) and the fast path (codemods.fastpath) the whole rules
module: it holds the parsed YAML documents, which still go through full validation when loaded, and the
prefilter words of the validated rules. The key is the rules directory, the tool version, and each rule
file's name, size and mtime; any problem with the cache (unwritable, corrupt, stale) means reading the
YAML again, so the cache can never change behaviour. NYLAS_UPGRADE_NO_CACHE=1 skips it.
The file is plain text: the key, the trigger words, then the documents as JSON, so the fast path reads
two lines and imports only os and zlib here (json and hashlib cost it ~7 ms, a quarter of a sweep).
"""
from __future__ import annotations

import os
import zlib

from codemods import __version__

_FORMAT = 3  # bump when the cache file's layout changes


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


def _key(directory: str, paths: list):
    """What the cache must match (None: no cache): everything that could change the rules."""
    if os.environ.get("NYLAS_UPGRADE_NO_CACHE"):
        return None
    try:
        stats = [(os.path.basename(p), os.stat(p).st_size, os.stat(p).st_mtime_ns) for p in paths]
    except OSError:
        return None
    return repr((_FORMAT, directory, __version__, stats))  # one line: repr escapes any newline in a path


def _cache_file(key: str) -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    # crc32 only names the file; the whole key is its first line, so a collision is a miss, never a mix-up
    return os.path.join(base, "nylas-upgrade", f"rules-{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}.cache")


def _open(directory: str, paths: list):
    """The cache file, positioned after its key line, or None when there is none for exactly these rules."""
    key = _key(directory, paths)
    if key is None:
        return None
    try:
        handle = open(_cache_file(key), encoding="utf-8")
    except OSError:
        return None
    try:
        if handle.readline() == key + "\n":
            return handle
    except (OSError, ValueError):
        pass
    handle.close()
    return None


def read_docs(directory: str, paths: list):
    """[(file name, parsed document)] as YAML gave them, or None."""
    handle = _open(directory, paths)
    if handle is None:
        return None
    import json  # not on the fast path, which reads only the triggers line

    try:
        with handle:
            handle.readline()
            docs = json.loads(handle.read())
        return [(name, doc) for name, doc in docs]
    except (OSError, TypeError, ValueError):
        return None


def read_triggers(directory: str, paths: list):
    """The prefilter words of the validated rules (the second line), or None when there is no valid cache."""
    handle = _open(directory, paths)
    if handle is None:
        return None
    try:
        with handle:
            line = handle.readline()
    except (OSError, ValueError):
        return None
    if not line.endswith("\n") or line == "\n":
        return None
    return line[:-1].split("\t")


def write(directory: str, paths: list, docs: list, triggers: list) -> None:
    """Layout: the key line, the triggers line (tab-separated), then the documents as JSON."""
    key = _key(directory, paths)
    if key is None or any(not t or set(t) & set("\t\r\n") for t in triggers):
        return
    cache = _cache_file(key)
    if os.path.exists(cache):
        return
    import json

    try:
        body = json.dumps(docs)
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        tmp = f"{cache}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(f"{key}\n{chr(9).join(triggers)}\n{body}")
        os.replace(tmp, cache)
    except (OSError, TypeError, ValueError):
        pass  # a YAML value JSON can't hold, or nowhere to write: just no cache
