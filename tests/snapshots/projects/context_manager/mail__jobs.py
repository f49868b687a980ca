from mail.session import MailboxSession


def starred(token):
    with MailboxSession(token) as nylas:
        return nylas.messages.list("me", query_params={"starred": True}).data
