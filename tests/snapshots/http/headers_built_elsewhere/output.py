"""Authorization headers built away from the request, in a module that calls Nylas: reported (AUTH002)
unless they already send a Bearer token; never rewritten."""
import requests

BASE_NYLAS_API = "https://api.us.nylas.com"


class NylasAPI:
    def __init__(self, token):
        self.token = token

    def _headers(self, headers=None):
        headers = headers or {}
        headers["authorization"] = self.token  # a bare v2 token: v3 wants Bearer
        return headers

    def _bearer_headers(self):
        return {"Authorization": f"Bearer {self.token}"}  # already v3-shaped: silent

    def _versioned(self):
        return {"Authorization": "Bearer " + self.token, "Nylas-API-Version": "2.7"}

    def threads(self):
        return requests.get(BASE_NYLAS_API + "/v3/grants/me/threads", headers=self._headers())
