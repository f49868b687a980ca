"""HTTP clients built on a Nylas base URL (httpx base_url=, aiohttp's ClientSession, requests-toolbelt's
BaseUrlSession): the paths given to their methods are Nylas paths, rewritten like any URL on that base (endpoint
table, query and body renames, the grant). The base moves to the v3 host only when every path sent through the
client moves: a Calendar path, a path that cannot be read or the client handed on keeps it, and all its paths,
on v2, each reported. A base that already names a v3 path, and other services' clients, are left alone."""
import aiohttp
import httpx
from requests_toolbelt.sessions import BaseUrlSession

API = "https://api.us.nylas.com"


def inbox(token):
    with httpx.Client(base_url=API, headers={"Authorization": f"Bearer {token}"}) as client:
        return client.get("/v3/grants/me/messages", params={"limit": 5, "unread": True}).json()


def thread(thread_id):
    client = httpx.Client(base_url="https://api.us.nylas.com")
    return client.get(f"/v3/grants/me/threads/{thread_id}").json()


async def drafts():
    async with httpx.AsyncClient(base_url="https://api.us.nylas.com/v3/grants/me") as client:
        return (await client.get("/drafts")).json()


async def send(token, to):
    async with aiohttp.ClientSession(base_url="https://api.us.nylas.com",
                                     headers={"Authorization": f"Bearer {token}"}) as session:
        async with session.post("/v3/grants/me/messages/send", json={"to": [{"email": to}], "subject": "Hi", "body": "Hello"}) as resp:
            return resp.status


def starred(token):
    session = BaseUrlSession(base_url="https://api.us.nylas.com")
    session.headers["Authorization"] = f"Bearer {token}"
    return session.get("/v3/grants/me/threads", params={"starred": True}).json()


class Mailbox:
    def __init__(self, token):
        self.http = httpx.Client(base_url=API, headers={"Authorization": f"Bearer {token}"})

    def labels(self):
        return self._get("/v3/grants/me/folders")

    def _get(self, path):
        return self.http.get(path).json()


def unread_count():
    client = httpx.Client()
    client.base_url = "https://api.us.nylas.com"
    return client.get("/v3/grants/me/messages", params={"unread": True}).json()


def agenda():
    client = httpx.Client(base_url="https://api.nylas.com")
    unread = client.get("/messages", params={"unread": True}).json()
    return unread, client.get("/events", params={"limit": 5}).json()


def any_path(endpoint):
    client = httpx.Client(base_url="https://api.nylas.com")
    return client.get("/threads").json(), client.get(endpoint).json()


def handed_on():
    client = httpx.Client(base_url="https://api.nylas.com")
    client.get("/messages")
    return sync_folders(client)


def sync_folders(http):
    return http.get("/folders").json()


def slack(channel):
    return httpx.Client(base_url="https://slack.com/api").get("/messages", params={"channel": channel})


class NylasApi:
    """An own wrapper: how it sends the paths it is given is not read, so its base stays on v2 (EP109)."""

    def __init__(self, base_url):
        self.base_url = base_url

    def fetch(self, path):
        return httpx.get(self.base_url + path).json()


WRAPPED = "https://api.nylas.com"


def wrapped():
    return NylasApi(base_url=WRAPPED).fetch("/messages"), httpx.get(WRAPPED + "/threads").json()


def oauth_blueprint():
    return NylasApi(base_url="https://api.nylas.com/")  # a base no URL here is built on: EP113, as for any other


EXPORTED_BASE = "https://api.nylas.com"  # for modules that import it: no URL here is built on it (EP113)


def prefixed(prefix):
    client = httpx.Client(base_url="https://api.nylas.com")
    client.get("/threads")
    return client.get(f"{prefix}/messages")  # a path built on a prefix the tool cannot read: holds the client
