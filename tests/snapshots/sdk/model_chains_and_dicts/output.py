"""Issue 13 class 5: a chain moves whole or not at all (a v6 Thread has no messages), dict-style use of a
rewritten model becomes the v6 form where certain (item access on the result, dict(), jsonify of one model,
sent["subject"] after a rewritten send) and is reported where not (a list into jsonify); the v2 delete idiom
(trash label + add_label/remove_label + save) is reported as one."""
from flask import jsonify
from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def first_message():
    return nylas.threads.first().messages.first()


def subject_of(message_id):
    return nylas.messages.get(message_id)["subject"]


def as_dict(message_id):
    return dict(nylas.messages.get(message_id))


def named_dict(message_id):
    message = nylas.messages.get(message_id)
    return dict(message)


def api_messages():
    messages = nylas.messages.where(limit=5).all()
    return jsonify(messages)


def api_thread(thread_id):
    thread = nylas.threads.get(thread_id)
    return jsonify(thread)


def send(to):
    draft = nylas.drafts.create()
    draft.to = [{"email": to}]
    draft.subject = "Hi"
    message = draft.send()
    return message["subject"], message["id"]


def delete(message_id):
    trash = None
    for label in nylas.labels.all():
        if label.name == "trash":
            trash = label
    message = nylas.messages.get(message_id)
    message.add_label(trash.id)
    message.remove_label("inbox")
    message.save()
