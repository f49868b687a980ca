"""Thread timestamps read from v2 JSON: renamed in v3 (this module imports nylas, which is the evidence)."""
import nylas  # noqa: F401
import requests


def summarize(thread):
    started = thread["first_message_timestamp"]
    received = thread.get("last_message_received_timestamp", 0)
    if "last_message_sent_timestamp" in thread:
        sent = thread["last_message_sent_timestamp"]
    else:
        sent = None
    latest = thread["last_message_timestamp"]
    maybe = thread.get("last_message_timestamp")
    return {"started": started, "received": received, "sent": sent, "latest": latest, "maybe": maybe}


def model(thread_obj):
    return thread_obj.first_message_timestamp, thread_obj.last_message_timestamp


def fake_thread():
    return {"id": "t1", "first_message_timestamp": 1, "last_message_sent_timestamp": 2}
