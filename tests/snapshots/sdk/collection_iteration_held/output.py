"""The cases of collection_iteration.py that cannot be rewritten: a v5 collection iterated (v5 walked every
page; a v6 resource is not iterable) or bound to a name holds the client back, so it and all its uses stay on
v2 (SDK090 at the constructor names them; each keeps its RUN020/RUN021)."""
from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def every_subject():
    return [m.subject for m in nylas.messages]


def count_labels():
    return len(list(nylas.labels))


def walk():
    for thread in nylas.threads:
        print(thread.id)


def through_an_alias():
    drafts = nylas.drafts
    for d in drafts:
        print(d.id)
    return drafts.where(limit=5).all()
