"""One traversal of the module that records everything the URL analysis asks about.

Each libcst Python-level traversal costs about as much as parsing the file, so
the parent links, the URL-building expressions, the names each scope binds,
and the calls and `.json()` reads by name are all gathered in this single pass
(instead of a ParentNodeProvider pass, a scope pass, and a visitor per URL),
and that pass is the code generation that also yields the positions (module_scan.py).
Scopes are functions (id of the FunctionDef) and the module (0); class bodies
count as the module, since their names are read as `self.X`.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from codemods.urls_shapes import is_string_builder, leftmost_of_addition, name_key

_SELF = ("self", "cls")
ScopeKey = Tuple[int, str]


def dotted_name(expr) -> Optional[str]:
    """`settings.NYLAS_URL` for a chain of names and attributes, else None."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        inner = dotted_name(expr.value)
        return f"{inner}.{expr.attr.value}" if inner else None
    return None


def attr_key(expr: cst.BaseExpression):
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value in _SELF:
        return "." + expr.attr.value
    return None


class ModuleIndex(cst.CSTVisitor):
    def __init__(self) -> None:
        self.parents = None  # module_scan.Parents, set by build_index
        # URL-building expressions (see urls.py)
        self.roots: List[cst.BaseExpression] = []
        self.name_additions: List[cst.BinaryOperation] = []
        self.assigned: Dict[int, str] = {}  # id(value) -> plain name of `name = value`
        self._chain_lefts: Set[int] = set()
        self._builder_memo: Dict[int, bool] = {}
        self._depth = 0
        # scopes (see bindings.py)
        self.stack: List[int] = [0]
        self.locals: Dict[int, Set[str]] = {0: set()}
        self.pairs: List[Tuple[ScopeKey, cst.BaseExpression, Tuple[int, ...]]] = []
        # by-name lookups (see http_calls.py and forwarding.py)
        self.name_arg_calls: Dict[ScopeKey, List[cst.Call]] = defaultdict(list)
        self.assignments: Dict[ScopeKey, List[cst.BaseExpression]] = defaultdict(list)
        self.json_reads: Dict[str, List[Tuple[cst.Call, Tuple[int, ...]]]] = defaultdict(list)
        self.calls_by_name: Dict[str, List[Tuple[cst.Call, bool]]] = defaultdict(list)
        # for the SDK fixers: everything they used to walk the module again for
        self.calls: List[cst.Call] = []
        self.imports: List[cst.CSTNode] = []
        self.functions: List[cst.FunctionDef] = []
        self.names: Dict[str, List[cst.Name]] = defaultdict(list)
        self.attributes: Dict[str, List[cst.Attribute]] = defaultdict(list)
        self.blocks: List[cst.IndentedBlock] = []  # every indented block, in visit order
        self.key_reads: List[cst.CSTNode] = []  # `x[...]` and `x.get(...)`, in visit order (fields_tracking)

    # -- traversal bookkeeping -----------------------------------------------------------------
    # on_visit/on_leave run for every node of every candidate file: they test the node's type against
    # sets (an isinstance test on libcst's abstract classes costs ten times more) and find visit_/leave_
    # methods in a per-type table instead of CSTVisitor's getattr by formatted name.
    def on_visit(self, node: cst.CSTNode) -> bool:
        kind = type(node)
        if kind in _MAY_BUILD_STRINGS:  # is_string_builder is False, and the `+` test fails, for any other type
            if is_string_builder(node, self._builder_memo):
                if self._depth == 0:
                    self.roots.append(node)
                self._depth += 1
            elif (
                self._depth == 0
                and isinstance(node, cst.BinaryOperation)
                and isinstance(node.operator, cst.Add)
                and id(node) not in self._chain_lefts
                and name_key(leftmost_of_addition(node)) is not None
            ):
                # `a + b + c` is ((a + b) + c): record the whole chain once, not its inner additions.
                self.name_additions.append(node)
                inner = node.left
                while isinstance(inner, cst.BinaryOperation) and isinstance(inner.operator, cst.Add):
                    self._chain_lefts.add(id(inner))
                    inner = inner.left
        method = _VISIT.get(kind, _VISIT)
        if method is _VISIT:
            method = _VISIT[kind] = _own_method(f"visit_{kind.__name__}")
        if method is not None:
            method(self, node)  # none of them returns False: every child is visited
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        kind = type(original_node)
        if kind in _MAY_BUILD_STRINGS and is_string_builder(original_node, self._builder_memo):
            self._depth -= 1
        method = _LEAVE.get(kind, _LEAVE)
        if method is _LEAVE:
            method = _LEAVE[kind] = _own_method(f"leave_{kind.__name__}")
        if method is not None:
            method(self, original_node)

    # -- scopes and bindings -------------------------------------------------------------------
    def _local(self, name: str) -> None:
        self.locals[self.stack[-1]].add(name)

    def _target(self, target: cst.BaseExpression, value) -> None:
        if isinstance(target, cst.Name):
            self._local(target.value)
            if value is not None:
                self.pairs.append(((self.stack[-1], target.value), value, tuple(self.stack)))
                self.assignments[(self.stack[-1], target.value)].append(value)
                self.assigned[id(value)] = target.value
        elif attr_key(target) and value is not None:
            self.pairs.append(((0, attr_key(target)), value, tuple(self.stack)))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._target(element.value, None)

    def visit_Import(self, node: cst.Import) -> None:
        self.imports.append(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.imports.append(node)

    def visit_Name(self, node: cst.Name) -> None:
        self.names[node.value].append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attributes[node.attr.value].append(node)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.blocks.append(node)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self.key_reads.append(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)
        outer = tuple(self.stack)
        self.stack.append(id(node))
        self.locals[id(node)] = set()
        params = node.params
        for p in list(params.posonly_params) + list(params.params) + list(params.kwonly_params):
            self._local(p.name.value)
            if p.default is not None:
                self.pairs.append(((id(node), p.name.value), p.default, outer))
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                self._local(star.name.value)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            self._target(t.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._target(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._target(node.target, None)
        if isinstance(node.target, cst.Name):  # x += "...": x is no longer a plain base
            self.pairs.append(((self.stack[-1], node.target.value), node, tuple(self.stack)))

    def visit_For(self, node: cst.For) -> None:
        self._target(node.target, None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._target(node.asname.name, None)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        name = node.asname.name if node.asname else node.name
        if isinstance(name, cst.Name):
            self._local(name.value)

    # -- calls -----------------------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)
        scope = self.stack[-1]
        for arg in node.args:
            if isinstance(arg.value, cst.Name):
                self.name_arg_calls[(scope, arg.value.value)].append(node)
        f = node.func
        if isinstance(f, cst.Name):
            self.calls_by_name[f.value].append((node, False))
        elif isinstance(f, cst.Attribute):
            if f.attr.value == "get":
                self.key_reads.append(node)
            if isinstance(f.value, cst.Name):
                self.calls_by_name[f.attr.value].append((node, True))
                if f.attr.value == "json":
                    self.json_reads[f.value.value].append((node, tuple(self.stack)))


# The only node types is_string_builder can answer True for, and the only one a `+` chain can be.
_MAY_BUILD_STRINGS = frozenset({cst.SimpleString, cst.FormattedString, cst.ConcatenatedString, cst.Call,
                                cst.BinaryOperation})
_VISIT: Dict[type, object] = {}
_LEAVE: Dict[type, object] = {}


def _own_method(name: str):
    """ModuleIndex's own visit_/leave_ function called `name`, or None where CSTVisitor has only its no-op."""
    mine = getattr(ModuleIndex, name, None)
    return None if mine is None or mine is getattr(cst.CSTVisitor, name, None) else mine


def _node_types_with(prefix: str) -> frozenset:
    """The node types ModuleIndex has its own `<prefix><Type>` method for."""
    return frozenset(getattr(cst, name[len(prefix):]) for name in dir(ModuleIndex)
                     if name.startswith(prefix) and _own_method(name) is not None)


# The scan calls on_visit/on_leave only for these types (module_scan._ScanState): for any other node both
# only look the type up and find nothing to do.
ModuleIndex.VISITS = _MAY_BUILD_STRINGS | _node_types_with("visit_")
ModuleIndex.LEAVES = _MAY_BUILD_STRINGS | _node_types_with("leave_")


def scoped_key(index: "ModuleIndex", name: str, stack) -> ScopeKey:
    """Which binding a read of `name` sees from the scopes in `stack` (outermost first): the innermost
    function that has it as a local, else the module."""
    for scope in reversed(stack):
        if scope and name in index.locals.get(scope, ()):
            return (scope, name)
    return (0, name)


def scope_stack(parents, node: cst.CSTNode) -> Tuple[int, ...]:
    """The scopes around node, outermost (the module, 0) first."""
    chain = []
    cur = parents.get(node)
    while cur is not None:
        if isinstance(cur, cst.FunctionDef):
            chain.append(id(cur))
        cur = parents.get(cur)
    return tuple([0] + chain[::-1])


def build_index(module: cst.Module) -> ModuleIndex:
    """The index, the module's positions (`index.positions`) and its nodes in visit order (`index.nodes`, a Walk),
    from one code-generation pass (module_scan.py) instead of a visitor pass plus libcst's position pass."""
    from codemods.module_scan import scan

    index = ModuleIndex()
    index.positions, index.nodes, index.parents = scan(module, index)
    return index
