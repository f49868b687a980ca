import requests

from core.constants import NYLAS_API_BASE_URL


def thread(token, thread_id):
    r = requests.get(NYLAS_API_BASE_URL + f"/v3/grants/me/threads/{thread_id}", headers={"Authorization": f"Bearer {token}"})
    return r.json()
