"""Async clients: httpx.AsyncClient and aiohttp."""
import aiohttp
import httpx

NYLAS = "https://api.us.nylas.com"


async def unread_count(token):
    async with httpx.AsyncClient() as client:
        resp = await client.get(f"{NYLAS}/v3/grants/me/messages", params={"unread": True, "view": "count"})
        return resp.json()["count"]


async def threads(token):
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token}"}) as session:
        async with session.get(NYLAS + "/v3/grants/me/threads", params={"limit": 5}) as resp:
            return await resp.json()


async def send(token, body):
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{NYLAS}/v3/grants/me/messages/send", json=body) as resp:
            return resp.status
