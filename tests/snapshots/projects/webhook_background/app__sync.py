"""Run by FastAPI's BackgroundTasks with one delta's object_data."""


def sync_thread(object_data, full=True):
    attributes = object_data["attributes"]
    return attributes["earliest_message_date"], attributes.get("latest_message_sent_date"), full
