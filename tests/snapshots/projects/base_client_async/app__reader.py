from app.nylas_api import client as nylas


async def unread():
    resp = await nylas.get("/v3/grants/me/messages", params={"unread": True, "limit": 5})
    return resp.json()


async def draft(draft_id):
    return (await nylas.get(f"/v3/grants/me/drafts/{draft_id}")).json()
