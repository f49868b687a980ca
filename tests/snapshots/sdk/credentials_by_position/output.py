"""Issue 13 class 3: a token client whose api_server comes from configuration (rewritten; the configured
value is reported at api_uri=, since it still holds the v2 host)."""
from decouple import config
from nylas import Client


def inbox(token):
    nylas = Client(api_key=token, api_uri=config("NYLAS_API_SERVER"))
    return nylas.threads.list("me", query_params={"limit": 5}).data


def eu_inbox(token):
    nylas = Client(api_key=token, api_uri="https://api.eu.nylas.com")
    return nylas.threads.list("me", query_params={"limit": 5}).data
