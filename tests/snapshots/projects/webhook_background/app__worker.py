"""RQ jobs and a thread target, given whole deltas."""
from redis import Redis
from rq import Queue

queue = Queue(connection=Redis())


def index_delta(delta):
    if delta["type"] == "grant.created":
        return delta["object_data"]["account_id"]
    return None


def audit(delta):
    return delta["type"] in ("grant.expired", "message.send_failed")
