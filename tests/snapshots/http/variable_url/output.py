"""The URL is stored in a variable first; parameters travel in params= dicts."""
import requests


def list_messages(token, page):
    url = "https://api.us.nylas.com/v3/grants/me/messages"
    params = {"limit": 50, "offset": page * 50, "in": "inbox", "not_in": "trash"}
    response = requests.get(url, params=params, headers={"Authorization": f"Bearer {token}"})
    return response.json()


def find_attachments(token):
    url = "https://api.us.nylas.com/v3/grants/me/messages"
    query = {"filename": "invoice.pdf", "view": "count"}
    return requests.get(url, params=query, headers={"Authorization": f"Bearer {token}"}).json()["count"]


def by_metadata(token):
    url = "https://api.us.nylas.com/v3/grants/me/messages"
    return requests.get(
        url,
        params={"metadata_key": "order", "metadata_value": "42", "metadata_search": "all"},
        headers={"Authorization": f"Bearer {token}"},
    )


def search(token, term):
    url = "https://api.us.nylas.com/v3/grants/me/messages"
    resp = requests.get(url, params={"search_query_native": term, "limit": 10}, headers={"Authorization": f"Bearer {token}"})
    return [m["subject"] for m in resp.json()]
