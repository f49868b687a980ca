"""The factory through its module: `from services import mail`, a whole dotted import, and an alias."""
import services.mail
import services.mail as outbox
from services import mail
from services.stats import count_unread


def unread_count(user):
    client = mail.make_client(user.nylas_token)
    return len(client.messages.list("me", query_params={"unread": True}).data)


def drafts(user):
    return services.mail.make_client(user.nylas_token).drafts.list("me").data


def archive(user, message_id):
    box = outbox.make_client(user.nylas_token)
    box.messages.destroy("me", message_id)


def unread_in(user, folder):
    client = mail.make_client(user.nylas_token)
    return count_unread(client, folder)
