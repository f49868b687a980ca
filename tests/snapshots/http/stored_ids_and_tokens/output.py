"""Raw HTTP with ids kept from v2 (request arguments, a cache, a column named for Nylas) and a Bearer token."""
import requests
from flask import request, session

BASE = "https://api.us.nylas.com"


def headers(user):
    return {"Authorization": f"Bearer {user.access_token}"}


def open_message(user):
    message_id = request.args["nylas_message_id"]
    return requests.get(f"{BASE}/v3/grants/me/messages/{message_id}", headers=headers(user)).json()["subject"]


def thread(user):
    return requests.get(BASE + "/v3/grants/me/threads/" + user.nylas_thread_id, headers=headers(user)).json()


def drop_draft(user, cache):
    requests.delete(f"{BASE}/v3/grants/me/drafts/{cache.get('draft:' + user.email)}", headers=headers(user))


def from_the_session(user):
    return requests.get(f"{BASE}/v3/grants/me/threads/{session['thread_id']}", headers=headers(user)).json()


def from_a_reply(user):
    latest = requests.get(BASE + "/v3/grants/me/messages?limit=1", headers=headers(user)).json()[0]
    return requests.get(f"{BASE}/v3/grants/me/threads/{latest['thread_id']}", headers=headers(user)).json()
