"""A draft saved and sent later: drafts.create, then drafts.send with its id; a draft read back stays a finding."""
from nylas import Client

nylas = Client(api_key="token")


def save_then_send(email):
    draft = nylas.drafts.create("me", request_body={"subject": "Quarterly report", "to": [{"email": email}], "from": [{"email": "me@example.com"}], "tracking_options": {"opens": True, "label": "q3"}}).data
    print("saved")  # other statements may sit between save() and send()
    sent = nylas.drafts.send("me", draft.id).data
    return sent


def save_only(email):
    draft = nylas.drafts.create("me", request_body={"subject": "Later", "to": [{"email": email}]}).data
