"""The cases of call_table_collections.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def thread_search(q):
    return nylas.threads.search(q, limit=5, view="ids")


def by_index(i):
    return nylas.messages[i]


def by_slice():
    return nylas.messages[0:10]


def expanded():
    return nylas.messages.where(view="expanded").all()


def how_many():
    return nylas.threads.count()
