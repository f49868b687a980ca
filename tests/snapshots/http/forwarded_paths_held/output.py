"""A wrapper that builds every URL on one base, called with a Calendar path (no v3 Email mapping) and with a
path only known at run time: the base keeps its v2 host, so the Email paths forwarded to it stay v2 too."""
from urllib.parse import urljoin

import requests

NYLAS_API = "https://api.nylas.com"


class Api:
    def __init__(self, token):
        self.base_url = NYLAS_API
        self.token = token

    def _call(self, endpoint, method="GET", params=None):
        url = urljoin(self.base_url, endpoint)
        return requests.request(method, url, params=params, headers={"Authorization": self.token}).json()

    def messages(self, params):
        return self._call("messages", params=params)

    def calendars(self):
        return self._call("calendars")

    def anything(self, path):
        return self._call(path)
