"""The home page."""

from __future__ import annotations

from ..model import KnowledgeBase
from ..text import md, md_inline
from .common import (
    CAUSES_PATH, MEASURES_PATH, TAGS_PATH, THEMES_PATH, UNVERIFIED, current_meeting, link, meeting_path, sample_path, sorted_meetings,
)


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
5. 会前的谈心谈话、征求意见和相互批评意见，会后的情况报告和整改清单，见[会前会后]({link(src, "guides/index.md")})。

没有网络、也没有网站服务器的电脑，可以使用离线版：解压后双击 `index.html` 即可打开，搜索、模板下载都能用。

<!-- kb:offline-link -->

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
