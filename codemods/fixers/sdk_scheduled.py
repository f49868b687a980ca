"""Kind `sdk_client_call`: single v5 client calls outside the collections with a one-to-one v6 call.

sdk_mapping.md §1g, the rows it marks mechanical (signatures checked against nylas 6.18.0 by
tests/test_sdk_against_nylas6.py):
- `client.outbox.delete(job_status_id)` → `client.messages.stop_scheduled_message(grant, schedule_id)`; the finding
  says the ID must now be the v3 schedule_id.
- `client.neural.clean_conversation(message_ids)` → `client.messages.clean_messages(grant,
  request_body={"message_id": message_ids}).data` (CleanMessagesRequest; the result items keep `.conversation`).
  Only the one-argument form: `options=NeuralMessageOptions(...)` needs v5 imports removed, so it is reported.
`client.outbox.send(draft, send_at)` is folded with the draft by sdk_drafts; the other outbox/neural/files
calls are reported by sdk_members with the v3 way (SDK059).
"""
from __future__ import annotations

import libcst as cst

from codemods.context import FileContext


def rewrite(ctx: FileContext, sdk, walk, clients, is_client, rules) -> None:
    calls = {(r.get("collection"), r.get("method")): r for r in rules
             if r.kind == "sdk_client_call" and r.get("applies_to") != "model"}
    for call in walk.calls:
        f = call.func
        if id(call) in sdk.handled or not (isinstance(f, cst.Attribute) and isinstance(f.value, cst.Attribute)):
            continue
        rule = calls.get((f.value.attr.value, f.attr.value))
        if rule is None or f.value.attr.value == "files" or (f.value.attr.value, f.attr.value) == ("outbox", "send"):
            continue  # files and outbox.send are folded into a draft's send (sdk_drafts, sdk_files)
        if not is_client(ctx, f.value.value, clients):
            continue
        if len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
            continue  # left to sdk_members, which says what to pass
        text = rule.get("emit").format(ctx.absorb(call.args[0].value), client=ctx.absorb(f.value.value),
                                       grant=sdk.grant)
        start, stop = ctx.span(call)
        ctx.edit(start, stop, text, rule)
        ctx.report(call, rule, rule.message, fixable=True)
        sdk.handled.add(id(call))
