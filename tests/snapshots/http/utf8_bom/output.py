"""A UTF-8 byte order mark, and non-ASCII text: café."""
import requests


def send(body):
    return requests.post("https://api.us.nylas.com/v3/grants/me/messages/send", json=body)  # envoyé
