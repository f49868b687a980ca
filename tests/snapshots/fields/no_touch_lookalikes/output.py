"""The same words in code with no Nylas evidence: a Gmail client's payload, another service's tracking
settings, a Django-style model with labels, a forum's thread timestamps. Nothing may change."""
import requests


def gmail_body(message):
    return message["payload"]["body"]["data"]


def sendgrid(to):
    body = {"personalizations": [{"to": [{"email": to}]}], "tracking": {"opens": True, "payload": "x"}}
    return requests.post("https://api.sendgrid.com/v3/mail/send", json=body)


def forum(thread):
    return thread["first_message_timestamp"], thread.get("last_message_timestamp")


def status(event):
    return event["type"] == "account.connected"


def labels(post):
    return [label["name"] for label in post["labels"]]
