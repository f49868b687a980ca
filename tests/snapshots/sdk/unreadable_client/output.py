"""A client built from **kwargs cannot be rewritten: the module keeps its v2 import, and says why.

Everything else on that client stays v2 too, and is listed: a v2 client pointed at a v3 host would break
every call, so the hosts in its configuration keep their v2 value.
"""
import os

from nylas import APIClient

CONFIG = {"client_id": "id", "client_secret": "secret", "access_token": "token"}
nylas = APIClient(**CONFIG, api_server=os.environ.get("NYLAS_API_SERVER") or "https://api.nylas.com")
nylas.api_server = "https://ireland.api.nylas.com"  # the region, set after construction


def inbox():
    return nylas.messages.all()


def reply(user, to):
    nylas.access_token = user.token
    draft = nylas.drafts.create()
    draft.to = [{"email": to}]
    draft.send()
