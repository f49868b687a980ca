"""The Nylas requests a run's modules make, as plain data: a test's mock moves with the requests it answers.

A test that mocks a Nylas URL (`responses.add(responses.GET, "https://api.nylas.com/messages", ...)`) answers
requests the code under test makes. Its URL moves to v3 only when every request to the same endpoint in the run
moves too; one that stays on v2 (a shared base held by a Calendar path, an unreadable site) keeps the mock on v2,
or the test answers a URL the code no longer asks for (issue 13). engine.run processes the modules that make
requests first, collects these facts from their results, and hands them to the modules that mock (Options).
Free of libcst, like options.py: it travels to worker processes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple


@dataclass(frozen=True)
class RequestMade:
    """One URL site of a module that is not a test's mock, after the run decided it."""

    path: str  # as the run displays it
    line: int
    endpoint: str  # the v2 path pattern it asks for, as endpoints.yaml spells it ("/messages/{id}")
    method: Optional[str]  # None when the call does not say (a helper that takes the method as a parameter)
    moves: bool  # its request goes to v3 after this run (rewritten now, or already there)
    why: str = ""  # when it stays on v2: the rule ids reported at it (EP112, EP104, ...)

    def describe(self, here: Optional[str] = None) -> str:
        where = f"line {self.line}" if self.path == here else f"{self.path}:{self.line}"
        verb = f"{self.method} " if self.method else ""
        held = f" (stays on v2: {self.why})" if not self.moves and self.why else ""
        return f"{where} {verb}{self.endpoint}{held}"


def paired(requests: Iterable[RequestMade], endpoint: str, method: Optional[str]) -> List[RequestMade]:
    """The requests a mock of `method endpoint` answers: the same v2 path pattern, and the same method where
    both sides say it."""
    return [r for r in requests if r.endpoint == endpoint and (method is None or r.method in (None, method))]


# A module that registers mocks imports one of these libraries, takes one as a pytest fixture parameter, or
# asserts on a unittest.mock call. Bytes only: a false hit only moves a module to the second batch.
_MOCKS = re.compile(
    rb"^[ \t]*(?:import|from)[ \t]+(?:responses|requests_mock|respx|aioresponses|httpretty|pytest_httpx)\b"
    rb"|\b(?:requests_mock|respx_mock|httpx_mock|mocked_responses|aioresponses)\b"
    rb"|\.assert_(?:called_with|called_once_with|any_call)\(",
    re.MULTILINE)


def registers_mocks(raw: bytes) -> bool:
    return _MOCKS.search(raw) is not None


def split_mocking(files: Sequence[Tuple[object, bytes]]):
    """(modules that may register mocks, the others): the others run first, so each mock knows its requests."""
    mocking, others = [], []
    for item in files:
        (mocking if registers_mocks(item[1]) else others).append(item)
    return mocking, others
