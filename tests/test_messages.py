"""Every rule's message, rendered at every place it fires in the fixtures, in one file to read (issue 14 item 9):
a finding's text must be true where it is reported. The snapshot is the reading copy; the assertions catch
the mistakes a template makes (an unfilled placeholder, doubled spaces)."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from fixture_support import SNAPSHOTS, all_fixtures, run_fixture, unparsable_fixtures
from codemods.rules import load_rules

PLACEHOLDER = re.compile(r"\{(?:client|collection|args|args_limit_1|file|what|origin)\}")  # {grant}, {id}: notation


@lru_cache(maxsize=1)  # one pass over the fixtures serves every test here
def _messages():
    by_rule = defaultdict(lambda: defaultdict(list))  # rule -> message -> ["fixture:line", ...]
    for fixture in all_fixtures() + unparsable_fixtures():
        for f in run_fixture(fixture).findings:
            by_rule[f.rule][f.message].append(f"{fixture.parent.name}/{fixture.name}:{f.line}")
    return by_rule


def test_every_rule_message_where_it_fires(snapshot):
    by_rule = _messages()
    rules = load_rules().by_id()
    lines = []
    for rule_id in sorted(by_rule, key=lambda r: (rules[r].family, r)):
        lines.append(f"{rule_id} ({rules[rule_id].kind})")
        for message, places in sorted(by_rule[rule_id].items()):
            shown = ", ".join(places[:6]) + (f", ... ({len(places)} places)" if len(places) > 6 else "")
            lines.append(f"  {message}\n    at {shown}")
    snapshot.snapshot_dir = SNAPSHOTS / "messages"
    snapshot.assert_match("\n".join(lines) + "\n", "all_messages.txt")


def test_messages_have_no_template_leftovers():
    for rule_id, messages in _messages().items():
        for message in messages:
            assert not PLACEHOLDER.search(message), (rule_id, message)
            assert "  " not in message and message == message.strip(), (rule_id, message)


def test_the_misleading_texts_of_issue_14_are_gone():
    text = "\n".join(m for messages in _messages().values() for m in messages)
    assert "read-only dataclass" not in text  # v6 models are not frozen
    revoke = [m for m in _messages().get("RUN070", {})]
    assert revoke and all("client.auth.revoke" in m for m in revoke)
