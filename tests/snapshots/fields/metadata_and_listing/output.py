"""Metadata filters on list calls: v3 indexes only key1..key5. The IMAP note is said once, at the first list."""
import requests

BASE = "https://api.us.nylas.com"


def orders(order_id):
    return requests.get(BASE + "/v3/grants/me/messages", params={"metadata_pair": f"order_id:{order_id}"}).json()


def indexed(value):
    return requests.get(BASE + "/v3/grants/me/messages", params={"metadata_pair": f"key1:{value}"}).json()


def by_pair(pair):
    return requests.get(f"{BASE}/v3/grants/me/threads?metadata_pair={pair}").json()


def one_key():
    return requests.get(BASE + "/v3/grants/me/messages", params={"metadata_key": "campaign"}).json()
