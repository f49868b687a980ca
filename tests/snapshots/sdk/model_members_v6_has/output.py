"""Issue 14 item 3, the twin: reads of members every v6 model has (fields and to_dict) are rewritten where
needed and never reported as missing."""
from nylas import Client

nylas = Client(api_key="token")


def summary(thread_id):
    thread = nylas.threads.find("me", thread_id).data
    return thread.subject, thread.snippet, thread.message_ids, thread.participants, thread.to_dict()


def senders():
    for message in nylas.messages.list("me", query_params={"limit": 5}).data:
        print(message.subject, message.from_, hasattr(message, "folders"))
