"""Issue 13 class 1: Nylas fields change on values whose origin is traced to Nylas: the .json() of a request
to a Nylas URL (and the names and loops that hold it), a webhook body read in a handler that checks
X-Nylas-Signature (and its deltas), and a helper's parameter when every call in the module passes one."""
import requests
from flask import request

API = "https://api.us.nylas.com"


def newest_thread():
    r = requests.get(API + "/v3/grants/me/threads", params={"limit": 5})
    threads = r.json()
    for thread in threads:
        print(thread["earliest_message_date"], thread.get("latest_message_received_date"))
    return started_at(threads[0])


def started_at(thread):
    return thread["earliest_message_date"]


def webhook():
    assert request.headers.get("X-Nylas-Signature")
    payload = request.get_json()
    for delta in payload["deltas"]:
        owner = delta["object_data"]["account_id"]
        print(owner)
    return "ok"
