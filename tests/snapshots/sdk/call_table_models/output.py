"""sdk_mapping.md §1b and §1c: every message and thread model method and lazy attribute, one line each."""
from nylas import Client

nylas = Client(api_key="token")


def message_rows(message_id, label_ids):
    msg = nylas.messages.find("me", message_id).data
    nylas.messages.update("me", msg.id, request_body={"unread": False})
    nylas.messages.update("me", msg.id, request_body={"unread": True})
    nylas.messages.update("me", msg.id, request_body={"starred": False})
    nylas.messages.update("me", msg.id, request_body={"folders": label_ids})
    msg.add_labels(label_ids)
    msg.remove_label("l1")
    msg.remove_labels(label_ids)
    msg.update()
    raw = msg.raw
    attachments = msg.attachments  # unchanged: v6 has the list on the model
    folder = msg.folder
    labels = msg.labels
    files = msg.attachments
    nylas.messages.destroy("me", message_id)
    return raw, attachments, folder, labels, files


def thread_rows(thread_id, folder_id, label_ids):
    thread = nylas.threads.find("me", thread_id).data
    nylas.threads.update("me", thread.id, request_body={"unread": False})
    nylas.threads.update("me", thread.id, request_body={"unread": True})
    nylas.threads.update("me", thread.id, request_body={"starred": False})
    nylas.threads.update("me", thread.id, request_body={"folders": [folder_id]})
    nylas.threads.update("me", thread.id, request_body={"folders": label_ids})
    thread.add_label("l1")
    thread.remove_labels(label_ids)
    messages = thread.messages
    drafts = thread.drafts
    labels = thread.labels
    folder_names = [f.display_name for f in thread.folders]
    reply = thread.create_reply()
    nylas.threads.destroy("me", thread_id)
    return messages, drafts, labels, folder_names, reply
