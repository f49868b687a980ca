"""APIClient in its argument forms: keywords, an EU server, a module import, an alias, a lazy import."""
import nylas
from nylas import Client as LegacyClient


class Mailer:
    def __init__(self, settings):
        self.client = nylas.Client(api_key=settings.TOKEN, api_uri="https://api.eu.nylas.com")

    def drafts(self):
        return self.client.drafts.list("me", query_params={"limit": 20}).data


def legacy(token):
    client = LegacyClient(api_key=token)
    return next(iter(client.threads.list("me", query_params={"limit": 1}).data), None)


def annotated(client: nylas.Client, folder_id):
    return client.folders.find("me", folder_id).data


async def lazy(token):
    from nylas import Client

    api = Client(api_key=token)
    return api.messages.list("me", query_params={"thread_id": "t1"}).data


def untraceable(nylas_client):
    return nylas_client.messages.where(unread=True).all()
