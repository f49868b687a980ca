"""Code already on v3: never rewritten again; manual checks on its calls are still reported."""
import requests

GRANT = "me"
BASE = "https://api.us.nylas.com"


def inbox(token):
    r = requests.get(f"{BASE}/v3/grants/{GRANT}/messages", headers={"Authorization": f"Bearer {token}"})
    return r.json()["data"]


def paged(token, offset):
    return requests.get("https://api.us.nylas.com/v3/grants/me/threads", params={"offset": offset})


def attachment(att_id):
    return requests.get(f"https://api.eu.nylas.com/v3/grants/me/attachments/{att_id}/download")
