"""Called by the webhook view with a whole notification: this module never imports nylas."""
from .search import index_message


def handle_payload(payload):
    for delta in payload["deltas"]:
        kind = delta["type"]
        if kind == "grant.expired":
            _notify(delta["object_data"]["account_id"])
        elif kind == "message.created":
            index_message(delta["object_data"]["attributes"])


def _notify(account_id):
    return f"account {account_id} needs to reconnect"


def is_connect_event(event):
    return event["type"] == "account.connected"  # called by nothing that passes Nylas data: left alone
