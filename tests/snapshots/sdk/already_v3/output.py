"""Code already on the v6 Client: never rewritten; v5-style calls left on it are reported."""
from nylas import Client

nylas = Client(api_key="key")


def inbox(grant_id):
    return nylas.messages.list(grant_id, query_params={"limit": 5}).data


def leftover():
    return nylas.threads.where(unread=True).all()
