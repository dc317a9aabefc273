"""The self-check rules as the site lists them, read from their one definition in check-rules.js.

The rules run in the browser (and under Node), so their ids, severities and one-line meanings are
written once, in ``docs/assets/js/check-rules.js``, one rule a line; this module reads that list for
the 自查 page and the contributor page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RULES_JS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "js" / "check-rules.js"
LINE_RE = re.compile(r'^\s*\{ id: "([a-z-]+)", severity: "(必须修改|建议修改)", name: "([^"]+)", '
                     r'guide: "([^"]+)", help: "([^"]+)" \},?\s*$')


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    name: str
    guide: str      # docs path of the page that explains how to fix it
    help: str


def parse_rules(source: str) -> tuple[Rule, ...]:
    """Rules from the `export const RULES = [ … ];` block of check-rules.js."""
    block = source.split("export const RULES = [", 1)[1].split("\n];", 1)[0]
    rules = []
    for no, line in enumerate(block.splitlines(), 1):
        if not line.strip():
            continue
        m = LINE_RE.match(line)
        if not m:
            raise ValueError(f"check-rules.js: RULES 第 {no} 行不是“一行一条规则”的格式：{line.strip()[:60]}")
        rules.append(Rule(*m.groups()))
    return tuple(rules)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return parse_rules(RULES_JS.read_text(encoding="utf-8"))
