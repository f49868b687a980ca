"""Where a value comes from: Nylas, the app's own classes, or unknown (issue 13, class 1).

A field is renamed or reported only on a value whose origin is traced to Nylas, never because its name
matches: `rec.first_message_timestamp` on `rec = SyncedThread.query.first()` is an ORM column, and
`obj.account_id` on a Django model is the app's own field. `Origins.of(expr)` answers:

- NYLAS: a reply traced to a Nylas URL (the `.json()` reads fields_replies sees through observe()), a webhook
  body read in a function that checks `X-Nylas-Signature` (`request.get_json()`, `request.json`,
  `json.loads(request.body)`), an item or key of one (`body["deltas"][0]`, `for d in body["deltas"]`), a name
  every binding of which is one, and a parameter of a module function every in-module call passes one to.
- OTHER: built from a class of the app (`X.query...`, `X.objects...`, `Column(...)`, `Model(...)` of a class
  defined here or imported from anywhere but nylas), annotated with one (`rec: SyncedThread`), `self`/`cls`.
- None: anything else (a parameter nobody in the module calls with a traced value, a global, ...).

A parameter that the data-flow pass found filled with Nylas data by call sites in other modules (data_apply.py:
a Celery task fed the deltas of a webhook view) is NYLAS too; `received` narrows that set (nylas_data.py asks
with and without the held ones).

Models returned by SDK calls are traced where the calls are rewritten (fixers/fields_models.py).
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

import libcst as cst

from codemods.module_index import dotted_name, scope_stack, scoped_key

NYLAS, OTHER = "nylas", "other"
_NEUTRAL = "neutral"  # a binding that says nothing either way (a `dict`/`Any` annotation)
_ORM_ATTRS = {"query", "objects"}  # SQLAlchemy's Model.query, Django's Model.objects
_ORM_CALLS = {"Column", "get_object_or_404", "select", "mapped_column", "relationship", "Field"}
_GENERIC_TYPES = {"dict", "Dict", "Any", "Mapping", "MutableMapping", "Optional", "Union", "list", "List", "object",
                  "JSON", "Json", "str", "Sequence", "Iterable", "TypedDict"}
_BODY_CALLS = {"get_json", "json", "get_data"}  # request.get_json(), await request.json(), request.get_data()
_BODY_ATTRS = {"json", "data", "body", "get_json"}
_SIGNATURE_WORDS = ("x-nylas-signature", "http_x_nylas_signature")


class _Bindings(cst.CSTVisitor):
    """Every binding of every name: (scoped key) -> [(kind, node)], kind one of value, element, annotation,
    param, unknown."""

    def __init__(self, index):
        self.index = index
        self.found: Dict[Tuple[int, str], List[Tuple[str, object]]] = {}
        self.classes: set = set()
        self.signature_nodes: List[cst.CSTNode] = []

    def _add(self, name_node: cst.CSTNode, kind: str, value, scope_node: Optional[cst.CSTNode] = None,
             statement: Optional[cst.CSTNode] = None) -> None:
        if isinstance(name_node, cst.Name):
            stack = scope_stack(self.index.parents, scope_node or name_node)
            key = scoped_key(self.index, name_node.value, stack)
            self.found.setdefault(key, []).append((kind, value, statement))
        elif isinstance(name_node, (cst.Tuple, cst.List)):
            for element in name_node.elements:
                self._add(element.value, "unknown", None, scope_node)
        elif isinstance(name_node, cst.StarredElement):
            self._add(name_node.value, "unknown", None, scope_node)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._add(target.target, "value", node.value, statement=node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._add(node.target, "annotation", node.annotation.annotation, statement=node)
        if node.value is not None:
            self._add(node.target, "value", node.value, statement=node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._add(node.target, "unknown", None)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._add(node.target, "value", node.value)

    def visit_For(self, node: cst.For) -> None:
        self._add(node.target, "element", node.iter)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._add(node.target, "element", node.iter)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._add(node.asname.name, "unknown", None)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._add(node.name.name, "unknown", None)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        name = node.asname.name if node.asname else node.name
        if isinstance(name, cst.Name):
            self._add(name, "unknown", None)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.add(node.name.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = node.params
        ordered = list(params.posonly_params) + list(params.params)
        for position, p in enumerate(ordered):
            self._add(p.name, "param", (node, position, p), scope_node=node.body)
        for p in params.kwonly_params:
            self._add(p.name, "param", (node, None, p), scope_node=node.body)
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                self._add(star.name, "unknown", None, scope_node=node.body)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        lowered = node.value.lower()
        if any(word in lowered for word in _SIGNATURE_WORDS):
            self.signature_nodes.append(node)


class Origins:
    def __init__(self, ctx, seeds: Iterable[cst.CSTNode] = (), received=None):
        self.ctx = ctx
        if received is None:
            from codemods.analysis.data_apply import received as received_here

            received = received_here(ctx)
        self.received = received  # (id(function), param) of parameters given Nylas data in other modules
        self.index = ctx.index
        self.seeds = {id(node) for node in seeds}
        visitor = _Bindings(self.index)
        ctx.walk(visitor)
        self.bindings = visitor.found
        self.classes = visitor.classes
        self.handlers = set()  # ids of functions that read X-Nylas-Signature: their request bodies are Nylas's
        for node in visitor.signature_nodes:
            cur = ctx.parent(node)
            while cur is not None:
                if isinstance(cur, cst.FunctionDef):
                    self.handlers.add(id(cur))
                cur = ctx.parent(cur)
        self.nylas_imports = set()  # names imported from nylas (their classes are the SDK's, not the app's)
        for stmt in self.index.imports:
            if isinstance(stmt, cst.ImportFrom) and not stmt.relative and (dotted_name(stmt.module) or "").split(
                    ".")[0] in ("nylas", "nylas_legacy") and not isinstance(stmt.names, cst.ImportStar):
                for alias in stmt.names:
                    name = alias.asname.name if alias.asname else alias.name
                    if isinstance(name, cst.Name):
                        self.nylas_imports.add(name.value)
        self._memo: Dict[object, Optional[str]] = {}

    # -- expressions ------------------------------------------------------------------------------------
    def of(self, expr: cst.BaseExpression) -> Optional[str]:
        key = id(expr)
        if key in self._memo:
            return self._memo[key]
        self._memo[key] = None  # a cycle through this expression says nothing
        found = self._of(expr)
        self._memo[key] = found
        return found

    def _of(self, expr: cst.BaseExpression) -> Optional[str]:
        if id(expr) in self.seeds:
            return NYLAS
        if isinstance(expr, cst.Await):
            return self.of(expr.expression)
        if isinstance(expr, cst.Subscript):
            return self.of(expr.value)
        if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or) and isinstance(
                expr.right, (cst.List, cst.Dict, cst.Tuple)) and not expr.right.elements:
            return self.of(expr.left)
        if isinstance(expr, cst.IfExp):
            body, orelse = self.of(expr.body), self.of(expr.orelse)
            return body if body == orelse else OTHER if OTHER in (body, orelse) else None
        if isinstance(expr, cst.Name):
            return self._name(expr)
        if self._is_orm(expr):
            return OTHER
        if self._is_webhook_body(expr):
            return NYLAS
        if isinstance(expr, cst.Call):
            f = expr.func
            if isinstance(f, cst.Attribute) and f.attr.value in ("get", "pop", "copy"):
                return self.of(f.value)  # a key of a reply (or of the app's object) is of the same origin
            if dotted_name(f) in ("json.loads", "loads", "ujson.loads", "orjson.loads") and expr.args:
                return self.of(expr.args[0].value)
            if isinstance(f, cst.Name) and f.value[:1].isupper() and f.value not in self.nylas_imports \
                    and f.value not in ("Dict", "List"):
                return OTHER  # an instance of a class of the app (or of a library that is not Nylas)
        return None

    def _is_orm(self, expr: cst.BaseExpression) -> bool:
        """`X.query...`, `X.objects...`, `session.query(...)`, `Column(...)`: the app's ORM."""
        node = expr
        while True:
            if isinstance(node, cst.Call):
                name = dotted_name(node.func) or ""
                if name.split(".")[-1] in _ORM_CALLS:
                    return True
                node = node.func
            elif isinstance(node, cst.Attribute):
                if node.attr.value in _ORM_ATTRS:
                    return True
                node = node.value
            elif isinstance(node, cst.Subscript):
                node = node.value
            elif isinstance(node, cst.Await):
                node = node.expression
            else:
                return False

    def _is_webhook_body(self, expr: cst.BaseExpression) -> bool:
        """`request.get_json()`, `request.json`, `await request.json()`, `request.body` in a function that reads
        X-Nylas-Signature."""
        node = expr.func if isinstance(expr, cst.Call) else expr
        if not isinstance(node, cst.Attribute) or not isinstance(node.value, cst.Name):
            return False
        if isinstance(expr, cst.Call) and node.attr.value not in _BODY_CALLS:
            return False
        if not isinstance(expr, cst.Call) and node.attr.value not in _BODY_ATTRS:
            return False
        if node.value.value not in ("request", "req"):
            return False
        cur = self.ctx.parent(expr)
        while cur is not None:
            if isinstance(cur, cst.FunctionDef) and id(cur) in self.handlers:
                return True
            cur = self.ctx.parent(cur)
        return False

    # -- names ------------------------------------------------------------------------------------------
    def _name(self, node: cst.Name) -> Optional[str]:
        if node.value in ("self", "cls"):
            return OTHER
        key = scoped_key(self.index, node.value, scope_stack(self.index.parents, node))
        # `x: AppType = {... x["k"] ...}`: a read inside the statement that rebinds x sees the earlier binding
        around = self._assignment_around(node)
        return self.of_key(key, exclude=around)

    def _assignment_around(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        cur = self.ctx.parent(node)
        while cur is not None and not isinstance(cur, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            cur = self.ctx.parent(cur)
        return cur if isinstance(cur, (cst.Assign, cst.AnnAssign)) else None

    def of_key(self, key, exclude: Optional[cst.CSTNode] = None) -> Optional[str]:
        memo_key = ("key",) + tuple(key) + (id(exclude),)
        if memo_key in self._memo:
            return self._memo[memo_key]
        self._memo[memo_key] = None
        bindings = [(kind, value) for kind, value, statement in self.bindings.get(key, ())
                    if exclude is None or statement is not exclude]
        found = self._combine([self._binding(kind, value) for kind, value in bindings])
        self._memo[memo_key] = found
        return found

    @staticmethod
    def _combine(origins: List[Optional[str]]) -> Optional[str]:
        origins = [o for o in origins if o != _NEUTRAL]
        if OTHER in origins:
            return OTHER
        if origins and all(o == NYLAS for o in origins):
            return NYLAS
        return None

    def _binding(self, kind: str, value) -> Optional[str]:
        if kind in ("value", "element"):
            return self.of(value)
        if kind == "annotation":
            return self._annotation(value)
        if kind == "param":
            return self._param(*value)
        return None

    def _annotation(self, annotation: cst.BaseExpression) -> str:
        """An annotation naming a class of the app says the value is the app's; `dict`, `Any`, nylas's: nothing."""
        names = set()
        for node in _walk_names(annotation):
            names.add(node)
        if not names or names <= _GENERIC_TYPES | self.nylas_imports | {"None", "typing", "t"}:
            return _NEUTRAL
        return OTHER

    def _param(self, function: cst.FunctionDef, position: Optional[int], param: cst.Param) -> Optional[str]:
        if (id(function), param.name.value) in self.received:
            return NYLAS  # every call site found in the project passes Nylas data (nylas_data.py)
        if param.annotation is not None:
            found = self._annotation(param.annotation.annotation)
            if found == OTHER:
                return OTHER
        if position == 0 and param.name.value in ("self", "cls"):
            return OTHER
        if function.decorators:
            return None  # a route, a task, a fixture: called by a framework with values the module does not show
        calls = [call for call, is_attr in self.index.calls_by_name.get(function.name.value, ()) if not is_attr]
        references = len(self.index.names.get(function.name.value, ()))
        if not calls or references != len(calls) + 1:
            return None  # not called here, or also passed around
        origins = []
        for call in calls:
            arg = _argument(call, position, param.name.value)
            origins.append(self.of(arg) if arg is not None else None)
        return self._combine(origins)


def _argument(call: cst.Call, position: Optional[int], name: str) -> Optional[cst.BaseExpression]:
    if any(a.star for a in call.args):
        return None
    for a in call.args:
        if a.keyword is not None and a.keyword.value == name:
            return a.value
    positional = [a.value for a in call.args if a.keyword is None]
    if position is not None and position < len(positional):
        return positional[position]
    return None


def _walk_names(node: cst.CSTNode):
    if isinstance(node, cst.Name):
        yield node.value
    elif isinstance(node, cst.Attribute):
        yield from _walk_names(node.value)
    elif isinstance(node, cst.SimpleString):
        yield node.value.strip("\"'").split("[")[0].split(".")[-1]
    else:
        for child in node.children:
            yield from _walk_names(child)
