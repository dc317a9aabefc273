"""Section guidance pages and the sample walk-through."""

from __future__ import annotations

from ..model import KnowledgeBase, Sample, Section
from ..text import attr, cn_number, md, md_inline, ordinal
from .common import (
    item_link,
    CAUSES_PATH, MEASURES_PATH, aspect_path, bullets, head, link, meeting_path, problem_link, sample_path, section_path, sorted_meetings,
)


def render_sections_index(kb: KnowledgeBase) -> str:
    src = "sections/index.md"
    out = [head("材料各部分写法"), "", "对照检查材料除“存在的问题”外，还有开头、整改落实情况、案例剖析、个人事项、"
           "原因剖析、整改措施等部分。各年度需要哪些部分，见对应的会议页面。", ""]
    for s in kb.sections:
        out.append(f"- [{md_inline(s.name)}]({link(src, section_path(s.id))})：{md_inline(s.purpose)}")
    return "\n".join(out) + "\n"


def render_section(kb: KnowledgeBase, s: Section) -> str:
    src = section_path(s.id)
    used = [m for m in sorted_meetings(kb) if s.id in m.structure]
    out = [head(s.name), ""]
    if s.heading:
        out += [f"材料中的标题：**{md_inline(s.heading)}**", ""]
    out += [md(s.purpose), "", f"适用于：{'、'.join(s.perspectives)}材料。", ""]
    if used:
        out += ["需要这一部分的会议：" + "、".join(f"[{md_inline(m.title)}]({link(src, meeting_path(m))})" for m in used), ""]
    out += ["## 必备要素", "", bullets(s.must_include), ""]
    if s.pitfalls:
        out += ["## 常见误区", "", bullets(s.pitfalls), ""]
    if s.tips:
        out += ["## 写法提示", "", bullets(s.tips), ""]
    out += ["## 模板骨架", "", "下载的整篇模板中，这一部分的骨架如下（【请填写：……】处换成您自己的事实）：", "",
            "```text", s.template, "```", ""]
    if s.examples:
        out += ["## 示例", ""]
        for i, ex in enumerate(s.examples, 1):
            out += [f"### {md_inline(ex.title)} {{ #{s.id}-example-{i} }}", "", md(ex.text), "",
                    f"来源：{md_inline(ex.source)}", ""]
    samples = [x for x in kb.samples if (s.id == "opening") or (s.id == "personal-matters" and x.personal_matters)]
    for x in samples:
        out += [f"真实材料中的写法见[样本解析]({link(src, sample_path(x))})。", ""]
    return "\n".join(out)


def render_sample(kb: KnowledgeBase, x: Sample) -> str:
    src = sample_path(x)
    aspects, problems = kb.by_id("aspects"), kb.by_id("problems")
    causes, measures = kb.by_id("causes"), kb.by_id("measures")
    meeting = kb.by_id("meetings")[x.meeting]
    out = [head("样本解析：" + x.title), "",
           '!!! info "怎么读这一页"',
           f"    这是一份真实的{attr(x.perspective)}对照检查材料（{md_inline(meeting.title)}），逐字收录、按结构拆解："
           "每个问题的**标题**加粗，**比如**部分以底色标出，并链接到示例库中的同一条目。"
           "它展示的是结构和具体程度，不是可以套用的文字。", "",
           f"来源：{md_inline(x.source)}", "",
           "## 开头：会前准备 { #opening }", "", md(x.opening), "",
           f"[开头怎么写]({link(src, section_path('opening'))})", "",
           f"## {md_inline(x.problems_heading)} {{ #problems }}", ""]
    for gi, group in enumerate(x.groups, 1):
        a = aspects[group.aspect]
        out += [f"### （{cn_number(gi)}）检视重点 {{ #group-{gi} data-search-exclude }}", "",
                f'<p class="kb-official">{attr(a.heading)}</p>', "",
                f"[本检视重点的写作指导]({link(src, aspect_path(a))})", ""]
        for pi, pid in enumerate(group.problems, 1):
            p = problems[pid]
            cases = "".join(f'<mark class="kb-case-mark">{md(c)}</mark>' for c in p.cases)
            out += [f'<p class="kb-sample-problem" markdown>**{ordinal(pi)}{md(p.title)}。**{md(p.body)}{cases} '
                    f'[示例库]({problem_link(kb, src, p)})</p>', ""]
    if x.personal_matters:
        out += ["## 需要说明的个人事项 { #personal-matters }", "", md(x.personal_matters), ""]
    out += [f"## {md_inline(x.causes_heading)} {{ #causes data-search-exclude }}", ""]
    for i, cid in enumerate(x.causes, 1):
        c = causes[cid]
        out += [f"（{cn_number(i)}）**{md(c.title)}。**{md(c.body)} [原因写法]({item_link(kb, src, 'cause', c.id)})", ""]
    out += [f"## {md_inline(x.measures_heading)} {{ #measures data-search-exclude }}", ""]
    for i, mid in enumerate(x.measures, 1):
        m = measures[mid]
        out += [f"{ordinal(i)}**{md(m.title)}。**{md(m.body)} [措施写法]({item_link(kb, src, 'measure', m.id)})", ""]
    return "\n".join(out)
