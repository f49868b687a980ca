"""One code-generation pass over the module that yields both libcst's positions and a visitor's walk.

libcst computes `PositionProvider` by generating the module's code with a state that notes where
each node's text starts and ends; `MetadataWrapper.resolve` adds a second, empty, traversal of the
tree before that. A visitor (`module.visit`) is a third traversal, and the costliest: it rebuilds
every node on the way back up. This pass does all three jobs in one: `before_codegen`/
`after_codegen` are called for every node in source order, so they drive the visitor's
`on_visit`/`on_leave` too, and the state records character offsets into the generated code.

The positions are exactly PositionProvider's: the same codegen, the same syntactic-position
overrides, and the same line/column arithmetic (lines split at \\r\\n, \\r or \\n within each token,
as libcst's own state does), only computed from offsets when a position is asked for. Whitespace
and comment nodes (UNRECORDED) get no position, no parent and no visit.
Code generation reaches the same nodes as a visitor, with the same parents, in the same order
(checked over the whole standard library; only the two whitespace fields of `as` swap places,
and no analysis looks at whitespace nodes).
"""
from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from typing import Dict, List, Optional, Tuple

import libcst as cst
from libcst._position import CodePosition, CodeRange  # what PositionProvider returns
from libcst._nodes.internal import CodegenState  # the hook libcst's own PositionProvider uses

_NEWLINE = re.compile(r"\r\n?|\n")  # libcst's NEWLINE_RE


# Whitespace, newlines and comments: over half of all nodes, and no analysis asks where they are, what
# their parent is, or visits them (fixers read comments as attributes: stmt.leading_lines). Their
# subtrees hold only each other, so leaving them out changes nothing for any other node.
UNRECORDED = frozenset({cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.TrailingWhitespace, cst.EmptyLine,
                        cst.Newline, cst.Comment})


def _ignore(node) -> None:
    pass


class _ScanState(CodegenState):
    __slots__ = ("offset", "spans", "narrowed", "order", "ends", "parents", "_starts", "_indexes", "_on_visit",
                 "_on_leave", "_visits", "_leaves", "popped")

    def __init__(self, module: cst.Module, visitor: Optional[cst.CSTVisitor]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.offset = 0
        # keyed by id(): CSTNode.__hash__ is a Python function, too slow to call twice per node; every
        # node of the tree is alive meanwhile, so no two of them share an id
        self.spans: Dict[int, Tuple[int, int]] = {}
        # ids of nodes whose position is narrower than the code generated for them (parentheses, leading lines)
        self.narrowed: set = set()
        self.order: List[cst.CSTNode] = []  # every node, in visit order
        self.ends: List[int] = []  # ends[i]: the index in order just past node i's subtree
        self.parents: Dict[int, cst.CSTNode] = {}  # id(node) -> its parent (the innermost node still open)
        self._starts: List[int] = []
        self._indexes: List[int] = []
        # bound once: these run for every node (of the types the visitor names, when it names them)
        self._on_visit = visitor.on_visit if visitor is not None else _ignore
        self._on_leave = visitor.on_leave if visitor is not None else _ignore
        self._visits = getattr(visitor, "VISITS", None) if visitor is not None else frozenset()
        self._leaves = getattr(visitor, "LEAVES", None) if visitor is not None else frozenset()
        self.popped = ""

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.tokens.append(token)
            self.offset += len(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self.offset += len(value)

    def pop_trailing_newline(self) -> None:
        # libcst's position state keeps counting the popped newline (positions are unchanged by it)
        if self.tokens:
            self.popped = self.tokens.pop()

    def before_codegen(self, node: cst.CSTNode) -> None:
        kind = type(node)
        if kind in UNRECORDED:
            return
        self._starts.append(self.offset)
        indexes = self._indexes
        if indexes:
            self.parents[id(node)] = self.order[indexes[-1]]
        indexes.append(len(self.order))
        self.order.append(node)
        self.ends.append(0)
        if self._visits is None or kind in self._visits:
            self._on_visit(node)

    def after_codegen(self, node: cst.CSTNode) -> None:
        kind = type(node)
        if kind in UNRECORDED:
            return
        start = self._starts.pop()
        self.ends[self._indexes.pop()] = len(self.order)
        key = id(node)
        recorded = self.spans.get(key)
        if recorded is None:
            self.spans[key] = (start, self.offset)
        elif recorded != (start, self.offset):  # a syntactic position recorded inside _codegen_impl wins
            self.narrowed.add(key)
        if self._leaves is None or kind in self._leaves:
            self._on_leave(node)

    def record_syntactic_position(self, node, *, start_node=None, end_node=None) -> "_Syntactic":
        # A class, not @contextmanager: this runs for most nodes, and a generator-based context
        # manager costs several times more per `with`.
        return _Syntactic(self, node, start_node, end_node)


class _Syntactic:
    """The span of the code generated inside `with`, or hoisted from start_node/end_node (as libcst does)."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: _ScanState, node, start_node, end_node) -> None:
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self) -> None:
        self.start = self.state.offset

    def __exit__(self, *exc) -> None:
        spans = self.state.spans
        start = spans[id(self.start_node)][0] if self.start_node is not None else self.start
        end = spans[id(self.end_node)][1] if self.end_node is not None else self.state.offset
        spans[id(self.node)] = (start, end)


class Positions:
    """node → CodeRange, as `MetadataWrapper.resolve(PositionProvider)` gives it, built on demand."""

    def __init__(self, spans: Dict[int, Tuple[int, int]], tokens: List[str], popped: str, narrowed=frozenset()) -> None:
        self._spans = spans
        self._narrowed = narrowed
        self.code = "".join(tokens)
        if "\r" in self.code or "\r" in popped:  # a \r\n split across two tokens counts as two breaks
            starts, offset = [0], 0
            for token in tokens + [popped]:
                starts.extend(offset + m.end() for m in _NEWLINE.finditer(token))
                offset += len(token)
        else:
            starts = [0] + [m.end() for m in _NEWLINE.finditer(self.code + popped)]
        self._line_starts = starts

    def _position(self, offset: int) -> CodePosition:
        line = bisect_right(self._line_starts, offset)
        return CodePosition(line, offset - self._line_starts[line - 1])

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        start, end = self._spans[id(node)]
        return CodeRange(self._position(start), self._position(end))

    def __contains__(self, node: cst.CSTNode) -> bool:
        return id(node) in self._spans

    def whole_offsets(self, node: cst.CSTNode) -> Optional[Tuple[int, int]]:
        """Offsets into `code` of the node, when its position spans all the code generated for it (no
        parentheses or leading lines left out); else None."""
        key = id(node)
        return None if key in self._narrowed else self._spans[key]


class Parents:
    """node -> its parent node, for every recorded node but the module. Keyed by id(): CSTNode.__hash__ is a
    Python function, and this is filled once per node of every candidate file."""

    __slots__ = ("_by_id", "_order")

    def __init__(self, by_id: Dict[int, cst.CSTNode], order: List[cst.CSTNode]) -> None:
        self._by_id, self._order = by_id, order

    def get(self, node: cst.CSTNode, default=None):
        return self._by_id.get(id(node), default)

    def __getitem__(self, node: cst.CSTNode) -> cst.CSTNode:
        return self._by_id[id(node)]

    def __contains__(self, node: cst.CSTNode) -> bool:
        return id(node) in self._by_id

    def __iter__(self):
        """Every node that has a parent (all but the module), in visit order."""
        return iter(self._order[1:])

    def __len__(self) -> int:
        return len(self._by_id)


class Walk:
    """The nodes of a module in visit order, and where each one's subtree ends, for replay()."""

    def __init__(self, order: List[cst.CSTNode], ends: List[int]) -> None:
        self.order, self.ends = order, ends
        self._where: Optional[Dict[int, int]] = None

    def where(self, node: cst.CSTNode) -> int:
        if self._where is None:
            self._where = {id(n): i for i, n in enumerate(self.order)}
        return self._where[id(node)]


def scan(module: cst.Module, visitor: Optional[cst.CSTVisitor] = None) -> Tuple[Positions, Walk, Parents]:
    """Generate the module's code once: its positions, its nodes in visit order, their parents, and `visitor`
    walked."""
    state = _ScanState(module, visitor)
    module._codegen(state)
    return (Positions(state.spans, state.tokens, state.popped, state.narrowed), Walk(state.order, state.ends),
            Parents(state.parents, state.order))


def replay(walk: Walk, visitor: cst.CSTVisitor, node: Optional[cst.CSTNode] = None) -> None:
    """Call a visitor's visit_<Node> methods over the recorded nodes (of `node`'s subtree, or all), as
    `node.visit(visitor)` would: a visit_ method that returns False skips that node's children.

    For visitors that only look (visit_<Node> methods; no leave_, on_visit/on_leave or visit_<Node>_<field>
    methods, and no interest in whitespace or comments, which are not recorded): the walk costs a dictionary
    lookup per node instead of a rebuild of the tree.
    """
    if type(visitor).on_visit is not cst.CSTVisitor.on_visit or type(visitor).on_leave is not cst.CSTVisitor.on_leave:
        raise TypeError("replay() calls visit_<Node> methods only, not an on_visit/on_leave of the visitor's own")
    order, ends = walk.order, walk.ends
    i = 0 if node is None else walk.where(node)
    stop = len(order) if node is None else ends[i]
    functions = _functions_of(type(visitor))  # node type -> the class's visit_ function, or None
    while i < stop:
        current = order[i]
        kind = type(current)
        function = functions.get(kind, functions)
        if function is functions:
            function = functions[kind] = _own(type(visitor), f"visit_{kind.__name__}")
            if _own(type(visitor), f"leave_{kind.__name__}") is not None:
                raise TypeError(f"replay() cannot call leave_{kind.__name__}")
        if function is not None and function(visitor, current) is False:
            i = ends[i]
        else:
            i += 1


# Weak keys: a visitor class defined inside a function (a new class per call) is freed with its last visitor.
_FUNCTIONS: "weakref.WeakKeyDictionary[type, Dict[type, object]]" = weakref.WeakKeyDictionary()


def _functions_of(visitor_class: type) -> Dict[type, object]:
    """One table per visitor class, kept for the process: every file's replay of it asks the same questions."""
    table = _FUNCTIONS.get(visitor_class)
    if table is None:
        table = _FUNCTIONS[visitor_class] = {}
    return table


def _own(visitor_class: type, name: str):
    """The visitor class's function `name`, unless it is CSTVisitor's do-nothing default."""
    mine = getattr(visitor_class, name, None)
    return None if mine is None or mine is getattr(cst.CSTVisitor, name, None) else mine
