"""Issue 13 class 2: the module binds `Client` itself (the app's HTTP client), so the v6 SDK class is imported
under an alias and every rewritten use says the alias; the app's Client keeps its meaning."""
from nylas import Client as NylasClient

from .http import Client

billing = Client(base_url="https://billing.example.com")


def inbox(token) -> list:
    nylas: NylasClient = NylasClient(api_key=token)
    return nylas.messages.list("me", query_params={"in": "inbox", "limit": 5}).data


def charge(amount):
    return billing.post("/charge", json={"amount": amount})
