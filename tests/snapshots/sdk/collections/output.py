"""A script on the v2 SDK: a client from the environment, then the common collection calls."""
import os

from nylas import Client

nylas = Client(api_key=os.environ.get("ACCESS_TOKEN"))


def inbox():
    return nylas.messages.list("me", query_params={"in": "inbox", "limit": 10}).data


def unread_threads(since):
    for thread in nylas.threads.list("me", query_params={"unread": True, "latest_message_after": since}).data:
        print(thread.subject)


def latest_from(sender):
    return next(iter(nylas.messages.list("me", query_params={"from": sender, "limit": 1}).data), None)


def everything():
    return nylas.messages.list("me").data


def labels():
    return [label.name for label in nylas.folders.list("me").data]


def read(message_id):
    return nylas.messages.find("me", message_id).data


def discard(draft_id):
    nylas.drafts.destroy("me", draft_id)


def search(term):
    return nylas.messages.list("me", query_params={"search_query_native": "subject:" + term, "limit": 10}).data
