"""Whole-project analysis of v2 SDK clients (../shared/design/whole-project.md): index each module's facts
with CPython's `ast` (index.py), resolve imports the way Python does (resolve.py), decide per client whether
it moves to v6 (decide.py, pure), and let the per-module fixers apply the decision with libcst as before."""
