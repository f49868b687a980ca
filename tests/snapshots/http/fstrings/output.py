"""f-strings carrying ids and hand-typed query strings."""
import requests

TOKEN = "token"


def thread(thread_id):
    r = requests.get(f"https://api.us.nylas.com/v3/grants/me/threads/{thread_id}?view=expanded", headers={"Authorization": f"Bearer {TOKEN}"})
    return r.json()["messages"]


def recent_threads(since, limit=20):
    return requests.get(f"https://api.us.nylas.com/v3/grants/me/threads?latest_message_after={since}&limit={limit}")


def old_threads(until):
    return requests.get(f"https://api.us.nylas.com/v3/grants/me/threads?latest_message_before={until}&started_after={until}")


def started(ts):
    return requests.get(f"https://api.us.nylas.com/v3/grants/me/threads?started_before={ts}")


def ids_only(email):
    return requests.get(f"https://api.us.nylas.com/v3/grants/me/messages?view=ids&any_email={email}")


def search_threads(term):
    return requests.get(f"https://api.us.nylas.com/v3/grants/me/threads?search_query_native={term}&limit=5")


def draft(draft_id):
    return requests.delete(f"https://api.us.nylas.com/v3/grants/me/drafts/{draft_id}")


def label(label_id, name):
    return requests.put(f"https://api.us.nylas.com/v3/grants/me/folders/{label_id}", json={"name": name})


def folder(folder_id):
    return requests.delete(f"https://api.us.nylas.com/v3/grants/me/folders/{folder_id}")


def cancel(job_status_id):
    return requests.delete(f"https://api.us.nylas.com/v3/grants/me/messages/schedules/{job_status_id}")


def attachment(file_id):
    return requests.get(f"https://api.us.nylas.com/v3/grants/me/attachments/{file_id}")


def download(file_id, message_id):
    return requests.get(f"https://api.us.nylas.com/v3/grants/me/attachments/{file_id}/download?message_id={message_id}").content
