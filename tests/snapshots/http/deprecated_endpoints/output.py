"""v2 endpoints with no mechanical v3 equivalent: each is left as is and reported."""
import requests

BASE = "https://api.nylas.com"


def upload(path, token):
    with open(path, "rb") as fh:
        return requests.post(f"{BASE}/files", files={"file": fh}, headers={"Authorization": token})


def remove_file(file_id):
    return requests.delete(f"{BASE}/files/{file_id}")


def several(ids):
    return requests.get(f"https://api.nylas.com/messages/{','.join(ids)}")


def exchange(code, client_id, secret):
    return requests.post(BASE + "/connect/token", json={"client_id": client_id, "client_secret": secret, "code": code})


def authorize_url(params):
    return "https://api.nylas.com/oauth/authorize?" + "&".join(f"{k}={v}" for k, v in params.items())


def poll(cursor):
    return requests.get(f"{BASE}/delta/longpoll", params={"cursor": cursor})


def accounts(client_id, secret):
    return requests.get(f"{BASE}/a/{client_id}/accounts", auth=(secret, ""))


def schedule(draft):
    return requests.post("https://api.nylas.com/v2/outbox", json=draft)


def job(job_id):
    return requests.get(f"{BASE}/job-statuses/{job_id}")
