"""The cases of call_table_folders_drafts.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def new_label():
    label = nylas.labels.create()
    label.display_name = "Clients"
    label.save()
    return label
