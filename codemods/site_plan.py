"""One URL site's plan: what each rule kind wants changed, committed all-or-nothing.

Fixers for URL rule kinds add template operations (text spans of the URL
template), dict-key renames, and findings. `commit()` turns operations into
file edits; if any fixable change at the site cannot be made safely, none is,
and every finding at the site is reported as manual instead. A URL is never
left half-migrated without a finding on it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import libcst as cst

from codemods.context import FileContext, SpanMismatch
from codemods.http_calls import HttpUse, _string_value
from codemods.paths import HOLE, UrlParts, minimal_replacement, query_params
from codemods.rules import Rule
from codemods.urls import Piece, Site


@dataclass
class Op:
    start: int  # template coordinates
    end: int
    replacement: str
    rule: Rule


@dataclass
class SitePlan:
    ctx: FileContext
    site: Site
    parts: UrlParts
    uses: List[HttpUse]
    resource: Optional[str] = None  # v2 collection, e.g. "messages", once an endpoint is known
    endpoint_path: Optional[str] = None  # the v2 pattern matched, e.g. "/messages/{id}"
    endpoint_rule: Optional[Rule] = None
    ops: List[Op] = field(default_factory=list)
    key_edits: List[Tuple[cst.SimpleString, str, Rule]] = field(default_factory=list)
    findings: List[Tuple[cst.CSTNode, Rule, Optional[str]]] = field(default_factory=list)
    blockers: List[Tuple[cst.CSTNode, Rule]] = field(default_factory=list)
    held: bool = False  # a manual rule owns this URL: change nothing here, report only the manual findings

    @property
    def text(self) -> str:
        return self.site.template.text

    @property
    def method(self) -> Optional[str]:
        methods = {u.method for u in self.uses if u.method}
        return methods.pop() if len(methods) == 1 else None

    @property
    def reply_shape(self) -> Optional[str]:
        """What the v3 reply holds: the endpoint rule's `returns:` (list, object or same), except that a write
        to a list endpoint (POST /drafts, POST /folders) answers with the one object it made."""
        if self.endpoint_rule is None:
            return None
        returns = self.endpoint_rule.get("returns", "list")
        return "object" if returns == "list" and self.method not in (None, "GET") else returns

    # -- what fixers call --------------------------------------------------------------------
    def replace(self, start: int, end: int, replacement: str, rule: Rule) -> None:
        self.ops.append(Op(start, end, replacement, rule))

    def replace_run(self, start: int, old: str, new: str, rule: Rule) -> bool:
        """Replace template[start:start+len(old)] by new, hole by hole; False if the holes do not line up."""
        old_runs, new_runs = old.split(HOLE), new.split(HOLE)
        if len(old_runs) != len(new_runs):
            return False
        pos = start
        for o, n in zip(old_runs, new_runs):
            if o != n:
                a, b, repl = minimal_replacement(o, n)
                self.replace(pos + a, pos + b, repl, rule)
            pos += len(o) + 1
        return True

    def report(self, node: Optional[cst.CSTNode], rule: Optional[Rule], message: Optional[str] = None) -> None:
        """A finding at node (default: the URL). A rule left out by --select/--ignore is None: nothing to say."""
        if rule is not None:
            self.findings.append((node or self.site.template.root, rule, message))

    def block(self, rule: Optional[Rule], node: Optional[cst.CSTNode] = None) -> None:
        """A fixable change here cannot be made: report `rule` (a note) and make the whole site manual."""
        self.blockers.append((node or self.site.template.root, rule))

    def hold(self) -> None:
        """Leave this URL exactly as it is: a manual rule says the whole call must be redone by hand."""
        self.held = True

    def node_at(self, index: int) -> cst.CSTNode:
        piece = self.site.template.piece_at(index)
        return piece.owner if piece is not None and piece.owner is not None else self.site.template.root

    def query_keys(self):
        """(key, value, template index of key) for each statically known key of the URL's query string."""
        if self.parts.query_start is None:
            return []
        return [(q.key, q.value, q.key_start) for q in query_params(self.text, self.parts.query_start, self.parts.query_end)]

    def dict_keys(self, d: Optional[cst.Dict]):
        """(key node, key, value expr) for each string-literal key of a dict literal."""
        if d is None:
            return []
        out = []
        for element in d.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
                key = _string_value(element.key)
                if key is not None:
                    out.append((element.key, key, element.value))
        return out

    def param_dicts(self) -> List[cst.Dict]:
        """Query dicts: `params=` sent with the URL, and `urlencode({...})` interpolated into its query string."""
        dicts = [u.params for u in self.uses if u.params is not None]
        if self.parts.query_start is not None:
            pos = 0
            for piece in self.site.template.pieces:
                if pos >= self.parts.query_start and isinstance(piece.expr, cst.Call):
                    d = _urlencode_dict(piece.expr)
                    if d is not None:
                        dicts.append(d)
                pos += len(piece.text)
        return dicts

    def query_param_names(self) -> set:
        """Every statically known query parameter name sent with this URL (query string and dicts)."""
        names = {key for key, _, _ in self.query_keys()}
        for d in self.param_dicts():
            names.update(key for _, key, _ in self.dict_keys(d))
        return names

    def rename_query_key(self, old: str, new: str, rule: Rule) -> None:
        """Rename a query parameter in the URL text and in every query dict sent with it."""
        for key, _, index in self.query_keys():
            if key == old:
                self.replace(index, index + len(key), new, rule)
        for d in self.param_dicts():
            for node, key, _ in self.dict_keys(d):
                if key == old:
                    self.key_edits.append((node, new, rule))

    # -- commit --------------------------------------------------------------------------------
    def commit(self) -> None:
        ctx = self.ctx
        if self.held:
            for node, rule, message in self.findings:
                ctx.report(node, rule, message)
            return
        edits: List[Tuple[int, int, str, Rule]] = []
        blocked = bool(self.blockers)
        if not blocked:
            try:
                edits = self._template_edits() + self._key_edits()
            except _Unsafe as exc:
                self.blockers.append((self.site.template.root, ctx.note_rule(exc.when)))
                blocked = True
        for node, rule in self.blockers:
            if rule is not None:
                ctx.report(node, rule)
        fixed_rules = {e[3].id for e in edits}
        for op in self.ops:
            if op.rule.id in fixed_rules or blocked:
                ctx.report(self.node_at(op.start), op.rule, fixable=not blocked)
                fixed_rules.discard(op.rule.id)  # one finding per rule per site
        for node, _new, rule in self.key_edits:
            ctx.report(node, rule, fixable=not blocked)
        for node, rule, message in self.findings:
            ctx.report(node, rule, message)
        if not blocked:
            for start, end, replacement, rule in edits:
                ctx.edit(start, end, replacement, rule)

    def _template_edits(self) -> List[Tuple[int, int, str, Rule]]:
        template = self.site.template
        grant_piece_owners = set()
        out = []
        for op in sorted(self.ops, key=lambda o: (o.start, o.end)):
            piece = template.piece_at(op.start)
            if piece is None:
                raise _Unsafe("unresolved_path")
            offset = template.piece_offset(piece)
            if op.end > offset + len(piece.text):
                raise _Unsafe("unresolved_path")
            if "{" in op.replacement:
                quote = getattr(piece.owner, "quote", '"')
                if piece.style in ("format", "percent") or quote[0] in op.replacement or "\\" in op.replacement:
                    raise _Unsafe("grant_not_insertable")
                grant_piece_owners.add(id(piece.owner))
            start = piece.start + (op.start - offset)
            out.append((start, start + (op.end - op.start), op.replacement, op.rule))
        for piece in template.pieces:
            if id(piece.owner) in grant_piece_owners and piece.style == "plain":
                out.extend(self._to_fstring(piece))
                grant_piece_owners.discard(id(piece.owner))
        _check_disjoint(out)
        return out

    def _to_fstring(self, piece: Piece) -> List[Tuple[int, int, str, Rule]]:
        """Make a plain literal an f-string so an inserted {grant} interpolates: add `f`, double its braces."""
        owner = piece.owner
        assert isinstance(owner, cst.SimpleString)
        rule = self.ops[0].rule
        prefix = owner.prefix
        if "{" in piece.text or "}" in piece.text:
            raise _Unsafe("grant_not_insertable")
        start, _ = self.ctx.span(owner)
        if "u" in prefix.lower():  # u"" is a no-op in Python 3 and cannot be combined with f
            return [(start, start + len(prefix), "f", rule)]
        return [(start, start, "f", rule)]

    def _key_edits(self) -> List[Tuple[int, int, str, Rule]]:
        out = []
        for node, new, rule in self.key_edits:
            try:
                start, end = self.ctx.span(node)
            except SpanMismatch:
                raise _Unsafe("unresolved_path") from None
            prefix_len = len(node.prefix) + len(node.quote)
            out.append((start + prefix_len, end - len(node.quote), new, rule))
        return out


def _urlencode_dict(call: cst.Call) -> Optional[cst.Dict]:
    f = call.func
    name = f.value if isinstance(f, cst.Name) else f.attr.value if isinstance(f, cst.Attribute) else ""
    if name == "urlencode" and call.args and isinstance(call.args[0].value, cst.Dict):
        return call.args[0].value
    return None


class _Unsafe(Exception):
    def __init__(self, when: str):
        super().__init__(when)
        self.when = when


def _check_disjoint(edits) -> None:
    edits = sorted(edits, key=lambda e: (e[0], e[1]))
    for a, b in zip(edits, edits[1:]):
        if b[0] < a[1]:
            raise _Unsafe("unresolved_path")
