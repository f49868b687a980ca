"""A factory: each caller builds a client for its user."""
import nylas


def make_client(token):
    return nylas.Client(api_key=token)
