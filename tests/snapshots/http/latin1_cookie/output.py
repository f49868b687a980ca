# -*- coding: latin-1 -*-
"""A latin-1 file: naïve façade."""
import requests

GREETING = "Grüße"


def threads():
    return requests.get("https://api.us.nylas.com/v3/grants/me/threads")  # Grüße
