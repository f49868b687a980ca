"""Two constructors that cannot be read: each gets its own finding, and the module stays on v2 whole.

The tracking settings of a draft sent through the kept client keep their v2 keys: no v3 rename inside code
that stays on v2.
"""
from nylas import APIClient

primary = APIClient(**PRIMARY_SETTINGS)
backup = APIClient(*BACKUP_ARGS)


def send(to):
    draft = primary.drafts.create()
    draft.to = [{"email": to}]
    draft.tracking = {"links": True, "opens": True, "payload": "weekly-digest"}
    draft.send()


def latest():
    return backup.messages.first()
