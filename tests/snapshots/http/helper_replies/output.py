"""Replies handed out by helpers: the callers read the v2 shape, and are told where."""
import requests

BASE = "https://api.us.nylas.com"


def _get(path, token):
    r = requests.get(BASE + path, headers={"Authorization": "Bearer " + token})
    return r.json()


def _raw(path, token):
    return requests.get(BASE + path, headers={"Authorization": "Bearer " + token})


def thread_ids(token):
    result = _get("/v3/grants/me/threads", token)
    return [t["id"] for t in result]


def message_thread(token, mid):
    msg = _get("/v3/grants/me/messages/" + mid, token)
    return msg["thread_id"]


def drafts(token):
    return _raw("/v3/grants/me/drafts", token).json()


def unwrapped(token):
    return _get("/v3/grants/me/threads", token)["data"]


def subject(token, mid):
    response = _raw("/v3/grants/me/messages/" + mid, token)
    return response.json()["subject"]
