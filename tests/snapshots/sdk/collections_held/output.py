"""The cases of collections.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
import os

from nylas import APIClient

nylas = APIClient(
    os.environ.get("CLIENT_ID"),
    os.environ.get("CLIENT_SECRET"),
    os.environ.get("ACCESS_TOKEN"),
)


def page(offset):
    return nylas.messages.where(offset=offset, limit=50).all()


def count():
    return nylas.messages.where(unread=True).count()


def swap(token):
    nylas.access_token = token
    return nylas.account.email_address
