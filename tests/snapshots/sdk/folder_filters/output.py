"""in_= / "in": v2 took a folder name, v3 takes a folder ID (SDK034): rewritten as before, and reported
unless the value visibly is an ID."""
from nylas import Client

nylas = Client(api_key="token")

inbox = nylas.messages.list("me", query_params={"in": "inbox", "limit": 5}).data
sent = nylas.threads.list("me", query_params={"in": "sent", "limit": 5}).data
folder = nylas.folders.find("me", "abc123").data
by_id = nylas.messages.list("me", query_params={"in": folder.id, "limit": 5}).data  # already an ID: nothing to report
by_var = nylas.messages.list("me", query_params={"in": inbox_folder_id, "limit": 5}).data  # named like an ID: nothing to report
