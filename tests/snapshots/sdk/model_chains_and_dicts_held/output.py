"""The case of model_chains_and_dicts.py that cannot be rewritten: a chain moves whole or not at all (a v6
Thread has no messages: SDK041), so the client and all its uses stay on v2 (SDK090 at the constructor names
it)."""
from nylas import APIClient

nylas = APIClient("id", "secret", "token")


def first_message():
    return nylas.threads.first().messages.first()
