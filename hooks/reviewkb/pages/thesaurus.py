"""The search thesaurus as a page: which phrases search treats as the same, and what abbreviations stand for."""

from __future__ import annotations

from ..model import KnowledgeBase
from ..text import md_inline
from .common import head

THESAURUS_PATH = "thesaurus.md"


def _cell(items) -> str:
    return "；".join(md_inline(x).replace("|", "\\|") for x in items)


def render_thesaurus(kb: KnowledgeBase) -> str:
    """One table row per group. The page itself is kept out of the search index: its lists of
    words would otherwise match almost any query."""
    groups = kb.thesaurus
    terms = sum(len(g.terms) for g in groups)
    out = [head("检索词表", exclude_search=True), "",
           f"站内搜索把同一组里的说法当作一回事：输入其中任何一个，也会找用了同组其他说法的内容。"
           f"共 {len(groups)} 组、{terms} 个说法。", "",
           "“也会找”一栏是简称或概括语的规范展开，只单向生效：搜“四风”会找到写“形式主义”的示例，"
           "搜“形式主义”不会反过来扩大到“四风”的其他三项。", "",
           "发现缺少的说法或分组不当，可按贡献指南修改 `data/thesaurus/thesaurus.yaml`。", "",
           "| 可互换的说法 | 也会找 | 说明 |", "| --- | --- | --- |"]
    for g in groups:
        out.append(f"| {_cell(g.terms)} | {_cell(g.expands)} | {_cell([g.note]) if g.note else ''} |")
    return "\n".join(out) + "\n"
