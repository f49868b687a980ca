# nylas-upgrade-test: grant=grant_id
"""With --grant grant_id, the grant is interpolated: plain literals become f-strings where that is safe."""
import requests

BASE = "https://api.us.nylas.com"


def plain():
    return requests.get(f"https://api.us.nylas.com/v3/grants/{grant_id}/messages")


def already_f(message_id):
    return requests.get(f"https://api.us.nylas.com/v3/grants/{grant_id}/messages/{message_id}")


def joined():
    return requests.get(BASE + f"/v3/grants/{grant_id}/threads")


def old_template(message_id):
    return requests.get("https://api.nylas.com/messages/{}".format(message_id))
