"""The cases of draft_save_send.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def read_back(email):
    draft = nylas.drafts.create()
    draft.to = [{"email": email}]
    draft.save()
    draft.send()
    return draft.id


def escapes(email, queue):
    draft = nylas.drafts.create()
    draft.to = [{"email": email}]
    draft.save()
    queue.append(draft)


def edited_after_save(email):
    draft = nylas.drafts.create()
    draft.save()
    draft.to = [{"email": email}]
    draft.send()
