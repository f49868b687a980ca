from flask import current_app


def first_draft():
    client = current_app.config.get("NYLAS")
    return next(iter(client.drafts.list("me", query_params={"limit": 1}).data), None)
