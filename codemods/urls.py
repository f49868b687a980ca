"""Find the URLs a module builds for the Nylas API, in every shape real v2 code uses.

A URL site is a maximal string-building expression: a literal, an f-string, an
implicit or `+` concatenation, a `.format()` or `%` template, or `urljoin(base, path)`.
Each becomes a Template: source pieces of literal text (with their offsets in
the file) and holes for interpolated expressions. A site is a Nylas site when
its text starts with a Nylas host, or its first hole is a name bound to a Nylas
base URL in this module (`BASE = "https://api.nylas.com"`, `self.base_url = BASE`,
a parameter default, an `os.environ.get(..., default)`). Nothing else is touched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence

import libcst as cst

from codemods.context import FileContext, SpanMismatch

if TYPE_CHECKING:
    from codemods.bindings import Binding
from codemods.paths import HOLE, split_url
from codemods.urls_shapes import (  # noqa: F401 - is_string_builder is imported from here by forwarding
    is_add_or_builder,
    is_format_call,
    is_string_builder,
    is_urljoin,
    leftmost_of_addition,
)


_FORMAT_FIELD = re.compile(r"\{([^{}]*)\}")
_PERCENT_FIELD = re.compile(r"%(?:\(([A-Za-z_][A-Za-z0-9_]*)\))?[-#0 +]*[0-9*]*(?:\.[0-9*]+)?[sdirf]")


@dataclass
class Piece:
    text: str  # source text; HOLE for a hole
    start: Optional[int] = None  # offset of text in the file (None for holes)
    owner: Optional[cst.CSTNode] = None  # literal node the text belongs to
    style: str = "plain"  # plain | fstring | format | percent: how the owner interpolates
    expr: Optional[cst.BaseExpression] = None  # the expression behind a hole


@dataclass
class Template:
    root: cst.BaseExpression
    pieces: List[Piece]
    relative_path: bool = False  # urljoin(base, "messages"): the path needs no leading slash

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def piece_at(self, index: int) -> Optional[Piece]:
        """The text piece containing template index (an index at a piece's end belongs to it too)."""
        pos = 0
        for piece in self.pieces:
            end = pos + len(piece.text)
            if piece.text != HOLE and pos <= index <= end:
                return piece
            pos = end
        return None

    def piece_offset(self, piece: Piece) -> int:
        pos = 0
        for p in self.pieces:
            if p is piece:
                return pos
            pos += len(p.text)
        raise ValueError("piece not in template")


@dataclass
class Site:
    template: Template
    base: Optional["Binding"] = None  # set when the URL starts with a Nylas name rather than a host
    assigned_to: Optional[str] = None  # `url = <site>`: the name, for finding its consumer
    sent_by: Optional[cst.BaseExpression] = None  # for a path forwarded from a caller: the URL expression that sends it


def _hole(expr: cst.BaseExpression) -> Piece:
    return Piece(HOLE, expr=expr)


class TemplateBuilder:
    def __init__(self, ctx: FileContext):
        self.ctx = ctx

    def build(self, expr: cst.BaseExpression) -> Optional[Template]:
        pieces = self._pieces(expr)
        relative = isinstance(expr, cst.Call) and is_urljoin(expr)
        if pieces is None or not (relative or any(p.text != HOLE for p in pieces)):
            return None
        return Template(expr, pieces, relative)

    def _pieces(self, expr: cst.BaseExpression) -> Optional[List[Piece]]:
        try:
            if isinstance(expr, cst.SimpleString):
                return self._simple(expr, "plain")
            if isinstance(expr, cst.FormattedString):
                return self._fstring(expr)
            if isinstance(expr, cst.ConcatenatedString):
                left, right = self._pieces(expr.left), self._pieces(expr.right)
                return None if left is None or right is None else left + right
            if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
                left = self._pieces(expr.left) if is_add_or_builder(expr.left) else [_hole(expr.left)]
                right = self._pieces(expr.right) if is_string_builder(expr.right) else [_hole(expr.right)]
                return None if left is None or right is None else left + right
            if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Modulo):
                return self._percent(expr)
            if isinstance(expr, cst.Call) and is_format_call(expr):
                return self._format(expr)
            if isinstance(expr, cst.Call) and is_urljoin(expr):
                base, path = expr.args[0].value, expr.args[1].value
                rest = self._pieces(path) if is_string_builder(path) else [_hole(path)]
                return None if rest is None else [_hole(base)] + rest
        except SpanMismatch:
            return None
        return None

    def _simple(self, node: cst.SimpleString, style: str) -> Optional[List[Piece]]:
        prefix = node.prefix
        if "b" in prefix.lower():
            return None
        quote = node.quote
        content = node.value[len(prefix) + len(quote): len(node.value) - len(quote)]
        if "\\" in content or HOLE in content:
            return None  # escapes: the source text is not the value; leave such strings alone
        start, _ = self.ctx.span(node)
        return [Piece(content, start + len(prefix) + len(quote), node, style)]

    def _fstring(self, node: cst.FormattedString) -> Optional[List[Piece]]:
        pieces: List[Piece] = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                if "\\" in part.value or "{{" in part.value or "}}" in part.value or HOLE in part.value:
                    return None
                start, _ = self.ctx.span(part)
                pieces.append(Piece(part.value, start, node, "fstring"))
            else:
                pieces.append(_hole(part.expression))
        return pieces

    def _format(self, call: cst.Call) -> Optional[List[Piece]]:
        template = call.func.value  # type: ignore[attr-defined]
        base = self._simple(template, "format")
        if base is None or "{{" in base[0].text or "}}" in base[0].text:
            return None
        positional = [a.value for a in call.args if a.keyword is None and not a.star]
        keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
        auto = iter(positional)

        def field_expr(name: str) -> Optional[cst.BaseExpression]:
            name = re.split(r"[!:.\[]", name, maxsplit=1)[0]
            if name == "":
                return next(auto, None)
            if name.isdigit():
                i = int(name)
                return positional[i] if i < len(positional) else None
            return keywords.get(name)

        return _split_fields(base[0], _FORMAT_FIELD, field_expr)

    def _percent(self, op: cst.BinaryOperation) -> Optional[List[Piece]]:
        if not isinstance(op.left, cst.SimpleString):
            return None
        base = self._simple(op.left, "percent")
        if base is None or "%%" in base[0].text:
            return None
        right = op.right
        values = [e.value for e in right.elements] if isinstance(right, cst.Tuple) else [right]
        named = {}
        if isinstance(right, cst.Dict):
            named = {
                e.key.raw_value: e.value
                for e in right.elements
                if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
            }
        auto = iter(values)

        def field_expr(name: Optional[str]) -> Optional[cst.BaseExpression]:
            return named.get(name) if name else next(auto, None)

        return _split_fields(base[0], _PERCENT_FIELD, field_expr)


def _split_fields(piece: Piece, pattern: "re.Pattern[str]", field_expr) -> List[Piece]:
    out: List[Piece] = []
    pos = 0
    for m in pattern.finditer(piece.text):
        if m.start() > pos:
            out.append(Piece(piece.text[pos:m.start()], piece.start + pos, piece.owner, piece.style))
        out.append(Piece(HOLE, expr=field_expr(m.group(1))))
        pos = m.end()
    if pos < len(piece.text) or not out:
        out.append(Piece(piece.text[pos:], piece.start + pos, piece.owner, piece.style))
    return out


def nylas_host_of(template_text: str, hosts: Sequence[str]) -> Optional[str]:
    parts = split_url(template_text, base_hole=False)
    if parts and parts.host_name in hosts:
        return parts.host_name
    return None


def collect_sites(ctx: FileContext, v2_hosts: Sequence[str], v3_hosts: Sequence[str]) -> List[Site]:
    """Every Nylas URL site in the module, in source order."""
    roots = ctx.index
    builder = TemplateBuilder(ctx)
    all_hosts = tuple(v2_hosts) + tuple(v3_hosts)  # a v3 host is still Nylas evidence for a base name
    templates: Dict[int, Template] = {}

    def template_of(expr: cst.BaseExpression) -> Optional[Template]:
        if id(expr) not in templates:
            t = builder.build(expr) if is_string_builder(expr) else None
            if t is not None:
                templates[id(expr)] = t
            return t
        return templates[id(expr)]

    from codemods.bindings import Resolver

    resolver = Resolver(ctx, template_of, all_hosts)
    from codemods.analysis.base_imported import bind_imported  # Nylas bases imported from other modules

    bind_imported(ctx, resolver)
    candidates = list(roots.roots)
    for addition in roots.name_additions:
        if resolver.binding_of(leftmost_of_addition(addition)) is not None:
            pieces = builder._pieces(addition)
            if pieces is not None:
                templates[id(addition)] = Template(addition, pieces)
                candidates.append(addition)
    candidates.sort(key=lambda n: (ctx.positions[n].start.line, ctx.positions[n].start.column))
    sites: List[Site] = []
    for root in candidates:
        t = template_of(root) if id(root) not in templates else templates[id(root)]
        if t is None:
            continue
        site = Site(t, assigned_to=roots.assigned.get(id(root)))
        if nylas_host_of(t.text, all_hosts):
            sites.append(site)
            continue
        first = t.pieces[0]
        binding = resolver.binding_of(first.expr) if first.text == HOLE else None
        if binding is not None:
            site.base = binding
            if binding.template is None:  # a configured base-name: its host is set where this tool cannot see
                note = ctx.note_rule("configured_base")
                if note is not None:
                    ctx.report(t.root, note, f"{binding.key}: {note.message}")
            from codemods.forwarding import forward  # import here: forwarding builds on this module

            forwarded = forward(ctx, site, template_of, lambda node, name: _single_assignment(ctx, node, name))
            sites.extend(forwarded if forwarded else [site])
    from codemods.analysis.base_clients import client_sites  # client.get("/messages") on a Nylas base_url

    sites.extend(client_sites(ctx, resolver, template_of, all_hosts, lambda node, name: _single_assignment(ctx, node, name)))
    return sites


def _single_assignment(ctx: FileContext, node: cst.CSTNode, name: str) -> Optional[cst.BaseExpression]:
    """The value of `name` when it is assigned exactly once in the function (or module) around node."""
    from codemods.http_calls import scope_id

    values = ctx.index.assignments.get((scope_id(ctx, node), name), [])
    return values[0] if len(values) == 1 else None
