"""Drafts that cannot be folded into one call become the request body in place (SDK050): every statement
stays where it is, so comments, try blocks and conditions survive. Anything else done with the draft keeps
it a finding (SDK051)."""
import logging

from nylas import Client

nylas = Client(api_key="token")

# Nylas's own SendEmail sample: the send is inside a try block.
draft = {}
draft["subject"] = "With Love, from Nylas"
draft["to"] = [{"name": "Recipient", "email": "r@example.com"}]
try:
    # Send your email
    message = nylas.messages.send("me", request_body=draft).data
except Exception:
    logging.exception("send failed")


def notify(to, cc=None, track=False):
    # a comment on every line
    d = {"subject": "Report"}  # keyword fields become the first keys
    d["to"] = [{"email": to}]
    if cc:
        d["cc"] = [{"email": cc}]  # only sometimes
    d["from_"] = [{"email": "me@example.com"}]
    if track:
        d["tracking_options"] = {"opens": True, "links": True, "thread_replies": True, "label": "report"}
    return nylas.messages.send("me", request_body=d).data
