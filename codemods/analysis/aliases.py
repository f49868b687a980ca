"""Uses of a client kept on v2 that no other rule reports where they are: a name bound to an attribute chain of the
client (`account = client.accounts`, then `account.threads.first()`), and a use the rewrite does not know
(`client.accounts` itself). Each gets the kept-client finding (SDK091, or SDK005 for an unreadable constructor) at
its own line, so a module kept on v2 lists all its v2 calls, not only the collection calls.
"""
from __future__ import annotations

import libcst as cst

from codemods.analysis.module_uses import _outer, _short, client_uses


def _chain_on_client(ctx, value, clients, is_client) -> bool:
    """`client.accounts`, `self.client.threads`: attributes only (a call's result is a model: other rules)."""
    node = value
    while isinstance(node, cst.Attribute):
        node = node.value
        if is_client(ctx, node, clients):
            return True
    return False


def alias_keys(ctx, clients, is_client) -> dict:
    """Scoped key of each name bound to an attribute chain of a client -> the value it is bound to."""
    return {key: value for key, value, _ in ctx.index.pairs
            if isinstance(value, cst.Attribute) and isinstance(key[1], str) and not key[1].startswith((".", "(", "@"))
            and _chain_on_client(ctx, value, clients, is_client)}


def report_kept(ctx, sdk, clients, is_client, kept: str, aliases_only: bool = False) -> None:
    """kept: the note of the client's module (client_held, client_kept_v2, client_imported for one built in
    another module, whose direct uses imported.py reports: aliases_only)."""
    rule = sdk.notes.get(kept)
    if rule is None:
        return
    said = {(f.line, f.column) for f in ctx.findings}
    aliases = alias_keys(ctx, clients, is_client)
    from codemods.analysis.imported import held_keys

    own = set(clients) - held_keys(ctx)  # a client from another module: its uses are SDK092 (imported.py)
    for attr, chain in () if aliases_only else client_uses(ctx, own, is_client):
        if isinstance(ctx.parent(attr), cst.AssignTarget) or ctx.line_col(chain) in said or ctx.line_col(
                attr) in said or ctx.in_import(attr) or _collection_use(ctx, attr):
            continue
        said.add(ctx.line_col(chain))
        sdk.note(chain, kept, f"{_short(ctx, chain)}: {rule.message}")
    if not aliases:
        return
    from codemods.module_index import scope_stack, scoped_key

    for attrs in ctx.index.attributes.values():
        for attr in attrs:
            recv = attr.value
            if not isinstance(recv, cst.Name):
                continue
            key = scoped_key(ctx.index, recv.value, scope_stack(ctx.index.parents, recv))
            if key not in aliases or isinstance(ctx.parent(attr), cst.AssignTarget):
                continue
            chain = _outer(ctx, attr)
            if ctx.line_col(chain) in said or (_collection(aliases[key]) and _run021_sees(ctx, recv)):
                continue
            said.add(ctx.line_col(chain))
            bound = ctx.module.code_for_node(aliases[key])
            sdk.note(chain, kept, f"{_short(ctx, chain)} ({recv.value} = {bound}, on line "
                                  f"{ctx.line_col(aliases[key])[0]}): {rule.message}")


def _collection(value) -> bool:
    from codemods.fixers.sdk_members import MODEL_COLLECTIONS, OTHER_COLLECTIONS

    return isinstance(value, cst.Attribute) and value.attr.value in MODEL_COLLECTIONS | OTHER_COLLECTIONS


def _collection_use(ctx, attr) -> bool:
    """`for m in client.messages`, `list(client.labels)`, `drafts = client.drafts`: RUN020/RUN021 report them."""
    from codemods.fixers.sdk_collection_iteration import _iterated

    if not _collection(attr):
        return False
    parent = ctx.parent(attr)
    return _iterated(ctx, attr, parent) or (isinstance(parent, cst.Assign) and parent.value is attr)


def _run021_sees(ctx, name) -> bool:
    """RUN021 reports a collection alias where it is called (`drafts.where(...)`) or iterated."""
    from codemods.fixers.sdk_collection_iteration import _iterated

    parent = ctx.parent(name)
    called = isinstance(parent, cst.Attribute) and parent.value is name and isinstance(ctx.parent(parent), cst.Call)
    return called or _iterated(ctx, name, parent)


