"""A module with its own requests and the tests that mock them: each mock moves to v3 with the request it
answers (same path, same method), and its v2-shaped body is reported; a mock nobody here requests stays."""
from unittest import mock

import requests
import responses

API = "https://api.nylas.com"


def thread_ids(token):
    reply = requests.get("https://api.us.nylas.com/v3/grants/me/threads", headers={"Authorization": f"Bearer {token}"})
    return [t["id"] for t in reply.json()]


def new_draft(token, subject):
    reply = requests.post("https://api.us.nylas.com/v3/grants/me/drafts", json={"subject": subject},
                          headers={"Authorization": f"Bearer {token}"})
    return reply.json()["id"]


def calendars(token):
    return requests.get(API + "/calendars", headers={"Authorization": f"Bearer {token}"}).json()


@responses.activate
def test_thread_ids():
    responses.add(responses.GET, "https://api.us.nylas.com/v3/grants/me/threads", json=[{"id": "t1", "subject": "hi"}])
    assert thread_ids("token") == ["t1"]


@responses.activate
def test_new_draft_and_placeholders():
    responses.add(responses.POST, "https://api.us.nylas.com/v3/grants/me/drafts", json={"id": "d1", "version": 0})
    responses.add(responses.GET, "https://api.us.nylas.com/v3/grants/me/threads", json={"foo": "bar"})
    assert new_draft("token", "hi") == "d1"


@responses.activate
def test_a_body_already_v3_and_a_mock_nobody_here_requests():
    responses.get("https://api.us.nylas.com/v3/grants/me/threads", json={"data": [{"id": "t1"}], "next_cursor": None})
    responses.get("https://api.nylas.com/folders", json=[{"id": "f1"}])
    responses.get(API + "/calendars", json=[{"id": "c1"}])


@mock.patch("requests.get")
def test_with_unittest_mock(get):
    get.return_value.json.return_value = [{"id": "t1", "subject": "hi"}]
    assert thread_ids("token") == ["t1"]
    get.assert_called_once_with("https://api.us.nylas.com/v3/grants/me/threads", headers=mock.ANY)
