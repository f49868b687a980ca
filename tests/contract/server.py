"""The local v3 contract server: a real HTTP server on 127.0.0.1 (a free port) that validates every request
against the v3 spec, answers a valid one with a spec-valid response, answers an invalid one with a v3-shaped
400 error carrying the validator's message, and records both."""
from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

from . import spec

# The v3 error types of the statuses a sidecar may ask for (the `error.type` of a v3 error body).
ERROR_TYPES = {400: "invalid_request_error", 401: "unauthorized", 403: "forbidden", 404: "not_found_error",
               429: "rate_limit_error", 500: "api_error", 503: "service_unavailable"}


@dataclass(frozen=True)
class Exchange:
    """One request the server received, and what the contract says about it."""

    method: str
    path: str
    query: Tuple[Tuple[str, str], ...]
    body: bytes
    errors: Tuple[str, ...]  # empty: v3 accepts the request
    status: int
    answer_errors: Tuple[str, ...] = ()  # the answer's disagreements with the spec (errata only)
    origin: Tuple[int, ...] = ()  # the lines of the migrated module on the sender's stack, innermost first

    @property
    def valid(self) -> bool:
        return not self.errors

    def line(self) -> str:
        query = "&".join(f"{k}={v}" for k, v in self.query)
        return f"{self.method} {self.path}{'?' + query if query else ''}"


class ContractServer:
    def __init__(self, contract: Optional[spec.Contract] = None):
        self.contract = contract or spec.load()
        self._exchanges: List[Exchange] = []
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"server_state": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="v3-contract-server", daemon=True)
        self.error_status: Optional[int] = None  # set: every valid request is answered with this v3 error

    @contextlib.contextmanager
    def answering(self, error_status: Optional[int]) -> Iterator[None]:
        """While inside, answer each valid request with a v3 error of this status (None: the normal answer), so
        a migrated module's error handling runs (a 404 its `except NylasApiError` turns into None)."""
        self.error_status = error_status
        try:
            yield
        finally:
            self.error_status = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "ContractServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def mark(self) -> int:
        with self._lock:
            return len(self._exchanges)

    def since(self, mark: int) -> List[Exchange]:
        with self._lock:
            return list(self._exchanges[mark:])

    def handle(self, method: str, target: str, body: bytes, content_type: str,
               origin: Tuple[int, ...] = ()) -> Tuple[int, bytes]:
        parts = urlsplit(target)
        query = tuple(parse_qsl(parts.query, keep_blank_values=True))
        try:
            errors = self.contract.check(method, parts.path, query, body, content_type)
        except Exception as exc:  # a validator crash is a failed check, never a silent pass
            errors = [f"validator error: {type(exc).__name__}: {exc}"]
        if errors:
            status = 400
            payload = json.dumps({"request_id": "contract", "error": {
                "type": "invalid_request_error", "message": "v3 contract: " + "; ".join(errors)}}).encode()
            answer_errors: Tuple[str, ...] = ()
        elif self.error_status is not None:
            status, answer_errors = self.error_status, ()
            payload = json.dumps({"request_id": "contract", "error": {
                "type": ERROR_TYPES.get(self.error_status, "api_error"),
                "message": "the contract run asked for this error"}}).encode()  # no status in the text (RUN005)
        else:
            answer = self.contract.answer(method, parts.path)
            status, payload, answer_errors = answer.status, answer.body, answer.errors
        with self._lock:
            self._exchanges.append(
                Exchange(method.upper(), parts.path, query, body, tuple(errors), status, answer_errors, origin))
        return status, payload


class _Handler(BaseHTTPRequestHandler):
    server_state: ContractServer
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, payload = self.server_state.handle(
            self.command, self.path, body, self.headers.get("Content-Type", ""),
            tuple(int(n) for n in (self.headers.get("X-Contract-Origin") or "").split(",") if n))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


_SHARED: List[ContractServer] = []


def shared() -> ContractServer:
    """One server per test process, started on first use (the session fixtures all hand out this one)."""
    if not _SHARED:
        _SHARED.append(ContractServer().start())
    return _SHARED[0]
