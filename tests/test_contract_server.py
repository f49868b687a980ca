"""Contract: the local v3 contract server rejects what v3 rejects, accepts what it accepts, and answers with
spec-valid bodies; the vendored spec is the official file byte for byte."""
from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request

import pytest
import requests

from contract import routing, spec
from contract.server import shared


@pytest.fixture(scope="session")
def contract_server():
    return shared()


def _send(server, method, target, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(server.url + target, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    mark = server.mark()
    try:
        with urllib.request.urlopen(req) as resp:
            status = resp.status
    except urllib.error.HTTPError as err:
        status = err.code
    (exchange,) = server.since(mark)
    return status, exchange


def test_contract_vendored_spec_is_the_official_file():
    assert hashlib.sha256(spec.spec_bytes()).hexdigest() == spec.SPEC_SHA256


GOOD = [
    ("GET", "/v3/grants/me/threads?latest_message_after=1700000000&limit=5", None),
    ("GET", "/v3/grants/g1/messages?in=INBOX&unread=true&search_query_native=subject:x", None),
    ("POST", "/v3/grants/me/messages/send", {"to": [{"email": "a@example.com"}], "subject": "Hi",
                                             "tracking_options": {"opens": True, "label": "x"}}),
    ("PUT", "/v3/grants/me/folders/f1", {"name": "Clients"}),
    ("GET", "/v3/grants/me/messages/schedules", None),
    ("DELETE", "/v3/grants/me/drafts/d1", None),
]
BAD = {
    "a v2 path": ("GET", "/messages?limit=5", None, "no such path in v3"),
    "a v2 path on the v3 host, grant missing": ("GET", "/v3/threads", None, "no such path in v3"),
    "offset= on a v3 list": ("GET", "/v3/grants/me/messages?limit=5&offset=10", None, "'offset' is not a v3"),
    "v2 thread filter last_message_after": ("GET", "/v3/grants/me/threads?last_message_after=5", None,
                                            "'last_message_after' is not a v3"),
    "view=expanded": ("GET", "/v3/grants/me/threads/t1?view=expanded", None, "'view' is not a v3"),
    "tracking instead of tracking_options": (
        "POST", "/v3/grants/me/messages/send", {"to": [{"email": "a@example.com"}], "tracking": {"opens": True}},
        "'tracking' was unexpected"),
    "v2 file_ids in a send body": (
        "POST", "/v3/grants/me/messages/send", {"to": [{"email": "a@example.com"}], "file_ids": ["f1"]},
        "'file_ids' was unexpected"),
    "a wrong type in the body": ("PUT", "/v3/grants/me/messages/m1", {"folders": "INBOX"}, "is not of type 'array'"),
    "a wrong type in the query": ("GET", "/v3/grants/me/threads?latest_message_after=yesterday", None,
                                  "Failed to cast value to integer"),
    "above the maximum limit": ("GET", "/v3/grants/me/threads?limit=500", None, "maximum of 50"),
    "a method the path lacks": ("POST", "/v3/grants/me/messages/m1", {}, "only for DELETE, GET, PUT"),
    "attachment without message_id": ("GET", "/v3/grants/me/attachments/a1", None, "message_id"),
}


@pytest.mark.parametrize("method, target, body", GOOD)
def test_contract_server_accepts_valid_v3_requests(contract_server, method, target, body):
    status, exchange = _send(contract_server, method, target, body)
    assert exchange.valid, exchange.errors
    assert 200 <= status < 300
    assert not [e for e in exchange.answer_errors if not e.startswith("spec erratum")]


@pytest.mark.parametrize("method, target, body, message", BAD.values(), ids=list(BAD))
def test_contract_server_rejects_known_bad_requests(contract_server, method, target, body, message):
    status, exchange = _send(contract_server, method, target, body)
    assert status == 400
    assert not exchange.valid
    assert message in "\n".join(exchange.errors)


def test_contract_routing_sends_requests_and_sdk_traffic_to_the_server(contract_server):
    import nylas

    mark = contract_server.mark()
    with routing.to_server(contract_server.url):
        assert requests.get("https://api.us.nylas.com/v3/grants/me/threads", params={"offset": 5}).status_code == 400
        assert nylas.Client(api_key="key").messages.list("me", query_params={"limit": 5}).data
        with pytest.raises(requests.exceptions.ConnectionError):  # no other host is reachable
            requests.get("https://slack.com/api/chat.postMessage")
    lines = [e.line() for e in contract_server.since(mark)]
    assert lines == ["GET /v3/grants/me/threads?offset=5", "GET /v3/grants/me/messages?limit=5"]
    assert nylas.Client.__module__ == "nylas.client"  # the real class is back


def test_contract_answers_for_the_email_api_are_spec_valid():
    contract = spec.load()
    email = ("messages", "threads", "drafts", "folders", "attachments")
    checked = 0
    for op in contract.operations:
        if op.template.startswith("/v3/grants/{grant_id}/") and op.template.split("/")[4] in email:
            answer = contract.answer(op.method, op.template.replace("{", "").replace("}", ""))
            assert all(e.startswith("spec erratum") for e in answer.errors), (op.method, op.template, answer.errors)
            checked += 1
    assert checked > 20


def test_contract_server_answers_a_valid_request_with_the_error_asked_for(contract_server):
    """A sidecar's `answer: 404` makes the migrated module's error handling run; the request is still checked."""
    with contract_server.answering(404):
        status, exchange = _send(contract_server, "GET", "/v3/grants/me/messages/m1")
        assert (status, exchange.valid) == (404, True)
        status, exchange = _send(contract_server, "GET", "/messages/m1")  # a v2 path is rejected all the same
        assert (status, exchange.valid) == (400, False)
    status, _ = _send(contract_server, "GET", "/v3/grants/me/messages/m1")
    assert status == 200
