"""Tests that mock Nylas replies of code not in this run: the mocks keep their v2 URLs (EP115); a mock already
on v3 has its v2-shaped body reported (RUN052)."""
from unittest import mock

import requests_mock
import responses

from app import mail


@responses.activate
def test_threads():
    responses.add(responses.GET, "https://api.nylas.com/threads", json=[{"id": "t1", "subject": "hi"}])
    responses.add(responses.GET, "https://api.nylas.com/messages/m1", json={"id": "m1", "thread_id": "t1"}, status=200)
    responses.get("https://api.nylas.com/labels", json={"data": [{"id": "l1"}], "next_cursor": None})
    assert mail.threads() == ["t1"]


def test_messages():
    with requests_mock.Mocker() as m:
        m.get("https://api.nylas.com/messages", json=[{"id": "m1"}])
        m.get("https://api.us.nylas.com/v3/grants/me/drafts", json=[{"id": "d1"}])
        assert mail.messages() == ["m1"]


def test_with_the_fixture(requests_mock):
    requests_mock.get("https://api.nylas.com/folders", json=[{"id": "f1"}])
    assert mail.folders() == ["f1"]


@responses.activate
def test_create_draft_and_placeholders():
    responses.add(responses.POST, "https://api.nylas.com/drafts", json={"id": "d1", "version": 0})
    responses.add(responses.GET, "https://api.nylas.com/threads", json={"foo": "bar"})
    assert mail.new_draft() == "d1"


@mock.patch("app.mail.requests.get")
def test_with_unittest_mock(mock_get):
    mock_get.return_value.json.return_value = [{"id": "t1", "subject": "hi"}]
    assert mail.threads() == ["t1"]
    mock_get.assert_called_once_with("https://api.nylas.com/threads", headers=mock.ANY)
