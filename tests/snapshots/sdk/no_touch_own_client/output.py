"""Issue 13 class 2, no-touch: an app whose own class is called Client, built with api_key=, with no Nylas SDK
import: nothing to rename and nothing to report."""
from .http import Client

client = Client(api_key="key", api_uri="https://billing.example.com")


def messages(folder):
    return client.messages.list(folder, query_params={"limit": 5})
