"""Helpers that receive the client as a parameter, with no annotation (shape 5)."""


def count_unread(nylas, folder_id):
    return len(nylas.threads.list("me", query_params={"in": folder_id, "unread": True}).data)


def latest_subject(api):
    return next(iter(api.messages.list("me", query_params={"limit": 1}).data), None).subject
