"""Models reached through a list stored first, a name bound two ways, and a Contacts call on the client."""
import os

from nylas import Client

nylas = Client(api_key=os.environ["TOKEN"])


def subjects(sender):
    threads = nylas.threads.list("me", query_params={"from": sender}).data
    titles = [thread["subject"] for thread in threads]
    for thread in threads:
        titles.append(thread.snippet)
        for message in thread.message_ids:
            message = nylas.messages.find("me", message).data
            titles.append(message["subject"])
    return titles
