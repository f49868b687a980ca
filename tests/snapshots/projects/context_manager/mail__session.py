"""A context manager that hands out a client for one user's mailbox (shape 3)."""
from nylas import Client


class MailboxSession:
    def __init__(self, token):
        self._client = Client(api_key=token)

    def __enter__(self):
        return self._client

    def __exit__(self, *exc):
        return False
