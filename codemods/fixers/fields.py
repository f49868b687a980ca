"""Kinds `field_key`, `webhook_trigger`, `webhook_envelope`: data that changed shape in v3.

Follows the upgrade guide's "Modify parsing methods for threads" (first_message_timestamp →
earliest_message_date, ..., last_message_timestamp → latest_draft_or_message.date), "Update message
tracking for v3" (payload → label) and "Update webhook references for v3", with rest_api_facts.md §6–§8.

Precision: these rules act only in a module with Nylas evidence (it imports nylas or nylas_legacy, names a
Nylas API host, or handles Nylas webhooks by reading X-Nylas-Signature), or in the functions of another module
that receive Nylas data from one (analysis/nylas_data.py), and only on keys distinctive
enough to be Nylas's there (thread timestamp names; `payload` only inside a tracking dict; trigger names
only where compared to a value). A field read (`x["account_id"]`, `x.get(...)`, `"k" in x`, `x.first_message_timestamp`)
changes only on a value whose origin is Nylas (analysis/origins.py: a traced reply, a webhook body); one of
unknown origin is decided once the SDK fixers have said which models they rewrote (fields_models.py), and one
built from the app's own classes (an ORM query, a model, a dataclass) is never touched. Thread fields in a dict
literal are reported, not renamed (no request body carries them: the literal copies or fakes a reply). Generic keys (folder, labels, files, id) are traced to Nylas replies in
fields_replies.py, and the ids of tracking `recents` in fields_tracking.py.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional

import libcst as cst

from codemods.context import FileContext
from codemods.http_calls import _string_value
from codemods.results import TODO_PREFIX
from codemods.rules import Rule

KINDS = ("field_key", "webhook_trigger", "webhook_envelope")
_EVIDENCE = re.compile(
    r"^\s*(?:import|from)\s+nylas(?:_legacy)?\b|api\.nylas\.com|api\.(?:us|eu)\.nylas\.com|X-Nylas-Signature",
    re.MULTILINE | re.IGNORECASE,
)
_TRACKING_KEYS = {"opens", "links", "thread_replies"}


def has_evidence(text: str) -> bool:
    if TODO_PREFIX in text:  # the TODOs `fix --add-todos` wrote name X-Nylas-Signature: they are no evidence
        text = re.sub(r"(?m)^[ \t]*" + re.escape(TODO_PREFIX) + r".*$", "", text)
    return bool(_EVIDENCE.search(text))


def _quoted(node: cst.SimpleString, value: str) -> str:
    return f"{node.prefix}{node.quote}{value}{node.quote}"


class _Visitor(cst.CSTVisitor):
    def __init__(self, ctx: FileContext, rules: List[Rule]):
        self.ctx = ctx
        self.keys: Dict[str, Rule] = {r.get("key"): r for r in rules if r.kind == "field_key"}
        self.triggers: Dict[str, Rule] = {r.get("value"): r for r in rules if r.kind == "webhook_trigger"}
        self.envelope: Dict[str, Rule] = {r.get("key"): r for r in rules if r.kind == "webhook_envelope"}
        self.done: set = set()
        self.origins = None  # analysis.origins.Origins, built at the first field read that needs it
        self.pending: list = []  # (key or attribute node, receiver, rule, how) of unknown origin
        # In a module without Nylas evidence of its own, read only inside the functions that receive Nylas data
        # from another module (analysis/data_apply.py): there every rule asks for a receiver of Nylas origin.
        self.strict = False

    def _traced(self, node: cst.CSTNode, receiver: cst.BaseExpression, rule: Rule, how: str) -> bool:
        """Go on with a field read now only when its receiver is Nylas's; keep an unknown one for later
        (fields_models.py), and drop one built from the app's own classes."""
        if (rule.kind != "field_key" or rule.get("nested_in")) and not self.strict:
            return True
        from codemods.analysis.origins import NYLAS, OTHER

        found = self.origin(receiver)
        if found == NYLAS:
            return True
        self.done.add(id(node))
        if found != OTHER and not self.strict and rule.kind == "field_key":
            self.pending.append((node, receiver, rule, how))
        return False

    def origin(self, expr: cst.BaseExpression):
        if self.origins is None:
            from codemods.analysis.origins import Origins
            from codemods.fixers.fields_replies import traced_seeds

            self.origins = Origins(self.ctx, traced_seeds(self.ctx))
        return self.origins.of(expr)

    # -- helpers -----------------------------------------------------------------------------------
    def _rename(self, node: cst.SimpleString, new: str, rule: Rule) -> None:
        if id(node) in self.done or "\\" in node.value:
            return
        self.done.add(id(node))
        start, end = self.ctx.span(node)
        self.ctx.edit(start, end, _quoted(node, new), rule)
        self.ctx.report(node, rule)

    def _key(self, node: cst.BaseExpression, container: Optional[cst.Dict] = None, subscript=None,
             membership: Optional[cst.BaseExpression] = None) -> None:
        """A string used as a key: rename it, or report it."""
        if not isinstance(node, cst.SimpleString):
            return
        value = _string_value(node)
        if value in self.envelope:
            receiver = subscript.value if subscript is not None else membership
            if not self.strict or (receiver is not None and self._traced(node, receiver, self.envelope[value], "")):
                self.ctx.report(node, self.envelope[value])
            return
        rule = self.keys.get(value)
        if rule is None:
            return
        nested_in = rule.get("nested_in")
        if nested_in and not (container is not None and self._inside_tracking(container)):
            return
        if container is not None and self.strict:
            return  # a dict literal is not data received from Nylas
        if container is not None and rule.kind == "field_key" and not nested_in and rule.fixable:
            if id(node) not in self.done:  # thread fields are never sent to Nylas: this is a copy or a test double
                self.done.add(id(node))
                self.ctx.report(node, rule, f"{rule.summary}: this dict literal is not a Nylas reply (a copy, or a "
                                            f"test double?): rename the key if it stands for a v3 thread", fixable=False)
            return
        if container is None and id(node) not in self.done:
            receiver = subscript.value if subscript is not None else membership
            if receiver is not None and not self._traced(node, receiver, rule, "subscript" if subscript else "in"):
                return
        if subscript is not None and rule.get("subscript_rename"):
            self._subscript_rename(subscript, node, rule)
        elif rule.fixable and not rule.get("subscript_rename") and (subscript is not None or container is not None
                                                                      or membership is not None):
            self._rename(node, rule.get("rename"), rule)
        elif id(node) not in self.done:
            self.done.add(id(node))
            self.ctx.report(node, rule)

    def _inside_tracking(self, d: cst.Dict) -> bool:
        """A dict that is the value of a tracking/tracking_options key, or that holds opens/links/thread_replies."""
        keys = {_string_value(e.key) for e in d.elements if isinstance(e, cst.DictElement)}
        if keys & _TRACKING_KEYS:
            return True
        parent = self.ctx.parent(d)
        if isinstance(parent, cst.DictElement) and _string_value(parent.key) in ("tracking", "tracking_options"):
            return True
        return False

    def _subscript_rename(self, subscript: cst.Subscript, key: cst.SimpleString, rule: Rule) -> None:
        """x["last_message_timestamp"] → x["latest_draft_or_message"]["date"] (one subscript becomes two)."""
        if id(key) in self.done or isinstance(self.ctx.parent(subscript), (cst.AssignTarget, cst.Del)):
            self.done.add(id(key))
            self.ctx.report(key, rule, fixable=False)
            return
        self.done.add(id(key))
        outer, inner = rule.get("subscript_rename").split(".", 1)
        start, end = self.ctx.span(key)
        q = key.quote
        self.ctx.edit(start, end, f"{key.prefix}{q}{outer}{q}][{key.prefix}{q}{inner}{q}", rule)
        self.ctx.report(key, rule)

    # -- shapes --------------------------------------------------------------------------------------
    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            self._key(node.slice[0].slice.value, subscript=node)

    def visit_Dict(self, node: cst.Dict) -> None:
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                self._key(element.key, container=node)

    def visit_Call(self, node: cst.Call) -> None:
        f = node.func
        if isinstance(f, cst.Attribute) and f.attr.value in ("get", "pop", "setdefault") and node.args:
            first = node.args[0].value
            value = _string_value(first) if isinstance(first, cst.SimpleString) else None
            rule = self.keys.get(value)
            if rule is not None and not rule.get("nested_in"):
                if id(first) in self.done or not self._traced(first, f.value, rule, "get"):
                    return
                if rule.fixable and not rule.get("subscript_rename"):
                    self._rename(first, rule.get("rename"), rule)
                elif id(first) not in self.done:
                    self.done.add(id(first))
                    self.ctx.report(first, rule, fixable=False)
            elif value in self.envelope and (not self.strict or self._traced(first, f.value, self.envelope[value], "")):
                self.ctx.report(first, self.envelope[value])

    def visit_Attribute(self, node: cst.Attribute) -> None:
        rule = self.keys.get(node.attr.value)
        if rule is not None and rule.get("attribute") and id(node.attr) not in self.done:
            if not self._traced(node.attr, node.value, rule, "attribute"):
                return
            self.done.add(id(node.attr))
            if rule.fixable and not rule.get("subscript_rename"):
                start, end = self.ctx.span(node.attr)
                self.ctx.edit(start, end, rule.get("rename"), rule)
                self.ctx.report(node.attr, rule)
            else:
                self.ctx.report(node.attr, rule, fixable=False)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        operands = [node.left] + [t.comparator for t in node.comparisons]
        for operand in operands:
            if isinstance(operand, (cst.Tuple, cst.List, cst.Set)):
                candidates = [element.value for element in operand.elements]
            else:
                candidates = [operand]
            for candidate in candidates:
                if isinstance(candidate, cst.SimpleString) and (not self.strict or self._compared_to_nylas(operands)):
                    self._trigger(candidate)
        if isinstance(node.left, cst.SimpleString) and len(node.comparisons) == 1 and isinstance(
                node.comparisons[0].operator, (cst.In, cst.NotIn)):
            self._key(node.left, membership=node.comparisons[0].comparator)

    def _compared_to_nylas(self, operands) -> bool:
        from codemods.analysis.origins import NYLAS

        return any(not isinstance(o, (cst.SimpleString, cst.Tuple, cst.List, cst.Set)) and self.origin(o) == NYLAS
                   for o in operands)

    def _trigger(self, node: cst.SimpleString) -> None:
        rule = self.triggers.get(_string_value(node))
        if rule is None or id(node) in self.done:
            return
        if rule.fixable:
            self._rename(node, rule.get("rename"), rule)
        else:
            self.done.add(id(node))
            self.ctx.report(node, rule)


def run(ctx: FileContext, rules: List[Rule]) -> None:
    where = None  # the whole module
    if not has_evidence(ctx.text):  # only where Nylas data from other modules is read (analysis/data_apply.py)
        from codemods.analysis.data_apply import regions

        where = regions(ctx)
        if where == []:
            return
    visitor = _Visitor(ctx, rules)
    visitor.strict = where is not None
    for node in where or [None]:
        ctx.walk(visitor, node)  # the index already walked the tree: replay its nodes
    if visitor.pending:
        ctx.traced[PENDING] = visitor.pending


PENDING = __name__ + ".pending"  # field reads of unknown origin, for fields_models.py
