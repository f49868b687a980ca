"""EU and Canada hosts, and plain-HTTP URLs."""
import requests

EU = "https://api.eu.nylas.com"
CANADA = "https://api.us.nylas.com"


def eu_messages():
    return requests.get(EU + "/v3/grants/me/messages")


def canada_threads():
    return requests.get(CANADA + "/v3/grants/me/threads")


def insecure():
    return requests.get("https://api.us.nylas.com/v3/grants/me/drafts")
