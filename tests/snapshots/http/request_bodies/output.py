"""JSON bodies sent to /send and /drafts."""
import requests

BASE = "https://api.us.nylas.com"


def send_saved_draft(draft_id, version):
    return requests.post("https://api.nylas.com/send", json={"draft_id": draft_id, "version": version})


def send_with_files(to, file_ids):
    body = {"to": [{"email": to}], "subject": "Files", "file_ids": file_ids}
    return requests.post(BASE + "/v3/grants/me/messages/send", json=body)


def send_tracked(to):
    payload = {
        "to": [{"email": to}],
        "subject": "Hello",
        "tracking_options": {"opens": True, "links": True, "thread_replies": True},
    }
    return requests.post(f"{BASE}/v3/grants/me/messages/send", json=payload)
