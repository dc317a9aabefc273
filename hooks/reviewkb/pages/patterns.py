"""Cause and measure pattern pages."""

from __future__ import annotations

from collections import defaultdict

from ..model import KnowledgeBase
from ..text import md, md_inline
from .common import CAUSES_PATH, MEASURES_PATH, head, item_link, library_path, link, problem_link


def render_causes(kb: KnowledgeBase) -> str:
    src = CAUSES_PATH
    themes = kb.by_id("themes")
    answered = defaultdict(list)
    for m in kb.measures:
        for c in m.causes:
            answered[c].append(m)
    out = [head("原因剖析"), "", "原因要回答“为什么会出现这些问题”，从理想信念、党性修养、宗旨意识、纪律规矩等思想根源上找，"
           "不能把问题换个说法再写一遍。下列写法按剖析角度分组，每条都链接到回应它的整改措施。", ""]
    explained = defaultdict(list)
    for p in kb.problems:
        for c in p.causes:
            explained[c].append(p)
    by_angle = defaultdict(list)
    for c in kb.causes:
        by_angle[c.angle].append(c)
    for angle, causes in by_angle.items():
        out += [f"## {md_inline(angle)}", ""]
        for c in causes:
            out += [f'<div class="kb-item" data-kb-kind="cause" data-kb-id="{c.id}" markdown>', "",
                    f"### {md_inline(c.title)} {{ #{c.id} }}", "", md(c.body), "",
                    "相关主题：" + "、".join(f"[{md_inline(themes[t].name)}]({link(src, library_path(t))})" for t in c.themes)
                    + "  ", "回应的措施：" + ("、".join(
                        f"[{md_inline(m.title)}]({item_link(kb, src, 'measure', m.id)})" for m in answered[c.id]) or "暂无"),
                    "  ", f"来源：{md_inline(c.source)}", ""]
            if explained[c.id]:
                out += ['<details class="kb-explained" markdown>',
                        f"<summary>用这一原因解释的问题示例（{len(explained[c.id])} 条）</summary>", ""]
                out += [f"- [{md_inline(p.title)}]({problem_link(kb, src, p)})（{p.perspective}）"
                        for p in explained[c.id]]
                out += ["", "</details>", ""]
            out += ["</div>", ""]
    return "\n".join(out)


def render_measures(kb: KnowledgeBase) -> str:
    src = MEASURES_PATH
    themes = kb.by_id("themes")
    causes = kb.by_id("causes")
    out = [head("整改措施"), "", "措施要与问题、原因一一对应，写明谁来做、做什么、什么时候完成、怎样检验，"
           "做到定一条、做一条、兑现一条。下列写法按主题分组。", ""]
    by_theme = defaultdict(list)
    for m in kb.measures:
        by_theme[m.themes[0]].append(m)
    for t in kb.themes:
        if not by_theme[t.id]:
            continue
        out += [f"## {md_inline(t.name)}", ""]
        for m in by_theme[t.id]:
            out += [f'<div class="kb-item" data-kb-kind="measure" data-kb-id="{m.id}" markdown>', "",
                    f"### {md_inline(m.title)} {{ #{m.id} }}", "", md(m.body), ""]
            if m.deadline:
                out += [f"**时限**：{md(m.deadline)}  "]
            if m.check:
                out += [f"**检验**：{md(m.check)}  "]
            out += ["回应的原因：" + "、".join(
                        f"[{md_inline(causes[c].title)}]({item_link(kb, src, 'cause', c)})" for c in m.causes) + "  ",
                    "相关主题：" + "、".join(f"[{md_inline(themes[x].name)}]({link(src, library_path(x))})" for x in m.themes)
                    + "  ", f"来源：{md_inline(m.source)}", "", "</div>", ""]
    return "\n".join(out)
