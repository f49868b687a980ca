# nylas-upgrade-test: base_names=API_BASE,settings.NYLAS_URL
"""Bases named in [tool.nylas-upgrade] base-names: the value is set in another module or the environment,
so only the configuration says they are Nylas. Paths move; each URL says the host must be checked (EP108);
a parameter that shadows the name is not the base."""
import requests
from django.conf import settings

from app.config import API_BASE


def inbox(token):
    return requests.get(API_BASE + "/v3/grants/me/messages", params={"limit": 5}, headers={"Authorization": f"Bearer {token}"})


def thread(thread_id):
    return requests.get(f"{settings.NYLAS_URL}/v3/grants/me/threads/{thread_id}")


def shadowed(API_BASE):
    return requests.get(API_BASE + "/messages")  # a parameter: not the configured base
