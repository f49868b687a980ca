"""Helpers and mocks of other services (a nylas word only here): silent."""
import requests
import responses

SLACK = "https://slack.com/api"


def _get(path):
    return requests.get(SLACK + path).json()


def channels():
    return [c["id"] for c in _get("/messages")]


@responses.activate
def test_channels():
    responses.add(responses.GET, "https://slack.com/api/messages", json=[{"id": "c1"}])
    assert channels() == ["c1"]
