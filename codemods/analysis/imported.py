"""Clients that come from another module of the project: `from services.mail import nylas`, `from . import
nylas` (a package's __init__.py), `client = make_client(token)` with make_client imported from a module whose
function returns an APIClient. The origin is read on demand (index.py), only for the modules this one
imports from, so a one-file pre-commit run reads those and nothing else.

Each v2 use of such a client is reported (SDK092), naming where it is built: a client moves to v6 only with
every use of it, in every module, so nothing here is rewritten.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Set, Tuple

import libcst as cst

from codemods.analysis.index import facts_of
from codemods.analysis.module_uses import _outer, _short
from codemods.analysis.resolve import module_file


def _relative_level(stmt: cst.ImportFrom) -> int:
    return len(stmt.relative)


def origins(ctx) -> Tuple[Dict[str, str], Dict[str, str]]:
    """(clients, factories, context managers): local name -> "origin:line", from this module's imports."""
    from codemods.module_index import dotted_name

    here = Path(ctx.path)
    clients, factories, contexts = {}, {}, {}
    if not here.is_file():
        return clients, factories, contexts
    for stmt in ctx.index.imports:
        if not isinstance(stmt, cst.ImportFrom) or isinstance(stmt.names, cst.ImportStar):
            continue
        module = dotted_name(stmt.module) if stmt.module is not None else None
        if module and module.split(".")[0] in ("nylas", "nylas_legacy"):
            continue
        level = _relative_level(stmt)
        target = module_file(here, module, level)
        for alias in stmt.names:
            name = dotted_name(alias.name)
            local = alias.asname.name.value if alias.asname else name
            facts = facts_of(target) if target is not None else None
            if facts is None or not name:
                # `from . import mail` names a submodule: its module-level client is read as mail.nylas (not yet)
                continue
            shown = _display(target)
            if name in facts.clients:
                clients[local] = f"{shown}:{facts.clients[name]}"
            elif name in facts.factories:
                factories[local] = f"{shown}:{facts.factories[name]}"
            elif name in facts.contexts:
                contexts[local] = f"{shown}:{facts.contexts[name]}"
    from codemods.analysis.module_attrs import one_file_origins  # `import app` then app.nylas

    for have, more in zip((clients, factories, contexts), one_file_origins(ctx)):
        have.update(more)
    return clients, factories, contexts


def _display(path: Path) -> str:
    import os

    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def _keys(ctx, clients: Dict[str, str], factories: Dict[str, str], contexts=None,
          shared=None) -> Dict[Tuple[int, str], str]:
    """Scoped keys (module_index) of the names that hold such a client here -> where it is built. A client
    kept in app state (shared: "@state.nylas") is keyed by its path, and so are the names bound from it."""
    from codemods.module_index import dotted_name, scope_stack, scoped_key

    keys: Dict[Tuple[int, str], str] = {(0, name): where for name, where in clients.items()}
    if shared:
        from codemods.analysis.shared_state import PREFIX, cst_path

        keys.update({(0, path): where for path, where in shared.items()})
        for key, value, _ in ctx.index.pairs:  # nylas = request.app.state.nylas
            path = cst_path(value) if value is not None else None
            if path is not None and PREFIX + path in shared:
                keys[key] = shared[PREFIX + path]
    keys.update({(0, "()" + name): where for name, where in factories.items()})  # make_client(token).threads
    dotted_clients = {name: where for name, where in clients.items() if "." in name}
    for key, value, _ in ctx.index.pairs if dotted_clients else ():  # client = app.nylas, settings.NYLAS_CLIENT
        if isinstance(value, cst.Attribute) and dotted_name(value) in dotted_clients:
            from codemods.analysis.module_attrs import receiver_key

            if receiver_key(ctx, value) is not None:
                keys[key] = dotted_clients[dotted_name(value)]
    for key, value, _ in ctx.index.pairs:  # client = make_client(token), client = mail.make_client(token)
        if isinstance(value, cst.Call) and dotted_name(value.func) in factories:
            keys[key] = factories[dotted_name(value.func)]
    for call in ctx.index.calls if contexts else ():  # with MailboxSession(token) as nylas:
        item = ctx.parent(call)
        if (isinstance(item, cst.WithItem) and item.item is call and isinstance(call.func, cst.Name)
                and call.func.value in contexts and item.asname is not None
                and isinstance(item.asname.name, cst.Name)):
            name = item.asname.name
            keys[scoped_key(ctx.index, name.value, scope_stack(ctx.index.parents, name))] = contexts[call.func.value]
    return keys


def _planned(plan, migrate: bool):
    def of(kind):
        return {local: p.origin for local, k, p in plan.imported if k == kind and p.migrate == migrate}

    return of("client"), of("factory"), of("context"), of("shared")


def _param_keys(ctx, plan, migrate: bool) -> Dict[Tuple[int, str], str]:
    """Keys of the parameters (`f.param`) and attributes (`Class.attr`) the project pass found filled with a
    client at every call site (analysis/calls.py)."""
    tops = {f.name.value: f for f in ctx.index.functions if isinstance(ctx.parent(f), cst.Module)}
    keys = {}
    for local, kind, p in plan.imported:
        if p.migrate != migrate or kind not in ("param", "attr"):
            continue
        owner, name = local.rsplit(".", 1)
        if kind == "param" and owner in tops:
            keys[(id(tops[owner]), name)] = p.origin
        elif kind == "attr":
            keys[(0, "." + name)] = p.origin
    from codemods.analysis.hints import plan_keys

    keys.update(plan_keys(ctx, plan, migrate))  # names a `# nylas-upgrade: client` hint marks
    return keys


def moving_keys(ctx) -> set:
    """In a module that builds clients of its own: the imported names, parameters and attributes the project
    pass moves with their client (they are rewritten with this module's own)."""
    from codemods.analysis.plan import module_plan

    plan = module_plan(ctx.options, ctx.path)
    if plan is None or not plan.imported:
        return set()
    keys = set(_keys(ctx, *_planned(plan, True))) | set(_param_keys(ctx, plan, True))
    if keys:
        ctx.traced["imported_moved"] = True
    return keys


def run(ctx, sdk, rules, walk_class, migrate) -> None:
    """A module that uses a client built elsewhere: rewrite its uses when the project pass moves that client
    (migrate: fixers/sdk._migrate), report each of them when it stays on v2."""
    from codemods.analysis.hints import report_unmatched
    from codemods.analysis.plan import module_plan

    report_unmatched(ctx, sdk)

    plan = module_plan(ctx.options, ctx.path)
    if plan is not None and plan.imported:
        moving = {**_keys(ctx, *_planned(plan, True)), **_param_keys(ctx, plan, True)}
        if moving:
            ctx.traced["imported_moved"] = True  # the project pass: this module's uses were gathered
            from codemods.analysis import hold
            from codemods.fixers.sdk import _client_keys, _is_client

            walk = walk_class(ctx, sdk.imp.get("old_name"))
            saved = list(ctx.edits), list(ctx.findings)
            clients = migrate(ctx, sdk, walk, rules, [], [], extra=set(moving))
            hold.within_module(ctx, sdk, walk, [], clients, saved, _client_keys, _is_client)
        by_origin = {p.origin: p.reason for _, _, p in plan.imported if not p.migrate}
        held = {**_keys(ctx, *_planned(plan, False)), **_param_keys(ctx, plan, False)}
        _report(ctx, sdk, held, {k: by_origin.get(where, "") for k, where in held.items()})
        from codemods.analysis import aliases, untraced
        from codemods.fixers.sdk import _is_client

        aliases.report_kept(ctx, sdk, set(held), _is_client, "client_imported", aliases_only=True)

        every = set(held) | set(moving)  # the other receivers here: reported if they look like v2 calls
        untraced.report(ctx, sdk, lambda recv: _is_client(ctx, recv, every))
        from codemods.analysis.hints import report_unhinted

        report_unhinted(ctx, sdk, walk_class, lambda recv: _is_client(ctx, recv, every))
        return
    keys = _keys(ctx, *origins(ctx))
    unplanned_hints(ctx, sdk, plan)
    if not keys:
        from codemods.analysis import untraced

        untraced.report(ctx, sdk)
        return
    outside = ("not part of this run: fix it and every module that uses it in one run over the project, e.g. "
               "`nylas-upgrade fix .` from the project's root")
    _report(ctx, sdk, keys, {k: outside for k in keys})


def unplanned_hints(ctx, sdk, plan) -> None:
    """Hinted names no project pass decided (a run over some files only): their uses are reported."""
    from codemods.analysis import hints

    keys = {key: f"the `# nylas-upgrade: client` hint on line {line}" for key, line in hints.hint_keys(ctx).items()
            if key in set(hints.unplanned_keys(ctx, plan))}
    why = "this run does not cover the whole project, so the tool cannot tell that every v2 client moves"
    _report(ctx, sdk, keys, {k: why for k in keys})


def _report(ctx, sdk, keys, reasons) -> None:
    rule, hinted = sdk.notes.get("client_imported"), sdk.notes.get("client_hinted")
    if rule is None or not keys:
        return
    from codemods.fixers.sdk import _is_client
    from codemods.module_index import scope_stack, scoped_key

    from codemods.analysis.hints import hint_reason
    from codemods.analysis.module_attrs import receiver_key as module_key
    from codemods.analysis.plan import module_plan

    held_hint = hint_reason(module_plan(ctx.options, ctx.path))
    from codemods.analysis.shared_state import cst_path as shared_path
    from codemods.module_index import attr_key

    done: Set[int] = set()
    said = {(f.line, f.column) for f in ctx.findings}  # a place another rule already reported
    for attrs in ctx.index.attributes.values():
        for attr in attrs:
            recv = attr.value
            if isinstance(recv, cst.Name):
                key = scoped_key(ctx.index, recv.value, scope_stack(ctx.index.parents, recv))
            elif attr_key(recv) is not None:  # self.client
                key = (0, attr_key(recv))
            elif isinstance(recv, cst.Call) and isinstance(recv.func, cst.Name):  # make_client(token).threads
                key = (0, "()" + recv.func.value)
            elif shared_path(recv) is not None and (0, "@" + shared_path(recv)) in keys:  # request.app.state.nylas
                key = (0, "@" + shared_path(recv))
            elif module_key(ctx, recv) is not None:  # import app, then app.nylas; mail.make_client(token)
                key = module_key(ctx, recv)
            else:
                continue
            if key not in keys or not _is_client(ctx, recv, set(keys)):
                continue
            chain = _outer(ctx, attr)
            if id(chain) in done or not isinstance(chain, (cst.Call, cst.Subscript, cst.Attribute)) or (
                    ctx.line_col(chain) in said):
                continue
            done.add(id(chain))
            short = _short(ctx, chain, isinstance(recv, cst.Call))
            if keys[key].startswith("the `# nylas-upgrade: client` hint") and hinted is not None:
                why = f" ({reasons.get(key) or held_hint})" if reasons.get(key) or held_hint else ""
                ctx.report(chain, hinted, f"{short}: the v2 client named by {keys[key]}{why}; {hinted.message}")
                continue
            why = f" ({reasons[key]})" if reasons.get(key) else ""
            ctx.report(chain, rule, f"{short}: the v2 client built at {keys[key]}{why}; {rule.message}")


def report_alongside(ctx, sdk) -> None:
    """A module that builds clients of its own and also uses one built elsewhere: its own are decided here,
    the imported one is not rewritten here (the project pass holds it on v2); its uses are reported."""
    from codemods.analysis.hints import report_unmatched
    from codemods.analysis.plan import module_plan

    report_unmatched(ctx, sdk)

    plan = module_plan(ctx.options, ctx.path)
    if plan is not None and plan.imported:
        clients, factories, contexts, shared = _planned(plan, False)
        reasons = {p.origin: p.reason for _, _, p in plan.imported if not p.migrate}
        params = _param_keys(ctx, plan, False)
        if params:
            keys = {**_keys(ctx, clients, factories, contexts, shared), **params}
            _report(ctx, sdk, keys, {k: reasons.get(where, "") for k, where in keys.items()})
            return
    else:
        clients, factories, contexts = origins(ctx)
        reasons, shared = {}, None
    unplanned_hints(ctx, sdk, plan)
    keys = _keys(ctx, clients, factories, contexts, shared)
    if keys:
        alongside = "this module also builds its own APIClient, so the tool leaves this one to be moved by hand"
        _report(ctx, sdk, keys, {k: reasons.get(where) or alongside for k, where in keys.items()})


def held_keys(ctx) -> set:
    """Keys of the clients from other modules (names, parameters, attributes) that the project pass keeps on v2."""
    from codemods.analysis.plan import module_plan

    plan = module_plan(ctx.options, ctx.path)
    if plan is None or not plan.imported:
        return set()
    return set(_keys(ctx, *_planned(plan, False))) | set(_param_keys(ctx, plan, False))
