"""Render the knowledge base into Markdown pages: pure functions, no disk, no MkDocs.

Every path returned is relative to the docs root (e.g. ``aspects/2025-mzsh-1.md``); links between
generated pages are relative Markdown links, so any generator that resolves them can host the pages.
"""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict

from .model import Aspect, KnowledgeBase, Meeting, Problem, Sample, Section
from .templates import template_files, template_name, template_path
from .text import anchor, attr, cn_number, md, md_inline, ordinal, plain_title

UNVERIFIED = '<span class="kb-badge kb-unverified" title="未见完整原文或仅见于二手材料，请以本单位收到的通知为准">待核实</span>'
VERIFIED = '<span class="kb-badge kb-verified">已核实</span>'


def head(title: str, exclude_search: bool = False) -> str:
    """Front matter and H1 of a generated page.

    Pages that only list links to examples pass exclude_search, so a search lands on the example
    itself rather than on a list that repeats its title.

    Themes put the page title into <title> and the header after stripping tags, which turns
    entities back into markup; the front-matter title therefore carries no markup characters
    at all, while the visible H1 keeps the exact text, escaped.
    """
    meta = ["---", f"title: {json.dumps(plain_title(title), ensure_ascii=False)}"]
    if exclude_search:
        meta += ["search:", "  exclude: true"]
    return "\n".join(meta + ["---", "", f"# {md_inline(title)}"])


# ---------------------------------------------------------------- paths and links

def meeting_path(m: Meeting) -> str:
    return f"meetings/{m.id}.md"


def aspect_path(a: Aspect) -> str:
    return f"aspects/{a.id}.md"


def library_path(theme_id: str) -> str:
    return f"examples/{theme_id}.md"


def role_path(role_id: str) -> str:
    return f"roles/{role_id}.md"


def section_path(section_id: str) -> str:
    return f"sections/{section_id}.md"


def sample_path(s: Sample) -> str:
    return f"samples/{s.id}.md"


CAUSES_PATH, MEASURES_PATH, TAGS_PATH, THEMES_PATH = "causes.md", "measures.md", "tags.md", "themes.md"


def link(src: str, dest: str, fragment: str = "") -> str:
    """Relative link from one generated page to another (or to a file), as Markdown expects."""
    rel = posixpath.relpath(dest, posixpath.dirname(src) or ".")
    return rel + (f"#{fragment}" if fragment else "")


def home_theme(kb: KnowledgeBase, p: Problem) -> str:
    """The one library page that holds the full, searchable text of an example."""
    return kb.problem_themes(p)[0]


def problem_link(kb: KnowledgeBase, src: str, p: Problem) -> str:
    return link(src, library_path(home_theme(kb, p)), p.id)


def aspect_label(kb: KnowledgeBase, a: Aspect) -> str:
    """Short label of an aspect that says which meeting it belongs to."""
    m = kb.by_id("meetings")[a.meeting]
    return f"{m.year}年度{m.kind}·{a.short}"


def current_meeting(kb: KnowledgeBase) -> Meeting:
    """The latest 民主生活会 that is not history: where a user should start."""
    candidates = [m for m in kb.meetings if m.kind == "民主生活会" and not m.history]
    return max(candidates, key=lambda m: m.year)


def sorted_meetings(kb: KnowledgeBase) -> list[Meeting]:
    return sorted(kb.meetings, key=lambda m: (-m.year, m.kind != "民主生活会", m.id))


# ---------------------------------------------------------------- shared fragments

def _bullets(items) -> str:
    return "\n".join(f"- {md_inline(x)}" for x in items)


def _badges(kb: KnowledgeBase, src: str, p: Problem) -> str:
    roles = kb.by_id("roles")
    themes = kb.by_id("themes")
    parts = [f'<span class="kb-badge kb-perspective">{attr(p.perspective)}</span>']
    parts += [f'[{md_inline(roles[r].name)}]({link(src, role_path(r))}){{ .kb-badge .kb-role }}' for r in p.roles]
    parts += [f'[{md_inline(themes[t].name)}]({link(src, library_path(t))}){{ .kb-badge .kb-theme }}'
              for t in kb.problem_themes(p)]
    parts += [f'[#{md_inline(t)}]({link(src, TAGS_PATH, anchor("tag", t))}){{ .kb-tag }}' for t in p.tags]
    return " ".join(parts)


def render_problem(kb: KnowledgeBase, src: str, p: Problem, searchable: bool) -> str:
    """One example: heading with a stable anchor, labels, body, cases, a copy button."""
    exclude = "" if searchable else " data-search-exclude"
    title = md_inline(p.title)
    aspects = kb.by_id("aspects")
    direct = "，".join(f"[{md_inline(aspects[a].short)}]({link(src, aspect_path(aspects[a]))})" for a in p.aspects)
    lines = [
        f'<div class="kb-example" data-kb-id="{p.id}" data-roles="{" ".join(p.roles)}" '
        f'data-perspective="{attr(p.perspective)}" markdown>',
        "",
        f"### {title} {{ #{p.id}{exclude} }}",
        "",
        f'<p class="kb-meta" markdown>{_badges(kb, src, p)}</p>',
        "",
        '<div class="kb-body" markdown>',
        "",
        md(p.body),
        "",
    ]
    for case in p.cases:
        lines += [f'<p class="kb-case" markdown>{md(case)}</p>', ""]
    lines += ["</div>", ""]
    footer = [f"来源：{md_inline(p.source)}"]
    if direct:
        footer.append(f"直接对应：{direct}")
    if searchable is False:
        footer.append(f"[在示例库中查看]({problem_link(kb, src, p)})")
    lines += [
        f'<p class="kb-foot" markdown>{" · ".join(footer)} '
        f'<button class="kb-copy md-button" type="button" data-kb-copy="{p.id}">复制示例文本</button></p>',
        "",
        "</div>",
        "",
    ]
    return "\n".join(lines)


def _filters(kb: KnowledgeBase, problems: tuple[Problem, ...]) -> str:
    """Role and perspective filter chips for a list of examples (works without JS: all shown)."""
    used_roles = [r for r in kb.roles if any(r.id in p.roles for p in problems)]
    chips = ['<button type="button" class="kb-chip" data-kb-filter="role" data-value="" aria-pressed="true">全部岗位</button>']
    chips += [f'<button type="button" class="kb-chip" data-kb-filter="role" data-value="{r.id}" aria-pressed="false">'
              f'{attr(r.name)}</button>' for r in used_roles]
    persp = ['<button type="button" class="kb-chip" data-kb-filter="perspective" data-value="" aria-pressed="true">个人和班子</button>']
    persp += [f'<button type="button" class="kb-chip" data-kb-filter="perspective" data-value="{v}" aria-pressed="false">{v}</button>'
              for v in ("个人", "班子") if any(p.perspective == v for p in problems)]
    return ('<div class="kb-filters" hidden>\n'
            f'<div class="kb-chips" role="group" aria-label="按岗位筛选">{"".join(chips)}</div>\n'
            f'<div class="kb-chips" role="group" aria-label="按视角筛选">{"".join(persp)}</div>\n'
            '<p class="kb-count" aria-live="polite"></p>\n</div>\n')


def _sources(meeting: Meeting) -> str:
    rows = []
    for s in meeting.sources:
        name = f"[{md_inline(s.title)}]({s.url})" if s.url else md_inline(s.title)
        rows.append(f"- {name} {VERIFIED if s.verified else UNVERIFIED}")
    return "\n".join(rows)


# ---------------------------------------------------------------- pages

def render_home(kb: KnowledgeBase) -> str:
    src = "index.md"
    cur = current_meeting(kb)
    meeting_rows = "\n".join(
        f"- [{md_inline(m.title)}]({link(src, meeting_path(m))})"
        f"{' ' + UNVERIFIED if m.has_unverified else ''}{'（历史参考）' if m.history else ''}"
        for m in sorted_meetings(kb))
    diagram = (
        '<div class="kb-flow" role="img" aria-label="材料结构：问题、原因、措施一一对应">\n'
        '<div class="kb-flow-box"><strong>存在的问题</strong><span>按检视重点逐条查摆<br>一是……比如……</span></div>\n'
        '<div class="kb-flow-arrow" aria-hidden="true">→</div>\n'
        '<div class="kb-flow-box"><strong>原因剖析</strong><span>从思想根源找原因<br>不把问题当原因</span></div>\n'
        '<div class="kb-flow-arrow" aria-hidden="true">→</div>\n'
        '<div class="kb-flow-box"><strong>整改措施</strong><span>逐条对应问题和原因<br>谁做、做什么、何时完成</span></div>\n'
        '</div>\n')
    return f"""---
title: 首页
---

# 对照检查材料写作指南

本站是一个**可离线使用**的对照检查材料（发言提纲）写作知识库：汇集历年民主生活会、组织生活会的检视重点及其出处，按检视重点和岗位整理问题示例、原因剖析和整改措施的写法，并提供可下载的整篇填写模板。全部内容在本机或内网打开即可使用，不需要联网，也不会把您的任何文字发送到外部。

!!! warning "示例是启发，不是范文"
    每条示例都只说明“问题可以写到多具体”。请对照示例回想**本人、本单位**的真实事例，用自己的事实重写，做到见人见事见思想。照抄他人材料或范文不仅查不出真问题，还曾有人因此受到严肃处理。

## 一份材料的结构

{diagram}
问题按检视重点逐条写出，每个问题都要有原因可追、有措施回应；开头交代会前准备，部分年度还要写上年度整改落实情况、反面典型案例剖析等内容。各部分的写法见[材料各部分写法]({link(src, "sections/index.md")})。

## 从这里开始

1. 打开本年度会议页面：**[{md_inline(cur.title)}]({link(src, meeting_path(cur))})**，核对主题和检视重点及其出处。
2. 逐个打开检视重点的指导页，读“检视要点”，再按岗位筛选示例，找到与自己工作相近的写法。
3. 到[原因剖析]({link(src, CAUSES_PATH)})和[整改措施]({link(src, MEASURES_PATH)})页面，找与问题对应的剖析角度和措施写法。
4. 在[模板下载]({link(src, "downloads/index.md")})页面下载整篇填写模板，把每个【请填写：……】换成自己的事实。

也可以用页面顶部的搜索框直接搜词句，或按[主题]({link(src, THEMES_PATH)})、[岗位]({link(src, "roles/index.md")})、[标签]({link(src, TAGS_PATH)})浏览；[样本解析]({link(src, sample_path(kb.samples[0]))})逐段拆解了一份真实材料的结构。

## 历年会议

{meeting_rows}

## 知识库规模

<div class="kb-stats" markdown>

| 会议 | 检视重点 | 问题示例 | 原因剖析 | 整改措施 |
| ---: | ---: | ---: | ---: | ---: |
| {len(kb.meetings)} | {len(kb.aspects)} | {len(kb.problems)} | {len(kb.causes)} | {len(kb.measures)} |

</div>

全部数据可作为一个 JSON 文件下载：[kb.json]({link(src, "kb.json")})（字段说明见[贡献指南]({link(src, "contributing.md")})）。
"""


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


def render_meeting(kb: KnowledgeBase, m: Meeting) -> str:
    src = meeting_path(m)
    sections = kb.by_id("sections")
    out = [head(m.title), ""]
    if m.history:
        out += ['!!! note "历史参考"', "    早期年度的内容仅供了解沿革，表述来自二手材料，不能作为当年写作依据。", ""]
    out += ["## 主题", "", f"{md(m.theme)} {VERIFIED if m.verified else UNVERIFIED}", ""]
    out += ["## 检视重点", ""]
    for i, a in enumerate(m.aspects, 1):
        n = len(kb.problems_for_aspect(a))
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
    for perspective in ("个人", "班子"):
        path = template_path(m, perspective)
        out.append(f'- [{md_inline(template_name(m, perspective))}]({link(src, path)}){{ download="{posixpath.basename(path)}" }}')
    if m.notes:
        out += ["", "## 说明", "", _bullets(m.notes)]
    out += ["", "## 出处", "", _sources(m), ""]
    return "\n".join(out)


def render_aspect(kb: KnowledgeBase, a: Aspect) -> str:
    src = aspect_path(a)
    meeting = kb.by_id("meetings")[a.meeting]
    themes = [kb.by_id("themes")[t] for t in a.themes]
    problems = kb.problems_for_aspect(a)
    out = [head(a.short), "",
           f"[{md_inline(meeting.title)}]({link(src, meeting_path(meeting))}) · 检视重点（{cn_number(meeting.aspects.index(a) + 1)}）", "",
           '!!! quote "官方表述"', f"    {md(a.heading)}", "",
           f"    {VERIFIED if a.verified else UNVERIFIED}" + (f" [出处]({a.source})" if a.source else ""), "",
           "## 这一方面查什么", "", md(a.asks), "",
           "对应的常设主题：" + "、".join(f"[{md_inline(t.name)}]({link(src, library_path(t.id))})" for t in themes), ""]
    checkpoints = list(a.checkpoints) + [c for t in themes for c in t.checkpoints]
    pitfalls = list(a.pitfalls) + [c for t in themes for c in t.pitfalls]
    tips = list(a.tips) + [c for t in themes for c in t.tips]
    if checkpoints:
        out += ["## 检视要点", "", "逐条自问，能答出具体事实的地方往往就是要写的问题：", "", _bullets(checkpoints), ""]
    if pitfalls:
        out += ["## 常见误区", "", _bullets(pitfalls), ""]
    out += ["## 写法提示", "",
            "一个问题写成三层：**一句话标题**点明一个具体不足；**具体表现**写清在哪些工作上、到什么程度；"
            "**比如**举出本人亲历的一件事，带上时间、场合或数字。", ""]
    if tips:
        out += [_bullets(tips), ""]
    out += [f"详见[存在的问题怎么写]({link(src, section_path('problems'))})。", ""]
    causes = [c for c in kb.causes if set(c.themes) & set(a.themes)]
    measures = [m for m in kb.measures if set(m.themes) & set(a.themes)]
    out += ["## 可对照的原因和措施 { data-search-exclude }", "",
            f"- 原因剖析（{len(causes)} 条）：" + "；".join(
                f"[{md_inline(c.title)}]({link(src, CAUSES_PATH, c.id)})" for c in causes[:8])
            + (f"；[全部原因]({link(src, CAUSES_PATH)})" if len(causes) > 8 else ""),
            f"- 整改措施（{len(measures)} 条）：" + "；".join(
                f"[{md_inline(x.title)}]({link(src, MEASURES_PATH, x.id)})" for x in measures[:8])
            + (f"；[全部措施]({link(src, MEASURES_PATH)})" if len(measures) > 8 else ""), ""]
    out += [f"## 示例（{len(problems)} 条） {{ #examples }}", "",
            "下列示例直接对应本检视重点，或通过常设主题与之对应。可按岗位和视角筛选；"
            "复制后务必改写为本人本单位的事实。", "", _filters(kb, problems)]
    out += [render_problem(kb, src, p, searchable=False) for p in problems]
    return "\n".join(out)


def render_library_index(kb: KnowledgeBase) -> str:
    src = "examples/index.md"
    counts = defaultdict(int)
    for p in kb.problems:
        counts[home_theme(kb, p)] += 1
    out = [head("示例库"), "", f"全部 {len(kb.problems)} 条问题示例按常设主题分页收录，每条只在这里完整出现一次；"
           "各检视重点页面会列出所有对应的示例。", ""]
    for t in kb.themes:
        out.append(f"- [{md_inline(t.name)}]({link(src, library_path(t.id))})：{counts[t.id]} 条")
    return "\n".join(out) + "\n"


def render_library(kb: KnowledgeBase, theme_id: str) -> str:
    src = library_path(theme_id)
    theme = kb.by_id("themes")[theme_id]
    here = [p for p in kb.problems if home_theme(kb, p) == theme_id]
    also = [p for p in kb.problems if theme_id in kb.problem_themes(p) and home_theme(kb, p) != theme_id]
    aspects = [a for a in kb.aspects if theme_id in a.themes]
    out = [head("示例库：" + theme.name), "", md(theme.summary), "",
           "对应的检视重点：" + "、".join(
               f"[{md_inline(aspect_label(kb, a))}]({link(src, aspect_path(a))})" for a in aspects), ""]
    out += [_filters(kb, tuple(here))]
    out += [render_problem(kb, src, p, searchable=True) for p in here]
    if also:
        out += ["## 也涉及本主题的示例 { data-search-exclude }", "", "\n".join(
            f"- [{md_inline(p.title)}]({problem_link(kb, src, p)})（{attr(p.perspective)}）" for p in also), ""]
    return "\n".join(out)


def render_themes(kb: KnowledgeBase) -> str:
    src = THEMES_PATH
    out = [head("按主题浏览"), "", "历年检视重点的表述各不相同，但查的内容大体可归入以下常设主题。"
           "按主题写的示例会自动出现在每一年对应的检视重点下。", ""]
    for t in kb.themes:
        aspects = [a for a in kb.aspects if t.id in a.themes]
        n = sum(1 for p in kb.problems if t.id in kb.problem_themes(p))
        out += [f"## {md_inline(t.name)} {{ #{t.id} }}", "", md(t.summary), "",
                f"- [示例 {n} 条]({link(src, library_path(t.id))})",
                "- 历年对应：" + "、".join(f"[{md_inline(aspect_label(kb, a))}]({link(src, aspect_path(a))})"
                                        for a in aspects), ""]
    return "\n".join(out)


def render_causes(kb: KnowledgeBase) -> str:
    src = CAUSES_PATH
    themes = kb.by_id("themes")
    answered = defaultdict(list)
    for m in kb.measures:
        for c in m.causes:
            answered[c].append(m)
    out = [head("原因剖析"), "", "原因要回答“为什么会出现这些问题”，从理想信念、党性修养、宗旨意识、纪律规矩等思想根源上找，"
           "不能把问题换个说法再写一遍。下列写法按剖析角度分组，每条都链接到回应它的整改措施。", ""]
    by_angle = defaultdict(list)
    for c in kb.causes:
        by_angle[c.angle].append(c)
    for angle, causes in by_angle.items():
        out += [f"## {md_inline(angle)}", ""]
        for c in causes:
            out += [f"### {md_inline(c.title)} {{ #{c.id} }}", "", md(c.body), "",
                    "相关主题：" + "、".join(f"[{md_inline(themes[t].name)}]({link(src, library_path(t))})" for t in c.themes)
                    + "  ", "回应的措施：" + ("、".join(
                        f"[{md_inline(m.title)}]({link(src, MEASURES_PATH, m.id)})" for m in answered[c.id]) or "暂无"),
                    "  ", f"来源：{md_inline(c.source)}", ""]
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
            out += [f"### {md_inline(m.title)} {{ #{m.id} }}", "", md(m.body), ""]
            if m.deadline:
                out += [f"**时限**：{md(m.deadline)}  "]
            if m.check:
                out += [f"**检验**：{md(m.check)}  "]
            out += ["回应的原因：" + "、".join(
                        f"[{md_inline(causes[c].title)}]({link(src, CAUSES_PATH, c)})" for c in m.causes) + "  ",
                    "相关主题：" + "、".join(f"[{md_inline(themes[x].name)}]({link(src, library_path(x))})" for x in m.themes)
                    + "  ", f"来源：{md_inline(m.source)}", ""]
    return "\n".join(out)


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
    out += ["## 必备要素", "", _bullets(s.must_include), ""]
    if s.pitfalls:
        out += ["## 常见误区", "", _bullets(s.pitfalls), ""]
    if s.tips:
        out += ["## 写法提示", "", _bullets(s.tips), ""]
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
        out += [f"（{cn_number(i)}）**{md(c.title)}。**{md(c.body)} [原因写法]({link(src, CAUSES_PATH, c.id)})", ""]
    out += [f"## {md_inline(x.measures_heading)} {{ #measures data-search-exclude }}", ""]
    for i, mid in enumerate(x.measures, 1):
        m = measures[mid]
        out += [f"{ordinal(i)}**{md(m.title)}。**{md(m.body)} [措施写法]({link(src, MEASURES_PATH, m.id)})", ""]
    return "\n".join(out)


def render_roles_index(kb: KnowledgeBase) -> str:
    src = "roles/index.md"
    out = [head("按岗位浏览"), "", "找与自己工作最接近的岗位类别，看同类岗位的问题可以写到多具体。", ""]
    for r in kb.roles:
        n = sum(1 for p in kb.problems if r.id in p.roles)
        out.append(f"- [{md_inline(r.name)}]({link(src, role_path(r.id))})（{n} 条）：{md_inline(r.description)}")
    return "\n".join(out) + "\n"


def render_role(kb: KnowledgeBase, role_id: str) -> str:
    src = role_path(role_id)
    role = kb.by_id("roles")[role_id]
    mine = [p for p in kb.problems if role_id in p.roles]
    out = [head("岗位：" + role.name, exclude_search=True), "", md(role.description), "", f"共 {len(mine)} 条示例，按主题分组。", ""]
    for t in kb.themes:
        group = [p for p in mine if home_theme(kb, p) == t.id]
        if group:
            out += [f"## {md_inline(t.name)}", "", "\n".join(
                f"- [{md_inline(p.title)}]({problem_link(kb, src, p)})（{attr(p.perspective)}）" for p in group), ""]
    return "\n".join(out)


def render_tags(kb: KnowledgeBase) -> str:
    src = TAGS_PATH
    tagged = defaultdict(list)
    for p in kb.problems:
        for t in p.tags:
            tagged[t].append(p)
    out = [head("按标签浏览", exclude_search=True), "", f"共 {len(tagged)} 个标签。", "",
           '<p class="kb-tag-cloud" markdown>' + " ".join(
               f"[{md_inline(t)}（{len(ps)}）](#{anchor('tag', t)})" for t, ps in sorted(tagged.items(), key=lambda kv: -len(kv[1])))
           + "</p>", ""]
    for t, ps in sorted(tagged.items(), key=lambda kv: -len(kv[1])):
        out += [f"## {md_inline(t)} {{ #{anchor('tag', t)} data-search-exclude }}", "", "\n".join(
            f"- [{md_inline(p.title)}]({problem_link(kb, src, p)})（{attr(p.perspective)}）" for p in ps), ""]
    return "\n".join(out)


def render_templates_index(kb: KnowledgeBase) -> str:
    src = "downloads/index.md"
    out = [head("模板下载"), "",
           "每个模板都是一整篇材料的骨架（Markdown 文本，可用任何文本编辑器、WPS 或 Word 打开）："
           "开头、按本年度检视重点分设的问题小节（每节预留一是、二是、三是）、需要的专门部分、原因剖析和整改措施。", "",
           "- 需要您填写的地方统一写成 **【请填写：……】**，定稿前应全部替换，搜索“【请填写”即可逐个定位；",
           "- 写作提示写在 `<!-- 提示：…… -->` 注释中，在 Markdown 预览中不显示，定稿前可删除；",
           "- 模板只给结构，不给现成的问题表述——问题必须来自您本人、本单位的真实情况。", ""]
    for m in sorted_meetings(kb):
        hist = "（历史参考）" if m.history else ""
        out += [f"## {md_inline(m.title)}{hist}", ""]
        for perspective in ("个人", "班子"):
            path = template_path(m, perspective)
            out.append(f'- [{md_inline(template_name(m, perspective))}]({link(src, path)}){{ download="{posixpath.basename(path)}" .kb-download }}')
        out.append("")
    return "\n".join(out)


def render_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Every generated documentation page: path -> Markdown."""
    pages = {
        "index.md": render_home(kb),
        "meetings/index.md": render_meetings_index(kb),
        "examples/index.md": render_library_index(kb),
        THEMES_PATH: render_themes(kb),
        CAUSES_PATH: render_causes(kb),
        MEASURES_PATH: render_measures(kb),
        "sections/index.md": render_sections_index(kb),
        "roles/index.md": render_roles_index(kb),
        TAGS_PATH: render_tags(kb),
        "downloads/index.md": render_templates_index(kb),
    }
    for m in kb.meetings:
        pages[meeting_path(m)] = render_meeting(kb, m)
        for a in m.aspects:
            pages[aspect_path(a)] = render_aspect(kb, a)
    for t in kb.themes:
        pages[library_path(t.id)] = render_library(kb, t.id)
    for s in kb.sections:
        pages[section_path(s.id)] = render_section(kb, s)
    for x in kb.samples:
        pages[sample_path(x)] = render_sample(kb, x)
    for r in kb.roles:
        pages[role_path(r.id)] = render_role(kb, r.id)
    return pages


def render_downloads(kb: KnowledgeBase) -> dict[str, str]:
    """Every downloadable template: path -> Markdown text of the file."""
    return template_files(kb)


def nav(kb: KnowledgeBase) -> list:
    """Site navigation (MkDocs `nav` shape: list of {title: path-or-list}).

    Navigation titles become page titles, which themes insert unescaped or after un-escaping, so
    they carry no markup characters at all.
    """
    return _escape_nav(_nav(kb))


def _escape_nav(items: list) -> list:
    return [{plain_title(title): (_escape_nav(value) if isinstance(value, list) else value)}
            for item in items for title, value in item.items()]


def _nav(kb: KnowledgeBase) -> list:
    meetings = []
    for m in sorted_meetings(kb):
        children = [{"会议概览": meeting_path(m)}]
        children += [{f"（{cn_number(i)}）{a.short}": aspect_path(a)} for i, a in enumerate(m.aspects, 1)]
        meetings.append({f"{m.year}年度{m.kind}{'（历史）' if m.history else ''}": children})
    return [
        {"首页": "index.md"},
        {"历年会议": [{"全部会议": "meetings/index.md"}, *meetings]},
        {"示例库": [{"全部主题": "examples/index.md"}, *[{t.name: library_path(t.id)} for t in kb.themes]]},
        {"原因剖析": CAUSES_PATH},
        {"整改措施": MEASURES_PATH},
        {"材料各部分写法": [{"概览": "sections/index.md"}, *[{s.name: section_path(s.id)} for s in kb.sections],
                      *[{"样本解析": sample_path(x)} for x in kb.samples]]},
        {"模板下载": "downloads/index.md"},
        {"浏览": [{"按主题": THEMES_PATH}, {"按岗位": "roles/index.md"},
                *[{r.name: role_path(r.id)} for r in kb.roles], {"按标签": TAGS_PATH}]},
        {"贡献指南": "contributing.md"},
    ]
