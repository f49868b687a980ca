"""Folder and label members on SDK models (SDK064). Keys v6 models lack stay as written and are reported,
never turned into attributes that do not exist; a folder's `name` is rewritten (subscripts fail on v6
dataclasses) and reported, because v2's canonical role name ("trash") is v3's display name."""
from nylas import Client

nylas = Client(api_key="token")

for m in nylas.messages.list("me", query_params={"limit": 5}).data:
    print(m.subject, m["folder"]["name"], m["labels"], m.attachments)

# Nylas's DeleteEmail sample: map label names to IDs, then look up "trash"
labels_by_name = {}
for label in nylas.folders.list("me").data:
    labels_by_name[label.name] = label.id
trash_id = labels_by_name["trash"]
