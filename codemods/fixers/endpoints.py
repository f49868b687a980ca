"""Kinds `endpoint`, `manual_endpoint` (and the `note`s they raise): v2 REST paths → v3 paths.

Follows the upgrade guide's endpoint table ("Update endpoint references for v3")
and its search section. The v2 path is read from the URL template (after a Nylas
host, or after a name bound to a Nylas base), matched against the rules' path
patterns, most specific first, and replaced by the rule's `to` with {grant}
filled from --grant. Paths already under /v3/ are left alone.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from codemods.paths import HOLE, Pattern, match, path_segments, render, segment_is_multi_id
from codemods.rules import Rule
from codemods.site_plan import SitePlan

KINDS = ("endpoint", "manual_endpoint")


def _is_join(expr: Optional[cst.BaseExpression]) -> bool:
    return (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "join"
        and isinstance(expr.func.value, cst.SimpleString)
        and "," in expr.func.value.value
    )


_ORDERED: dict = {}  # (ids of the rules, method) -> (the rules, their order): the same for every site


def _ordered(rules: List[Rule], method: Optional[str]) -> List[Tuple[Rule, Pattern]]:
    """Manual rules for this very method first, then by specificity (more literal segments first)."""
    key = (tuple(map(id, rules)), method)
    hit = _ORDERED.get(key)
    if hit is None:
        hit = _ORDERED[key] = (list(rules), _order(rules, method))  # the rules are kept, so their ids stay theirs
    return hit[1]


def _order(rules: List[Rule], method: Optional[str]) -> List[Tuple[Rule, Pattern]]:

    def rank(rule: Rule):
        pattern = Pattern.parse(rule.get("path"))
        method_specific = rule.kind == "manual_endpoint" and bool(rule.get("methods"))
        return (not method_specific, -pattern.literal_count, "*" in pattern.parts, rule.id)

    out = []
    for rule in sorted(rules, key=rank):
        if rule.kind == "manual_endpoint" and rule.get("methods") and method not in rule.get("methods"):
            continue
        out.append((rule, Pattern.parse(rule.get("path"))))
    return out


def plan(sp: SitePlan, rules: List[Rule]) -> None:
    ctx = sp.ctx
    text, parts = sp.text, sp.parts
    base_path = sp.site.base.path if sp.site.base else ""
    path = text[parts.path_start:parts.path_end]
    relative = sp.site.template.relative_path and not path.startswith("/") and not base_path
    full = base_path + ("/" + path if relative else path)
    if full.startswith("/v3/"):
        _already_v3(sp, rules, full)
        return
    if full in ("", "/"):
        return
    if sp.site.base and not base_path and path and path[0] not in "/" + HOLE and not relative:
        return  # `BASE + "x"` with no slash: not a URL path at all
    segments = path_segments(full, 0, len(full))
    version_prefix = bool(segments) and segments[0].text == "v2"
    if version_prefix:
        segments = segments[1:]
    holes = iter(p.expr for p in sp.site.template.pieces if p.text == HOLE and p is not sp.site.template.pieces[0])
    multi = []
    for seg in segments:
        joins = [_is_join(next(holes, None)) for _ in range(seg.text.count(HOLE))]
        multi.append(segment_is_multi_id(seg, joins))
    chosen = None
    for rule, pattern in _ordered(rules, sp.method):
        captured = match(pattern, segments, multi)
        if captured is not None:
            chosen = (rule, pattern, captured)
            break
    if chosen is None:
        _unmatched(sp, segments)
        return
    rule, pattern, captured = chosen
    sp.resource = segments[0].text if segments else None
    sp.endpoint_path = rule.get("path")
    sp.endpoint_rule = rule
    if rule.kind == "manual_endpoint":
        sp.report(None, rule)
        sp.hold()
        return
    v3_method = rule.get("methods").get(sp.method) if sp.method else None
    if sp.method and v3_method is None:
        note = ctx.note_rule("method_not_supported")
        sp.report(None, note, note and f"{sp.method} {rule.get('path')}: {note.message}")
        sp.endpoint_rule = None
        sp.hold()
        return
    grant = ctx.options.grant_text
    grant = grant if grant is not None else "{" + ctx.options.grant + "}"
    new_full = render(rule.get("to"), pattern, captured, grant)
    if full.endswith("/") and not new_full.endswith("/"):
        new_full += "/"
    if base_path:
        # The base name's own definition is rewritten at its site; here only a suffix is written.
        new_base = _rewrite_of(base_path, rules, grant)
        if new_base is None or not new_full.startswith(new_base) or new_full[len(new_base):] != path:
            sp.block(ctx.note_rule("unresolved_path"))
        _notes(sp, rule)
        return
    new_path = new_full[1:] if relative else new_full
    if not sp.replace_run(parts.path_start, path, new_path, rule):
        sp.block(ctx.note_rule("unresolved_path"))
    for old, new in (rule.get("rename_query") or {}).items():
        sp.rename_query_key(old, new, rule)
    _notes(sp, rule)


def _already_v3(sp: SitePlan, rules: List[Rule], full: str) -> None:
    """A v3 path is never rewritten again, but the manual checks on its call still apply (so `check`
    after `fix` still lists what is left): find the endpoint rule whose `to` it is."""
    segments = path_segments(full, 0, len(full))
    targets = [(r, Pattern.parse(r.get("to").replace("{grant}", "{id}"))) for r in rules if r.kind == "endpoint"]
    targets.sort(key=lambda rp: -rp[1].literal_count)  # /messages/send before /messages/{id}
    for rule, to in targets:
        if match(to, segments, [False] * len(segments)) is not None:
            v2 = Pattern.parse(rule.get("path"))
            sp.resource = v2.parts[0] if v2.parts else None
            sp.endpoint_path = rule.get("path")
            sp.endpoint_rule = rule
            sp.hold()
            _notes(sp, rule, only_checkable=True)
            return


def _notes(sp: SitePlan, rule: Rule, only_checkable: bool = False) -> None:
    """The follow-up notes of an endpoint rule. A note with `unless_param` goes quiet once the call sends
    that query parameter; after a rewrite (only_checkable) only such notes are still reported."""
    for note_id in rule.get("notes") or ():
        note = sp.ctx.rule(note_id)
        if note is None:
            continue
        param = note.get("unless_param")
        if only_checkable and not param:
            continue
        if param and param in sp.query_param_names():
            continue
        sp.report(None, note)


def _rewrite_of(path: str, rules: List[Rule], grant: str) -> Optional[str]:
    """How a bare v2 path (no holes) is rewritten by the endpoint rules; None when no rule maps it."""
    segments = path_segments(path, 0, len(path))
    if segments and segments[0].text == "v2":
        segments = segments[1:]
    for rule, pattern in _ordered(rules, None):
        captured = match(pattern, segments, [False] * len(segments))
        if captured is not None:
            return render(rule.get("to"), pattern, captured, grant) if rule.kind == "endpoint" else None
    return None


# First segments of the v2 paths of Nylas's other v2 APIs (the v2 API reference): only these get the pointer
# to their own upgrade guide.
OTHER_V2_APIS = {"events": "Calendar", "calendars": "Calendar", "free-busy": "Calendar", "resources": "Calendar",
                 "send-rsvp": "Calendar", "contacts": "Contacts", "neural": "Neural", "webhooks": "Webhooks",
                 "scheduler": "Scheduler", "components": "Components"}


def _unmatched(sp: SitePlan, segments) -> None:
    """No rule maps this path: say so, and leave the URL whole rather than half-migrated."""
    ctx = sp.ctx
    if not segments or not segments[0].is_text:
        sp.report(None, ctx.note_rule("unresolved_path"))
        sp.hold()
    else:
        # Any other v2 path on a Nylas host (Calendar, Contacts, a typo) needs a human too: the host alone
        # must not move to v3 under a v2 path.
        # A shared base keeps its v2 host while such a path is built on it (analysis/bases.py): same note.
        note = ctx.note_rule("unknown_path")
        api = OTHER_V2_APIS.get(segments[0].text)
        guide = (f" ({segments[0].text} belongs to the v2 {api} API, which has its own v3 upgrade guide)"
                 if api else " (no v2 API had this path: check it for a typo)")
        sp.report(None, note, note.message + guide if note is not None else None)
        sp.hold()
