"""index.py: which functions of a module return a v2 client, read with CPython's ast."""
from __future__ import annotations

import ast
import textwrap

from codemods.analysis.index import facts_of_tree


def _facts(source: str):
    return facts_of_tree(ast.parse(textwrap.dedent(source)))


def test_return_annotations_name_a_factory_whose_constructor_is_elsewhere():
    facts = _facts('''
        from typing import Optional, Union
        import nylas
        from nylas import APIClient

        def a(u) -> APIClient: return u.client
        def b(u) -> nylas.APIClient: return u.client
        def c(u) -> Optional[APIClient]: return u.client
        def d(u) -> "APIClient | None": return u.client
        def e(u) -> Union[None, nylas.APIClient]: return u.client
        def f(u) -> dict: return u.client
        def g(u) -> Union[APIClient, str]: return u.client
    ''')
    assert set(facts.factories) == set(facts.annotated) == {"a", "b", "c", "d", "e"}


def test_a_factory_of_a_factory_shares_its_constructor_line():
    facts = _facts('''
        import nylas

        def make(token):
            return nylas.APIClient("id", "secret", token)

        def for_user(user):
            client = make(user.token)
            client.access_token = user.token
            return client

        def twice(user):
            return for_user(user)

        def other(user):
            return len(user)
    ''')
    assert facts.factories == {"make": 5, "for_user": 5, "twice": 5}
    assert not facts.annotated


def test_other_clients_annotations_and_app_state_paths():
    facts = _facts('''
        from nylas import APIClient
        from slack_sdk import WebClient as SlackClient

        def chat(token) -> SlackClient:
            return SlackClient(token=token)

        def setup(app, g):
            app.state.nylas = APIClient("id", "secret", "token")
            app.state.db = object()
            app.config["NYLAS"] = APIClient("id", "secret", "token")
            g.user = SlackClient(token="t")
    ''')
    assert facts.factories == {}
    assert facts.shared == {"state.nylas": 9, "config[NYLAS]": 11}
