"""v5 models were dicts too; v6 models are dataclasses: item access must become attribute access."""
from nylas import Client

nylas = Client(api_key="token")


def senders():
    out = []
    for message in nylas.messages.list("me", query_params={"in": "inbox", "limit": 20}).data:
        out.append((message.subject, message.from_[0]["email"]))
        message["seen"] = True
    return out


def subject_of(message_id):
    msg = nylas.messages.find("me", message_id).data
    return msg.subject, msg.thread_id, msg["class"]
