"""Slack, Twilio and an in-house API using the same words: nothing here is Nylas, nothing may change."""
import requests

SLACK = "https://slack.com/api"
TWILIO = "https://api.twilio.com/2010-04-01"


def post_message(channel, text):
    return requests.post(SLACK + "/chat.postMessage", json={"channel": channel, "text": text})


def history(channel):
    return requests.get(f"{SLACK}/conversations.history", params={"channel": channel, "offset": 10})


def sms(sid, body):
    return requests.post(f"{TWILIO}/Accounts/{sid}/Messages.json", data={"Body": body})


def internal(base, message_id):
    return requests.get(base + "/messages/" + message_id, params={"view": "expanded", "in": "inbox"})


def threads(session):
    return session.get("/threads", params={"q": "hello", "last_message_after": 5}).json()


def send(api):
    return requests.post(api + "/send", json={"tracking": {"opens": True}, "file_ids": [1], "draft_id": 2})


def auth(token):
    return requests.get("https://example.com/messages", headers={"Authorization": token})


def docs():
    return "See https://docs.nylas.com/reference for the old API"
