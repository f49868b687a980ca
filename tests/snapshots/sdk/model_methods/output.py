"""Model methods that PUT a fixed body, ones that need a human, native auth, and error imports."""
from nylas import Client
from nylas.models.errors import NylasApiError

nylas = Client(api_key="token")


def triage(archive_id):
    for message in nylas.messages.list("me", query_params={"in": "inbox", "unread": True, "limit": 50}).data:
        try:
            nylas.messages.update("me", message.id, request_body={"unread": False})
            nylas.messages.update("me", message.id, request_body={"folders": [archive_id]})
            message.add_label("important")
        except NylasApiError:
            continue
    thread = nylas.threads.find("me", "t1").data
    nylas.threads.update("me", thread.id, request_body={"starred": True})
    thread.save()
