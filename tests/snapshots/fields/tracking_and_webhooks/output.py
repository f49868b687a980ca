"""A tracked send and a v2 webhook receiver (it verifies X-Nylas-Signature: Nylas evidence)."""
import hashlib
import hmac

import requests
from flask import Flask, request

app = Flask(__name__)
SECRET = b"client-secret"


def send(to):
    body = {
        "to": [{"email": to}],
        "tracking_options": {"opens": True, "links": True, "thread_replies": True, "label": "campaign-7"},
    }
    return requests.post("https://api.us.nylas.com/v3/grants/me/messages/send", json=body)


@app.route("/webhook", methods=["POST"])
def webhook():
    signature = request.headers.get("X-Nylas-Signature")
    digest = hmac.new(SECRET, request.data, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(digest, signature):
        return "bad signature", 401
    for delta in request.get_json()["deltas"]:
        kind = delta["type"]
        if kind == "grant.created":
            on_connect(delta["object_data"]["id"])
        elif kind in ("grant.expired", "account.stopped"):
            on_lost(delta["object_data"]["account_id"])
        elif kind == "message.send_success":
            on_sent(delta)
        elif kind == "message.send_failed" or kind in ["account.running", "account.sync_error"]:
            on_lost(None)
    return "ok"


def on_connect(account_id):
    return account_id


def on_lost(account_id):
    return account_id


def on_sent(delta):
    return delta
