"""Contract checks of the tool's output: run migrated code against the official v3 API contract.

- spec.py: the vendored v3 OpenAPI spec, strict request validation (openapi-core plus the unknown-name checks
  it does not make) and spec-valid answers.
- server.py: the local v3 contract server (127.0.0.1, a free port) that validates and records every request.
- routing.py: sends a migrated module's Nylas traffic to that server through each HTTP library's own
  mocking/transport layer (responses, respx, urllib handlers, aiohttp) and Client(api_uri=...) for the SDK.
- runner.py: migrates a fixture with the tool, imports the migrated module, calls its entry points.
- projects.py: the same for a multi-module project (fixtures/projects/<name>/), migrated as a whole.
- typecheck.py: basedpyright over migrated SDK modules, errors split into lines the tool wrote and the rest.
- __main__.py: `python -m tests.contract PATH`, the same runner on a user's tree (a development aid).
"""
