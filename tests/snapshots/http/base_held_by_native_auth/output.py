"""A base URL shared by an Email path and by native auth, which has no v3 path: the base keeps its v2 host
and every URL built on it stays on v2, each reported; the base names the paths that hold it back.

A base used only by paths that all move, moves (INBOX_API below).
"""
import requests

API = "https://api.nylas.com"
INBOX_API = "https://api.us.nylas.com"


def exchange(code):
    return requests.post(API + "/connect/token", json={"code": code}).json()


def threads(token):
    return requests.get(API + "/threads", headers={"Authorization": f"Bearer {token}"}).json()


def messages(token):
    return requests.get(INBOX_API + "/v3/grants/me/messages", headers={"Authorization": f"Bearer {token}"}).json()
