"""Windows line endings must survive."""
import requests

BASE = "https://api.us.nylas.com"  # keep this comment


def inbox():
    return requests.get(BASE + "/v3/grants/me/messages")
