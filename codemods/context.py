"""What a fixer sees of one file: the parsed module, offsets into the original text, and a place to put results.

Fixers never regenerate the module. They ask for the source span of a node and
propose an Edit on that span; the engine splices edits into the original text.
`span()` checks that the text at the span is exactly libcst's rendering of the
node, so a position bug can never turn into a corrupted file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper

from codemods.options import Options  # noqa: F401 - re-exported for fixers
from codemods.results import Edit, Finding
from codemods.rules import Rule, RuleSet

_NEWLINE = re.compile(r"\r\n|\r|\n")


def _same_but_indented(source: str, rendered: str) -> bool:
    """libcst renders a nested multi-line node without its block's indentation: the source must be that
    rendering with one common whitespace prefix before each of its later lines (blank lines excepted)."""
    src, ren = source.splitlines(keepends=True), rendered.splitlines(keepends=True)
    if len(src) != len(ren) or len(src) < 2 or src[0] != ren[0]:
        return False
    prefix = None
    for s, r in zip(src[1:], ren[1:]):
        if r.strip() == "" and s.strip() == "":
            continue
        if not s.endswith(r):
            return False
        head = s[: len(s) - len(r)]
        if head.strip() or (prefix is not None and head != prefix):
            return False
        prefix = head
    return True


def _leaf_code(node: cst.CSTNode) -> Optional[str]:
    """What code_for_node gives for the commonest spans (strings, names, f-string text) without building a
    codegen state: their code is their value (libcst emits exactly that token, inside any parentheses)."""
    kind = type(node)
    if kind is cst.FormattedStringText:
        return node.value
    if (kind is cst.SimpleString or kind is cst.Name) and not node.lpar and not node.rpar:
        return node.value
    return None


class SpanMismatch(Exception):
    """libcst's position for a node does not point at that node's text."""


@dataclass
class FileContext:
    path: str
    text: str
    module: cst.Module
    rules: RuleSet
    options: Options
    edits: List[Edit] = field(default_factory=list)
    findings: List[Finding] = field(default_factory=list)
    # What module fixers asked the URL sites to note for them (fixer name -> its notes): see fixers.run
    traced: Dict[str, object] = field(default_factory=dict)
    _wrapper: Optional[MetadataWrapper] = None
    _positions: Optional[dict] = None
    _index: Optional[object] = None
    _line_starts: Optional[List[int]] = None
    _code_is_text: Optional[bool] = None  # does the scan's generated code equal the text (libcst round-trips)?
    _ast_tree: object = None  # the module's `ast` tree (False: it does not parse), see ast_tree
    # What analyses found once per file and read again (e.g. the project modules it imports): name -> value
    memo: Dict[str, object] = field(default_factory=dict)

    # -- metadata, computed once and only when a fixer asks -----------------------------------
    @property
    def wrapper(self) -> MetadataWrapper:
        if self._wrapper is None:
            self._wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        return self._wrapper

    @property
    def positions(self):
        """node → CodeRange, exactly PositionProvider's, computed in the same pass as the index."""
        if self._positions is None:
            self._positions = self.index.positions
        return self._positions

    @property
    def index(self):
        """The single-pass index of the module (parents, URL roots, scopes, calls): see module_index.py."""
        if self._index is None:
            from codemods.module_index import build_index

            self._index = build_index(self.module)
        return self._index

    @property
    def ast_tree(self):
        """The module's `ast` tree, parsed once for every analysis of it that reads one (imports, module
        attributes, the clients it builds) and for verifying the rewrite; None when CPython cannot parse it."""
        if self._ast_tree is None:
            import ast

            try:
                self._ast_tree = ast.parse(self.text)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                self._ast_tree = False
        return self._ast_tree or None

    def walk(self, visitor: cst.CSTVisitor, node: Optional[cst.CSTNode] = None) -> None:
        """`(node or self.module).visit(visitor)` for a visitor with only visit_ methods, without a tree
        traversal: its methods are called over the nodes the index recorded, in the same order
        (module_scan.replay)."""
        from codemods.module_scan import replay

        replay(self.index.nodes, visitor, node)

    def parent(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        return self.index.parents.get(node)

    def in_import(self, node: cst.CSTNode) -> bool:
        """Is the node part of an import statement (a name it imports, or the module it imports from)?"""
        cur = self.parent(node)
        while cur is not None and not isinstance(cur, cst.BaseStatement):
            if isinstance(cur, (cst.Import, cst.ImportFrom)):
                return True
            cur = self.parent(cur)
        return False

    def line_col(self, node: cst.CSTNode) -> Tuple[int, int]:
        """1-based line and column of the node's start."""
        pos = self.positions[node].start
        return pos.line, pos.column + 1

    def span(self, node: cst.CSTNode) -> Tuple[int, int]:
        """Offsets of the node in self.text; raises SpanMismatch unless the text there is the node's code."""
        if self._code_is_text is None:
            self._code_is_text = self.positions.code == self.text
        if self._code_is_text:
            # The scan generated exactly this text, and the node's position covers every token generated for
            # it, so the text there is the node's code (indented as its block is): no need to render it again.
            offsets = self.positions.whole_offsets(node)
            if offsets is not None and offsets[1] <= len(self.text):  # not past a popped final newline
                return offsets
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        rng = self.positions[node]
        start = self._line_starts[rng.start.line - 1] + rng.start.column
        end = self._line_starts[rng.end.line - 1] + rng.end.column
        source, rendered = self.text[start:end], _leaf_code(node)
        if rendered is None:
            rendered = self.module.code_for_node(node)
        if source != rendered and not _same_but_indented(source, rendered):
            raise SpanMismatch(f"{self.path}: position of {type(node).__name__} does not match its text")
        return start, end

    # -- results ------------------------------------------------------------------------------
    def rule(self, rule_id: str) -> Optional[Rule]:
        return self._by_id.get(rule_id)

    @property
    def _by_id(self) -> Dict[str, Rule]:
        cache = self.__dict__.get("_by_id_cache")
        if cache is None:
            cache = self.__dict__["_by_id_cache"] = self.rules.by_id()
        return cache

    def note_rule(self, when: str) -> Optional[Rule]:
        """The `note` rule a situation detected by the engine reports (`when:` in the YAML)."""
        for rule in self.rules.of_kind("note"):
            if rule.get("when") == when:
                return rule
        return None

    def report(self, node: cst.CSTNode, rule: Rule, message: Optional[str] = None, fixable: Optional[bool] = None):
        line, col = self.line_col(node)
        fixable = rule.fixable if fixable is None else fixable
        # A rewritten site says what changed (the summary); a manual one says what to do (the message).
        text = message or (rule.summary if fixable else (rule.message or rule.summary))
        self.findings.append(Finding(self.path, line, col, rule.id, text, rule.doc_url, fixable))

    def edit(self, start: int, end: int, replacement: str, rule: Rule) -> None:
        self.edits.append(Edit(start, end, replacement, rule.id))

    def absorb(self, node: cst.CSTNode) -> str:
        """The node's text with the edits already made inside it applied; those edits are taken out, so a
        fixer that replaces an enclosing span carries them instead of overlapping them."""
        start, end = self.span(node)
        inner = sorted((e for e in self.edits if start <= e.start and e.end <= end), key=lambda e: e.start)
        out, pos = [], start
        for e in inner:
            out.append(self.text[pos:e.start])
            out.append(e.replacement)
            pos = e.end
        out.append(self.text[pos:end])
        self.edits = [e for e in self.edits if not (start <= e.start and e.end <= end)]
        return "".join(out)

    def retract(self, node: cst.CSTNode) -> None:
        """Take back every rewrite made inside the node: its edits, and the fixable findings that announced
        them (a finding that says "fixed" must not outlive its edit)."""
        start, end = self.positions[node].start, self.positions[node].end
        inside = lambda f: (start.line, start.column + 1) <= (f.line, f.column) <= (end.line, end.column)  # noqa: E731
        self.absorb(node)
        self.findings = [f for f in self.findings if not (f.fixable and inside(f))]
