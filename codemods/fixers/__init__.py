"""The fixer registry: which module handles which rule kind, in the order they run.

URL fixers each look at one URL site (see codemods.urls) and add to its plan;
the plan is committed once all of them have looked. Module fixers (SDK code,
response fields) walk the whole module. A module fixer with observe() also sees
each URL site's plan before it is committed (to trace the replies of Nylas calls);
its kinds are not URL kinds, so its edits are verified as module edits. To add a
kind: write a module with KINDS and plan() (or run()), and list it here.
"""
from __future__ import annotations

from typing import List

from codemods.context import FileContext
from codemods.fixers import (auth, bearer_credentials, bodies, endpoints, fields, fields_listing,
                             fields_models, fields_replies, fields_tracking, headers, helper_replies, hosts, mock_replies,
                             query_params, responses, sdk, sdk_collection_iteration, sdk_error_handlers, sdk_v5_imports,
                             stored_ids, v2_strings, webhook_signature)

# Order matters: endpoints decide the resource that query params, bodies and responses look at.
URL_FIXERS = (hosts, auth, headers, endpoints, query_params, bodies, responses)
MODULE_FIXERS: tuple = (fields, fields_replies, fields_tracking, fields_listing, sdk, fields_models,
                        sdk_error_handlers, sdk_v5_imports, sdk_collection_iteration, v2_strings, webhook_signature,
                        helper_replies, mock_replies, stored_ids, bearer_credentials)


def url_kinds() -> set:
    return {k for f in URL_FIXERS for k in f.KINDS}


def run(ctx: FileContext) -> None:
    from codemods.http_calls import http_uses
    from codemods.paths import split_url
    from codemods.site_plan import SitePlan
    from codemods.urls import collect_sites

    of_kinds = ctx.rules.of_kinds
    rules_by_fixer = [(f, of_kinds(f.KINDS)) for f in URL_FIXERS]
    observers = [(f, of_kinds(f.KINDS)) for f in MODULE_FIXERS if hasattr(f, "observe")]
    observers = [(f, rules) for f, rules in observers if rules]
    committed: List = []
    if any(rules for _, rules in rules_by_fixer) or observers:
        host_rules = of_kinds(("host",))
        v2_hosts, v3_hosts = [r.get("host") for r in host_rules], sorted({r.get("replace") for r in host_rules})
        sites = 0
        from codemods.analysis.bases import Committed, hold_shared_bases, hold_unseen_bases, site_path

        for site in collect_sites(ctx, v2_hosts, v3_hosts):
            sites += 1
            parts = split_url(site.template.text, base_hole=site.base is not None)
            if parts is None:
                continue
            uses = http_uses(ctx, site.sent_by or site.template.root, site.assigned_to)
            sp = SitePlan(ctx, site, parts, uses)
            for fixer, rules in rules_by_fixer:
                if rules:
                    fixer.plan(sp, rules)
            for fixer, rules in observers:
                fixer.observe(sp, rules)
            edits, findings = len(ctx.edits), len(ctx.findings)
            sp.commit()
            committed.append(Committed(site, site_path(sp), ctx.edits[edits:], ctx.findings[findings:], sp))
        from codemods.analysis.base_clients import commit_escapes

        commit_escapes(ctx, committed)  # a base-URL client handed on: a path of its base that cannot move
        from codemods.analysis.base_imported import settle as settle_imported_bases

        settle_imported_bases(ctx, committed)  # bases shared with other modules: moved or held with all their users
        hold_shared_bases(ctx, committed)
        hold_unseen_bases(ctx, committed)
        if sites:  # a module that sends Nylas URLs: its headers built elsewhere are read too
            headers.scan_module(ctx, list(of_kinds(headers.KINDS)))
    from codemods.analysis import data_apply

    data_apply.seed(ctx)  # Nylas data from other modules (analysis/nylas_data.py): where origins start
    for fixer in MODULE_FIXERS:
        rules: List = list(of_kinds(fixer.KINDS))
        if rules and hasattr(fixer, "run"):
            fixer.run(ctx, rules)
    data_apply.hold(ctx)  # and the reads of data that is not only Nylas's are reported, not rewritten
    if committed:  # last: a test's mock moves only with the requests it answers, once their edits are final
        from codemods.analysis.mocks import settle

        settle(ctx, committed)
