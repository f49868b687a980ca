"""Issue 13 class 6, the twin: a v5 draft idiom left on a v6 client, drafts.create() with v5 keywords that do
not bind to v6's drafts.create(identifier, request_body): reported (SDK051), never rewritten."""
import os

from nylas.client import Client

nylas = Client(api_key=os.environ["NYLAS_API_KEY"])


def draft(to):
    d = nylas.drafts.create(subject="Hello", to=[{"email": to}])
    return d
