"""A wrapper method builds every URL; the v2 paths are passed in by its callers."""
from urllib.parse import urljoin

import requests

NYLAS_API = "https://api.us.nylas.com"


class Api:
    def __init__(self, token):
        self.base_url = NYLAS_API
        self.token = token

    def _call(self, endpoint, method="GET", params=None, json=None):
        url = urljoin(self.base_url, endpoint)
        response = requests.request(method, url, params=params, json=json, headers={"Authorization": self.token})
        return response.json()

    def messages(self, params):
        return self._call("v3/grants/me/messages", params=params)

    def thread(self, thread_id):
        endpoint = "v3/grants/me/threads/{id}".format(id=thread_id)
        return self._call(endpoint)

    def send(self, body):
        return self._call("v3/grants/me/messages/send", "POST", json=body)
