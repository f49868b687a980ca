"""The uses of the v2 clients of one module, read off its libcst index, as facts for decide.py.

A use is `client.<member>` on a traced client (its whole call chain is what the finding quotes). It moves
when an edit of the SDK rewrite covers it. Reading `access_token`/`api_server` is reported where it is (SDK042,
SDK004) but does not hold the client back: the rewritten Client still runs there.
"""
from __future__ import annotations

from typing import List, Tuple

import libcst as cst

from codemods.analysis.decide import Constructor, Place, Use

NOT_BLOCKING = {"access_token", "api_server"}


def _outer(ctx, node: cst.CSTNode) -> cst.CSTNode:
    """The whole chain a use starts: nylas.events.where(...).all() for nylas.events."""
    while True:
        parent = ctx.parent(node)
        if (isinstance(parent, cst.Attribute) and parent.value is node) or (
                isinstance(parent, cst.Call) and parent.func is node) or (
                isinstance(parent, cst.Subscript) and parent.value is node):
            node = parent
            continue
        return node


def _code(ctx, node: cst.CSTNode) -> str:
    """The node's code up to whitespace (all _short keeps of it): its text in the file, which ctx.span finds
    from the scan's positions, instead of rendering the node again (code_for_node) for every use."""
    from codemods.context import SpanMismatch

    try:
        start, end = ctx.span(node)
    except SpanMismatch:
        return ctx.module.code_for_node(node)
    return ctx.text[start:end]


def _short(ctx, node: cst.CSTNode, root_call: bool = False) -> str:
    """root_call: the chain starts with a call that is the client (mail.make_client(t).account.email_address)."""
    code = " ".join(_code(ctx, node).split())
    head = code.split("(", 1)[0]
    if "(" in code and ("." not in head or root_call) and "." in code:  # a call at the root: make_client(...).x
        out, depth = [], 0
        for char in code:
            if char == "(":
                depth += 1
                out.append("(..." if depth == 1 else "")
            elif char == ")":
                depth -= 1
                out.append(")" if depth == 0 else "")
            elif depth == 0:
                out.append(char)
        if depth == 0:
            return "".join(out)
    if isinstance(node, cst.Call) or "(" in code:
        return head + "(...)" if "(" in code else code
    return code if len(code) <= 60 else code[:57] + "..."


def client_uses(ctx, clients, is_client) -> List[Tuple[cst.CSTNode, cst.CSTNode]]:
    """(the `client.member` attribute, the chain it starts) for every use of a traced client here."""
    out = []
    for name, attrs in ctx.index.attributes.items():
        if name in NOT_BLOCKING:
            continue
        for attr in attrs:
            if is_client(ctx, attr.value, clients):
                out.append((attr, _outer(ctx, attr)))
    out.sort(key=lambda pair: ctx.line_col(pair[0]))
    return out


def _covered(ctx, node: cst.CSTNode) -> bool:
    start, end = ctx.span(node)
    return any(e.start <= start and end <= e.end for e in ctx.edits)


def uses_as_facts(ctx, clients, is_client) -> Tuple[Use, ...]:
    facts = []
    for attr, chain in client_uses(ctx, clients, is_client):
        target = ctx.parent(attr)  # `client.x = ...` assigns on the client: it moves with the constructor
        if isinstance(target, cst.AssignTarget):
            continue
        what = _short(ctx, chain, isinstance(attr.value, cst.Call))
        facts.append(Use(Place(ctx.path, ctx.line_col(chain)[0], what), moves=_covered(ctx, attr)))
    return tuple(facts)


def constructor_facts(ctx, ctors, readable) -> Tuple[Constructor, ...]:
    return tuple(Constructor(Place(ctx.path, ctx.line_col(c)[0], _short(ctx, c)), id(c) in readable) for c in ctors)


def local_factory_keys(ctx, ctors) -> set:
    """Scoped keys of names bound to a call of a function of this module that returns a client
    (`def load_nylas(): return APIClient(...)` then `nylas = load_nylas()`): shape 2 within one module."""
    ctor_ids = {id(c) for c in ctors}
    bound = {key for key, value, _ in ctx.index.pairs if id(value) in ctor_ids}
    factories = set()
    for func in ctx.index.functions:
        for stmt in _returns(ctx, func):
            value = stmt.value
            if value is None:
                continue
            if id(value) in ctor_ids or (isinstance(value, cst.Name) and (id(func), value.value) in bound):
                factories.add(func.name.value)
    grew = bool(factories)
    while grew:  # `client = create_client()` then `return client`: a factory of a factory
        grew = False
        made = {key for key, value, _ in ctx.index.pairs if _calls(value, factories)}
        for func in ctx.index.functions:
            if func.name.value in factories:
                continue
            for stmt in _returns(ctx, func):
                value = stmt.value
                if value is not None and (_calls(value, factories) or (
                        isinstance(value, cst.Name) and (id(func), value.value) in made)):
                    factories.add(func.name.value)
                    grew = True
                    break
    if not factories:
        return set()
    return {key for key, value, _ in ctx.index.pairs
            if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in factories} | {
        (0, "()" + name) for name in factories}  # load_nylas().threads.all(): the call is the client


def _calls(value, factories) -> bool:
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in factories


def _returns(ctx, func):
    """The return statements of func's own body (not of functions nested in it). Replayed over the index's
    recorded nodes (ctx.walk): `func.visit` would rebuild every node of the function, for each function."""
    out = []

    class Returns(cst.CSTVisitor):
        def visit_Return(self, node):
            out.append(node)

        def visit_FunctionDef(self, node):
            return node is func

        def visit_ClassDef(self, node):
            return False

    ctx.walk(Returns(), func)
    return out
