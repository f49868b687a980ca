"""Folders, labels and files read from replies traced to Nylas calls; the same keys elsewhere stay put."""
import requests

BASE = "https://api.us.nylas.com"
HEADERS = {"Authorization": "Bearer token"}


def inbox_report():
    r = requests.get(BASE + "/v3/grants/me/messages", headers=HEADERS)
    for m in r.json():
        if m["folders"]:  # whole values only: renamed
            print(m["subject"], len(m["folders"]), "folders" in m)
        for f in m["attachments"]:
            print(f["filename"], f["size"])
        print(m.get("events"))


def folder_names_of_messages():
    r = requests.get(BASE + "/v3/grants/me/messages", headers=HEADERS)
    for m in r.json():
        if m["folder"]:  # the object is read into below: every read of the key is a finding, none is renamed
            print(m["folder"]["display_name"])
        names = [label["name"] for label in m["labels"]]  # reads into each label: a finding
        print(names)


def one_message(mid):
    resp = requests.get(f"{BASE}/v3/grants/me/messages/{mid}", headers=HEADERS)
    message = resp.json()
    folder = message["folder"]  # the name is read into below: a finding
    attachments = message.get("attachments", [])
    return folder["id"], attachments


def one_thread(tid):
    thread = requests.get(f"{BASE}/v3/grants/me/threads/{tid}", headers=HEADERS).json()
    labels = thread["folders"]  # only counted: renamed
    folder_names = [f["display_name"] for f in thread["folders"]]  # v2 objects: a finding
    return len(labels), folder_names, thread["version"]


def already_unwrapped():
    first = requests.get(BASE + "/v3/grants/me/messages", headers=HEADERS).json()["data"][0]
    return first["attachments"]


def folder_names():
    resp = requests.get(BASE + "/v3/grants/me/folders", headers=HEADERS)
    folders = resp.json()
    return {f["id"]: f["name"] for f in folders}


def create_label(name):
    return requests.post(BASE + "/v3/grants/me/folders", headers=HEADERS, json={"name": name})


def archive(mid, archive_id):
    return requests.put(f"{BASE}/v3/grants/me/messages/{mid}", headers=HEADERS, json={"folders": [archive_id], "unread": False})


def move_and_relabel(mid, ids):
    # Both would become "folders": the folder_id is left for a human, label_ids is renamed.
    return requests.put(f"{BASE}/v3/grants/me/messages/{mid}", headers=HEADERS, json={"folder_id": None, "folders": ids})


def relabel(tid, ids):
    return requests.put(f"{BASE}/v3/grants/me/threads/{tid}", headers=HEADERS, json={"folders": ids})


def save_draft(did, subject, version):
    body = {"subject": subject, "version": version}
    return requests.put(f"{BASE}/v3/grants/me/drafts/{did}", headers=HEADERS, json=body)


def gmail_labels(service, msg_id):
    # Not a Nylas value: the Gmail API's own labels and payload stay as they are.
    msg = service.users().messages().get(userId="me", id=msg_id).execute()
    return msg["labelIds"], msg["payload"]["headers"], msg.get("labels")


def upload_elsewhere(path):
    files = {"file": open(path, "rb")}
    reply = requests.post("https://uploads.example.com/v1/files", files=files).json()
    return reply["files"], reply["folder"]
