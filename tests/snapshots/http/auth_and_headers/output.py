"""Credentials in the URL and headers v3 treats differently."""
import requests


def with_token_in_url(token):
    return requests.get(f"https://{token}:@api.us.nylas.com/v3/grants/me/messages?limit=5")


def bare_token(token):
    headers = {"Authorization": token, "Nylas-API-Version": "2.5"}
    return requests.get("https://api.us.nylas.com/v3/grants/me/threads", headers=headers)


def basic(encoded):
    return requests.get("https://api.us.nylas.com/v3/grants/me/folders", headers={"Authorization": "Basic " + encoded})


def bearer_is_fine(token):
    return requests.get("https://api.us.nylas.com/v3/grants/me/drafts", headers={"Authorization": "Bearer " + token})
