"""APIClient imported, but the client arrives through an unannotated parameter: nothing can be traced, so
nothing is rewritten, yet `from nylas import APIClient` fails under nylas 6. SDK007 says so at the import;
the v5-only auth calls are reported on whatever receiver holds them (SDK062)."""
import hashlib
import hmac

from nylas import APIClient


class Routes:
    def __init__(self, api):
        if not isinstance(api, APIClient):
            raise ValueError("An APIClient must be set for Routes")
        self._api = api

    def build_auth_url(self, scopes, email, success_url):
        return self._api.authentication_url(success_url, login_hint=email, scopes=scopes)

    def exchange_code_for_token(self, code):
        return self._api.token_for_code(code)

    def verify(self, signature, raw_body):
        digest = hmac.new(self._api.client_secret, msg=raw_body, digestmod=hashlib.sha256).hexdigest()
        return hmac.compare_digest(digest, signature)
