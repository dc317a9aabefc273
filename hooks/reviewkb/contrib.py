"""Generated parts of the contributor page: error-code table and field tables, from the code itself."""

from __future__ import annotations

import re

from .errors import CODES
from .schema import KINDS, Field
from .text import md_inline

MARKER = re.compile(r"<!--\s*kb:(codes|rules|fields:([a-z]+))\s*-->")


def codes_table() -> str:
    rows = ["| 代码 | 含义 | 怎样修改 |", "| --- | --- | --- |"]
    rows += [f"| `{code}` {{ #{code.lower()} }} | {meaning} | {fix} |" for code, (meaning, fix) in CODES.items()]
    return "\n".join(rows)


def _type_label(f: Field) -> str:
    labels = {"text": "文本", "id": "id", "int": "整数", "bool": "true/false", "url": "网址",
              "enum": "取值：" + "、".join(f.choices), "ref": f"{f.ref} 的 id", "object": "条目"}
    if f.type == "list":
        return "列表，每项为" + _type_label(f.item)
    return labels[f.type]


def fields_table(kind: str) -> str:
    doc, fields = KINDS[kind]
    rows = [f"{doc}", "", "| 字段 | 必填 | 类型 | 说明 |", "| --- | --- | --- | --- |"]

    def add(prefix: str, fs) -> None:
        for f in fs:
            rows.append(f"| `{prefix}{f.name}` | {'是' if f.required else '否'} | {md_inline(_type_label(f))} | {md_inline(f.doc)} |")
            sub = f.item if f.type == "list" and f.item and f.item.type == "object" else (f if f.type == "object" else None)
            if sub is not None:
                add(f"{prefix}{f.name}[]." if f.type == "list" else f"{prefix}{f.name}.", sub.fields)

    add("", fields)
    return "\n".join(rows)


def fill_markers(markdown: str) -> str:
    """Replace `<!-- kb:codes -->` and `<!-- kb:fields:KIND -->` markers in a hand-written page."""
    def replace(match: re.Match) -> str:
        if match.group(1) == "codes":
            return codes_table()
        if match.group(1) == "rules":
            from .pages.selfcheck import rules_table
            return rules_table("contributing.md")
        return fields_table(match.group(2))
    return MARKER.sub(replace, markdown)


def findings_banner(report: str) -> str:
    """Markdown banner shown on every page while `serve` falls back to the last valid data."""
    items = "\n".join(f"    - {md_inline(line)}" for line in report.splitlines() if line.strip())
    return ('!!! failure "数据检查未通过：站点暂时显示上一次检查通过的内容"\n'
            "    改正下列问题并保存后，页面会自动更新。\n\n" + items + "\n\n")
