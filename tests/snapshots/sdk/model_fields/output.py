"""Model fields that changed name in v3, read off SDK objects: thread timestamps (FLD, also inside item
access, which becomes attribute access with the new name), msg.files → msg.attachments with the v5
download loop, folder display_name → name (SDK070). account_id is reported: v3 ids differ."""
from nylas import Client

nylas = Client(api_key="token")

thread = nylas.threads.find("me", "thread-id").data
print(thread.earliest_message_date, thread.latest_message_received_date)

message = nylas.messages.find("me", "message-id").data
print(message["account_id"])
for f in message.attachments:
    content = nylas.attachments.download_bytes("me", f.id, query_params={"message_id": message.id})

for folder in nylas.folders.list("me").data:
    print(folder.name, folder.name)
