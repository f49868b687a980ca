"""Thread timestamps read from v2 JSON: renamed in v3 (this module imports nylas, which is the evidence)."""
import nylas  # noqa: F401
import requests


def summarize(thread):
    started = thread["earliest_message_date"]
    received = thread.get("latest_message_received_date", 0)
    if "latest_message_sent_date" in thread:
        sent = thread["latest_message_sent_date"]
    else:
        sent = None
    latest = thread["latest_draft_or_message"]["date"]
    maybe = thread.get("last_message_timestamp")
    return {"started": started, "received": received, "sent": sent, "latest": latest, "maybe": maybe}


def model(thread_obj):
    return thread_obj.earliest_message_date, thread_obj.last_message_timestamp


def fake_thread():
    return {"id": "t1", "earliest_message_date": 1, "latest_message_sent_date": 2}
