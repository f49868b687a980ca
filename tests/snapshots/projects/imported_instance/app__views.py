from . import nylas


def inbox():
    return nylas.threads.list("me", query_params={"in": "inbox", "limit": 20}).data


def message(message_id):
    return nylas.messages.find("me", message_id).data
