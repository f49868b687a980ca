"""Issue 13 class 3: an app-level client built from only the app's id and secret, for native auth. v3 builds
it with an API key the v2 code does not have: never Client(api_key=None); the constructor and its auth
calls are reported and the module keeps its v2 client."""
from django.conf import settings
from nylas import APIClient


def login_url(redirect_uri):
    client = APIClient(settings.NYLAS_CLIENT_ID, settings.NYLAS_CLIENT_SECRET)
    return client.authentication_url(redirect_uri, scopes=["email.read_only"])


def exchange(code):
    client = APIClient(settings.NYLAS_CLIENT_ID, settings.NYLAS_CLIENT_SECRET, None)
    return client.token_for_code(code)
