"""Old-style templates: str.format() and the % operator."""
import requests

API_ROOT = "https://api.us.nylas.com"


def get_thread(thread_id):
    return requests.get("{}/v3/grants/me/threads/{}".format(API_ROOT, thread_id))


def get_message(message_id):
    return requests.get("https://api.us.nylas.com/v3/grants/me/messages/{id}".format(id=message_id))


def update_folder(folder_id, body):
    return requests.put("https://api.us.nylas.com/v3/grants/me/folders/%s" % folder_id, json=body)


def named(label_id):
    return requests.delete("%(root)s/v3/grants/me/folders/%(id)s" % {"root": API_ROOT, "id": label_id})
