"""The draft idiom: create, set fields (attributes or items), send."""
from nylas import Client

nylas = Client(api_key="token")


def notify(email, name):
    nylas.messages.send("me", request_body={"subject": "Welcome", "to": [{"email": email, "name": name}], "body": f"<p>Hello {name}</p>", "tracking_options": {"opens": True, "links": False, "thread_replies": True, "label": "welcome"}}).data


def reply(message):
    sent = nylas.messages.send("me", request_body={"reply_to_message_id": message.id, "from_": [{"email": "me@example.com"}], "body": "Thanks!"}).data
    return sent.id
