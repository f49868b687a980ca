"""Same names from the app's own modules and from nylas 6 (a nylas word only here): silent."""
from app.services.tunnel import open_webhook_tunnel
from app.utils import timestamp_from_dt
from nylas.utils.file_utils import attach_file_request_builder


def develop(config):
    return open_webhook_tunnel(None, config)


def stamp(when):
    return timestamp_from_dt(when)


def attachment(path):
    return attach_file_request_builder(path)
