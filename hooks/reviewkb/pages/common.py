"""Paths, links and fragments shared by every page family."""

from __future__ import annotations

import json
import posixpath

from ..model import Aspect, KnowledgeBase, Meeting, Problem, Sample
from ..text import anchor, attr, md, md_inline, plain_title

UNVERIFIED = '<span class="kb-badge kb-unverified" title="未见完整原文或仅见于二手材料，请以本单位收到的通知为准">待核实</span>'
VERIFIED = '<span class="kb-badge kb-verified">已核实</span>'
# What each level means for where an example is shown (see KnowledgeBase.problems_for_aspect).
LEVEL_HINTS = {
    "领导班子成员": "民主生活会材料",
    "中层干部": "组织生活会材料（中层干部）",
    "普通党员": "组织生活会材料",
}


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
CHAINS_PATH = "chains.md"
FORMULATIONS_PATH, SELFCHECK_PATH = "formulations.md", "selfcheck.md"


def link(src: str, dest: str, fragment: str = "") -> str:
    """Relative link from one generated page to another (or to a file), as Markdown expects."""
    rel = posixpath.relpath(dest, posixpath.dirname(src) or ".")
    return rel + (f"#{fragment}" if fragment else "")


def home_theme(kb: KnowledgeBase, p: Problem) -> str:
    """The one library page that holds the full, searchable text of an example."""
    return kb.problem_themes(p)[0]


def problem_link(kb: KnowledgeBase, src: str, p: Problem) -> str:
    return link(src, library_path(home_theme(kb, p)), p.id)


def item_home(kb: KnowledgeBase, kind: str, item) -> tuple[str, str]:
    """(docs path, anchor) of the one full rendering of an example, cause or measure."""
    if kind == "problem":
        return library_path(home_theme(kb, item)), item.id
    return {"cause": CAUSES_PATH, "measure": MEASURES_PATH}[kind], item.id


def meeting_label(m: Meeting) -> str:
    """Short name of a meeting: “2024年度民主生活会”, or “2021年专题组织生活会” for a special one
    held during the year rather than as the year's annual meeting."""
    if m.title.startswith(f"{m.year}年度"):
        return f"{m.year}年度{m.kind}"
    return f"{m.year}年专题{m.kind}"


def aspect_label(kb: KnowledgeBase, a: Aspect) -> str:
    """Short label of an aspect that says which meeting it belongs to."""
    return f"{meeting_label(kb.by_id('meetings')[a.meeting])}·{a.short}"


def current_meeting(kb: KnowledgeBase) -> Meeting:
    """The latest 民主生活会 that is not history: where a user should start."""
    candidates = [m for m in kb.meetings if m.kind == "民主生活会" and not m.history]
    return max(candidates, key=lambda m: m.year)


def sorted_meetings(kb: KnowledgeBase) -> list[Meeting]:
    return sorted(kb.meetings, key=lambda m: (-m.year, m.kind != "民主生活会", m.id))


# ---------------------------------------------------------------- shared fragments

def bullets(items) -> str:
    return "\n".join(f"- {md_inline(x)}" for x in items)


def badges(kb: KnowledgeBase, src: str, p: Problem) -> str:
    roles = kb.by_id("roles")
    themes = kb.by_id("themes")
    level = p.level
    parts = [f'<span class="kb-badge kb-perspective">{attr(p.perspective)}</span>',
             f'<span class="kb-badge kb-level" title="写作者层级：{attr(LEVEL_HINTS[level])}">{attr(level)}</span>']
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
        f'<div class="kb-example kb-item" data-kb-kind="problem" data-kb-id="{p.id}" data-roles="{" ".join(p.roles)}" '
        f'data-perspective="{attr(p.perspective)}" markdown>',
        "",
        f"### {title} {{ #{p.id}{exclude} }}",
        "",
        f'<p class="kb-meta" markdown>{badges(kb, src, p)}</p>',
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
    if p.causes:
        causes = kb.by_id("causes")
        footer.append("原因：" + "；".join(f"[{md_inline(causes[c].title)}]({link(src, CAUSES_PATH, c)})" for c in p.causes))
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


def filters(kb: KnowledgeBase, problems: tuple[Problem, ...]) -> str:
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


def sources(meeting: Meeting) -> str:
    rows = []
    for s in meeting.sources:
        name = f"[{md_inline(s.title)}]({s.url})" if s.url else md_inline(s.title)
        rows.append(f"- {name} {VERIFIED if s.verified else UNVERIFIED}")
    return "\n".join(rows)
