"""The code under test: every request is built on one base, and every one of them has a v3 path, so the base
and every URL built on it move to v3."""
import requests

NYLAS_API = "https://api.us.nylas.com"


def _call(path, token, method="GET", json=None):
    response = requests.request(method, NYLAS_API + path, json=json, headers={"Authorization": f"Bearer {token}"})
    return response.json()


def thread_ids(token):
    return [t["id"] for t in _call("/v3/grants/me/threads", token)]


def message(token, message_id):
    return _call(f"/v3/grants/me/messages/{message_id}", token)


def send(token, to):
    return _call("/v3/grants/me/messages/send", token, method="POST", json={"to": [{"email": to}], "subject": "hi"})
