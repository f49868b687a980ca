"""A class that keeps the client it is given (shape 6)."""


class Mailbox:
    def __init__(self, client, owner):
        self.client = client
        self.owner = owner

    def drafts(self):
        return self.client.drafts.list("me").data
