"""Apply a "keep on v2" decision (decide.py) to one module: take back the SDK rewrite of a client whose
uses cannot all move, report each constructor with the uses that hold it back, and each use.

The rewrite is first made (so its edits say exactly which uses move), then taken back whole when the
decision is to keep: no v3 rename is left inside code that stays on v2 (issue 13 class 4), including the
field renames other fixers made on this client's models (`draft.tracking = {"payload": ...}`).
"""
from __future__ import annotations

import libcst as cst

from codemods.analysis.decide import ClientFacts, Decision, Place, Use, decide
from codemods.analysis.module_uses import constructor_facts, uses_as_facts


def within_module(ctx, sdk, walk, ctors, clients, saved, client_keys, is_client, held_keys=frozenset()) -> Decision:
    """held_keys: keys of clients from other modules the project pass keeps on v2 (reported with this one's if kept)."""
    from codemods.analysis.plan import module_plan

    plan = module_plan(ctx.options, ctx.path)
    passed = sdk.notes["client_passed"].id if "client_passed" in sdk.notes else None
    if plan is not None and plan.callees:  # the callee moves with the client: nothing to warn about
        ctx.findings = [f for f in ctx.findings
                        if not (f.rule == passed and f.message.split("(): ", 1)[0] in plan.callees)]
    uses = uses_as_facts(ctx, clients, is_client)
    if plan is not None:  # in a project run, a client handed to code the pass could not follow holds it back
        uses += tuple(Use(Place(ctx.path, f.line, f.message.split("(): ", 1)[0] + "(...) receives it, untraced"),
                          False) for f in ctx.findings if f.rule == passed)
    facts = ClientFacts(constructor_facts(ctx, ctors, {id(c) for c in ctors}), uses)
    have = ctx.traced.get("client_facts", ((), ()))
    ctx.traced["client_facts"] = (have[0] + facts.constructors, have[1] + facts.uses)  # for the project pass
    decision = decide(facts)
    exported = [p for _, p in plan.exported] if plan else []
    held = [p for p in exported + [p for _, _, p in (plan.imported if plan else ())] if not p.migrate and not p.dry]
    because = None
    if decision.migrate and held:  # the project pass saw a use elsewhere that cannot move, or users outside the run
        decision, because = Decision(False), "; ".join(dict.fromkeys(p.reason for p in held if p.reason))
    elif decision.migrate and not facts.uses and ctors and not exported:
        # Built here but used nowhere here: it is imported, returned or passed to other modules, whose uses
        # must move with it; until the tool moves a client across modules, it stays on v2 (and says so).
        decision, because = Decision(False), ("not used in this module, so whatever uses it is in other modules, "
                                              "which must move with it in one run over the project")
    if not decision.migrate:
        dry_run = ctx.findings
        ctx.edits, ctx.findings = list(saved[0]), list(saved[1])
        keep(ctx, sdk, walk, ctors, set(clients) | set(held_keys), decision, client_keys, is_client, because)
        lines = {b.line for b in decision.blockers if b.module == ctx.path}
        if because:  # blockers the project pass named in this module
            import re

            lines |= {int(n) for n in re.findall(re.escape(ctx.path) + r":(\d+) ", because)}
        _keep_advice(ctx, sdk, dry_run, lines)
    return decision


_ABOUT_THE_MOVE = ("pagination", "credentials", "send_result", "client_passed")


def _keep_advice(ctx, sdk, dry_run, lines) -> None:
    """A blocker keeps the how-to its own rule gave it (files.create: no upload in v3; count(): gone ...) in
    place of the generic "held" finding: that is what the user has to do before the client can move."""
    said = set(ctx.findings)
    about_move = {sdk.notes[w].id for w in _ABOUT_THE_MOVE if w in sdk.notes}
    advice = [f for f in dry_run if f.line in lines and not f.fixable and f.rule not in about_move and f not in said]
    held = sdk.notes.get("client_held")
    placed = {(f.line, f.column) for f in advice}
    ctx.findings = [f for f in ctx.findings if not (held and f.rule == held.id and (f.line, f.column) in placed)]
    ctx.findings.extend(advice)


def keep(ctx, sdk, walk, ctors, clients, decision: Decision, client_keys, is_client, because=None) -> None:
    from codemods.fixers import sdk_members

    rule = sdk.notes.get("client_blocked")
    if because and because.startswith("held back by") and rule is not None:  # uses in other modules block it
        text = f"{because}: {rule.message}"
    elif because:  # the run does not cover its users
        text = f"{because}; until then this client stays on the v2 SDK (nylas 5.x), with all its uses, in every module"
    else:
        text = rule and f"held back by {decision.blocker_text(ctx.path)}: {rule.message}"
    for call in ctors:
        sdk.note(call, "client_blocked", text)
    sdk_members.keep_v2_client(ctx, sdk, walk, ctors, client_keys, is_client, kept="client_held")
    retract_model_edits(ctx, clients, is_client)
    retract_v6_imports(ctx)
    _untraced(ctx, sdk, clients, is_client)


def unreadable(ctx, sdk, walk, rendered, client_keys, is_client, reasons=None) -> None:
    """Constructors that cannot be read keep the module's client machinery on v2: each says so (SDK003), and
    each readable one names the constructors that hold it back (one import serves them all)."""
    from codemods.analysis.module_uses import _short
    from codemods.fixers import sdk_members

    ctors = [call for call, _ in rendered]
    bad = [call for call, text in rendered if text is None]
    for call in bad:  # reasons: id(call) -> (note, message) where the constructor said why (fixers/sdk_credentials.py)
        when, message = (reasons or {}).get(id(call), ("unreadable_client", None))
        sdk.note(call, when if when in sdk.notes else "unreadable_client", message)
    why = "; ".join(f"line {ctx.line_col(c)[0]} {_short(ctx, c)}" for c in bad[:4])
    have = ctx.traced.get("client_facts", ((), ()))  # the project pass: a client built here cannot move
    ctx.traced["client_facts"] = (have[0] + constructor_facts(ctx, bad, set()), have[1])
    rule = sdk.notes.get("client_blocked")
    for call, text in rendered:
        if text is not None and rule is not None:
            sdk.note(call, "client_blocked", f"held back by {why} (this module's other constructor, which cannot be "
                                             f"rewritten; the module keeps one SDK version): {rule.message}")
    sdk_members.keep_v2_client(ctx, sdk, walk, ctors, client_keys, is_client)
    clients = client_keys(ctx, sdk, ctors)
    retract_model_edits(ctx, clients, is_client)
    retract_v6_imports(ctx)
    _untraced(ctx, sdk, clients, is_client, "client_kept_v2")


def _untraced(ctx, sdk, clients, is_client, kept="client_held") -> None:
    from codemods.analysis import aliases, untraced

    aliases.report_kept(ctx, sdk, clients, is_client, kept)  # account = client.accounts; account.threads.first()
    untraced.report(ctx, sdk, lambda recv: is_client(ctx, recv, clients))


def retract_v6_imports(ctx) -> None:
    """`from nylas.client.errors import ...` → nylas.models.errors is a v6 import: not in a module kept on v2."""
    ids = {r.id for r in ctx.rules.of_kind("sdk_errors")}
    ctx.edits = [e for e in ctx.edits if e.rule not in ids]
    ctx.findings = [f for f in ctx.findings if not (f.fixable and f.rule in ids)]


def _from_client(ctx, value, clients, is_client) -> bool:
    """Is the value a chain rooted at a client (`nylas.drafts.create()`, `nylas.threads.get(i).messages`)?"""
    node = value
    while isinstance(node, (cst.Call, cst.Attribute, cst.Subscript)):
        node = node.func if isinstance(node, cst.Call) else node.value
        if isinstance(node, (cst.Name, cst.Attribute)) and is_client(ctx, node, clients):
            return True
    return False


def retract_model_edits(ctx, clients, is_client) -> None:
    """Take back edits inside values set on models of a kept client (`draft.tracking = {"payload": ...}`)."""
    models = {key for key, value, _ in ctx.index.pairs
              if value is not None and _from_client(ctx, value, clients, is_client)}
    if not models:
        return
    for attrs in ctx.index.attributes.values():
        for attr in attrs:
            target = ctx.parent(attr)
            if not isinstance(target, cst.AssignTarget) or not is_client(ctx, attr.value, models):
                continue
            assign = ctx.parent(target)
            if isinstance(assign, cst.Assign):
                ctx.retract(assign.value)
