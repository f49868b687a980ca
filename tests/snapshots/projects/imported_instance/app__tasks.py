from app import nylas as client


def archive(message_id):
    client.messages.destroy("me", message_id)
