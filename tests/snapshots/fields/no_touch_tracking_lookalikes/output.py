"""recents, payload and metadata filters outside Nylas code (no Nylas evidence): nothing may change."""
import requests


def analytics(event):
    for recent in event["recents"]:
        yield recent["id"], recent["payload"]


def search(pair):
    return requests.get("https://api.example.com/messages", params={"metadata_pair": pair}).json()
