"""Fields v3 dropped or renamed, read in a Nylas webhook handler (X-Nylas-Signature is the evidence)."""
from flask import request


def handle():
    assert request.headers.get("X-Nylas-Signature")
    message = request.get_json()
    owner = message["account_id"]
    inline = message.get("cids", [])
    return owner, inline, message_time(message)


def message_time(msg):
    return msg.received_at
