import aiohttp

from app import nylas_api


async def folders():
    async with aiohttp.ClientSession(base_url=nylas_api.NYLAS_URL, headers=nylas_api.HEADERS) as session:
        async with session.get("/v3/grants/me/folders") as resp:
            return await resp.json()


async def latest_thread():
    resp = await nylas_api.client.get("/v3/grants/me/threads", params={"limit": 1})
    return resp.json()
