"""The cases of loops_and_other_apis.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
import os

from nylas import APIClient

nylas = APIClient(os.environ["ID"], os.environ["SECRET"], os.environ["TOKEN"])


def contact(email):
    return nylas.contacts.where(email=email)[0]
