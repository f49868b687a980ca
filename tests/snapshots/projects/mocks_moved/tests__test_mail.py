"""Tests whose mocks answer app.mail's requests: those move to v3, so the mocks move too (their v2-shaped
bodies are reported); a mock of a request no module of the run makes keeps its v2 URL."""
from unittest import mock

import responses

from app import mail


@responses.activate
def test_thread_ids():
    responses.add(responses.GET, "https://api.us.nylas.com/v3/grants/me/threads", json=[{"id": "t1", "account_id": "a1"}])
    assert mail.thread_ids("token") == ["t1"]


@responses.activate
def test_send():
    responses.post("https://api.us.nylas.com/v3/grants/me/messages/send", json={"id": "m2", "thread_id": "t2"})
    assert mail.send("token", "a@b.c")["thread_id"] == "t2"


@mock.patch("app.mail.requests.request")
def test_threads_with_unittest_mock(request):
    request.return_value.json.return_value = [{"id": "t1"}]
    assert mail.thread_ids("token") == ["t1"]
    request.assert_called_once_with("GET", "https://api.us.nylas.com/v3/grants/me/threads", json=None, headers=mock.ANY)

