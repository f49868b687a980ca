"""Tracking notifications read in a Nylas webhook handler (X-Nylas-Signature is the evidence)."""
from flask import request


def tracking():
    assert request.headers.get("X-Nylas-Signature")
    for delta in request.get_json()["deltas"]:
        metadata = delta["object_data"]["metadata"]
        if delta["type"] == "message.opened":
            for recent in metadata["recents"]:
                record_open(recent["opened_id"], recent["label"])  # trigger known: opened_id
        elif delta["type"] == "message.link_clicked":
            clicks = [r["click_id"] for r in metadata.get("recents", [])]  # trigger known: click_id
            record_clicks(clicks)
        elif delta["type"] == "message.opened.legacy":
            for recent in metadata["recents"]:
                record_open(recent["id"], recent["payload"])  # .legacy keeps the v2 shape: unchanged
        last = metadata["recents"][-1]
        audit(last["id"], last.get("label"))  # trigger unknown here: id is a finding, payload is renamed


def record_open(event_id, label):
    return event_id, label


def record_clicks(ids):
    return ids


def audit(event_id, label):
    return event_id, label


def v2_metadata():
    assert request.headers.get("X-Nylas-Signature")
    for delta in request.get_json()["deltas"]:
        tag = delta["object_data"]["metadata"]["payload"]  # the whole path moves: a finding
        data = delta["object_data"]
        meta = data["metadata"]
        opens = meta.get("count", 0)
        print(tag, opens, meta["sender_app_id"], data["id"])
