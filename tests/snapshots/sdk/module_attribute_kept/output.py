"""A module kept on v2 that reaches the v2 client through `import nylas`: nylas 6 has no nylas.APIClient, so the
module fails where the attribute is read (RUN010 there, as at a `from nylas import APIClient`)."""
import nylas

client = nylas.APIClient("id", "secret", "token")


def upcoming():
    return client.events.where(starts_after=1700000000).all()


def inbox():
    return client.threads.where(limit=5).all()
