"""Worked 问题→原因→措施 chains: one problem, the causes that explain it, the measures that change them."""

from __future__ import annotations

from ..model import KnowledgeBase
from ..text import attr, md, md_inline
from .common import CAUSES_PATH, CHAINS_PATH, MEASURES_PATH, head, link, problem_link, role_path


def render_chains(kb: KnowledgeBase) -> str:
    """The chains page, grouped by role; every item links to its single full rendering."""
    src = CHAINS_PATH
    roles = kb.by_id("roles")
    problems, causes, measures = kb.by_id("problems"), kb.by_id("causes"), kb.by_id("measures")
    out = [head("问题—原因—措施对应示例"), "",
           "材料里的问题、原因、措施要一一对应：原因说明“为什么会出现这个问题”，措施针对原因改掉做法，"
           "而不是再添一本台账。下面每个示例选一个问题，配上解释它的原因和改掉原因的措施，"
           "并说明三者为什么能对上。点击标题可以看到每一项的全文。", ""]
    for role in kb.roles:
        mine = [c for c in kb.chains if c.role == role.id]
        if not mine:
            continue
        out += [f"## {md_inline(role.name)}", ""]
        for c in sorted(mine, key=lambda c: (c.perspective != "个人", c.id)):
            p = problems[c.problem]
            out += [f"### {md_inline(c.title)} {{ #{c.id} }}", "",
                    f'<p class="kb-meta" markdown><span class="kb-badge kb-perspective">{attr(c.perspective)}</span> '
                    f'[{md_inline(roles[c.role].name)}]({link(src, role_path(c.role))}){{ .kb-badge .kb-role }}</p>', "",
                    f"**问题**：[{md_inline(p.title)}]({problem_link(kb, src, p)})", "",
                    "**原因**：", "",
                    *[f"- [{md_inline(causes[x].title)}]({link(src, CAUSES_PATH, x)})（{md_inline(causes[x].angle)}）"
                      for x in c.causes], "",
                    "**措施**：", ""]
            for x in c.measures:
                m = measures[x]
                extra = "；".join(part for part in (f"时限：{md_inline(m.deadline)}" if m.deadline else "",
                                                   f"检验：{md_inline(m.check)}" if m.check else "") if part)
                out.append(f"- [{md_inline(m.title)}]({link(src, MEASURES_PATH, x)})" + (f"（{extra}）" if extra else ""))
            out += ["", "**为什么对得上**：" + md(c.commentary), ""]
    return "\n".join(out)
