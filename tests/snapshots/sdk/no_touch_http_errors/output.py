"""No Nylas client here (a nylas word only in this docstring): requests' HTTPError is what these calls raise."""
import backoff
import requests
from requests.exceptions import HTTPError


class Slack:
    def __init__(self, session):
        self.client = session

    def history(self):
        try:
            return self.client.messages.all()
        except HTTPError as e:
            if e.response.status_code == 429:
                return []
            raise


def fetch(url):
    try:
        return requests.get(url).json()
    except requests.exceptions.HTTPError as e:
        if e.response.status_code == 404:
            return None
        raise


@backoff.on_exception(backoff.expo, HTTPError, max_tries=3)
def fetch_again(url):
    return requests.get(url).json()


def parse_the_text(url):
    try:
        return requests.get(url).json()
    except Exception as e:
        if "401" in str(e):
            return None
        raise
