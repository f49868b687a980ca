"""The v3 contract: the official Nylas v3 OpenAPI spec (vendored in tests/data, gzipped; provenance beside it),
strict request validation, and spec-valid answers.

Validation is openapi-core's (method, path, path and query parameters, request body schema), with
`additional_properties_default_policy="forbid"` so a body field the spec does not name is an error, plus the one
check openapi-core does not make: a query parameter the operation does not declare. v3 ignores unknown query
parameters silently (`offset=` on a list just returns the first page), which is exactly the breakage to catch.
Credentials are not checked: fixtures leave them out or keep v2 forms that the AUTH rules report.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

SPEC_FILE = Path(__file__).resolve().parents[1] / "data" / "nylas-v3-openapi.yml.gz"
SPEC_SHA256 = "0ea4e6ea2014a39c84987f290d6ad195e3d155305c5e6e2e2b01daa0d28ee0d9"
HOST_URL = "https://api.us.nylas.com"  # a server the spec lists; every Nylas host is validated against it
METHODS = ("get", "put", "post", "delete", "patch")

# Where the spec's own answer cannot be what v3 sends (the SDK and every v3 sample read `data` as a list):
# the spec types GET /threads `data` as {"threads": [...]}. The server answers as v3 does, and says so.
ERRATA = {
    ("get", "/v3/grants/{grant_id}/threads"): "spec types data as {threads: [...]}; v3 sends the list itself",
}
# And every list's schema is allOf[common_response_with_cursor (data: object), {data: array}], which no body can
# satisfy (PUT /messages/clean does the same with common_response): answers are checked with `data` left to the
# second branch.
SCHEMA_ERRATA = {
    "common_response_with_cursor": ("data", "typed object, contradicting every list's data: array"),
    "common_response": ("data", "typed object, contradicting data: array of PUT /messages/clean"),
}


# Request-side errata: what the official v6 SDK itself sends, which the spec does not name. nylas 6's own
# attach_file_request_builder() returns {filename, content_type, content, size}, and messages.send / drafts.create
# forward `size` in the JSON body, so v3 accepts `size` on an attachment although the spec omits it.
REQUEST_ERRATA = {"attachments[].size": "sent by nylas 6's attach_file_request_builder() and messages.send"}


def _apply_request_errata(node: Any) -> None:
    if isinstance(node, dict):
        attachments = (node.get("properties") or {}).get("attachments") if isinstance(node.get("properties"), dict) else None
        items = attachments.get("items") if isinstance(attachments, dict) else None
        if isinstance(items, dict) and "content" in (items.get("properties") or {}):
            items["properties"].setdefault("size", {"type": "integer"})
        for value in node.values():
            _apply_request_errata(value)
    elif isinstance(node, list):
        for value in node:
            _apply_request_errata(value)


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    pattern: "re.Pattern[str]"
    literal_segments: int  # more literal segments win: /messages/schedules before /messages/{message_id}
    query_names: frozenset
    spec: dict


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str
    errors: Tuple[str, ...]  # the answer's own disagreements with the spec (none, or an erratum)


def spec_bytes() -> bytes:
    return gzip.decompress(SPEC_FILE.read_bytes())


@lru_cache(maxsize=1)
def load() -> "Contract":
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Contract(yaml.load(spec_bytes(), Loader=loader))


class Contract:
    def __init__(self, doc: dict):
        from openapi_core import Config, OpenAPI

        self.doc = doc
        _apply_request_errata(doc.get("components", {}).get("requestBodies", {}))
        for item in doc["paths"].values():
            for method in METHODS:
                _apply_request_errata((item.get(method) or {}).get("requestBody"))
        self.openapi = OpenAPI.from_dict(
            doc, config=Config(spec_validator_cls=None, additional_properties_default_policy="forbid"))
        self.operations: List[Operation] = []
        for template, item in doc["paths"].items():
            shared = [self.resolve(p) for p in item.get("parameters", [])]
            regex = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
            literal = sum(1 for s in template.split("/") if s and not s.startswith("{"))
            for method in METHODS:
                if method in item:
                    params = shared + [self.resolve(p) for p in item[method].get("parameters", [])]
                    names = frozenset(p["name"] for p in params if p.get("in") == "query")
                    self.operations.append(
                        Operation(method, template, re.compile(regex), literal, names, item[method]))
        self.operations.sort(key=lambda op: -op.literal_segments)
        self._answers: Dict[Tuple[str, str], Answer] = {}

    def resolve(self, node: Any) -> Any:
        return _resolve(self.doc, node)

    def find(self, method: str, path: str) -> Optional[Operation]:
        for op in self.operations:
            if op.method == method.lower() and op.pattern.match(path):
                return op
        return None

    def check(self, method: str, path: str, query: Sequence[Tuple[str, str]], body: Optional[bytes],
              content_type: str) -> List[str]:
        """Every way this request breaks the v3 contract (an empty list: v3 accepts it)."""
        op = self.find(method, path)
        if op is None:
            known = sorted({o.method.upper() for o in self.operations if o.pattern.match(path)})
            if known:
                return [f"{method.upper()} {path}: v3 has this path only for {', '.join(known)}"]
            return [f"{method.upper()} {path}: no such path in v3"]
        errors = [f"query parameter {name!r} is not a v3 parameter of {op.method.upper()} {op.template}"
                  for name in dict.fromkeys(n for n, _ in query) if name not in op.query_names]
        result = self.openapi.unmarshal_request(_Request(method, path, query, body, content_type))
        for error in result.errors:
            if type(error).__name__.startswith("Security"):
                continue  # credentials are not part of this check (see the module docstring)
            errors.append(_describe(error))
        return errors

    def answer(self, method: str, path: str) -> Answer:
        """A response v3 could send to a valid request: the spec's example when it is valid, else one
        generated from the response schema."""
        op = self.find(method, path)
        key = (op.method, op.template)
        if key not in self._answers:
            self._answers[key] = self._make_answer(op)
        return self._answers[key]

    def _make_answer(self, op: Operation) -> Answer:
        codes = sorted(c for c in op.spec.get("responses", {}) if str(c).startswith("2"))
        code = "200" if "200" in codes else (codes[0] if codes else "200")
        response = _resolve(self.doc, op.spec.get("responses", {}).get(code, {}))
        media = (response.get("content") or {}).get("application/json")
        if media is None:
            return Answer(int(code), b"", "application/json", ())
        schema = _resolve(self.doc, media.get("schema", {}))
        sample = _sample(self.doc, schema, 0)
        candidates = [self._repaired(schema, _enriched(c, sample)) for c in _examples(media)]
        candidates += [self._repaired(schema, c) for c in _examples(media)] + [self._repaired(schema, sample)]
        body = next((c for c in candidates if not self.schema_errors(schema, c)), candidates[-1])
        errors = tuple(self.schema_errors(schema, body))
        erratum = ERRATA.get((op.method, op.template))
        if erratum and isinstance(body.get("data"), dict):
            body = dict(body, data=next(iter(body["data"].values())))
            errors += (f"spec erratum: {erratum}",)
        return Answer(int(code), json.dumps(body).encode(), "application/json", errors)

    @lru_cache(maxsize=1)
    def _checked_components(self) -> dict:
        components = dict(self.doc.get("components", {}))
        schemas = components["schemas"] = dict(components.get("schemas", {}))
        for name, (prop, _why) in SCHEMA_ERRATA.items():
            fixed = dict(schemas[name])
            fixed["properties"] = {k: ({} if k == prop else v) for k, v in fixed["properties"].items()}
            schemas[name] = fixed
        return components

    def schema_errors(self, schema: dict, value: Any) -> List[str]:
        return [e.message for e in self._validator(schema).iter_errors(value)]

    def _validator(self, schema: dict):
        from openapi_schema_validator import OAS31Validator

        return OAS31Validator(dict(schema, components=self._checked_components()))

    def _repaired(self, schema: dict, value: Any) -> Any:
        """An example with the holes the spec's own examples have (a required id missing, a null where a
        string is typed) filled from the schema."""
        value = json.loads(json.dumps(value))
        for _ in range(3):
            fixed = False
            for error in self._validator(schema).iter_errors(value):
                target = value
                for step in error.absolute_path:
                    target = target[step]
                if error.validator == "required" and isinstance(target, dict):
                    for name in error.validator_value:
                        if name not in target:
                            sub = (error.schema.get("properties") or {}).get(name, {})
                            target[name] = _sample(self.doc, sub, 0) if sub else "x"
                            fixed = True
                elif error.validator == "type" and target is None and error.absolute_path:
                    parent = value
                    for step in list(error.absolute_path)[:-1]:
                        parent = parent[step]
                    parent[error.absolute_path[-1]] = _sample(self.doc, error.schema, 0)
                    fixed = True
            if not fixed:
                break
        return value


def _resolve(doc: dict, node: Any) -> Any:
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        target: Any = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node, seen = target, seen + 1
    return node


def _examples(media: dict) -> List[Any]:
    found = []
    if "example" in media:
        found.append(media["example"])
    found.extend(e.get("value") for e in (media.get("examples") or {}).values() if isinstance(e, dict))
    unwrapped = []
    for value in found:
        # some examples are wrapped in a name ({"Folder response example": {...}}): the inner value is the body
        if isinstance(value, dict) and len(value) == 1:
            inner = next(iter(value.values()))
            if isinstance(inner, dict) and ("request_id" in inner or "data" in inner):
                value = inner
        unwrapped.append(value)
    return unwrapped


def _enriched(example: Any, sample: Any) -> Any:
    """The example, with the `data` fields it leaves out taken from the schema's sample: examples show a few
    fields, and a v6 model needs every field v3 sends (a Message needs its grant_id)."""
    if not (isinstance(example, dict) and isinstance(sample, dict)):
        return example
    example = json.loads(json.dumps(example))
    data, filler = example.get("data"), sample.get("data")
    if isinstance(filler, list):
        filler = filler[0] if filler and isinstance(filler[0], dict) else None
    for item in (data if isinstance(data, list) else [data]):
        if isinstance(item, dict) and isinstance(filler, dict):
            for key, value in filler.items():
                item.setdefault(key, value)
    return example


def _sample(doc: dict, schema: Any, depth: int) -> Any:
    schema = _resolve(doc, schema)
    if not isinstance(schema, dict) or depth > 8:
        return None
    if "allOf" in schema:
        merged: Dict[str, Any] = {}
        for part in schema["allOf"]:
            value = _sample(doc, part, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        own = {k: v for k, v in schema.items() if k != "allOf"}
        if own.get("properties"):
            merged.update(_sample(doc, own, depth + 1) or {})
        merged.update({name: "x" for name in schema.get("required", ()) if merged.get(name) is None})
        return merged
    for key in ("oneOf", "anyOf"):
        if key in schema:
            options = [_resolve(doc, o) for o in schema[key]]
            return _sample(doc, next((o for o in options if o.get("type") != "null"), options[0]), depth + 1)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    if schema.get("example") is not None:
        return schema["example"]
    kind = schema.get("type", "object" if "properties" in schema else None)
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        value = {name: _sample(doc, sub, depth + 1) for name, sub in (schema.get("properties") or {}).items()}
        value.update({name: "x" for name in schema.get("required", ()) if value.get(name) is None})
        return value
    if kind == "array":
        item = _sample(doc, schema.get("items", {}), depth + 1)
        return [] if item is None else [item]
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if kind == "string":
        return "2024-01-01T00:00:00Z" if schema.get("format") == "date-time" else "x"
    return None


def _describe(error: Exception) -> str:
    """openapi-core's message, with the schema errors it wraps (the useful part: which field, which rule)."""
    parts = [_short(str(error), 160)]
    cause = error.__cause__
    while cause is not None:
        inner = getattr(cause, "schema_errors", None)
        if inner:
            parts.extend(f"  {'/'.join(map(str, e.absolute_path)) or '(value)'}: {_short(e.message, 300)}"
                         for e in inner)
        elif str(cause) not in str(error):
            parts.append(f"  {_short(str(cause), 300)}")
        cause = cause.__cause__
    return "\n".join(parts)


# openapi-core checks security first and stops there when it fails, so every request carries credentials of the
# spec's scheme; whether the code under test sends v3 credentials is the AUTH rules' business.
_CREDENTIALS = {"Authorization": "Bearer contract-test"}


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + " ..."


class _Request:
    """The openapi-core request protocol over a request the server received."""

    def __init__(self, method: str, path: str, query: Sequence[Tuple[str, str]], body: Optional[bytes],
                 content_type: str):
        from openapi_core.datatypes import RequestParameters
        from werkzeug.datastructures import Headers, ImmutableMultiDict

        self.method = method.lower()
        self.path = path
        self.host_url = HOST_URL
        self.full_url_pattern = HOST_URL + path
        self.parameters = RequestParameters(query=ImmutableMultiDict(list(query)), header=Headers(_CREDENTIALS),
                                            cookie=ImmutableMultiDict())
        self.body = body or None
        self.content_type = content_type or ""
