"""v6 reads the host only from Client(api_uri=...): a region set after construction is reported (SDK004).

The client itself is readable, so it is rewritten; the assignment is kept (its host moves like any Nylas
URL) and reported, because in v6 it no longer has any effect.
"""
import os

from nylas import Client

nylas = Client(api_key=os.environ["NYLAS_TOKEN"])
nylas.api_server = "https://api.eu.nylas.com"
not_a_client = object()
not_a_client.api_server = "https://api.eu.nylas.com"  # not the Nylas client: only the host rule applies

messages = nylas.messages.list("me", query_params={"limit": 10}).data
