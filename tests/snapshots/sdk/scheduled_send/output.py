"""Outbox → scheduled send, and Neural clean_conversation → messages.clean_messages."""
from nylas import Client

nylas = Client(api_key="token")


def schedule(email, when):
    job = nylas.messages.send("me", request_body={"subject": "Reminder", "to": [{"email": email}], "send_at": when}).data
    return job


def schedule_keyword(email, tomorrow_9am):
    return nylas.messages.send("me", request_body={"subject": "Standup", "to": [{"email": email}], "send_at": tomorrow_9am}).data


def cancel(schedule_id):
    nylas.messages.stop_scheduled_message("me", schedule_id)


def clean(message):
    conversation = nylas.messages.clean_messages("me", request_body={"message_id": [message.id]}).data
    return conversation[0].conversation
