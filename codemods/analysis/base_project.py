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
   base is moved with them, or kept with EP111 naming what holds it back.
A module outside such a plan (a one-file run) that imports a Nylas base keeps its URLs on it on v2 (EP121): the
modules that share the base are not in the run.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

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
    for node in ast.walk(tree):
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
    for node in ast.walk(tree):
        if attr and isinstance(node, ast.Attribute) and node.attr == attr and isinstance(node.value, ast.Name) and (
                node.value.id == head):
            return True
        if not attr and isinstance(node, ast.Name) and node.id == head and isinstance(node.ctx, ast.Load):
            return True
    return False


# -- the project pass -----------------------------------------------------------------------------------------
def plan_run(run_paths, candidates, results, rules, options):
    """engine.run's hook, as analysis/project.plan_run: (options with Options.bases, candidates, results)."""
    from codemods.analysis.project import _covers
    from codemods.engine import display_path
    from codemods.results import Status

    hosts = _hosts(rules)
    origins: Dict[Path, dict] = {}
    for path, raw in candidates:  # (a module naming nylas.com passed the prefilter: it is a candidate)
        if b"nylas.com" in raw and str(path).endswith(".py"):
            try:
                found = exports_of(ast.parse(raw), hosts)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                continue
            if found:
                origins[path.resolve()] = found
    if not origins:
        return options, candidates, results
    others = []
    for result in results:  # a module using an imported client need not name Nylas: the prefilter skipped it
        if result.status is Status.SKIPPED and result.path.endswith(".py"):
            try:
                others.append((Path(result.path), Path(result.path).read_bytes()))
            except OSError:
                continue
    files = [(p, raw) for p, raw in list(candidates) + others if str(p).endswith(".py")]
    words = re.compile(rb"\b(?:%s)\b" % b"|".join(re.escape(n.encode()) for f in origins.values() for n in f))
    groups: Dict[Tuple[Path, str], list] = {}
    for path, raw in files:
        if b"import" not in raw or not words.search(raw):
            continue
        try:
            tree = ast.parse(raw)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
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
            final = BaseDecision(gid, url, False, "used in other modules, and this run does not cover every module "
                                 "that may import it: fix them in one run over the project (seen using it: "
                                 + ", ".join(sorted({display_path(u) for u, _, _ in users})) + ")")
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
    from codemods.engine import _deep_stack, _with_deep_limit
    from codemods.source import Source, SourceError

    try:
        source = Source.decode(raw)
    except SourceError:
        return None
    from codemods.engine import display_path

    return _deep_stack().call(_with_deep_limit, _dry_text, source.text, display_path(path), rules, options)


def _dry_text(text, display, rules, options):
    import libcst as cst

    from codemods import fixers
    from codemods.context import FileContext

    try:
        ctx = FileContext(display, text, cst.parse_module(text), rules, options)
        fixers.run(ctx)
    except Exception:  # noqa: BLE001 - a module the pipeline cannot process is reported by the real run
        return None
    return ctx.traced.get(FACTS, {})


# -- in each module's pipeline ---------------------------------------------------------------------------------
def _entries(ctx) -> Tuple[Tuple[str, str, BaseDecision], ...]:
    """This module's part of the plan; without a plan, the bases it imports (each held: its users elsewhere are
    not in this run)."""
    bases = getattr(ctx.options, "bases", None)
    if bases is not None:
        return tuple(bases.get(ctx.path, ()))
    cached = ctx.traced.get("base_entries")
    if cached is not None:
        return cached
    entries = []
    here = Path(ctx.path)
    if ctx.index.imports and here.is_file():
        hosts = _hosts(ctx.rules)
        from codemods.engine import display_path

        for kind, local, origin, name in _imports_here(ctx, here, lambda t: exports_of_file(t, hosts)):
            _, group, url, line = exports_of_file(origin, hosts)[name]
            entries.append((kind, local, BaseDecision(
                f"{display_path(origin)}:{group}", url, False,
                "defined in another module, which is not part of this run: fix them together with every module "
                "that uses it, in one run over the project (`nylas-upgrade fix .` from the project's root)")))
    ctx.traced["base_entries"] = tuple(entries)
    return ctx.traced["base_entries"]


def _imports_here(ctx, here: Path, exports) -> list:
    """imports_of() for the module being fixed, from the index's import nodes (no second parse), keeping the
    names the module reads."""
    import libcst as cst

    from codemods.module_index import dotted_name

    out = []
    for stmt in ctx.index.imports:
        if isinstance(stmt, cst.ImportFrom) and not isinstance(stmt.names, cst.ImportStar):
            module = dotted_name(stmt.module) if stmt.module is not None else None
            if module and module.split(".")[0] in ("nylas", "nylas_legacy"):
                continue
            level = len(stmt.relative)
            target = module_file(here, module, level)
            for alias in stmt.names:
                name = dotted_name(alias.name) or ""
                local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
                found = exports(target) if target is not None else {}
                if name in found:
                    out.append((found[name][0], local, target, name))
                    continue
                sub = module_file(here, ((module + ".") if module else "") + name, level)
                out += [(kind, f"{local}.{n}", sub, n) for n, (kind, *_r) in (exports(sub) if sub else {}).items()]
        elif isinstance(stmt, cst.Import):
            for alias in stmt.names:
                name = dotted_name(alias.name) or ""
                local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
                target = module_file(here, name, 0)
                out += [(kind, f"{local}.{n}", target, n) for n, (kind, *_r) in (exports(target) if target else {}).items()]
    here_resolved = here.resolve()
    return [(k, local, origin, name) for k, local, origin, name in out
            if origin.resolve() != here_resolved and _read_here(ctx, local)]


def _read_here(ctx, local: str) -> bool:
    from codemods.module_index import dotted_name

    if "." in local:
        return any(dotted_name(a) == local for a in ctx.index.attributes.get(local.rsplit(".", 1)[1], ()))
    import libcst as cst

    return any(not isinstance(ctx.parent(n), (cst.ImportAlias, cst.AsName)) for n in ctx.index.names.get(local, ()))


def _import_node(ctx, local: str):
    """The import that binds `local` (or the `alias` of `alias.NAME`) here: where its findings point."""
    import libcst as cst

    from codemods.module_index import dotted_name

    head = local.split(".")[0]
    for stmt in ctx.index.imports:
        names = stmt.names if not isinstance(stmt.names, cst.ImportStar) else ()
        for alias in names:
            bound = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else (
                (dotted_name(alias.name) or "").split(".")[0])
            if bound == head:
                return alias
    return ctx.index.imports[0] if ctx.index.imports else ctx.module


def _binding(ctx, local: str, decision: BaseDecision):
    from codemods.bindings import Binding
    from codemods.paths import split_url
    from codemods.urls import Piece, Template

    registry = ctx.traced.setdefault("imported_bases", {})
    if local not in registry:
        template = Template(_import_node(ctx, local), [Piece(decision.url)])
        parts = split_url(decision.url, base_hole=False)
        path = decision.url[parts.path_start:parts.path_end].rstrip("/") if parts else ""
        registry[local] = (Binding(local, template, path), decision)
    return registry[local][0]


def bind_imported(ctx, resolver) -> None:
    """Imported base constants become bindings of the module's resolver (so `f"{c.NYLAS_URL}/messages"` is a
    URL site on that base), as configured base names are."""
    ctx.traced["resolver"] = resolver  # settle() finds the module's own exported bases in it
    for kind, local, decision in _entries(ctx):
        if kind != "base":
            continue
        binding = _binding(ctx, local, decision)
        if "." in local:
            resolver.configured.add(local)
        resolver.bound[(0, local)] = binding


def imported_clients(ctx):
    """(scope key, binding, None) of each imported client on a Nylas base (its requests: base_clients.py)."""
    return [((0, local), _binding(ctx, local, decision), None)
            for kind, local, decision in _entries(ctx) if kind == "client"]


def settle(ctx, committed: list) -> None:
    """Before the shared-base holds (bases.py): a dry run says what cannot move on each cross-module base; a held
    base's URLs here are taken back (EP121 at each, EP111 at the base where it is defined); a moving base that no
    URL of its module is built on is not held there as unseen (EP113)."""
    from codemods.analysis.bases import Committed

    entries = _entries(ctx)
    if not entries:
        return
    endpoint_ids = {r.id for r in ctx.rules.of_kind("endpoint")}
    from codemods.analysis.bases import _STUCK_NOTES

    stuck_ids = {r.id for r in ctx.rules.of_kind("manual_endpoint")}
    stuck_ids |= {r.id for r in ctx.rules.of_kind("note") if r.get("when") in _STUCK_NOTES}
    registry = ctx.traced.get("imported_bases", {})
    facts = ctx.traced.setdefault(FACTS, {})
    for kind, local, decision in entries:
        if kind == "exported":
            template = _exported_template(ctx, local)
            if template is None:
                continue
            mine = [c for c in committed if c.site.base is not None and c.site.base.template is template]
        else:
            if local not in registry:
                continue
            binding = registry[local][0]
            mine = [c for c in committed if c.site.base is binding or (
                c.site.base is not None and c.site.base.template is binding.template)]
        stuck = [c for c in mine if not c.moves(endpoint_ids, stuck_ids)]
        facts.setdefault(decision.group, []).extend(
            f"{ctx.line_col(c.site.template.root)[0]} {_shown(c)}" for c in stuck)
        if kind == "base":  # a read that is not the base of a URL here: a use the tool does not follow
            facts[decision.group].extend(f"{ctx.line_col(node)[0]} {local} {_how_used(ctx, node)}"
                                         for node in _other_reads(ctx, local, mine))
        if kind == "exported":
            if decision.dry or decision.migrate:  # moved with its users elsewhere: not an unseen base
                committed.append(_Pinned(_site_on(template, local), "", [], []))
            else:
                committed.append(_Pinned(_site_on(template, local), decision.reason, [], [], held=True))
        elif not decision.migrate and not decision.dry:
            _take_back(ctx, committed, mine, stuck, local, decision)


def _other_reads(ctx, local: str, mine) -> list:
    """Reads of the imported base that no URL site here starts with, nor a traced client is given."""
    import libcst as cst

    from codemods.analysis.base_clients import TRACED
    from codemods.module_index import dotted_name, scope_stack, scoped_key

    if "." in local:
        reads = [a for a in ctx.index.attributes.get(local.rsplit(".", 1)[1], ()) if dotted_name(a) == local]
    else:
        reads = [n for n in ctx.index.names.get(local, ()) if scoped_key(
            ctx.index, local, scope_stack(ctx.index.parents, n)) == (0, local) and not isinstance(
            ctx.parent(n), (cst.ImportAlias, cst.AsName, cst.AssignTarget, cst.ImportFrom)) and not (
            isinstance(ctx.parent(n), cst.Attribute) and ctx.parent(n).attr is n)]
    starts = {id(c.site.template.pieces[0].expr) for c in mine}
    traced = ctx.traced.get(TRACED, ())
    out = []
    for node in reads:
        arg = ctx.parent(node)
        if id(node) in starts or isinstance(arg, cst.Arg) and id(ctx.parent(arg)) in traced:
            continue
        out.append(node)
    return out


def _how_used(ctx, node) -> str:
    import libcst as cst

    from codemods.module_index import dotted_name

    arg = ctx.parent(node)
    call = ctx.parent(arg) if isinstance(arg, cst.Arg) else None
    if isinstance(call, cst.Call) and dotted_name(call.func):
        return f"passed to {dotted_name(call.func)}(...)"
    return "used as a value"


def _shown(c) -> str:
    from codemods.analysis.bases import _shown as shown

    return shown(c.path)


def _site_on(template, key):
    from codemods.bindings import Binding
    from codemods.urls import Site

    return Site(template, base=Binding(key, template, ""))


def _exported_template(ctx, name: str):
    """The template of the module-level base `name` (a constant, or the base of a client bound to `name`)."""
    bound = ctx.traced.get("base_client_bindings", {}).get(name)
    if bound is not None:
        return bound.template
    resolver = ctx.traced.get("resolver")
    found = resolver.bound.get((0, name)) if resolver is not None else None
    return found.template if found is not None else None


def _pinned_class():
    from codemods.analysis.bases import Committed

    class Pinned(Committed):
        """A stand-in for the paths built on this base in other modules: they move (so the base is not held as
        unseen), or one of them cannot (so the shared-base rule holds it, naming them)."""

        def __init__(self, site, reason, edits, findings, held=False):
            super().__init__(site, reason, edits, findings)
            self.held = held
            self.shown = reason[len("held back by "):] if reason.startswith("held back by ") else reason

        def moves(self, endpoint_ids, stuck_ids) -> bool:
            return not self.held

    return Pinned


def _Pinned(*args, **kwargs):  # noqa: N802 - a class, built on first use (bases.py imports libcst-free)
    return _pinned_class()(*args, **kwargs)


def _take_back(ctx, committed, mine, stuck, local, decision) -> None:
    """A base defined in another module that stays on v2: every URL here built on it stays on v2 too."""
    note = ctx.note_rule("url_on_held_import")
    v3_only = {r.id for r in ctx.rules.of_kinds(("response_envelope", "listing_note"))}
    taken_edits = {id(e) for c in mine for e in c.edits}
    taken = {id(f) for c in mine for f in c.findings if f.fixable or (c not in stuck and c.edits and f.rule in v3_only)}
    # (an observer's listing note is said before the site's commit: found by its place)
    places = {ctx.line_col(c.site.template.root) for c in mine if c not in stuck and c.edits}
    ctx.edits = [e for e in ctx.edits if id(e) not in taken_edits]
    ctx.findings = [f for f in ctx.findings if id(f) not in taken and not (
        f.rule in v3_only and (f.line, f.column) in places)]
    origin = decision.group.rsplit(":", 1)[0]
    for c in mine:
        if c not in stuck and c.edits and note is not None:  # (no edit: a path already on v3, nothing to hold)
            ctx.report(c.site.template.root, note, f"{note.message} ({local}, from {origin}: {decision.reason})")
    committed[:] = [c for c in committed if c not in mine]
