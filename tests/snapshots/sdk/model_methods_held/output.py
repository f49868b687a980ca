"""The cases of model_methods.py that cannot be rewritten: each holds the client back, so the client and
all its uses stay on v2 (SDK090 at the constructor names them; each use is reported)."""
from nylas import APIClient
from nylas.client.errors import NylasApiError

nylas = APIClient("id", "secret", "token")


def login_url(redirect):
    return nylas.authentication_url(redirect, scopes=["email.read_only"])
