"""Reached as sync.on_thread(...) from the webhook view."""


def on_thread(object_data):
    attributes = object_data["attributes"]
    return attributes.get("latest_message_received_date"), attributes["earliest_message_date"]
