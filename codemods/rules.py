"""Load the YAML rule files and validate them.

Rule files are data from the user's point of view too (a team may add one), so
they are untrusted input: a safe YAML loader only, every key checked against
codemods.rule_kinds, and any problem reported as one RuleError naming the file,
the rule and the field. A malformed rule file is exit 2, never a traceback.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Dict, List, Mapping, Optional, Tuple

from codemods.rule_kinds import COMMON_OPTIONAL, COMMON_REQUIRED, KINDS, is_fixable

_ID = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
_FILE_KEYS = {"family", "title", "rules"}
# Every piece of Nylas evidence (an import of nylas, a Nylas host, NYLAS_* names)
# contains this word, so it is the prefilter's floor; rules may add triggers.
BASE_TRIGGER = "nylas"


class RuleError(Exception):
    """A rule file is malformed. str() names file, rule and field."""


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    family: str
    summary: str
    doc_url: str
    message: str
    fixable: bool
    confidence: str
    example_before: str
    example_after: str
    data: Mapping[str, object]
    source: str  # rule file name, for error messages and `rules ID`

    def get(self, key: str, default=None):
        return self.data.get(key, default)


@dataclass(frozen=True)
class RuleSet:
    rules: Tuple[Rule, ...]
    families: Mapping[str, str]  # family prefix -> title
    # Lookups asked for by every file's pipeline, computed once per rule set (it never changes).
    _memo: Dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    def by_id(self) -> Mapping[str, Rule]:
        """id -> rule, read-only (one mapping shared by every caller)."""
        found = self._memo.get("by_id")
        if found is None:
            found = self._memo["by_id"] = MappingProxyType({r.id: r for r in self.rules})
        return found

    def of_kind(self, kind: str) -> List[Rule]:
        return list(self.of_kinds((kind,)))

    def of_kinds(self, kinds) -> Tuple[Rule, ...]:
        """The rules of any of these kinds, in file order (one tuple per set of kinds, computed once)."""
        key = frozenset(kinds)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = tuple(r for r in self.rules if r.kind in key)
        return found

    def triggers(self) -> List[str]:
        words = {BASE_TRIGGER}
        for rule in self.rules:
            words.update(rule.get("triggers", ()) or ())
        return sorted(words)


def family_of_id(rule_id: str) -> str:
    """HOST001 -> HOST, for an ID the loaded rules may not know (a rule from another rules directory)."""
    return rule_id.rstrip("0123456789")


def default_rules_dir() -> Path:
    """The shipped rules/, or the directory named by NYLAS_UPGRADE_RULES_DIR (a team's own rules; tests)."""
    from codemods.rule_cache import rules_dir

    return Path(rules_dir())


_CACHE: Dict[Path, RuleSet] = {}


def load_rules(directory: Optional[Path] = None) -> RuleSet:
    directory = (directory or default_rules_dir()).resolve()
    if directory not in _CACHE:
        _CACHE[directory] = _load_dir(directory)
    return _CACHE[directory]


def _load_dir(directory: Path) -> RuleSet:
    if not directory.is_dir():
        raise RuleError(f"{directory}: rules directory not found")
    from codemods import rule_cache

    paths = rule_cache.rule_files(str(directory))
    docs = rule_cache.read_docs(str(directory), paths)
    if docs is None:
        docs = [(Path(path).name, _read_yaml(Path(path))) for path in paths]
    rules: List[Rule] = []
    families: Dict[str, str] = {}
    seen: Dict[str, str] = {}
    for name, doc in docs:
        family, title, file_rules = _load_doc(name, doc)
        if family in families:
            raise RuleError(f"{name}: family {family!r} is already defined by another file")
        families[family] = title
        for rule in file_rules:
            if rule.id in seen:
                raise RuleError(f"{name}: rule {rule.id}: id already used in {seen[rule.id]}")
            seen[rule.id] = name
            rules.append(rule)
    if not rules:
        raise RuleError(f"{directory}: no rules found")
    ruleset = RuleSet(tuple(rules), families)
    rule_cache.write(str(directory), paths, docs, ruleset.triggers())  # only reached when every file validated
    return ruleset


def _read_yaml(path: Path) -> object:
    import yaml  # here, not at import: a cached run never pays the ~40 ms yaml import

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader when built with it
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path.name}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:  # one line: PyYAML's text spans several and quotes the source
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(f"{path.name}: not valid YAML{where}: {' '.join(str(problem).split())}") from None


def _load_doc(name: str, doc: object) -> Tuple[str, str, List[Rule]]:
    if not isinstance(doc, dict):
        raise RuleError(f"{name}: expected a mapping with keys family, title, rules")
    unknown = set(doc) - _FILE_KEYS
    if unknown:
        raise RuleError(f"{name}: unknown top-level key(s): {', '.join(sorted(map(str, unknown)))}")
    family = doc.get("family")
    if not isinstance(family, str) or not re.fullmatch(r"[A-Z]{2,5}", family):
        raise RuleError(f"{name}: field 'family': expected 2-5 capital letters, got {family!r}")
    title = doc.get("title")
    if not isinstance(title, str) or not title.strip():
        raise RuleError(f"{name}: field 'title': expected a non-empty string")
    raw_rules = doc.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleError(f"{name}: field 'rules': expected a non-empty list")
    return family, title, [_parse_rule(name, family, i, r) for i, r in enumerate(raw_rules)]


def _parse_rule(name: str, family: str, index: int, raw: object) -> Rule:
    where = f"{name}: rule #{index + 1}"
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: expected a mapping")
    rule_id = raw.get("id")
    if isinstance(rule_id, str):
        where = f"{name}: rule {rule_id}"
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise RuleError(f"{where}: field 'id': expected a family prefix and 3 digits, got {rule_id!r}")
    if not rule_id.startswith(family):
        raise RuleError(f"{where}: field 'id': must start with the file's family {family!r}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise RuleError(f"{where}: field 'kind': expected one of {', '.join(sorted(KINDS))}, got {kind!r}")
    spec = KINDS[kind]
    missing = (COMMON_REQUIRED | spec.required) - set(raw)
    if missing:
        raise RuleError(f"{where}: missing field(s): {', '.join(sorted(missing))}")
    unknown = set(raw) - COMMON_REQUIRED - COMMON_OPTIONAL - spec.required - spec.optional
    if unknown:
        raise RuleError(f"{where}: unknown field(s) for kind {kind!r}: {', '.join(sorted(map(str, unknown)))}")
    for key in ("summary", "doc_url"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise RuleError(f"{where}: field {key!r}: expected a non-empty string")
    if not raw["doc_url"].startswith("https://"):
        raise RuleError(f"{where}: field 'doc_url': expected an https:// link")
    example = raw["example"]
    if not isinstance(example, dict) or not isinstance(example.get("before"), str) or set(example) - {"before", "after"}:
        raise RuleError(f"{where}: field 'example': expected a mapping with 'before' and optional 'after' strings")
    if not isinstance(example.get("after", ""), str):
        raise RuleError(f"{where}: field 'example.after': expected a string")
    fixable = is_fixable(kind, raw)
    message = raw.get("message", "")
    if not isinstance(message, str):
        raise RuleError(f"{where}: field 'message': expected a string")
    if not fixable and not message.strip():
        raise RuleError(f"{where}: field 'message': a manual rule must say what to do by hand")
    confidence = raw.get("confidence", "documented")
    if confidence not in ("documented", "inferred"):
        raise RuleError(f"{where}: field 'confidence': expected 'documented' or 'inferred', got {confidence!r}")
    triggers = raw.get("triggers", [])
    if not isinstance(triggers, list) or not all(isinstance(t, str) and t for t in triggers):
        raise RuleError(f"{where}: field 'triggers': expected a list of non-empty strings")
    data = {k: v for k, v in raw.items() if k not in COMMON_REQUIRED}
    _check_kind_fields(where, kind, data)
    return Rule(
        id=rule_id,
        kind=kind,
        family=family,
        summary=raw["summary"].strip(),
        doc_url=raw["doc_url"],
        message=message.strip(),
        fixable=fixable,
        confidence=confidence,
        example_before=example["before"],
        example_after=example.get("after", ""),
        data=data,
        source=name,
    )


def _expect(where: str, data: dict, key: str, typ, what: str) -> None:
    if key in data and not isinstance(data[key], typ):
        raise RuleError(f"{where}: field {key!r}: expected {what}")


def _check_kind_fields(where: str, kind: str, data: dict) -> None:
    """Type checks for the kind-specific fields the fixers rely on."""
    for key in ("host", "replace", "path", "to", "param", "rename", "key", "from", "header", "require_prefix",
                "unless_param", "value", "subscript_rename", "nested_in", "old_name", "new_module", "new_name",
                "key_param", "server_param", "method", "emit", "collection", "pattern", "file_mentions", "bound_by"):
        _expect(where, data, key, str, "a string")
    for key in ("path", "to"):
        if kind in ("endpoint", "manual_endpoint") and not data[key if key in data else "path"].startswith("/"):
            raise RuleError(f"{where}: field {key!r}: expected a path starting with '/'")
    _expect(where, data, "resources", list, "a list of v2 resource names")
    _expect(where, data, "values", list, "a list of values")
    _expect(where, data, "notes", list, "a list of rule ids")
    _expect(where, data, "endpoints", list, "a list of v2 path patterns")
    _expect(where, data, "when", str, "a string")
    _expect(where, data, "attribute", bool, "true or false")
    _expect(where, data, "evidence", bool, "true or false")
    _expect(where, data, "at_import", bool, "true or false")
    _expect(where, data, "aliases", bool, "true or false")
    _expect(where, data, "signs", dict, "a mapping of what the sign is to a regex")
    for pattern in [data.get("pattern"), data.get("file_mentions"), data.get("bound_by"),
                    *dict(data.get("signs") or {}).values()]:
        if pattern is not None:
            try:
                re.compile(str(pattern))
            except re.error as exc:
                raise RuleError(f"{where}: not a valid regular expression {pattern!r}: {exc}") from None
    for key in ("modules", "params", "collections", "manual", "manual_fields", "names", "time_keys", "inside_call",
                "model_methods", "attributes"):
        _expect(where, data, key, list, "a list")
    _expect(where, data, "renames", dict, "a mapping of old to new names")
    _expect(where, data, "nested_renames", dict, "a mapping of field to a mapping of old to new keys")
    _expect(where, data, "manual_fields", list, "a list")
    _expect(where, data, "bodies", dict, "a mapping of method name to request body template")
    _expect(where, data, "module", str, "a module name")
    if data.get("returns", "list") not in ("list", "object", "same"):
        raise RuleError(f"{where}: field 'returns': expected list, object or same")
    if "methods" in data:
        methods = data["methods"]
        ok = isinstance(methods, dict) and all(
            isinstance(k, str) and isinstance(v, str) and k.isupper() and v.isupper() for k, v in methods.items()
        )
        if kind == "manual_endpoint":
            ok = isinstance(methods, list) and all(isinstance(m, str) and m.isupper() for m in methods)
        if not ok:
            raise RuleError(f"{where}: field 'methods': expected a mapping of v2 HTTP method to v3 HTTP method"
                            if kind != "manual_endpoint" else f"{where}: field 'methods': expected a list of HTTP methods")
    if "rename_query" in data:
        rq = data["rename_query"]
        if not isinstance(rq, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in rq.items()):
            raise RuleError(f"{where}: field 'rename_query': expected a mapping of old to new parameter names")
