def count_unread(mailbox, folder):
    return len(mailbox.threads.list("me", query_params={"in": folder, "unread": True}).data)
