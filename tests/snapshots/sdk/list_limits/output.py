"""Page sizes v3 caps (the v3 OpenAPI spec: threads at most 50, other lists 200): a literal limit over the cap
is rewritten and reported (SDK035), since v3 rejects it; limits within the cap and unknown ones are not."""
from nylas import Client

nylas = Client(api_key="token")


def many_threads():
    return nylas.threads.list("me", query_params={"limit": 100}).data


def all_messages():
    return nylas.messages.list("me", query_params={"limit": 500}).data


def threads_page():
    return nylas.threads.list("me", query_params={"limit": 50, "unread": True}).data


def drafts_page(size):
    return nylas.drafts.list("me", query_params={"limit": size}).data
