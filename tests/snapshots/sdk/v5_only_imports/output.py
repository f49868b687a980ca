"""v5-only helpers: nylas.services (the local webhook tunnel) and nylas.utils' v5 functions."""
import datetime

import nylas
from nylas import Client
from nylas.services.tunnel import open_webhook_tunnel
from nylas.utils import timestamp_from_dt, convert_metadata_pairs_to_array
from nylas.utils.file_utils import attach_file_request_builder

client = Client(api_key="token")


def develop():
    open_webhook_tunnel(client, {"triggers": ["message.created"]})


def since(days):
    start = datetime.datetime.now() - datetime.timedelta(days=days)
    return client.messages.list("me", query_params={"received_after": timestamp_from_dt(start), "limit": 5}).data


def until(when):
    return nylas.utils.timestamp_from_dt(when)


def attachment(path):
    return attach_file_request_builder(path)
