"""The v6 SDK (nylas 6.x) as the tool needs to know it, without importing it: nylas may not be installed next to
the code being upgraded, or be 5.x there. tests/test_v6_sdk_table.py derives every table below from the installed
nylas 6 and fails on any difference, so a new SDK release that adds a field or a method says so.

Used to decide v5-ness from the shape of a call against v6's real signatures (issue 13 class 6: code already on v6
is never rewritten or reported) and to check members read on traced v6 models (issue 14 item 3).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

# Public names of the v6 module nylas.client (v5's nylas.client was a package: nylas.client.restful_models, ...).
CLIENT_MODULE_NAMES: FrozenSet[str] = frozenset({    "Applications", "Attachments", "Auth", "Calendars", "Client", "Connectors", "Contacts", "DEFAULT_SERVER_URL", "Domains", "Drafts", "Events", "Folders", "Grants", "HttpClient", "Lists", "Messages", "Notetakers", "Policies", "Rules", "Scheduler", "Threads", "TransactionalSend", "Webhooks", "Workspaces",
})

# resource -> method -> parameter names (after self; `name=` has a default), for the resources the tool rewrites.
SIGNATURES: Dict[str, Dict[str, Tuple[str, ...]]] = {
    "messages": {
        "clean_messages": ('identifier', 'request_body', 'overrides='),
        "destroy": ('identifier', 'message_id', 'overrides='),
        "find": ('identifier', 'message_id', 'query_params=', 'overrides='),
        "find_scheduled_message": ('identifier', 'schedule_id', 'overrides='),
        "list": ('identifier', 'query_params=', 'overrides='),
        "list_scheduled_messages": ('identifier', 'overrides='),
        "send": ('identifier', 'request_body', 'overrides='),
        "send_raw_mime": ('identifier', 'request_body', 'overrides='),
        "stop_scheduled_message": ('identifier', 'schedule_id', 'overrides='),
        "update": ('identifier', 'message_id', 'request_body', 'overrides='),
    },
    "threads": {
        "destroy": ('identifier', 'thread_id', 'overrides='),
        "find": ('identifier', 'thread_id', 'overrides='),
        "list": ('identifier', 'query_params=', 'overrides='),
        "update": ('identifier', 'thread_id', 'request_body', 'overrides='),
    },
    "drafts": {
        "create": ('identifier', 'request_body', 'overrides='),
        "destroy": ('identifier', 'draft_id', 'overrides='),
        "find": ('identifier', 'draft_id', 'overrides=', 'query_params='),
        "list": ('identifier', 'query_params=', 'overrides='),
        "send": ('identifier', 'draft_id', 'overrides='),
        "update": ('identifier', 'draft_id', 'request_body', 'overrides='),
    },
    "folders": {
        "create": ('identifier', 'request_body', 'overrides='),
        "destroy": ('identifier', 'folder_id', 'overrides='),
        "find": ('identifier', 'folder_id', 'overrides=', 'query_params='),
        "list": ('identifier', 'query_params=', 'overrides='),
        "update": ('identifier', 'folder_id', 'request_body', 'overrides='),
    },
    "attachments": {
        "complete_upload_session": ('identifier', 'attachment_id', 'overrides='),
        "create": ('path', 'response_type', 'headers=', 'query_params=', 'request_body=', 'overrides=', 'serialized_json_body='),
        "create_upload_session": ('identifier', 'request_body', 'overrides='),
        "download": ('identifier', 'attachment_id', 'query_params', 'overrides='),
        "download_bytes": ('identifier', 'attachment_id', 'query_params', 'overrides='),
        "find": ('identifier', 'attachment_id', 'query_params', 'overrides='),
    },
}

# resource -> the fields of its v6 model dataclass (Message, Thread, Draft, Folder, Attachment).
MODEL_FIELDS: Dict[str, FrozenSet[str]] = {
    "messages": frozenset({
        "attachments", "bcc", "body", "cc", "created_at", "date", "folders", "from_", "grant_id", "headers", "id", "metadata", "object", "raw_mime", "reply_to", "schedule_id", "send_at", "snippet", "starred", "subject", "thread_id", "to", "tracking_options", "unread",
    }),
    "threads": frozenset({
        "draft_ids", "earliest_message_date", "folders", "grant_id", "has_attachments", "has_drafts", "id", "latest_draft_or_message", "latest_message_received_date", "latest_message_sent_date", "message_ids", "object", "participants", "snippet", "starred", "subject", "unread",
    }),
    "drafts": frozenset({
        "attachments", "bcc", "body", "cc", "created_at", "date", "folders", "from_", "grant_id", "headers", "id", "metadata", "object", "raw_mime", "reply_to", "schedule_id", "send_at", "snippet", "starred", "subject", "thread_id", "to", "tracking_options", "unread",
    }),
    "folders": frozenset({
        "attributes", "background_color", "child_count", "grant_id", "id", "name", "object", "parent_id", "system_folder", "text_color", "total_count", "unread_count",
    }),
    "attachments": frozenset({
        "content_disposition", "content_id", "content_type", "filename", "grant_id", "id", "is_inline", "size",
    }),
}
MODEL_CLASSES = {"messages": "Message", "threads": "Thread", "drafts": "Draft", "folders": "Folder",
                 "attachments": "Attachment"}
# Methods every v6 model has (dataclasses_json): nothing else can be called on one.
MODEL_METHODS: FrozenSet[str] = frozenset({"from_dict", "from_json", "schema", "to_dict", "to_json"})


def binds(resource: str, method: str, positional: int, keywords) -> bool:
    """Would `client.<resource>.<method>(<positional> args, **keywords)` bind to v6's signature?"""
    params = SIGNATURES.get(resource, {}).get(method)
    if params is None:
        return False
    names = [p.rstrip("=") for p in params]
    required = {p for p in params if not p.endswith("=")}
    given = set(names[:positional]) | set(keywords)
    return positional <= len(names) and set(keywords) <= set(names[positional:]) and required <= given
