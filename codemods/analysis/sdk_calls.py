"""Which calls of a module are Nylas SDK calls: method chains on a traced nylas client, v5 or v6.

A client is a name bound to `APIClient(...)` / `Client(...)` imported from nylas (or `nylas.APIClient(...)`,
`nylas.Client(...)`), or a parameter annotated with either, scoped as Python scopes it (codemods.fixers.sdk
traces the same way). A call is a Nylas call when walking down its callee (`client.messages.where(...).all`)
reaches such a client. Nothing is guessed from a name: an untraced `client.messages.all()` is not one.
"""
from __future__ import annotations

from typing import List, Optional, Set, Tuple

import libcst as cst

from codemods.context import FileContext

V6_NAME = "Client"


class SdkCalls:
    def __init__(self, ctx: FileContext, rules) -> None:
        from codemods.fixers.sdk import _client_keys, _dotted, _Sdk

        self.ctx = ctx
        self.keys: Set[Tuple[int, str]] = set()
        self.on_v6 = False  # does this module end up on nylas 6 (rewritten now, or already there)?
        self.v6_written = False
        sdk_rules = [r for r in rules if r.kind.startswith("sdk_")]
        if not any(r.kind == "sdk_import" for r in sdk_rules) or not any(r.kind == "sdk_client" for r in sdk_rules):
            return
        sdk = _Sdk(ctx, sdk_rules)
        sdk.find_imports()
        if not (sdk.local_names or sdk.module_names or sdk.v3_names):
            return
        ctors = []
        for call in ctx.index.calls:
            f = call.func
            v6 = (isinstance(f, cst.Name) and f.value in sdk.v3_names) or (
                isinstance(f, cst.Attribute) and f.attr.value == V6_NAME and _dotted(f.value) in sdk.module_names)
            if v6 or sdk.is_client_ctor(call):
                ctors.append(call)
        self.keys = _client_keys(ctx, sdk, ctors)
        for node in ctx.index.functions:  # parameters annotated with the v6 class
            for p in list(node.params.params) + list(node.params.kwonly_params):
                ann = _dotted(p.annotation.annotation) if p.annotation else ""
                if ann and (ann in sdk.v3_names or ann == "nylas." + V6_NAME):
                    self.keys.add((id(node), p.name.value))
        ids = {r.id for r in sdk_rules if r.kind in ("sdk_import", "sdk_client")}
        self.on_v6 = bool(sdk.v3_names) or any(e.rule in ids for e in ctx.edits)
        # --select/--ignore may leave out the import and constructor edits: then the module stays on nylas 5 and
        # a rewrite to v6 names next to the calls would break it (the findings are still reported).
        self.v6_written = bool(sdk.v3_names) or any(e.rule in ids and ctx.options.wants(e.rule) for e in ctx.edits)

    def is_client(self, expr: cst.BaseExpression) -> bool:
        from codemods.fixers.sdk import _is_client

        return bool(self.keys) and _is_client(self.ctx, expr, self.keys)

    def is_nylas_call(self, call: cst.Call) -> bool:
        """recv.a.b(...)[.c(...)] whose receiver, walking down the callee, is a traced client."""
        cur: Optional[cst.BaseExpression] = call.func
        while cur is not None:
            if isinstance(cur, (cst.Name, cst.Attribute)) and self.is_client(cur):
                return True
            if isinstance(cur, cst.Attribute):
                cur = cur.value
            elif isinstance(cur, cst.Call):
                cur = cur.func
            elif isinstance(cur, cst.Subscript):
                cur = cur.value
            else:
                return False
        return False

    def calls_in(self, node: cst.CSTNode) -> List[cst.Call]:
        """Every call in node's subtree, functions and lambdas defined there excepted (they run later)."""
        found: List[cst.Call] = []

        class _Calls(cst.CSTVisitor):
            def visit_Call(self, call: cst.Call) -> None:
                found.append(call)

            def visit_FunctionDef(self, _node) -> bool:
                return False

            def visit_Lambda(self, _node) -> bool:
                return False

            def visit_ClassDef(self, _node) -> bool:
                return False

        self.ctx.walk(_Calls(), node)
        return found
