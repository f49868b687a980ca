"""A thin Nylas v2 client: list_threads returns the reply's JSON."""
import requests

NYLAS_API = "https://api.us.nylas.com"


def list_threads(token):
    return requests.get(f"{NYLAS_API}/v3/grants/me/threads", headers={"Authorization": f"Bearer {token}"}).json()
