"""A factory, called by other modules as mail.make_client(token)."""
import os

import nylas


def make_client(token):
    return nylas.Client(api_key=token)
