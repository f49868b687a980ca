"""A base URL defined once and joined to paths elsewhere: module, class, parameter default, environment."""
import os
from urllib.parse import urljoin

import requests

BASE_URL = "https://api.us.nylas.com"
API_SERVER = os.environ.get("NYLAS_API_SERVER", "https://api.us.nylas.com")


class NylasClient:
    ROOT = "https://api.us.nylas.com"

    def __init__(self, token, base_url=BASE_URL):
        self.base_url = base_url
        self.token = token

    def _headers(self):
        return {"Authorization": f"Bearer {self.token}"}

    def messages(self, limit=10):
        return requests.get(f"{self.base_url}/v3/grants/me/messages", params={"limit": limit}, headers=self._headers()).json()

    def thread(self, thread_id):
        return requests.get(self.base_url + "/v3/grants/me/threads/" + thread_id, headers=self._headers())

    def labels(self):
        return requests.get(self.ROOT + "/v3/grants/me/folders", headers=self._headers())

    def send(self, message):
        return requests.post(urljoin(self.base_url, "v3/grants/me/messages/send"), json=message, headers=self._headers())


def folders():
    return requests.get(API_SERVER + "/v3/grants/me/folders")
