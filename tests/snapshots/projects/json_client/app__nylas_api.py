"""A thin client for the Nylas v2 REST API: each function returns the reply's JSON to its callers."""
import os

import requests

NYLAS_API = "https://api.us.nylas.com"


def _headers(token):
    return {"Authorization": f"Bearer {token}"}


def list_threads(token, limit=20):
    return requests.get(f"{NYLAS_API}/v3/grants/me/threads", headers=_headers(token), params={"limit": limit}).json()


def get_message(token, message_id):
    response = requests.get(f"{NYLAS_API}/v3/grants/me/messages/{message_id}", headers=_headers(token))
    response.raise_for_status()
    message = response.json()
    return message


def account(token=None):
    if token is None:
        return None
    return requests.get(f"{NYLAS_API}/v3/grants/me", headers=_headers(token or os.environ["NYLAS_TOKEN"])).json()
