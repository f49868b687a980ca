"""`import app`, then the client as a module attribute."""
import app


def inbox():
    return app.nylas.threads.list("me", query_params={"in": "inbox", "limit": 20}).data


def message(message_id):
    return app.nylas.messages.find("me", message_id).data
