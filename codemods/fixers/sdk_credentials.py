"""Reading the v5 constructor's credentials before moving them (issue 13 class 3).

sdk_mapping.md §0.1: the v5 constructor is `APIClient(client_id, client_secret, access_token, api_server,
api_version)` and v6's is `Client(api_key, api_uri, ...)`. The third value becomes `api_key` only when it
can be a token:

- no access token at all (or `None`): an app-level client, used for `authentication_url`/`token_for_code`;
  v3 builds it with an API key the v2 code does not have, so it is reported (SDK080), never written as
  `Client(api_key=None)`, and its auth calls are reported where they are (SDK062);
- a value whose name says server/url/uri/host (`settings.NYLAS_API_SERVER`, a literal URL): not a key,
  reported (SDK081);
- `api_server=<configured value>` carried into `api_uri=` keeps what the deployment set for v2
  (`https://api.nylas.com`): reported at the value (SDK082), since v3 needs the v3 host of the same region.
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

import libcst as cst

from codemods.http_calls import _string_value
from codemods.module_index import dotted_name

_SERVER_WORDS = re.compile(r"server|url|uri|host|endpoint|domain", re.IGNORECASE)
_CONFIG_CALLS = {"config", "getenv", "get", "env", "environ.get", "os.getenv", "os.environ.get"}


def _words(expr: cst.BaseExpression) -> str:
    """What the value says it is: a name's or attribute's last part, a subscript's key, a config call's key."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        return _string_value(expr.slice[0].slice.value) or ""
    if isinstance(expr, cst.Call) and expr.args:
        name = dotted_name(expr.func) or ""
        if name.split(".")[-1] in _CONFIG_CALLS or name in _CONFIG_CALLS:
            return _string_value(expr.args[0].value) or ""
    return ""


def blocker(ctx, key: Optional[cst.BaseExpression]) -> Optional[Tuple[str, Optional[str]]]:
    """(note `when`, message or None) when the access-token value cannot become api_key, else None."""
    if key is None or (isinstance(key, cst.Name) and key.value == "None"):
        return "app_client", None
    literal = _string_value(key) if isinstance(key, cst.SimpleString) else None
    code = ctx.module.code_for_node(key)
    if (literal is not None and literal.startswith(("http://", "https://"))) or _SERVER_WORDS.search(_words(key)):
        rule_message = "is APIClient's access_token (its third argument), but reads like the API server, not a token"
        return "key_is_server", f"`{code}` {rule_message}: check the arguments, then build Client(api_key=<v3 API " \
                                f"key or access token>, api_uri=<v3 host>) by hand"
    return None


def server_needs_note(server: Optional[cst.BaseExpression]) -> bool:
    """A configured api_server (not a literal the host rule moves) that api_uri= will take as it is."""
    if server is None:
        return False
    if isinstance(server, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return False  # a literal: the host rule rewrites a v2 host inside it
    return True
