"""What the tool cannot trace, told by hints: a parameter, and a client kept in a registry."""


def count_unread(mailbox, folder):  # nylas-upgrade: client=mailbox
    return len(mailbox.threads.list("me", query_params={"in": folder, "unread": True}).data)


def first_thread(
    folder,
    account,  # nylas-upgrade: client=account
):
    return next(iter(account.threads.list("me", query_params={"in": folder, "limit": 1}).data), None)
