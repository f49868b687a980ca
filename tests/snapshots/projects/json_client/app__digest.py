"""Builds a daily digest from what app/nylas_api.py returns: this module never imports nylas."""
from app.nylas_api import account, get_message, list_threads


def digest(token):
    lines = []
    for thread in list_threads(token, limit=50):
        lines.append((thread["subject"], thread["earliest_message_date"], thread.get("last_message_timestamp")))
    return lines


def owner(token, message_id):
    message = get_message(token, message_id)
    folder = message["folder"]["display_name"] if message.get("folder") else None
    return message["account_id"], folder, [f["filename"] for f in message["attachments"]]


def whoami(token):
    me = account(token)
    return me["email_address"], me["account_id"]
