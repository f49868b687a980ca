"""Issue 14 item 3: every member read on a model of a rewritten call is checked against the v6 dataclass
(analysis/v6_sdk.py, derived from the installed nylas 6 in tests/test_v6_sdk_table.py). v5 gave None for a
missing attribute; v6 raises AttributeError, hasattr() turns False, and models have no get()."""
from nylas import Client

nylas = Client(api_key="token")


def inspect_thread(thread_id):
    thread = nylas.threads.find("me", thread_id).data
    print(thread.version, thread.labels, thread.subject)
    return thread.snippet


def inspect_message(message_id):
    message = nylas.messages.find("me", message_id).data
    print(message.folder, message.reply_to_message_id, message._labels)
    print(message["reply_to_message_id"], message.subject)
    if hasattr(message, "labels") or hasattr(message, "folders"):
        message.save()
    return message, message.get("subject", "(no subject)")
