"""The rule kinds a YAML rule may name, and the fields each kind takes.

This table is the contract between the YAML files under rules/ and the fixers
under codemods/fixers/: the loader validates every rule against it, and the
registry dispatches each kind to one fixer. It imports nothing heavy, so
`check` can load and validate rules before deciding whether libcst is needed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import FrozenSet


@dataclass(frozen=True)
class KindSpec:
    required: FrozenSet[str]
    optional: FrozenSet[str] = frozenset()
    fixable: bool = True  # does `fix` rewrite sites of this kind?
    description: str = ""


def _spec(required=(), optional=(), fixable=True, description=""):
    return KindSpec(frozenset(required), frozenset(optional), fixable, description)


# Fields every rule has, whatever its kind.
COMMON_REQUIRED = frozenset({"id", "kind", "summary", "doc_url", "example"})
COMMON_OPTIONAL = frozenset({"confidence", "message", "triggers"})

KINDS = {
    "host": _spec(
        required={"host", "replace"},
        description="Replace a v2 API host with its v3 host (region kept).",
    ),
    "scheme": _spec(
        required={"from", "to"},
        description="Move a Nylas URL from one scheme to another (v3 is HTTPS only).",
    ),
    "endpoint": _spec(
        required={"path", "to", "methods"},
        optional={"rename_query", "notes", "returns"},
        description="Move a v2 REST path to its v3 path under /v3/grants/{grant}.",
    ),
    "manual_endpoint": _spec(
        required={"path", "message"},
        optional={"methods"},
        fixable=False,
        description="A v2 REST path with no mechanical v3 equivalent: reported, never rewritten.",
    ),
    "query_param": _spec(
        required={"param", "resources"},
        optional={"rename", "values", "above"},
        description="A v2 query parameter renamed (fix) or dropped (manual) in v3; `above: N`: only an integer "
                    "value over N (a v3 maximum).",
    ),
    "response_envelope": _spec(
        required={"message", "when"},
        fixable=False,
        description="A v2 JSON response read where v3 wraps it in {data, next_cursor}.",
    ),
    "url_userinfo": _spec(
        required={"message"},
        fixable=False,
        description="Credentials inside a Nylas URL (v3 accepts only a Bearer header).",
    ),
    "header": _spec(
        required={"header"},
        optional={"require_prefix"},
        fixable=False,
        description="An HTTP header sent to Nylas that v3 rejects or ignores.",
    ),
    "note": _spec(
        required={"message"},
        optional={"when", "unless_param"},
        fixable=False,
        description="A manual follow-up that another rule, or a situation the engine detects, reports.",
    ),
    "field_key": _spec(
        required={"key"},
        optional={"rename", "subscript_rename", "nested_in", "attribute", "untraced"},
        description="A key of a v2 response or body object, renamed (fix) or gone (manual), in modules "
                    "with Nylas evidence: subscripts, .get(), dict literals, `in` tests, attributes.",
    ),
    "webhook_trigger": _spec(
        required={"value"},
        optional={"rename"},
        description="A v2 webhook trigger name compared to a notification's type: renamed or removed in v3.",
    ),
    "webhook_envelope": _spec(
        required={"key"},
        fixable=False,
        description="Reading the v2 webhook envelope (deltas, object_data): v3 sends one event in data.object.",
    ),
    "reply_field": _spec(
        required={"key", "resources"},
        optional={"rename"},
        description="A key of a Nylas reply object (traced from the .json() of a matched call, by v2 resource): "
                    "renamed (fix) or gone (manual).",
    ),
    "reply_object_field": _spec(
        required={"key", "resources", "message"},
        optional={"rename"},
        description="A v2 reply key that held objects and holds IDs in v3: renamed where read whole, a finding "
                    "where the old object is read into.",
    ),
    "body_key_to_list": _spec(
        required={"key", "rename", "endpoints"},
        description="A single-value key of a request body sent to Nylas that v3 takes as a list: "
                    "\"k\": x → \"new\": [x].",
    ),
    "tracking_recent": _spec(
        required={"key", "rename"},
        description="A key of a tracking notification's recents[] item (webhook handlers), renamed in v3.",
    ),
    "tracking_recent_id": _spec(
        required={"key", "renames", "message"},
        description="recents[].id, renamed per trigger (renames: trigger → key) where the branch's trigger is "
                    "known; a finding elsewhere.",
    ),
    "tracking_metadata": _spec(
        required={"renames", "message"},
        fixable=False,
        description="A key of a v2 webhook delta's object_data.metadata (tracking): renames maps it to its v3 path.",
    ),
    "metadata_filter": _spec(
        required={"param", "values", "message"},
        fixable=False,
        description="A metadata query filter sent to Nylas on a key v3 does not index (values: the keys it does).",
    ),
    "body_content_type": _spec(
        required={"message"},
        fixable=False,
        description="A body sent as data= with no Content-Type (a form, or untyped), which v3 does not read.",
    ),
    "base_url_client": _spec(
        required={"message"},
        fixable=False,
        description="A Nylas base URL given (base_url=) to a class that is not an HTTP client the tool reads: "
                    "the paths it sends are not traced, so its base stays on v2 and it is reported "
                    "(analysis/base_clients.py).",
    ),
    "listing_note": _spec(
        required={"resources", "message"},
        fixable=False,
        description="One informational finding per file, at its first list call of these resources.",
    ),
    "sdk_import": _spec(
        required={"modules", "old_name", "new_module", "new_name"},
        description="The v2 SDK's entry point import, renamed to the v3 SDK's.",
    ),
    "sdk_client": _spec(
        required={"params", "key_param", "server_param"},
        description="The v2 client constructor, rewritten to the v3 one.",
    ),
    "sdk_collection_call": _spec(
        required={"method", "emit"},
        description="A v5 collection call (all, where, first, get, delete, search) and the v6 call it becomes.",
    ),
    "sdk_collection": _spec(
        required={"collection", "rename"},
        description="A v5 collection renamed in v6 (labels → folders).",
    ),
    "sdk_query_key": _spec(
        required=set(),
        optional={"renames", "collections", "manual", "time_keys", "advise", "limits"},
        description="where()/search() keywords: renamed to v6 query_params keys, or with no v3 equivalent; "
                    "`advise` keys are rewritten and also reported (their value may need a v3 change); "
                    "`limits` ({collection: v3 maximum}): a literal limit over it is reported.",
    ),
    "sdk_draft_send": _spec(
        required={"renames", "manual_fields", "emit"},
        optional={"nested_renames"},
        description="The create → set attributes → send() draft idiom, folded into one messages.send call.",
    ),
    "sdk_draft_save": _spec(
        required={"renames", "create_emit", "send_emit"},
        description="create → set attributes → save() [→ send()]: drafts.create, then drafts.send with its id.",
    ),
    "sdk_attachment": _spec(
        required={"fields", "file_fields"},
        optional={"default_content_type"},
        description="files.create() + filename/stream/data + save() + draft.attach(f): an inline attachment.",
    ),
    "sdk_client_call": _spec(
        required={"collection", "method", "emit"},
        optional={"applies_to"},
        description="A v5 call with a one-to-one v6 call: outbox, neural and file calls, or a model method (applies_to: model).",
    ),
    "sdk_model_member": _spec(
        required={"members"},
        optional={"applies_to"},
        fixable=False,
        description="A v5 model attribute or method with no v6 counterpart on the object (applies_to: changed, one "
                    "v6 has with another meaning): reported, per collection.",
    ),
    "sdk_model_rename": _spec(
        required={"members"},
        description="Members of v5 models that v6 models have under another name ({collection: {old: new}}): "
                    "renamed on objects a rewritten SDK call returned (attribute and item access).",
    ),
    "sdk_model_access": _spec(
        required={"renames"},
        description="Subscripts on objects a rewritten SDK call returned, turned into attribute access.",
    ),
    "sdk_model_method": _spec(
        required={"collections", "bodies", "emit"},
        description="A v5 model method that PUTs a fixed body, and the v6 update call it becomes.",
    ),
    "sdk_errors": _spec(
        required={"module", "new_module", "names"},
        description="Error classes: v5 imports that have a v6 equivalent are moved; the rest are reported.",
    ),
    "sdk_note": _spec(
        required={"when", "message"},
        fixable=False,
        description="An SDK situation reported for a human (pagination, count, token swaps, account, ...).",
    ),
    "unparsable_usage": _spec(
        required={"pattern", "message"},
        optional={"evidence", "file_mentions"},
        fixable=False,
        description="A v2 usage found by a text scan of a file that does not parse (pattern: a regex on a line "
                    "without its comments; evidence: only in a file that imports nylas or names a v2 host).",
    ),
    "unparsable_python2": _spec(
        required={"signs", "message"},
        fixable=False,
        description="Python 2 syntax in a file with Nylas code that does not parse (signs: what → regex).",
    ),
    "unparsable_model_call": _spec(
        required={"bound_by", "message"},
        optional={"model_methods", "attributes", "aliases"},
        fixable=False,
        description="A v5 model method (model_methods) called, or a v5 attribute (attributes) read, on a name bound by "
                    "bound_by (a regex whose group is the name: a v5 collection call's result, an APIClient(...)) "
                    "or, with aliases, assigned from such a name, in a file that does not parse.",
    ),
    "unparsable_tabs": _spec(
        required={"message"},
        fixable=False,
        description="Indentation mixing tabs and spaces that Python 3 refuses, in a file with Nylas code.",
    ),
    "sdk_error_handler": _spec(
        required={"when", "message"},
        description="Error handling around a Nylas SDK call that nylas 6 no longer triggers (when: http_error, "
                    "response_status): rewritten where certain, reported otherwise.",
    ),
    "sdk_error_note": _spec(
        required={"when", "message"},
        fixable=False,
        description="Error handling that names v5 errors or retries on requests errors around Nylas SDK calls "
                    "(when: retry, dotted_v5_error): reported.",
    ),
    "sdk_kept_import": _spec(
        required={"module", "old_name", "message"},
        optional={"attribute_message"},
        fixable=False,
        description="The v2 SDK's entry point import left in a module that stays on v2: it fails under nylas 6.",
    ),
    "sdk_v5_only": _spec(
        required={"modules", "message"},
        optional={"names", "at_import"},
        fixable=False,
        description="Names from a v5-only module (or only the listed names of it): reported at the import and "
                    "at each use.",
    ),
    "sdk_collection_use": _spec(
        required={"when", "message"},
        fixable=False,
        description="A v5 collection used as a value: iterated (when: iterated) or bound to a name whose calls "
                    "and iterations stay v5 (when: alias).",
    ),
    "v2_string": _spec(
        required={"pattern", "message"},
        optional={"inside_call"},
        fixable=False,
        description="A string literal naming a v2 thing no URL rule sees (pattern: a regex on its value; "
                    "inside_call: only as an argument of a call whose callee ends with one of these names).",
    ),
    "webhook_signature": _spec(
        required={"message"},
        fixable=False,
        description="An HMAC computed in a Nylas webhook handler (reads X-Nylas-Signature) with a key that is not "
                    "a webhook secret: v3 signs with the webhook's own secret.",
    ),
    "helper_envelope": _spec(
        required={"when", "message"},
        fixable=False,
        description="A Nylas reply returned by a helper function (its .json(), or the response) and read as "
                    "the v2 shape by the helper's callers (when: list or object).",
    ),
    "mock_envelope": _spec(
        required={"message"},
        optional={"when"},
        fixable=False,
        description="A test mock (responses, requests_mock) answering a Nylas URL that moves to v3 with a "
                    "v2-shaped json body (when: list or object; both when absent).",
    ),
    "stored_id": _spec(
        required={"message"},
        fixable=False,
        description="A v3 call (URL path or SDK find/destroy/update) whose object id visibly comes from storage "
                    "kept across the upgrade (a request argument, a cache, a column named for Nylas).",
    ),
    "v3_credentials": _spec(
        required={"message"},
        fixable=False,
        description="A Bearer token sent with raw HTTP calls that move to v3: it must be a v3 credential.",
    ),
    "body_key": _spec(
        required={"key", "endpoints"},
        optional={"rename", "hold_url"},
        description="A key of a JSON request body renamed (fix) or dropped (manual) in v3.",
    ),
}


def is_fixable(kind: str, data: dict) -> bool:
    """Manual unless the kind rewrites; kinds with an optional `rename` fix only when it is given."""
    spec = KINDS[kind]
    if not spec.fixable:
        return False
    if "rename" in spec.optional:
        return "rename" in data or "subscript_rename" in data  # the latter fixes subscripts; other forms are flagged per site
    if kind == "sdk_query_key":
        return "renames" in data and "advise" not in data
    return True
