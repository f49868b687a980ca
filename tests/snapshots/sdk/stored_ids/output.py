"""SDK calls with ids kept from v2: a column named for Nylas, a request argument; ids from replies are v3."""
from flask import request
from nylas import Client

nylas = Client(api_key="token")


def thread_of(user):
    return nylas.threads.find("me", user.nylas_thread_id).data


def delete_draft():
    draft_id = request.form.get("draft_id")
    nylas.drafts.destroy("me", draft_id)


def thread_of_latest():
    latest = next(iter(nylas.messages.list("me", query_params={"limit": 1}).data), None)
    return nylas.threads.find("me", latest.thread_id).data


def by_parameter(message_id):
    return nylas.messages.find("me", message_id).data
