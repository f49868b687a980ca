"""v5 collections used as values: iterated (v5 walked every page) or bound to a name."""
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


def through_the_client():
    return nylas.threads.where(limit=5).all()
