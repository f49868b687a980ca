"""Bodies sent as data=: a form, or untyped bytes, which v3 does not read (BODY004); json= and
multipart files= are fine, and other services may take forms."""
import json

import requests

BASE = "https://api.us.nylas.com"


def send_serialized(body):
    return requests.post(BASE + "/v3/grants/me/messages/send", data=json.dumps(body))


def mark_read(message_id):
    return requests.put(f"{BASE}/v3/grants/me/messages/{message_id}", data={"unread": False})


def send_json(body):
    return requests.post(BASE + "/v3/grants/me/messages/send", json=body)


def twilio(sid, text):
    return requests.post(f"https://api.twilio.com/2010-04-01/Accounts/{sid}/Messages.json", data={"Body": text})
