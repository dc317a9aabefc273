"""The example library and the pages that browse it: themes, roles, tags."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from ..model import KnowledgeBase
from ..text import anchor, attr, md, md_inline, raw
from .common import (
    TAGS_PATH, THEMES_PATH, themes_of, aspect_label, aspect_path, entry_list, filter_bar, head, home_theme, html_href, library_pages, library_path,
    tag_href,
    link, problem_link, render_problem, role_path,
)


def render_library_index(kb: KnowledgeBase) -> str:
    src = "examples/index.md"
    pages = library_pages(kb)
    out = [head("示例库"), "", f"全部 {len(kb.problems)} 条问题示例按常设主题收录，每条只在这里完整出现一次；"
           "各检视重点页面列出对应示例的标题，点开即到这里的全文。", ""]
    for t in kb.themes:
        n = sum(len(g) for g in pages[t.id])
        more = "" if len(pages[t.id]) < 2 else "（分 " + str(len(pages[t.id])) + " 页：" + "、".join(
            f"[第 {i} 页]({link(src, library_path(t.id, i))})" for i in range(1, len(pages[t.id]) + 1)) + "）"
        out.append(f"- [{md_inline(t.name)}]({link(src, library_path(t.id))})：{n} 条{more}")
    return "\n".join(out) + "\n"


def render_library(kb: KnowledgeBase, theme_id: str, page: int = 1) -> str:
    """One page of a theme's library: the full text of at most LIBRARY_PAGE_SIZE examples."""
    src = library_path(theme_id, page)
    theme = kb.by_id("themes")[theme_id]
    pages = library_pages(kb)[theme_id]
    here = pages[page - 1]
    title = "示例库：" + theme.name + (f"（第 {page} 页）" if len(pages) > 1 else "")
    aspects = [a for a in kb.aspects if theme_id in a.themes]
    out = [head(title), "", md(theme.summary), "",
           "对应的检视重点：" + "、".join(
               f"[{md_inline(aspect_label(kb, a))}]({link(src, aspect_path(a))})" for a in aspects), ""]
    if len(pages) > 1:
        out += ["本主题示例较多，分页收录：" + " ".join(
            (f"**第 {i} 页**" if i == page else f"[第 {i} 页]({link(src, library_path(theme_id, i))})")
            for i in range(1, len(pages) + 1)), ""]
    out += ['<p class="kb-skip"><a href="#kb-examples">跳到示例</a></p>', "",
            filter_bar(kb, here), '<div id="kb-examples"></div>', ""]
    out += [render_problem(kb, src, p) for p in here]
    if page == 1:
        also = [p for p in kb.problems if theme_id in themes_of(kb, p) and home_theme(kb, p) != theme_id]
        if also:
            out += ["## 也涉及本主题的示例", "", entry_list(kb, src, also[:BROWSE_LIST_MAX], facets=False)]
            if len(also) > BROWSE_LIST_MAX:
                out += [f'<p class="kb-more">共 {len(also)} 条，这里列出前 {BROWSE_LIST_MAX} 条；其余可用搜索或各检视重点页面查找。</p>', ""]
    return "\n".join(out)


def render_themes(kb: KnowledgeBase) -> str:
    src = THEMES_PATH
    out = [head("按主题浏览"), "", "历年检视重点的表述各不相同，但查的内容大体可归入以下常设主题。"
           "按主题写的示例会自动出现在每一年对应的检视重点下。", ""]
    for t in kb.themes:
        aspects = [a for a in kb.aspects if t.id in a.themes]
        n = sum(1 for p in kb.problems if t.id in themes_of(kb, p))
        out += [f"## {md_inline(t.name)} {{ #{t.id} }}", "", md(t.summary), "",
                f"- [示例 {n} 条]({link(src, library_path(t.id))})",
                "- 历年对应：" + "、".join(f"[{md_inline(aspect_label(kb, a))}]({link(src, aspect_path(a))})"
                                        for a in aspects), ""]
    return "\n".join(out)


def render_roles_index(kb: KnowledgeBase) -> str:
    src = "roles/index.md"
    out = [head("按岗位浏览"), "", "找与自己工作最接近的岗位类别，看同类岗位的问题可以写到多具体。", ""]
    for r in kb.roles:
        n = sum(1 for p in kb.problems if r.id in p.roles)
        out.append(f"- [{md_inline(r.name)}]({link(src, role_path(r.id))})（{n} 条）：{md_inline(r.description)}")
    return "\n".join(out) + "\n"


BROWSE_LIST_MAX = 40   # entries under one heading of a browsing page (role, theme); the rest is a link away
TAG_COMMON = 3         # a tag of this many examples or more is listed among the common ones


def render_role(kb: KnowledgeBase, role_id: str) -> str:
    """Examples of one role grouped by theme: the first few headlines, then the filtered library."""
    src = role_path(role_id)
    role = kb.by_id("roles")[role_id]
    mine = [p for p in kb.problems if role_id in p.roles]
    out = [head("岗位：" + role.name, exclude_search=True), "", md(role.description), "", f"共 {len(mine)} 条示例，按主题分组。", ""]
    for t in kb.themes:
        group = [p for p in mine if home_theme(kb, p) == t.id]
        if group:
            out += [f"## {md_inline(t.name)}", "", entry_list(kb, src, group[:BROWSE_LIST_MAX], facets=False)]
            if len(group) > BROWSE_LIST_MAX:
                href = html_href(src, library_path(t.id)).replace("#", "") + "?role=" + quote(role_id)
                out += [raw(f'<p class="kb-more">本主题共 {len(group)} 条，这里列出前 {BROWSE_LIST_MAX} 条。'
                            f'<a href="{href}">在示例库中按本岗位筛选，查看全部</a></p>'), ""]
    return "\n".join(out)


def render_tags(kb: KnowledgeBase) -> str:
    """Every tag once, with its count, as a link that searches for it: the page stays small however
    many examples there are (the examples are in the libraries and the search)."""
    src = TAGS_PATH
    counts: dict[str, int] = defaultdict(int)
    for p in kb.problems:
        for t in p.tags:
            counts[t] += 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    common = [(t, n) for t, n in ordered if n >= TAG_COMMON]
    rare = [(t, n) for t, n in ordered if n < TAG_COMMON]

    def cloud(items) -> str:
        return raw('<p class="kb-tag-cloud">' + " ".join(
            f'<a id="{anchor("tag", t)}" href="{tag_href(src, t)}">{attr(t)}<span class="kb-tag-count">（{n}）</span></a>'
            for t, n in items) + "</p>")

    out = [head("按标签浏览", exclude_search=True), "",
           f"示例共有 {len(counts)} 个标签，按使用次数从多到少排列。点一个标签，页面顶部的搜索会先列出带这个标签的示例，"
           "再列出与它相关的其他示例，还可以再按岗位、视角和会议筛选。在搜索框里输入“#标签”（如 #基层减负）也一样；"
           "示例下方的 # 标签也通向这里。", ""]
    if common:
        out += [f"## 常用标签（{TAG_COMMON} 条示例以上）", "", cloud(common), ""]
    if rare:
        out += ["## 其他标签", "", cloud(rare), ""]
    return "\n".join(out)
