"""Issue 13 class 5: dict-style use of a rewritten model becomes the v6 form where certain (item access on
the result, dict(), jsonify of one model, sent["subject"] after a rewritten send) and is reported where not (a
list into jsonify); the v2 delete idiom (trash label + add_label/remove_label + save) is reported as one. A
chain that cannot move whole (threads.first().messages) holds a client on v2: see
model_chains_and_dicts_held.py."""
from flask import jsonify
from nylas import Client

nylas = Client(api_key="token")


def subject_of(message_id):
    return nylas.messages.find("me", message_id).data.subject


def as_dict(message_id):
    return nylas.messages.find("me", message_id).data.to_dict()


def named_dict(message_id):
    message = nylas.messages.find("me", message_id).data
    return message.to_dict()


def api_messages():
    messages = nylas.messages.list("me", query_params={"limit": 5}).data
    return jsonify(messages)


def api_thread(thread_id):
    thread = nylas.threads.find("me", thread_id).data
    return jsonify(thread.to_dict())


def send(to):
    message = nylas.messages.send("me", request_body={"to": [{"email": to}], "subject": "Hi"}).data
    return message.subject, message.id


def delete(message_id):
    trash = None
    for label in nylas.folders.list("me").data:
        if label.name == "trash":
            trash = label
    message = nylas.messages.find("me", message_id).data
    message.add_label(trash.id)
    message.remove_label("inbox")
    message.save()
