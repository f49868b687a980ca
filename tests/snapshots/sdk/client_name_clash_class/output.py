"""Issue 13 class 2: a class named Client defined after the SDK import, and the first alias already taken:
the v6 class gets the next free one."""
from nylas import Client as NylasClient2

NylasClient = "a setting of the app that happens to use the alias"


class Client:
    def __init__(self, api_key=None):
        self.api_key = api_key


def latest(token):
    client = NylasClient2(api_key=token)
    return next(iter(client.threads.list("me", query_params={"limit": 1}).data), None)


def own():
    return Client(api_key="app-key")
