"""Page sizes v3 caps (the v3 OpenAPI spec: threads at most 50, other lists 200): a larger literal limit is
reported, since v3 rejects it; limits within the cap, unknown ones, and other APIs' limits are left alone."""
import requests

BASE = "https://api.us.nylas.com"


def many_threads():
    return requests.get(BASE + "/v3/grants/me/threads?limit=100")


def many_messages(token):
    return requests.get(f"{BASE}/v3/grants/me/messages", params={"limit": 500, "in": "inbox"}, headers={"Authorization": f"Bearer {token}"})


def threads_page():
    return requests.get(BASE + "/v3/grants/me/threads", params={"limit": 50})


def messages_page(size):
    return requests.get(BASE + "/v3/grants/me/messages", params={"limit": size})


def drafts_page():
    return requests.get(BASE + "/v3/grants/me/drafts?limit=200")


def slack_history(channel):
    return requests.get("https://slack.com/api/conversations.history", params={"channel": channel, "limit": 1000})
