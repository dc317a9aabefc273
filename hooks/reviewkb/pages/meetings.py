"""Meeting pages and the aspect guidance pages under them."""

from __future__ import annotations

from ..model import Aspect, KnowledgeBase, Meeting
from ..templates import PERSPECTIVES, template_name
from ..text import attr, cn_number, md, md_inline
from .downloads import download_links
from .common import (
    aspect_problems,
    item_link,
    CAUSES_PATH, MEASURES_PATH, UNVERIFIED, VERIFIED, aspect_path, bullets, entry_list, filter_bar, head, home_theme, library_path, link, meeting_path, section_path, sorted_meetings, sources,
)


def render_meetings_index(kb: KnowledgeBase) -> str:
    src = "meetings/index.md"
    out = [head("历年会议"), "", "按年度列出民主生活会和组织生活会的主题与检视重点。标有「待核实」的内容未见完整原文，"
           "请以本单位收到的通知为准。", ""]
    for m in sorted_meetings(kb):
        flag = f" {UNVERIFIED}" if m.has_unverified else ""
        hist = "（历史参考）" if m.history else ""
        out += [f"## [{md_inline(m.title)}]({link(src, meeting_path(m))}){hist}", "",
                f"{m.year}年度 · {m.kind} · {len(m.aspects)} 个检视重点{flag}", ""]
    return "\n".join(out)


def render_meeting(kb: KnowledgeBase, m: Meeting, sizes: dict[str, int] | None = None) -> str:
    src = meeting_path(m)
    sections = kb.by_id("sections")
    out = [head(m.title), ""]
    if m.history:
        out += ['!!! note "历史参考"', "    早期年度的内容仅供了解沿革，表述来自二手材料，不能作为当年写作依据。", ""]
    out += ["## 主题", "", f"{md(m.theme)} {VERIFIED if m.verified else UNVERIFIED}", ""]
    out += ["## 检视重点", ""]
    for i, a in enumerate(m.aspects, 1):
        n = len(aspect_problems(kb, a))
        out += [f"### （{cn_number(i)}）{md_inline(a.short)} {{ #{a.id} }}", "",
                f'<p class="kb-official">{attr(a.heading)}</p>', "",
                f"{VERIFIED if a.verified else UNVERIFIED}"
                + (f" [出处]({a.source})" if a.source else ""), "",
                f"{md(a.asks)}", "",
                f"[写作指导和 {n} 条示例 →]({link(src, aspect_path(a))})", ""]
    out += ["## 材料结构", "", "本年度材料一般由以下部分组成（以本单位通知为准）：", ""]
    for i, sid in enumerate(m.structure, 1):
        s = sections[sid]
        out.append(f"{i}. [{md_inline(s.name)}]({link(src, section_path(sid))})")
    out += ["", "## 模板下载", ""]
    for perspective in PERSPECTIVES:
        out.append(f"- {md_inline(template_name(m, perspective))}：{download_links(src, m, perspective, sizes or {})}")
    if m.notes:
        out += ["", "## 说明", "", bullets(m.notes)]
    out += ["", "## 出处", "", sources(m), ""]
    return "\n".join(out)


def render_aspect(kb: KnowledgeBase, a: Aspect) -> str:
    src = aspect_path(a)
    meeting = kb.by_id("meetings")[a.meeting]
    themes = [kb.by_id("themes")[t] for t in a.themes]
    problems = aspect_problems(kb, a)
    out = [head(a.short), "",
           f"[{md_inline(meeting.title)}]({link(src, meeting_path(meeting))}) · 检视重点（{cn_number(meeting.aspects.index(a) + 1)}）", "",
           '!!! quote "官方表述"', f"    {md(a.heading)}", "",
           f"    {VERIFIED if a.verified else UNVERIFIED}" + (f" [出处]({a.source})" if a.source else ""), "",
           "[跳到示例](#examples){ .kb-skip }", "", "## 这一方面查什么", "", md(a.asks), "",
           "对应的常设主题：" + "、".join(f"[{md_inline(t.name)}]({link(src, library_path(t.id))})" for t in themes), ""]
    checkpoints = list(a.checkpoints) + [c for t in themes for c in t.checkpoints]
    pitfalls = list(a.pitfalls) + [c for t in themes for c in t.pitfalls]
    tips = list(a.tips) + [c for t in themes for c in t.tips]
    if checkpoints:
        out += ["## 检视要点", "", "逐条自问，能答出具体事实的地方往往就是要写的问题：", "", bullets(checkpoints), ""]
    if pitfalls:
        out += ["## 常见误区", "", bullets(pitfalls), ""]
    out += ["## 写法提示", "",
            "一个问题写成三层：**一句话标题**点明一个具体不足；**具体表现**写清在哪些工作上、到什么程度；"
            "**比如**举出本人亲历的一件事，带上时间、场合或数字。", ""]
    if tips:
        out += [bullets(tips), ""]
    out += [f"详见[存在的问题怎么写]({link(src, section_path('problems'))})。", ""]
    causes = [c for c in kb.causes if set(c.themes) & set(a.themes)]
    measures = [m for m in kb.measures if set(m.themes) & set(a.themes)]
    out += ["## 可对照的原因和措施", "",
            f"- 原因剖析（{len(causes)} 条）：" + "；".join(
                f"[{md_inline(c.title)}]({item_link(kb, src, 'cause', c.id)})" for c in causes[:8])
            + (f"；[全部原因]({link(src, CAUSES_PATH)})" if len(causes) > 8 else ""),
            f"- 整改措施（{len(measures)} 条）：" + "；".join(
                f"[{md_inline(x.title)}]({item_link(kb, src, 'measure', x.id)})" for x in measures[:8])
            + (f"；[全部措施]({link(src, MEASURES_PATH)})" if len(measures) > 8 else ""), ""]
    shown = aspect_selection(kb, a, problems)
    out += [f"## 示例（{len(problems)} 条） {{ #examples }}", "",
            "下列示例直接对应本检视重点，或通过常设主题与之对应；点标题看全文。可按岗位、视角筛选；"
            "复制后务必改写为本人本单位的事实。", ""]
    if len(shown) < len(problems):
        homes = sorted({home_theme(kb, p) for p in problems}, key=[t.id for t in kb.themes].index)
        names = kb.by_id("themes")
        out += [f"示例较多，这里列出 {len(shown)} 条（直接对应的优先，兼顾各岗位和视角）。全部 {len(problems)} 条可在示例库中按本检视重点筛选："
                + "、".join(f"[{md_inline(names[t].name)}]({link(src, library_path(t))})" for t in homes), ""]
    out += ['<div id="kb-examples"></div>', "", filter_bar(kb, shown, dims=("role", "perspective", "level")),
            entry_list(kb, src, shown, aspect_id=a.id)]
    return "\n".join(out)


ASPECT_LIST_MAX = 200   # entries on one aspect page; keeps the page small at any data size


def aspect_selection(kb: KnowledgeBase, a: Aspect, problems) -> list:
    """At most ASPECT_LIST_MAX examples: direct ones first, then round-robin over (role, perspective)."""
    if len(problems) <= ASPECT_LIST_MAX:
        return list(problems)
    direct = [p for p in problems if a.id in p.aspects][:ASPECT_LIST_MAX]
    groups = {}
    for p in problems:
        if a.id not in p.aspects:
            groups.setdefault((p.roles[0], p.perspective), []).append(p)
    picked, queues = list(direct), [list(reversed(g)) for g in groups.values()]
    while len(picked) < ASPECT_LIST_MAX and queues:
        queues = [q for q in queues if q]
        for q in queues:
            if len(picked) < ASPECT_LIST_MAX and q:
                picked.append(q.pop())
    order = {p.id: i for i, p in enumerate(problems)}
    return sorted(picked, key=lambda p: order[p.id])
