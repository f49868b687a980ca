"""Celery tasks fed by the webhook view: this module never imports nylas, the deltas come from app/views.py."""
from celery import shared_task

from app.store import mark_connected, save_thread


@shared_task
def process_delta(delta):
    kind = delta["type"]
    data = delta["object_data"]
    if kind == "grant.created":
        mark_connected(data["account_id"])
    elif kind == "thread.replied":
        attributes = data["attributes"]
        save_thread(data["id"], attributes["earliest_message_date"], attributes["latest_draft_or_message"]["date"])
    elif kind in ("grant.expired", "account.stopped"):
        _forget(data)


def _forget(data):
    return data.get("account_id")


@shared_task(bind=True, max_retries=3)
def record_open(self, delta):
    metadata = delta["object_data"]["metadata"]
    if delta["type"] == "message.opened":
        for recent in metadata["recents"]:
            print(recent["opened_id"], recent["label"])
    return metadata["count"]
