class Mailbox:
    """A hinted parameter kept as an attribute: both hinted (the attribute is traced by its own hint)."""

    def __init__(self, client):  # nylas-upgrade: client=client
        self.client = client  # nylas-upgrade: client

    def unread(self):
        return self.client.messages.list("me", query_params={"unread": True}).data
