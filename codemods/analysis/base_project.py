"""Nylas base URLs that cross modules: a constant (`NYLAS_API_BASE_URL = "https://api.nylas.com"`) or an HTTP
client on one (`nylas_http = httpx.Client(base_url=NYLAS)`) defined at module level in one module, and used in
others (`f"{core_consts.NYLAS_API_BASE_URL}/messages"`, `from app.http import nylas_http; nylas_http.get(...)`).

The shared-base rule (analysis/bases.py) applies across the project: the base moves to the v3 host only when
every path built on it, in every module, moves. The steps follow analysis/project.py:
1. Index (CPython's ast): module-level names bound to a Nylas base, or to a client on one (files whose bytes
   name nylas.com only). 2. Resolve: the modules of the run importing them (`from X import NAME`, `from pkg
   import module as alias` then `alias.NAME`). 3. Decide: each module of a base is run dry (as if the base
   moved) and says which of its paths on that base cannot move; the base moves only if none, anywhere, and
   the run covers its whole import root. 4. Apply: Options.bases carries each module's part: in a user module
   the imported name is a Nylas base (its paths are URL sites; held: EP121 at each), in the defining module the
   base is moved with them, or kept with EP111 naming what holds it back (base_imported.py).
A module outside such a plan (a one-file run) that imports a Nylas base keeps its URLs on it on v2 (EP121): the
modules that share the base are not in the run.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from codemods.analysis import trees
from codemods.analysis.resolve import module_file

_URL = re.compile(r"^https?://([A-Za-z0-9.-]+)(?::\d+)?(/[^?#{}%]*)?$")
_CONSTRUCTORS = ("Client", "AsyncClient", "ClientSession", "BaseUrlSession")
FACTS = "base_facts"  # ctx.traced: group -> [what cannot move] (a dry run's answer)


@dataclass(frozen=True)
class BaseDecision:
    group: str  # "core/constants.py:NYLAS_API_BASE_URL": the module and the name of the base
    url: str  # the base's v2 text, "https://api.nylas.com"
    migrate: bool
    reason: str = ""  # why it stays on v2
    dry: bool = False


# display path -> ((kind, local name, decision), ...); kind: "exported" | "base" (an imported constant) | "client"
Plan = Dict[str, Tuple[Tuple[str, str, BaseDecision], ...]]


def _hosts(rules) -> set:
    rows = rules.of_kinds(("host",))
    return {r.get("host") for r in rows} | {r.get("replace") for r in rows}


def _nylas_url(value, hosts) -> Optional[str]:
    if isinstance(value, ast.Call) and len(value.args) >= 2:  # os.environ.get("X", "https://api.nylas.com")
        f = value.func
        if isinstance(f, ast.Attribute) and f.attr in ("get", "getenv") or isinstance(f, ast.Name) and f.id == "getenv":
            value = value.args[1]
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        m = _URL.match(value.value)
        if m and m.group(1).lower() in hosts:
            return value.value
    return None


def exports_of(tree: ast.Module, hosts) -> Dict[str, Tuple[str, str, str, int]]:
    """Module-level name -> (kind "base"|"client", the group's base name, its url, line)."""
    bases: Dict[str, Tuple[str, int]] = {}
    out: Dict[str, Tuple[str, str, str, int]] = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        name, value = node.targets[0].id, node.value
        url = _nylas_url(value, hosts)
        if url is not None:
            bases[name] = (url, node.lineno)
            out[name] = ("base", name, url, node.lineno)
            continue
        if isinstance(value, ast.Call):
            func = value.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            base = next((k.value for k in value.keywords if k.arg == "base_url"), None)
            if base is None and called == "BaseUrlSession" and value.args:
                base = value.args[0]
            if called not in _CONSTRUCTORS or base is None:
                continue
            if isinstance(base, ast.Name) and base.id in bases:
                out[name] = ("client", base.id, bases[base.id][0], node.lineno)
            elif _nylas_url(base, hosts) is not None:
                out[name] = ("client", name, _nylas_url(base, hosts), node.lineno)
    names = [n for n in out if out[n][0] == "base"]
    for n in names:  # a name reassigned later is not a constant the tool can follow
        if sum(1 for node in tree.body if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == n for t in node.targets)) > 1:
            del out[n]
    return out


_FACTS_CACHE: Dict[Tuple[str, int], Optional[dict]] = {}


def exports_of_file(path: Path, hosts) -> dict:
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return {}
    if key not in _FACTS_CACHE:
        try:
            raw = path.read_bytes()
            _FACTS_CACHE[key] = exports_of(ast.parse(raw), hosts) if b"nylas.com" in raw else {}
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            _FACTS_CACHE[key] = {}
    return _FACTS_CACHE[key] or {}


def imports_of(tree: ast.Module, importer: Path, exports) -> List[Tuple[str, str, Path, str]]:
    """(kind, local name or dotted `alias.NAME`, origin, exported name) for each use of an exported base."""
    out = []
    for node in trees.imports(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] not in ("nylas", "nylas_legacy"):
            target = module_file(importer, node.module, node.level)
            for alias in node.names:
                local = alias.asname or alias.name
                found = exports(target) if target is not None else {}
                if alias.name in found:
                    out.append((found[alias.name][0], local, target, alias.name))
                    continue
                sub = module_file(importer, ((node.module + ".") if node.module else "") + alias.name, node.level)
                for name, (kind, *_rest) in (exports(sub) if sub is not None else {}).items():
                    out.append((kind, f"{local}.{name}", sub, name))  # `from .. import constants as c`: c.NAME
        elif isinstance(node, ast.Import):
            for alias in node.names:
                target = module_file(importer, alias.name, 0)
                local = alias.asname or alias.name
                for name, (kind, *_rest) in (exports(target) if target is not None else {}).items():
                    out.append((kind, f"{local}.{name}", target, name))
    return [(k, local, origin, name) for k, local, origin, name in out if origin.resolve() != importer.resolve()]


def _read_in(tree: ast.Module, local: str) -> bool:
    """Is `local` (a name, or `alias.NAME`) read anywhere in the module?"""
    head, _, attr = local.partition(".")
    for node in trees.walk_module(tree):
        if attr and isinstance(node, ast.Attribute) and node.attr == attr and isinstance(node.value, ast.Name) and (
                node.value.id == head):
            return True
        if not attr and isinstance(node, ast.Name) and node.id == head and isinstance(node.ctx, ast.Load):
            return True
    return False


# -- the project pass -----------------------------------------------------------------------------------------
def plan_run(run_paths, candidates, results, rules, options):
    """engine.run's hook, as analysis/project.plan_run: (options with Options.bases, candidates, results)."""
    from codemods.analysis.resolve import covers as _covers
    from codemods.engine import display_path

    hosts = _hosts(rules)
    origins: Dict[Path, dict] = {}
    for path, raw in candidates:  # (a module naming nylas.com passed the prefilter: it is a candidate)
        if b"nylas.com" in raw and str(path).endswith(".py"):
            tree = trees.parse(raw)
            if tree is None:
                continue
            found = exports_of(tree, hosts)
            if found:
                origins[path.resolve()] = found
    if not origins:
        return options, candidates, results
    others = trees.skipped_sources(results)  # a module using an imported base need not name Nylas
    files = [(p, raw) for p, raw in list(candidates) + others if str(p).endswith(".py")]
    words = re.compile(rb"\b(?:%s)\b" % b"|".join(re.escape(n.encode()) for f in origins.values() for n in f))
    groups: Dict[Tuple[Path, str], list] = {}
    for path, raw in files:
        if b"import" not in raw or not words.search(raw):
            continue
        tree = trees.parse(raw)
        if tree is None:
            continue
        for kind, local, origin, name in imports_of(tree, path, lambda t: origins.get(t.resolve(), {})):
            if not _read_in(tree, local):
                continue  # `from .. import constants as c` names every constant: only those read here are used
            group = origins[origin.resolve()][name][1]
            groups.setdefault((origin.resolve(), group), []).append((path, kind, local))
    if not groups:
        return options, candidates, results
    raw_of = {p.resolve(): (p, raw) for p, raw in files}
    plan: Dict[str, list] = {}
    for (origin, group), users in sorted(groups.items()):
        kind, _, url, line = origins[origin][group]
        gid = f"{display_path(origin)}:{group}"
        dry = BaseDecision(gid, url, True, dry=True)
        dry_plan: Dict[str, list] = {display_path(origin): [("exported", group, dry)]}
        for user, ukind, local in users:
            dry_plan.setdefault(display_path(user), []).append((ukind, local, dry))
        dry_options = replace(options, bases={k: tuple(v) for k, v in dry_plan.items()})
        stuck: List[str] = []
        for member in sorted({origin} | {u.resolve() for u, _, _ in users}):
            path, raw = raw_of[member]
            said = _dry_facts(path, raw, rules, dry_options)
            if said is None:
                stuck.append(f"{display_path(path)} (could not be analysed)")
                continue
            stuck += [f"{display_path(path)}:{what}" for what in said.get(gid, ())]
        if stuck:
            shown = "; ".join(stuck[:4]) + (f"; and {len(stuck) - 4} more" if len(stuck) > 4 else "")
            final = BaseDecision(gid, url, False, f"held back by {shown}")
        elif not _covers(run_paths, origin):
            final = BaseDecision(gid, url, False, "held back by its users in other modules, which this run does not "
                                 "all cover: fix them in one run over the project, `nylas-upgrade fix .` (seen using "
                                 "it: " + ", ".join(sorted({display_path(u) for u, _, _ in users})) + ")")
        else:
            final = BaseDecision(gid, url, True)
        plan.setdefault(display_path(origin), []).append(("exported", group, final))
        for user, ukind, local in users:
            plan.setdefault(display_path(user), []).append((ukind, local, final))
    bases = {k: tuple(v) for k, v in plan.items()}
    added = [(p, raw) for p, raw in others if str(p) in bases]
    names = {str(p) for p, _ in added}
    return (replace(options, bases=bases), list(candidates) + added, [r for r in results if r.path not in names])


def _dry_facts(path: Path, raw: bytes, rules, options) -> Optional[dict]:
    """What the URL fixers record (FACTS) when the module is run with the bases as planned."""
    from codemods.analysis.dry_run import dry_run

    return dry_run(path, raw, rules, options, lambda ctx: ctx.traced.get(FACTS, {}))
