from accounts.session import mailbox_for


def labels(user):
    return mailbox_for(user).folders.list("me").data


def folder(user, folder_id):
    box = mailbox_for(user)
    return box.folders.find("me", folder_id).data
