"""sdk_mapping.md §1a rows not in collections.py: all(limit), list(where(...)), threads.search with view,
indexing and slicing a collection, where(view=...), count() on the collection itself."""
from nylas import Client

nylas = Client(api_key="token")


def capped():
    return nylas.messages.list("me", query_params={"limit": 100}).data


def as_list():
    return list(nylas.threads.list("me", query_params={"unread": True}).data)
