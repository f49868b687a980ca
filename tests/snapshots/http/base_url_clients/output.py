"""HTTP clients built on the bare Nylas host (httpx base_url=): the paths given to their methods are not URLs
the tool can read. A bare host no URL of the module is built on keeps its v2 host (EP113); one that a URL of the
module moves to v3 is reported at the client (EP109), since its host moves; a base that already names a v3
path, and other services' clients, are silent."""
import httpx

API = "https://api.nylas.com"


def inbox(token):
    with httpx.Client(base_url=API, headers={"Authorization": f"Bearer {token}"}) as client:
        return client.get("/messages", params={"limit": 5})


def thread(thread_id):
    client = httpx.Client(base_url="https://api.nylas.com")
    return client.get(f"/threads/{thread_id}")


async def drafts():
    async with httpx.AsyncClient(base_url="https://api.us.nylas.com/v3/grants/me") as client:
        return await client.get("/drafts")


SHARED = "https://api.us.nylas.com"


def unread(token):
    return httpx.get(SHARED + "/v3/grants/me/messages", params={"unread": True}, headers={"Authorization": f"Bearer {token}"})


def starred(token):
    with httpx.Client(base_url=SHARED, headers={"Authorization": f"Bearer {token}"}) as client:
        return client.get("/messages", params={"starred": True})


def slack(channel):
    return httpx.Client(base_url="https://slack.com/api").get("/conversations.history", params={"channel": channel})
