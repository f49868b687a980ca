"""A client built from **kwargs cannot be rewritten: the module keeps its v2 import, and says why."""
from nylas import APIClient

CONFIG = {"client_id": "id", "client_secret": "secret", "access_token": "token"}
nylas = APIClient(**CONFIG)


def inbox():
    return nylas.messages.all()
