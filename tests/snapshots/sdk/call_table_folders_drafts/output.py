"""sdk_mapping.md §1d (draft methods on a fetched draft) and §1e (folders and labels)."""
from nylas import Client

nylas = Client(api_key="token")


def draft_rows(draft_id, mime, upload):
    d = nylas.drafts.find("me", draft_id).data
    d.send_raw(mime)
    d.attach(upload)
    d.detach(upload)
    nylas.drafts.destroy("me", d.id)


def edit_fetched(draft_id):
    d = nylas.drafts.find("me", draft_id).data
    d.subject = "Updated"
    d.save()


def send_fetched(draft_id):
    d = nylas.drafts.find("me", draft_id).data
    return nylas.drafts.send("me", d.id).data


def folder_rows(folder_id):
    everything = nylas.folders.list("me").data
    label = nylas.folders.find("me", folder_id).data
    nylas.folders.destroy("me", folder_id)
    return everything, label


def rename(folder_id):
    folder = nylas.folders.find("me", folder_id).data
    folder.display_name = "Renamed"
    folder.save()
    return folder.threads, folder.messages
