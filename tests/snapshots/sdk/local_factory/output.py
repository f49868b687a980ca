"""A function of this module builds the client; the module calls it and uses what it returns: traced."""
import os

from nylas import Client


def load_nylas(token):
    client = Client(api_key=token)
    return client


def unread(user):
    nylas = load_nylas(user.token)
    return nylas.threads.list("me", query_params={"unread": True, "limit": 5}).data
