"""URLs the tool reads but cannot move: each is left whole and reported."""
import requests

BASE = "https://api.nylas.com"


def built_elsewhere(path):
    return requests.get(BASE + path + "?limit=5")


def not_email():
    return requests.get(f"{BASE}/events?calendar_id=primary")


def odd_path(message_id):
    return requests.get(f"https://api.nylas.com/messages/{message_id}/extra")


def wrong_method(message_id):
    return requests.post(f"https://api.nylas.com/messages/{message_id}", json={})
