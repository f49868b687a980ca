"""Two constructors that cannot be read: each gets its own finding, and the module stays on v2 whole; a
readable one names them, and a call on a receiver that is not traced is reported too.

The tracking settings of a draft sent through the kept client keep their v2 keys: no v3 rename inside code
that stays on v2.
"""
from nylas import APIClient

primary = APIClient(**PRIMARY_SETTINGS)
backup = APIClient(*BACKUP_ARGS)
readable = APIClient("id", "secret", TOKEN)  # readable, but the module keeps one SDK version: it names the others


def send(to):
    draft = primary.drafts.create()
    draft.to = [{"email": to}]
    draft.tracking = {"links": True, "opens": True, "payload": "weekly-digest"}
    draft.send()


def latest():
    return backup.messages.first()


def unread(account_nylas):
    return readable.threads.all(), account_nylas.threads.where(unread=True)
