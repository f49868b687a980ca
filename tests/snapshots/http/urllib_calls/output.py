"""The standard library's urllib, no third-party client."""
import json
import urllib.request

NYLAS = "https://api.us.nylas.com"


def fetch(token, message_id):
    req = urllib.request.Request(f"{NYLAS}/v3/grants/me/messages/{message_id}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req) as resp:
        return json.load(resp)


def send(token, body):
    data = json.dumps(body).encode()
    req = urllib.request.Request(NYLAS + "/v3/grants/me/messages/send", data=data, method="POST")
    return urllib.request.urlopen(req).read()
