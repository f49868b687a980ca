"""A client that crosses a module boundary. Built here and handed to another module's helper: SDK006 at
the argument, since that helper may still make v2 calls on it. Received here through a parameter annotated
APIClient, with no APIClient(...) in the module: migrated like a client built here."""
from nylas import Client

from mail.helpers import send_email_via_nylas


def job(token, subject, emails):
    client = Client(api_key=token)
    for email in emails:
        send_email_via_nylas(client, subject, email)  # another module: SDK006
        print(client)  # only looks at it: nothing to say


def notify(client: Client, to):
    return next(iter(client.messages.list("me", query_params={"to": to, "limit": 1}).data), None)
