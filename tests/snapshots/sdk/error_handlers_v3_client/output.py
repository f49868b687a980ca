"""Code already on the v6 Client, still catching requests' HTTPError: it never fires in nylas 6."""
import requests
from nylas import Client
from nylas.models.errors import NylasApiError

nylas = Client(api_key="key")


def message_or_none(grant_id, message_id):
    try:
        return nylas.messages.find(grant_id, message_id).data
    except NylasApiError as e:
        if e.status_code == 404:
            return None
        raise


def folders(grant_id):
    try:
        return nylas.folders.list(grant_id).data
    except NylasApiError as e:
        if e.status_code == 401:
            return []
        raise
