"""Helpers and mocks of other services (a nylas word only here): silent."""
from unittest import mock

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


@mock.patch("app.chat.requests.get")
def test_with_unittest_mock(mock_get):
    mock_get.return_value.json.return_value = [{"id": "c1"}]
    assert channels() == ["c1"]
    mock_get.assert_called_once_with("https://slack.com/api/messages")
