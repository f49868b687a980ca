"""URLs glued together with + and with implicit literal joining."""
import requests

NYLAS = "https://api.us.nylas.com"


def page(limit, offset):
    url = NYLAS + "/v3/grants/me/messages" + "?limit=" + str(limit) + "&offset=" + str(offset)
    return requests.get(url)


def unread():
    return requests.get(
        "https://api.us.nylas.com/v3/grants/me/messages"  # the endpoint
        "?unread=true"  # only unread mail
    )


def thread(thread_id):
    return requests.get(NYLAS + "/v3/grants/me/threads/" + thread_id)
