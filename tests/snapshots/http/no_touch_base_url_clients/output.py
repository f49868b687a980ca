"""No-touch twin of base_url_clients.py: the same client shapes bound to other services (Slack, GitHub, an own
mail service). Their relative paths, even "/messages", "/threads" or "/send", are not Nylas paths: untouched and
unreported, though the module also talks to Nylas's v3 API."""
import aiohttp
import httpx
from requests_toolbelt.sessions import BaseUrlSession

NYLAS_V3 = "https://api.us.nylas.com/v3/grants/me"
SLACK = "https://slack.com/api"


def slack_messages(channel):
    with httpx.Client(base_url=SLACK) as client:
        return client.get("/messages", params={"channel": channel, "limit": 5}).json()


async def github_threads(repo):
    async with aiohttp.ClientSession(base_url="https://api.github.com") as session:
        async with session.get(f"/repos/{repo}/threads") as resp:
            return await resp.json()


def mailer_send(body):
    session = BaseUrlSession(base_url="https://mail.internal.example.com")
    return session.post("/send", json=body).status_code


def nylas_v3_messages():
    with httpx.Client(base_url=NYLAS_V3) as nylas:
        return nylas.get("/messages").json()["data"]
