"""Issue 13 class 3: the third positional argument is APIClient's access token, but here it reads like the
API server: not moved into api_key=, reported, and the module keeps its v2 client."""
from django.conf import settings
from nylas import APIClient


def client_for_app():
    return APIClient(settings.NYLAS_CLIENT_ID, settings.NYLAS_CLIENT_SECRET, settings.NYLAS_API_SERVER)


def messages():
    nylas = client_for_app()
    return nylas.messages.all()
