"""codemods/analysis/v6_sdk.py against the installed nylas 6.x: the tables the rules use (signatures for
v5-ness, model fields for member checks) are exactly what the package has. A new SDK release that adds a
field, a method or a parameter fails here, naming it, so the rules bound to the table are looked at again.
Skipped when nylas 6 is not installed."""
from __future__ import annotations

import dataclasses
import importlib
import inspect

import pytest

from codemods.analysis import v6_sdk

nylas = pytest.importorskip("nylas")
Client = getattr(nylas, "Client", None)
if Client is None:
    pytest.skip("the installed nylas is not 6.x", allow_module_level=True)


def test_client_module_names_match_the_package():
    module = importlib.import_module("nylas.client")
    assert {n for n in dir(module) if not n.startswith("_")} == set(v6_sdk.CLIENT_MODULE_NAMES)


@pytest.mark.parametrize("resource", sorted(v6_sdk.SIGNATURES))
def test_signatures_match_the_package(resource):
    collection = getattr(Client(api_key="test-key"), resource)
    found = {name: tuple(k + ("=" if v.default is not inspect.Parameter.empty else "")
                         for k, v in inspect.signature(getattr(collection, name)).parameters.items())
             for name in dir(collection) if not name.startswith("_") and callable(getattr(collection, name))}
    assert found == v6_sdk.SIGNATURES[resource], f"nylas {nylas.__version__ if hasattr(nylas, '__version__') else 6}" \
                                                 f" changed client.{resource}'s methods: update v6_sdk.SIGNATURES"


@pytest.mark.parametrize("resource", sorted(v6_sdk.MODEL_FIELDS))
def test_model_fields_match_the_package(resource):
    name = v6_sdk.MODEL_CLASSES[resource]
    module = importlib.import_module(f"nylas.models.{resource}")
    model = getattr(module, name)
    fields = {f.name for f in dataclasses.fields(model)}
    assert fields == set(v6_sdk.MODEL_FIELDS[resource]), (
        f"nylas.models.{resource}.{name}: added {sorted(fields - v6_sdk.MODEL_FIELDS[resource])}, removed "
        f"{sorted(v6_sdk.MODEL_FIELDS[resource] - fields)}: update v6_sdk.MODEL_FIELDS and the member rules")
    methods = {n for n in dir(model) if not n.startswith("_") and callable(getattr(model, n))}
    assert methods == set(v6_sdk.MODEL_METHODS)


def test_binds_follows_the_signatures():
    assert v6_sdk.binds("drafts", "create", 0, {"identifier", "request_body"})
    assert v6_sdk.binds("drafts", "create", 2, ())
    assert not v6_sdk.binds("drafts", "create", 0, {"subject", "to"})  # v5: drafts.create(subject=..., to=...)
    assert not v6_sdk.binds("drafts", "create", 0, {"identifier", "subject"})
    assert not v6_sdk.binds("messages", "where", 0, {"in_"})
    assert not v6_sdk.binds("drafts", "create", 0, ())  # v5: d = client.drafts.create(); d.subject = ...
