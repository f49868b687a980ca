"""Issue 13 class 5, no-touch: the same shapes on the app's own objects (an ORM thread's messages manager,
dict() and jsonify of app records, a "trash" status string): no Nylas client here, nothing changes."""
from flask import jsonify

from .models import Mailbox, SyncedThread


def first_message():
    return SyncedThread.query.first().messages.first()


def as_dict(pk):
    return dict(Mailbox.objects.get(pk=pk).settings)


def api_thread(pk):
    thread = SyncedThread.query.get(pk)
    return jsonify(thread.summary())


def delete(record):
    if record.status == "trash":
        record.add_label("archived")
        record.save()
