"""libcst 1.9 regenerates `except ValueError :` as `except ValueError:`; our output must not."""
import requests


def inbox():
    try:
        return requests.get("https://api.us.nylas.com/v3/grants/me/messages").json()
    except ValueError :
        return []
    except (KeyError, TypeError) :
        return None
