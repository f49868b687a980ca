"""Send a migrated module's Nylas traffic to the contract server, through each HTTP library's own mocking or
transport layer; the migrated source is never edited.

- the v6 SDK: every `Client(...)` is built with `api_uri=` the server (nylas.Client is swapped for a subclass
  that only changes api_uri when it names a Nylas host);
- requests: `responses` (its documented callback API; the SDK's own requests to the server go through it
  too, so every request knows the line of the migrated module that sent it);
- httpx (sync and async): `respx`, with the server passed through;
- aiohttp: `aioresponses`;
- urllib.request: an opener whose handler re-points Nylas hosts (urllib's own handler chain).
Any other host fails the call (no real network), as the mocking libraries do by default.
"""
from __future__ import annotations

import contextlib
import http.client
import json
import re
import sys
import urllib.request
from typing import Iterator, Tuple
from urllib.parse import urlsplit

NYLAS_HOST = re.compile(r"^(?:[\w-]+\.)*nylas\.com$", re.IGNORECASE)
NYLAS_URL = re.compile(r"^https?://(?:[^@/]*@)?(?:[\w-]+\.)*nylas\.com(?::\d+)?(?:[/?].*)?$", re.IGNORECASE)


def is_nylas(url: str) -> bool:
    return bool(NYLAS_HOST.match(urlsplit(str(url)).hostname or ""))


MIGRATED_FILES: set = set()  # the migrated modules runner.py is running (their frames are the "origin")


def origin_lines() -> str:
    """The lines of the migrated module on the stack of the request now being sent, innermost first
    ("16,30": a wrapper at line 16 called from line 30; "": none)."""
    lines = []
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename in MIGRATED_FILES:
            lines.append(str(frame.f_lineno))
        frame = frame.f_back
    return ",".join(lines)


def forward(server_url: str, method: str, url: str, body, content_type: str) -> Tuple[int, bytes]:
    """Send one request to the server with the path and query of `url` (any Nylas host), saying which line
    of the migrated module sent it."""
    parts = urlsplit(str(url))
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    if body is not None and not isinstance(body, (bytes, bytearray)):
        body = body.encode() if isinstance(body, str) else b"".join(body)
    server = urlsplit(server_url)
    conn = http.client.HTTPConnection(server.hostname, server.port, timeout=30)
    try:
        headers = {"X-Contract-Origin": origin_lines()}
        if content_type:
            headers["Content-Type"] = content_type
        conn.request(method.upper(), target, body=body or None, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextlib.contextmanager
def to_server(server_url: str) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        stack.enter_context(_sdk(server_url))
        stack.enter_context(_requests(server_url))
        stack.enter_context(_httpx(server_url))
        stack.enter_context(_aiohttp(server_url))
        stack.enter_context(_urllib(server_url))
        yield


@contextlib.contextmanager
def _sdk(server_url: str) -> Iterator[None]:
    import nylas
    import nylas.client
    from nylas.config import DEFAULT_SERVER_URL

    real = nylas.client.Client

    class Client(real):  # type: ignore[misc, valid-type]
        __doc__ = real.__doc__

        def __init__(self, api_key, api_uri=DEFAULT_SERVER_URL, *args, **kwargs):
            super().__init__(api_key, server_url if is_nylas(api_uri) else api_uri, *args, **kwargs)

    Client.__qualname__ = Client.__name__ = "Client"
    nylas.Client = nylas.client.Client = Client
    try:
        yield
    finally:
        nylas.Client = nylas.client.Client = real


@contextlib.contextmanager
def _requests(server_url: str) -> Iterator[None]:
    import responses

    def callback(request):
        status, payload = forward(server_url, request.method, request.url, request.body,
                                  request.headers.get("Content-Type", ""))
        return status, {"Content-Type": "application/json"}, payload

    to_server_itself = re.compile("^" + re.escape(server_url) + "(?:[/?].*)?$")  # the SDK, via Client(api_uri=...)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            mock.add_callback(method, NYLAS_URL, callback=callback)
            mock.add_callback(method, to_server_itself, callback=callback)
        yield


@contextlib.contextmanager
def _httpx(server_url: str) -> Iterator[None]:
    import httpx
    import respx

    def side_effect(request: httpx.Request) -> httpx.Response:
        status, payload = forward(server_url, request.method, str(request.url), request.read(),
                                  request.headers.get("Content-Type", ""))
        return httpx.Response(status, content=payload, headers={"Content-Type": "application/json"})

    with respx.mock(assert_all_called=False) as router:
        router.route(url__startswith=server_url).pass_through()
        router.route(host__regex=NYLAS_HOST.pattern).mock(side_effect=side_effect)
        yield


@contextlib.contextmanager
def _aiohttp(server_url: str) -> Iterator[None]:
    from aioresponses import CallbackResult, aioresponses

    def callback(url, **kwargs):
        body, content_type = kwargs.get("data"), ""
        if kwargs.get("json") is not None:
            body, content_type = json.dumps(kwargs["json"]).encode(), "application/json"
        status, payload = forward(server_url, kwargs.get("method", "GET"), str(url), body, content_type)
        return CallbackResult(status=status, body=payload, content_type="application/json")

    with aioresponses(passthrough=[server_url]) as mock:
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            mock.add(NYLAS_URL, method=method, callback=_with_method(callback, method), repeat=True)
        yield


def _with_method(callback, method):
    return lambda url, **kwargs: callback(url, method=method, **kwargs)


class _NylasToServer(urllib.request.BaseHandler):
    handler_order = 100  # before the default handlers

    def __init__(self, server_url: str):
        self.server_url = server_url

    def _repoint(self, req: urllib.request.Request) -> urllib.request.Request:
        if is_nylas(req.full_url):
            parts = urlsplit(req.full_url)
            req.full_url = self.server_url + parts.path + ("?" + parts.query if parts.query else "")
            req.add_unredirected_header("X-Contract-Origin", origin_lines())
        return req

    http_request = https_request = _repoint


@contextlib.contextmanager
def _urllib(server_url: str) -> Iterator[None]:
    previous = urllib.request._opener  # the module's installed opener (None: the default one)
    urllib.request.install_opener(urllib.request.build_opener(_NylasToServer(server_url)))
    try:
        yield
    finally:
        urllib.request._opener = previous
