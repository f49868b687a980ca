"""The per-module part of the cross-module base plan (base_project.py): in a module that uses a Nylas base, or an
HTTP client on one, defined in another module, the imported name becomes a Nylas base of this module's URL sites
(bind_imported, imported_clients); once the sites are committed, settle() records what cannot move (a dry run's
answer), and applies the decision: a held base's URLs here are taken back (EP121 at each), a base defined here is
held with EP111 naming what holds it back elsewhere, or moved with its users even when no URL here is built on it.
Without a plan (a one-file run), a module that imports a Nylas base keeps its URLs on it on v2 and says so.
"""
from __future__ import annotations

from pathlib import Path
from typing import Tuple

from codemods.analysis.base_project import FACTS, BaseDecision, _hosts, exports_of_file
from codemods.analysis.resolve import module_file


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
