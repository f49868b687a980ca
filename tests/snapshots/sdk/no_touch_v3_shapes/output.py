"""Issue 13 class 6, no-touch: code already on the v6 SDK, in the shapes its own examples use. v6 has a
nylas.client module that defines Client, and drafts.create(identifier=..., request_body=...) is v6's own
signature: nothing is rewritten or reported."""
import os

from nylas.client import Client
from nylas.models.drafts import CreateDraftRequest
from nylas.models.errors import NylasApiError

nylas = Client(api_key=os.environ["NYLAS_API_KEY"], api_uri=os.environ.get("NYLAS_API_URI", "https://api.us.nylas.com"))
grant_id = os.environ["NYLAS_GRANT_ID"]


def draft_and_send(to):
    request: CreateDraftRequest = {"subject": "Hello", "to": [{"email": to}], "body": "Hi"}
    try:
        draft = nylas.drafts.create(identifier=grant_id, request_body=request)
        return nylas.drafts.send(grant_id, draft.data.id)
    except NylasApiError as error:
        print(error.status_code)
        raise


def positional_draft(to):
    draft = nylas.drafts.create(grant_id, {"subject": "Hi", "to": [{"email": to}]})
    return draft.data


def newest_threads():
    threads = nylas.threads.list(identifier=grant_id, query_params={"limit": 5})
    return [thread.subject for thread in threads.data]


def one_message(message_id):
    message = nylas.messages.find(identifier=grant_id, message_id=message_id).data
    return message.subject, message.folders
