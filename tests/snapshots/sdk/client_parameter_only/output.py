"""The other side of a module boundary: the module never builds a client, it receives one through a
parameter annotated APIClient (what SDK006 asks for). Its calls, import and annotation move to v3."""
from nylas import Client


def send_email_via_nylas(client: Client, subject, to):
    return client.messages.send("me", request_body={"subject": subject, "to": [{"email": to}]}).data


def unread(client: Client):
    return client.threads.list("me", query_params={"unread": True, "limit": 10}).data
