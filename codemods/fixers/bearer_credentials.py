"""Kind `v3_credentials`: the token sent as Bearer with raw HTTP calls that move to v3.

The upgrade guide and rest_api_facts.md §2: v3 takes an API key (with a grant ID in the path) or a v3 access
token (with the grant `me`); a v2 access token is refused. `fix` moves the paths to /v3/grants/<grant>/... and
leaves the header as it is, so the SDK path's credential finding (SDK044, at `Client(api_key=...)`) has this
raw-HTTP twin: reported at each distinct `Authorization: Bearer ...` value written in a module where `fix` moves a
Nylas URL to v3 (the header dict sent with it, or built elsewhere in the module).
"""
from __future__ import annotations

from typing import List

import libcst as cst

from codemods.context import FileContext
from codemods.fixers.headers import _leading_text, header_assignments
from codemods.rules import Rule

KINDS = ("v3_credentials",)


def run(ctx: FileContext, rules: List[Rule]) -> None:
    if "bearer" not in ctx.text.lower() or not _moves_to_v3(ctx):
        return
    said = set()  # once per token expression: the same `f"Bearer {token}"` in every call is one credential
    for _node, key, value in header_assignments(ctx):
        text = _leading_text(value) if key.lower() == "authorization" else None
        code = ctx.module.code_for_node(value)
        if text is not None and text.lower().startswith("bearer") and _has_a_token(value) and code not in said:
            said.add(code)
            for rule in rules:
                ctx.report(value, rule)


def _moves_to_v3(ctx: FileContext) -> bool:
    return any((r := ctx.rule(e.rule)) is not None and r.kind == "endpoint" for e in ctx.edits)


def _has_a_token(value: cst.BaseExpression) -> bool:
    """"Bearer " + token, f"Bearer {token}", "Bearer {}".format(token): a variable, not a literal placeholder."""
    return not isinstance(value, cst.SimpleString)
