"""The cases of draft_send.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def with_files(file_id):
    d = nylas.drafts.create()
    d.subject = "Report"
    d.file_ids = [file_id]
    d.send()


def read_back():
    d = nylas.drafts.create()
    d.subject = "Later"
    d.save()
    return d.id
