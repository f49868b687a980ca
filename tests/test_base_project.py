"""The index of Nylas bases a module defines for other modules (analysis/base_project.exports_of)."""
from __future__ import annotations

import ast

from codemods.analysis.base_project import _hosts, exports_of
from codemods.rules import load_rules

HOSTS = _hosts(load_rules())


def _exports(source: str) -> dict:
    return {name: (kind, group) for name, (kind, group, _url, _line) in exports_of(ast.parse(source), HOSTS).items()}


def test_constants_and_clients_on_a_nylas_base_are_exported_with_the_base_they_share():
    source = (
        'import os, httpx, aiohttp\n'
        'NYLAS = "https://api.nylas.com"\n'
        'EU = os.environ.get("NYLAS_EU", "https://ireland.api.nylas.com")\n'
        'http = httpx.Client(base_url=NYLAS)\n'
        'direct = httpx.AsyncClient(base_url="https://api.nylas.com")\n'
        'from requests_toolbelt.sessions import BaseUrlSession\n'
        'session = BaseUrlSession("https://api.nylas.com")\n'
    )
    assert _exports(source) == {"NYLAS": ("base", "NYLAS"), "EU": ("base", "EU"), "http": ("client", "NYLAS"),
                                "direct": ("client", "direct"), "session": ("client", "session")}


def test_other_hosts_reassigned_names_urls_with_a_query_and_own_classes_are_not_exported():
    source = (
        'import httpx\n'
        'SLACK = "https://slack.com/api"\n'
        'DOCS = "https://developer.nylas.com/docs"\n'
        'BASE = "https://api.nylas.com"\n'
        'BASE = BASE + "/v2"\n'
        'QUERY = "https://api.nylas.com/messages?limit=5"\n'
        'slack = httpx.Client(base_url=SLACK)\n'
        'api = NylasApi(base_url="https://api.nylas.com")\n'
        'def build():\n'
        '    inner = httpx.Client(base_url="https://api.nylas.com")\n'
    )
    assert _exports(source) == {}
