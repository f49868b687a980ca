"""Property (issue 13): every statement `fix` changes holds a Nylas-traced expression.

Checked over the tool's own edit records (FileResult.edits), for every fixture and, when it is on this
machine, every Python file of the corpus of ../shared/reference/CORPUS.md (/tmp/corpus; skipped elsewhere).
"Nylas-traced" is decided here, independently of the tool, by a small taint walk with Python's ast:

- sources: a string that names a Nylas host or the nylas package, a name imported from nylas/nylas_legacy
  (or the nylas module), the `request` of a function that reads X-Nylas-Signature;
- an `except` clause (and its `as e`) of a try whose body holds a traced expression;
- propagation, to a fixpoint: a name (per function scope) assigned from, or looping over, an expression that
  holds a traced one; `self.x` assigned from one; a parameter of a function (or class) called with one in that
  place, or whose default or annotation holds one; a name passed to a call that holds a traced expression (it
  is sent to Nylas); a call of a function or method whose body holds a traced expression (a helper that sends
  the paths it is given); an except clause's name, when its try body holds a traced expression (the error it
  catches comes from there).

An edit must sit in a statement (for a compound statement: its header, not its body) that holds a traced
name, attribute or string; an except clause counts as traced when its try body is (a handler rewritten for
the error a Nylas call raises). A rename on an ORM column or an app's model read would have no such thing.
"""
from __future__ import annotations

import ast
import os
import re
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

import pytest

from codemods.engine import process_bytes
from codemods.options import Options
from codemods.results import Status
from codemods.rules import load_rules
from fixture_support import all_fixtures, options_for

RULES = load_rules()
CORPUS = Path("/tmp/corpus")
_NYLAS_TEXT = re.compile(r"nylas", re.IGNORECASE)
_SIGNATURE = re.compile(r"x-nylas-signature|http_x_nylas_signature", re.IGNORECASE)
_BODY_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")
_TRY = tuple(getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))


class _Taint:
    def __init__(self, tree: ast.Module, text: str, base_names=()):
        self.tree = tree
        self.traced: Set[Tuple[int, str]] = {(0, name) for name in base_names}  # (function id or 0, name or "self.x")
        self.traced_functions: Set[str] = set()
        self.traced_handlers: Set[int] = set()  # id() of except clauses whose try body holds a traced expression
        self.scopes: Dict[int, Set[str]] = {0: set()}
        self.parent_function: Dict[int, int] = {}
        self.functions: Dict[str, ast.AST] = {}
        self.base_names = set(base_names)
        self._index(tree, 0)
        self._sources(tree)
        self._propagate()

    # -- scopes ---------------------------------------------------------------------------------------------
    def _index(self, node: ast.AST, scope: int) -> None:
        for child in ast.iter_child_nodes(node):
            self.parent_function[id(child)] = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                inner = id(child)
                self.scopes[inner] = {a.arg for a in _params(child)}
                if not isinstance(child, ast.Lambda):
                    self.functions.setdefault(child.name, child)
                    if child.name == "__init__" and isinstance(node, ast.ClassDef):
                        self.functions.setdefault(node.name, child)
                self._index(child, inner)
            else:
                if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                    self.scopes.setdefault(scope, set()).add(child.id)
                elif isinstance(child, ast.ExceptHandler) and child.name:
                    self.scopes.setdefault(scope, set()).add(child.name)
                self._index(child, scope)

    def key(self, node: ast.AST, name: str) -> Tuple[int, str]:
        scope = self.parent_function.get(id(node), 0)
        if name.startswith("self."):
            return 0, name
        while scope and name not in self.scopes.get(scope, ()):
            scope = self.parent_function.get(scope, 0)
        return scope, name

    # -- sources ---------------------------------------------------------------------------------------------
    def _sources(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] in ("nylas", "nylas_legacy"):
                        self.traced.add(self.key(node, alias.asname or alias.name.split(".")[0]))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("nylas", "nylas_legacy"):
                for alias in node.names:
                    self.traced.add(self.key(node, alias.asname or alias.name))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if any(isinstance(n, ast.Constant) and isinstance(n.value, str) and _SIGNATURE.search(n.value)
                       for n in ast.walk(node)):
                    for inner in ast.walk(node):
                        if isinstance(inner, ast.Name) and inner.id in ("request", "req"):
                            self.traced.add(self.key(inner, inner.id))

    def holds(self, node: Optional[ast.AST]) -> bool:
        """Does the expression hold a traced name, attribute or Nylas string?"""
        if node is None:
            return False
        for inner in ast.walk(node):
            if isinstance(inner, ast.Constant) and isinstance(inner.value, str) and _NYLAS_TEXT.search(inner.value):
                return True
            if isinstance(inner, ast.Name) and self.key(inner, inner.id) in self.traced:
                return True
            if isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name) and inner.value.id in (
                    "self", "cls") and ((0, f"self.{inner.attr}") in self.traced or (0, inner.attr) in self.traced):
                return True  # an attribute set on self, or a class constant read through self
            if isinstance(inner, ast.Attribute) and (dotted(inner) or "") in self.base_names:
                return True
            if isinstance(inner, ast.Call) and (getattr(inner.func, "id", None) or getattr(inner.func, "attr", None)) \
                    in self.traced_functions:
                return True
        return False

    def _bind(self, target: ast.AST) -> bool:
        added = False
        for inner in ast.walk(target):
            if isinstance(inner, ast.Name):
                key = self.key(inner, inner.id)
            elif isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name) and inner.value.id in (
                    "self", "cls"):
                key = (0, f"self.{inner.attr}")
            else:
                continue
            if key not in self.traced:
                self.traced.add(key)
                added = True
        return added

    def _propagate(self) -> None:
        changed = True
        while changed:
            changed = False
            for name, function in self.functions.items():
                if name not in self.traced_functions and any(self.holds(s) for s in function.body):
                    self.traced_functions.add(name)
                    changed = True
                for p, default in _defaults(function):
                    key = (id(function), p.arg)
                    if key not in self.traced and (self.holds(default) or self.holds(p.annotation)):
                        self.traced.add(key)
                        changed = True
            for node in ast.walk(self.tree):
                if isinstance(node, ast.Call) and self.holds(node):
                    for arg in list(node.args) + [k.value for k in node.keywords]:
                        if isinstance(arg, ast.Name):
                            changed |= self._bind(arg)
                if isinstance(node, ast.Assign) and self.holds(node.value):
                    for target in node.targets:
                        changed |= self._bind(target)
                elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and self.holds(node.value):
                    changed |= self._bind(node.target)
                elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)) and self.holds(node.iter):
                    changed |= self._bind(node.target)
                elif isinstance(node, _TRY) and any(self.holds(s) for s in node.body):
                    for handler in node.handlers:
                        if id(handler) not in self.traced_handlers:
                            self.traced_handlers.add(id(handler))
                            changed = True
                        if handler.name and self.key(handler, handler.name) not in self.traced:
                            self.traced.add(self.key(handler, handler.name))
                            changed = True
                elif isinstance(node, (ast.With, ast.AsyncWith)):
                    for item in node.items:
                        if item.optional_vars is not None and self.holds(item.context_expr):
                            changed |= self._bind(item.optional_vars)
                elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in self.functions:
                    function = self.functions[node.func.id]
                    params = _params(function)
                    if function.name == "__init__" and node.func.id != "__init__":
                        params = params[1:]
                    for position, arg in enumerate(node.args):
                        if position < len(params) and self.holds(arg):
                            key = (id(function), params[position].arg)
                            if key not in self.traced:
                                self.traced.add(key)
                                changed = True
                    for keyword in node.keywords:
                        if keyword.arg and self.holds(keyword.value):
                            key = (id(function), keyword.arg)
                            if key not in self.traced:
                                self.traced.add(key)
                                changed = True


def _defaults(function):
    """(param, default or None) for every parameter."""
    args = function.args
    positional = list(args.posonlyargs) + list(args.args)
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    return list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))


def dotted(node) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _params(function) -> List[ast.arg]:
    args = function.args
    return list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs)


def _statement_at(tree: ast.Module, line: int, col: int) -> Optional[ast.stmt]:
    """The innermost statement whose text holds (line, col); a compound one only by its header."""
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.stmt, ast.ExceptHandler)) and (node.lineno, node.col_offset) <= (line, col) <= (
                node.end_lineno, node.end_col_offset):
            if best is None or (node.lineno, node.col_offset) >= (best.lineno, best.col_offset):
                best = node
    return best


def _header_parts(statement: ast.stmt) -> List[ast.AST]:
    parts = []
    for field, value in ast.iter_fields(statement):
        if field in _BODY_FIELDS:
            continue
        parts.extend(value if isinstance(value, list) else [value])
    return [p for p in parts if isinstance(p, ast.AST)]


def untraced_edits(path: str, raw: bytes, options: Options) -> List[str]:
    result = process_bytes(raw, path, RULES, options)
    if result.status is not Status.CHANGED or path.endswith(".ipynb"):
        return []
    text = result.old_text
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    taint = _Taint(tree, text, options.base_names)
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    bad = []
    for edit in result.edits:
        line = max(i for i, start in enumerate(line_starts) if start <= edit.start) + 1
        col = len(text[line_starts[line - 1]:edit.start].encode("utf-8"))
        statement = _statement_at(tree, line, col)
        if statement is None:
            continue
        if isinstance(statement, (ast.Import, ast.ImportFrom)) or id(statement) in taint.traced_handlers \
                or any(taint.holds(p) for p in _header_parts(statement)):
            continue
        if isinstance(statement, ast.Try) and any(taint.holds(s) for s in statement.body):
            continue  # an except clause of a try around a Nylas call (its errors change type in v6)
        bad.append(f"{path}:{line}: {edit.rule}: {text[edit.start:edit.end]!r} → {edit.replacement!r}")
    return bad


@pytest.mark.parametrize("fixture", all_fixtures(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_edit_is_in_a_traced_statement(fixture):
    raw = fixture.read_bytes()
    assert untraced_edits(fixture.name, raw, options_for(raw)) == []


def test_the_check_can_fail():
    """An edit in a statement with nothing Nylas in it is caught: the check is not vacuous."""
    text = "import nylas\nrec = Row.query.first()\nx = rec.first_message_timestamp\nc = nylas.APIClient()\nc.x = 1\n"
    tree = ast.parse(text)
    taint = _Taint(tree, text)
    statement = _statement_at(tree, 3, 8)
    assert not any(taint.holds(p) for p in _header_parts(statement))
    assert any(taint.holds(p) for p in _header_parts(_statement_at(tree, 5, 0)))
    text = "import nylas\ntry:\n    rec = Row.query.first()\nexcept HTTPError:\n    pass\ntry:\n    nylas.x()\nexcept HTTPError:\n    pass\n"
    tree = ast.parse(text)
    taint = _Taint(tree, text)  # an except clause is traced by its try body only
    assert id(_statement_at(tree, 4, 7)) not in taint.traced_handlers
    assert id(_statement_at(tree, 8, 7)) in taint.traced_handlers


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus of CORPUS.md is not on this machine")
def test_every_corpus_edit_is_in_a_traced_statement():
    bad = []
    for root, _dirs, files in os.walk(CORPUS):
        for name in files:
            if name.endswith(".py"):
                path = Path(root) / name
                raw = path.read_bytes()
                if b"nylas" in raw.lower():
                    bad.extend(untraced_edits(str(path), raw, Options()))
    assert bad == []
