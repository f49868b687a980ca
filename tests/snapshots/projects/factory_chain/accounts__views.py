from accounts.clients import client_for


def unread(user):
    mailbox = client_for(user)
    return mailbox.messages.list("me", query_params={"unread": True, "limit": 10}).data


def one_thread(user, thread_id):
    mailbox = client_for(user)
    return mailbox.threads.find("me", thread_id).data


def drafts(user):
    return client_for(user).drafts.list("me").data
