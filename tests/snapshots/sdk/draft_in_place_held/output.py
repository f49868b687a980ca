"""The cases of draft_in_place.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
import logging

from nylas import APIClient

nylas = APIClient("id", "secret", "token")

# Nylas's own SendEmail sample: the send is inside a try block.
draft = nylas.drafts.create()
draft.subject = "With Love, from Nylas"
draft.to = [{"name": "Recipient", "email": "r@example.com"}]
try:
    # Send your email
    message = draft.send()
except Exception:
    logging.exception("send failed")


def read_back(to):
    d = nylas.drafts.create()
    d.to = [{"email": to}]
    d.send()
    return d.id  # read after sending: stays a finding


def passed_on(to, audit):
    d = nylas.drafts.create()
    d.to = [{"email": to}]
    audit(d)  # handed to other code: stays a finding
    d.send()


def nested(to):
    d = nylas.drafts.create()

    def later():
        d.send()  # sent from a nested function: stays a finding

    d.to = [{"email": to}]
    return later
