"""Literal Nylas URLs passed straight to requests and httpx."""
import httpx
import requests

HEADERS = {"Authorization": "Bearer secret-token"}


def inbox():
    return requests.get("https://api.us.nylas.com/v3/grants/me/messages", headers=HEADERS)


def one_message():
    return requests.get("https://api.us.nylas.com/v3/grants/me/messages/8a3k2b", headers=HEADERS)


def mark_read(message_id):
    return requests.put("https://api.us.nylas.com/v3/grants/me/messages/" + message_id, json={"unread": False})


def trash(message_id):
    return requests.delete("https://api.us.nylas.com/v3/grants/me/messages/" + message_id, headers=HEADERS)


def threads():
    return httpx.get("https://api.us.nylas.com/v3/grants/me/threads", headers=HEADERS)


def send(body):
    return requests.post("https://api.us.nylas.com/v3/grants/me/messages/send", json=body, headers=HEADERS)


def drafts():
    return requests.get("https://api.us.nylas.com/v3/grants/me/drafts", headers=HEADERS)


def new_draft(body):
    return requests.post("https://api.us.nylas.com/v3/grants/me/drafts", json=body, headers=HEADERS)


def labels():
    return requests.get("https://api.us.nylas.com/v3/grants/me/folders", headers=HEADERS)


def folders():
    return requests.get("https://api.us.nylas.com/v3/grants/me/folders", headers=HEADERS)


def outbox():
    return requests.get("https://api.us.nylas.com/v3/grants/me/messages/schedules", headers=HEADERS)


def whoami():
    return requests.get("https://api.us.nylas.com/v3/grants/me", headers=HEADERS)
