"""Calls the client through its module: nylas_api.list_threads(...)."""
from app import nylas_api


def unread_since(token, when):
    return [t["id"] for t in nylas_api.list_threads(token) if t["latest_message_received_date"] > when]
