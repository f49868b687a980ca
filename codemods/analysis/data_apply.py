"""Apply the data-flow plan (nylas_data.py, data_plan.py) to one module: Nylas data that reaches it from another
module starts an origin here, exactly where a webhook body or the `.json()` of a Nylas request would start one
in the module that has them.

- seed(): a parameter that call sites fill with Nylas data (`def process_delta(delta)` behind
  `process_delta.delay(delta)`) is of Nylas origin (analysis/origins.py reads it); a call of a function whose
  every return is a Nylas reply (`list_threads(token)`) is a reply read, as `r.json()` is (fields_replies.py).
- regions(): a module that has no Nylas evidence of its own is read only inside those functions (and the
  module's functions they hand the data to), so a comparison with "account.connected" elsewhere stays as is.
- hold(): in a function that also receives other data, or that may be called from outside the run, the reads
  are reported, never rewritten: each rewrite of the data rules there becomes a finding that says why.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Tuple

import libcst as cst

from codemods.analysis.data_plan import data_plan

KEY = __name__
# The rules that read Nylas data: what hold() turns into findings in a held function.
DATA_KINDS = ("field_key", "webhook_trigger", "webhook_envelope", "reply_field", "reply_object_field",
              "tracking_recent", "tracking_recent_id", "tracking_metadata")


@dataclass
class Seeds:
    received: Dict[Tuple[int, str], str] = field(default_factory=dict)  # (id(function), param) -> held why
    calls: Dict[int, str] = field(default_factory=dict)  # id(call of a Nylas-returning function) -> held why
    regions: List[Tuple[cst.CSTNode, str]] = field(default_factory=list)  # (function or module, held why)
    _extended: bool = False


def seed(ctx) -> None:
    plan = data_plan(ctx.options, ctx.path)
    if plan is None:
        return
    from codemods.fixers.fields_replies import Reply, _notes
    from codemods.http_calls import enclosing_scope

    seeds = Seeds()
    tops = {f.name.value: f for f in ctx.index.functions if isinstance(ctx.parent(f), cst.Module)}
    for received in plan.received:
        function = tops.get(received.function)
        if function is not None:
            seeds.received[(id(function), received.param)] = received.held
            seeds.regions.append((function, received.held))
    for returned in plan.returned:
        module, _, name = returned.local.rpartition(".")  # `list_threads`, or `nylas_api.list_threads`
        for call, is_attr in ctx.index.calls_by_name.get(name, ()):
            if is_attr != bool(module) or (module and not (isinstance(call.func.value, cst.Name)
                                                           and call.func.value.value == module)):
                continue
            notes = _notes(ctx)
            if returned.resource:
                notes.replies.append(Reply(call, returned.resource, returned.many))
            notes.nylas_reads.append(call)
            seeds.calls[id(call)] = returned.held
            seeds.regions.append((enclosing_scope(ctx, call), returned.held))
    ctx.traced[KEY] = seeds


def seeds_of(ctx) -> Optional[Seeds]:
    return ctx.traced.get(KEY)


def received(ctx, held: bool = True) -> Dict[Tuple[int, str], str]:
    """(id(function), param) of the parameters of Nylas origin here (held ones too, unless held=False)."""
    seeds = seeds_of(ctx)
    if seeds is None:
        return {}
    return {k: why for k, why in seeds.received.items() if held or not why}


def regions(ctx) -> Optional[List[cst.CSTNode]]:
    """Where a module without Nylas evidence of its own is read by the data rules: the functions that receive
    Nylas data, and the module functions they pass it to (None: the whole module; [] nowhere)."""
    seeds = seeds_of(ctx)
    if seeds is None or not seeds.regions:
        return []
    _extend(ctx, seeds)
    nodes = [node for node, _ in seeds.regions]
    if any(isinstance(node, cst.Module) for node in nodes):
        return None
    ids = {id(n) for n in nodes}
    out, seen = [], set()
    for node in nodes:
        if id(node) in seen or _has_ancestor(ctx, node, ids):
            continue
        seen.add(id(node))
        out.append(node)
    return out


def inside(ctx, node: cst.CSTNode, where: Optional[List[cst.CSTNode]]) -> bool:
    if where is None:
        return True
    return _has_ancestor(ctx, node, {id(n) for n in where})


def nylas_read(ctx, read: cst.CSTNode, where: List[cst.CSTNode]) -> bool:
    """`x["k"]` or `x.get("k")` inside the regions, with x of Nylas origin (the rule of a module without evidence
    of its own: fixers/fields.py's strict reads)."""
    if not inside(ctx, read, where):
        return False
    receiver = read.value if isinstance(read, cst.Subscript) else read.func.value
    origins = ctx.traced.get(KEY + ".origins")
    if origins is None:
        from codemods.analysis.origins import Origins
        from codemods.fixers.fields_replies import traced_seeds

        origins = ctx.traced[KEY + ".origins"] = Origins(ctx, traced_seeds(ctx))
    from codemods.analysis.origins import NYLAS

    return origins.of(receiver) == NYLAS


def _has_ancestor(ctx, node, ids) -> bool:
    cur = ctx.parent(node)
    while cur is not None:
        if id(cur) in ids:
            return True
        cur = ctx.parent(cur)
    return False


def _extend(ctx, seeds: Seeds) -> None:
    """Add the module's own functions whose parameters are of Nylas origin through the seeded ones
    (`process_delta(delta)` calls `_on_thread(delta["object_data"])`): held if any seed here is held."""
    if seeds._extended:
        return
    seeds._extended = True
    from codemods.analysis.origins import NYLAS, Origins
    from codemods.fixers.fields_replies import traced_seeds
    from codemods.module_index import scope_stack, scoped_key

    have = {id(node) for node, _ in seeds.regions}
    why = next((w for _, w in seeds.regions if w), "")
    origins = Origins(ctx, traced_seeds(ctx))
    for function in ctx.index.functions:
        if id(function) in have or not isinstance(ctx.parent(function), cst.Module):
            continue
        stack = scope_stack(ctx.index.parents, function.body)
        params = function.params
        for p in list(params.posonly_params) + list(params.params) + list(params.kwonly_params):
            if origins.of_key(scoped_key(ctx.index, p.name.value, stack)) == NYLAS:
                seeds.regions.append((function, why))
                break


def hold(ctx) -> None:
    """Turn the data rules' rewrites inside held functions into findings that say why they stay."""
    seeds = seeds_of(ctx)
    if seeds is None:
        return
    held = [(node, why) for node, why in seeds.regions if why]
    if not held:
        return
    ids = {r.id for r in ctx.rules.of_kinds(DATA_KINDS)}
    spans = []
    for node, why in held:
        if isinstance(node, cst.Module):
            spans.append(((0, 0), (len(ctx.text) + 1, 0), why, node))
            continue
        rng = ctx.positions[node]
        spans.append(((rng.start.line, rng.start.column + 1), (rng.end.line, rng.end.column), why, node))
    import re

    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", ctx.text)]
    offsets = [((starts[s[0] - 1] + s[1] - 1, starts[e[0] - 1] + e[1]) if not isinstance(node, cst.Module)
                else (0, len(ctx.text)), why) for s, e, why, node in spans]
    ctx.edits = [e for e in ctx.edits
                 if not (e.rule in ids and any(s <= e.start and e.end <= t for (s, t), _ in offsets))]
    by_id = ctx._by_id
    findings = []
    for f in ctx.findings:
        why = next((w for start, end, w, _ in spans if start <= (f.line, f.column) <= end), None)
        if f.rule not in ids or why is None:
            findings.append(f)
            continue
        rule = by_id.get(f.rule)
        if f.fixable:
            text = f"{rule.summary if rule else f.message}: not rewritten, because {why}; rename it by hand where " \
                   f"the value is Nylas data"
        else:
            text = f"{f.message} (if this is Nylas data: {why})"
        findings.append(replace(f, message=text, fixable=False))
    ctx.findings = findings
