"""Paths, links and fragments shared by every page family."""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections.abc import Mapping
from collections import defaultdict
from urllib.parse import quote

from ..model import Aspect, KnowledgeBase, Meeting, Problem, Sample
from ..text import anchor, attr, md, md_inline, plain_title, raw

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


def library_path(theme_id: str, page: int = 1) -> str:
    """One page of a theme's library: page 1 is the theme's own page, later pages sit under it."""
    return f"examples/{theme_id}.md" if page == 1 else f"examples/{theme_id}/page-{page}.md"


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


def themes_of(kb: KnowledgeBase, p: Problem) -> tuple[str, ...]:
    """kb.problem_themes, computed once per example and build."""
    table = _cached(kb, "themes_of", lambda: {x.id: kb.problem_themes(x) for x in kb.problems})
    return table[p.id] if p.id in table else kb.problem_themes(p)


def home_theme(kb: KnowledgeBase, p: Problem) -> str:
    """The theme whose library holds the full, searchable text of an example."""
    return themes_of(kb, p)[0]


LIBRARY_PAGE_SIZE = 200   # examples on one library page; a larger theme is split into pages

_derived: dict = {}


def _cached(kb: KnowledgeBase, name: str, build):
    """Per-knowledge-base memo for derived tables (the knowledge base is immutable)."""
    if _derived.get("kb") is not kb:
        _derived.clear()
        _derived["kb"] = kb
    if name not in _derived:
        _derived[name] = build()
    return _derived[name]


def library_pages(kb: KnowledgeBase) -> dict[str, list[tuple[Problem, ...]]]:
    """theme id -> its library pages, each a tuple of at most LIBRARY_PAGE_SIZE examples, in data order."""
    def build():
        here = defaultdict(list)
        for p in kb.problems:
            here[home_theme(kb, p)].append(p)
        return {t.id: [tuple(here[t.id][i:i + LIBRARY_PAGE_SIZE])
                       for i in range(0, max(len(here[t.id]), 1), LIBRARY_PAGE_SIZE)] for t in kb.themes}
    return _cached(kb, "library_pages", build)


def _item_homes(kb: KnowledgeBase) -> dict[tuple[str, str], str]:
    def build():
        homes = {}
        for theme, pages in library_pages(kb).items():
            for n, group in enumerate(pages, 1):
                for p in group:
                    homes[("problem", p.id)] = library_path(theme, n)
        homes.update({("cause", c.id): CAUSES_PATH for c in kb.causes})
        homes.update({("measure", m.id): MEASURES_PATH for m in kb.measures})
        return homes
    return _cached(kb, "item_homes", build)


def item_path(kb: KnowledgeBase, kind: str, item_id: str) -> str:
    """The docs-relative page that holds the one full rendering of an item (kind: problem, cause, measure).

    This is the only place that decides where an item lives; every link to an item goes through it.
    """
    return _item_homes(kb)[(kind, item_id)]


def item_link(kb: KnowledgeBase, src: str, kind: str, item_id: str) -> str:
    """Relative link from page `src` to an item's anchor."""
    return link(src, item_path(kb, kind, item_id), item_id)


def page_url(path: str) -> str:
    """Site-root-relative URL of a generated page (directory URLs): `examples/x.md` -> `examples/x/`."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return ""
    return (stem[:-len("index")] if stem.endswith("/index") else stem + "/")


def item_url(kb: KnowledgeBase, kind: str, item_id: str) -> str:
    """Site-root-relative URL of an item with its anchor, e.g. `examples/work-style/#office-001`."""
    return f"{page_url(item_path(kb, kind, item_id))}#{item_id}"


def problem_link(kb: KnowledgeBase, src: str, p: Problem) -> str:
    return item_link(kb, src, "problem", p.id)


def aspect_problems(kb: KnowledgeBase, a: Aspect) -> tuple[Problem, ...]:
    """kb.problems_for_aspect, computed once per aspect and build."""
    return _cached(kb, "aspect_problems", lambda: {x.id: kb.problems_for_aspect(x) for x in kb.aspects})[a.id]


def problem_aspects(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """problem id -> ids of every aspect it is listed under (directly or through a theme)."""
    def build():
        out = defaultdict(list)
        for a in kb.aspects:
            for p in aspect_problems(kb, a):
                out[p.id].append(a.id)
        return {p.id: tuple(out[p.id]) for p in kb.problems}
    return _cached(kb, "problem_aspects", build)


def item_home(kb: KnowledgeBase, kind: str, item) -> tuple[str, str]:
    """(docs path, anchor) of the one full rendering of an example, cause or measure."""
    return item_path(kb, kind, item.id), item.id


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


@functools.lru_cache(maxsize=4096)
def _rel_dir(there: str, here: str) -> str:
    rel = posixpath.relpath(there, here)
    return "./" if rel == "." else rel + "/"


def html_href(src: str, dest: str, fragment: str = "") -> str:
    """Final URL from page `src` to page `dest` for raw HTML (which MkDocs does not rewrite)."""
    here, there = page_url(src) or ".", page_url(dest) or "."
    return _rel_dir(there, here.rstrip("/") or ".") + (f"#{fragment}" if fragment else "")


def html_text(text: str) -> str:
    """Data text as HTML paragraphs (data text is plain text: every markup character is shown)."""
    paras = [" ".join(x.split()) for x in text.replace("\r", "").split("\n\n") if x.strip()]
    return "".join(f"<p>{attr(x)}</p>" for x in paras)


def tag_href(src: str, tag: str) -> str:
    """Link from page `src` to the tags page opened with the search ``#tag`` among the examples (the
    tagged examples first, then related ones)."""
    query = "".join(c if ord(c) > 127 else quote(c, safe="") for c in "#" + tag)   # Chinese stays readable and short
    # no #fragment: the page opens at the top, where the search results are shown
    return f'{html_href(src, TAGS_PATH)}?q={attr(query)}&amp;kind=problem'


def badges(kb: KnowledgeBase, src: str, p: Problem) -> str:
    """Labels of an example, as raw HTML."""
    roles = kb.by_id("roles")
    themes = kb.by_id("themes")
    level = p.level
    parts = [f'<span class="kb-badge kb-perspective">{attr(p.perspective)}</span>',
             f'<span class="kb-badge kb-level" title="写作者层级：{attr(LEVEL_HINTS[level])}">{attr(level)}</span>']
    parts += [f'<a class="kb-badge kb-role" href="{html_href(src, role_path(r))}">{attr(roles[r].name)}</a>' for r in p.roles]
    parts += [f'<a class="kb-badge kb-theme" href="{html_href(src, library_path(t))}">{attr(themes[t].name)}</a>'
              for t in themes_of(kb, p)]
    parts += [f'<a class="kb-tag" href="{tag_href(src, t)}">#{attr(t)}</a>' for t in p.tags]
    return " ".join(parts)


def facet_attrs(kb: KnowledgeBase, p: Problem, where: bool = True) -> str:
    """Filter values of an example as data attributes (space-separated where there are several).

    `where` adds the meetings and aspects the example is listed under (not needed on an aspect page).
    """
    own = f'data-f-role="{" ".join(p.roles)}" data-f-perspective="{attr(p.perspective)}" data-f-level="{attr(p.level)}"'
    if not where:
        return own
    aspect_ids = problem_aspects(kb).get(p.id, ())
    aspects = kb.by_id("aspects")
    meetings = list(dict.fromkeys(aspects[a].meeting for a in aspect_ids))
    return f'{own} data-f-meeting="{" ".join(meetings)}" data-f-aspect="{" ".join(aspect_ids)}"'


def render_problem(kb: KnowledgeBase, src: str, p: Problem) -> str:
    """The one full rendering of an example: heading with a stable anchor, labels, body, cases, copy button.

    Only the heading is Markdown (it feeds the table of contents); the rest is raw HTML, which
    python-markdown passes through without parsing.
    """
    aspects = kb.by_id("aspects")
    direct = "，".join(f'<a href="{html_href(src, aspect_path(aspects[a]))}">{attr(aspects[a].short)}</a>' for a in p.aspects)
    footer = [f"来源：{attr(p.source)}"] + ([f"直接对应：{direct}"] if direct else [])
    if p.causes:
        causes = kb.by_id("causes")
        footer.append("原因：" + "；".join(
            f'<a href="{html_href(src, item_path(kb, "cause", c), c)}">{attr(causes[c].title)}</a>' for c in p.causes))
    cases = "".join(f'<div class="kb-case">{html_text(c)}</div>' for c in p.cases)
    # Only the heading is Markdown (it feeds the table of contents). The wrapper and the rest are
    # raw fragments that an adapter takes out before Markdown conversion (text.stash), so that
    # python-markdown never parses them; without an adapter, convert with stash/unstash around it.
    return "\n".join([
        raw(f'<div class="kb-item kb-example" data-kb-kind="problem" data-kb-id="{p.id}" {facet_attrs(kb, p)}>'),
        "",
        f"### {md_inline(p.title)} {{ #{p.id} }}",
        "",
        raw(f'<p class="kb-meta">{badges(kb, src, p)}</p>'
            f'<div class="kb-body">{html_text(p.body)}{cases}</div>'
            f'<p class="kb-foot">{" · ".join(footer)} <button class="kb-copy md-button" type="button" '
            f'data-kb-copy="{p.id}" aria-label="复制示例：{attr(p.title)}">复制示例文本</button></p></div>'),
        "",
    ])


FILTER_DIMENSIONS = ("meeting", "aspect", "role", "perspective", "level")
# Labels of the "no filter" choice: they say that nothing is filtered, not that a value named 全部 exists.
FILTER_LABELS = {
    "meeting": ("会议", "不限会议（全部显示）"),
    "aspect": ("检视重点", "不限检视重点（全部显示）"),
    "role": ("岗位", "不限岗位（全部显示）"),
    "perspective": ("视角", "个人和班子（全部显示）"),
    "level": ("层级", "不限层级（全部显示）"),
}


def filter_bar(kb: KnowledgeBase, problems, dims=FILTER_DIMENSIONS, noun: str = "条示例") -> str:
    """One filter bar (raw HTML) for a list of examples; state lives in the URL (?role=…&perspective=…).

    Hidden without script, where every entry shows. A dimension appears only when the list holds at
    least two of its values.
    """
    present = {d: set() for d in dims}
    agg = problem_aspects(kb)
    aspects = kb.by_id("aspects")
    for p in problems:
        present.get("role", set()).update(p.roles)
        present.get("perspective", set()).add(p.perspective)
        present.get("level", set()).add(p.level)
        if "aspect" in present or "meeting" in present:
            ids = agg.get(p.id, ())
            present.get("aspect", set()).update(ids)
            present.get("meeting", set()).update(aspects[a].meeting for a in ids)
    options = {
        "meeting": [(m.id, meeting_label(m)) for m in sorted_meetings(kb)],
        "aspect": [(a.id, aspect_label(kb, a)) for m in sorted_meetings(kb) for a in m.aspects],
        "role": [(r.id, r.name) for r in kb.roles],
        "perspective": [(v, v) for v in ("个人", "班子")],
        "level": [(v, v) for v in ("领导班子成员", "中层干部", "普通党员")],
    }
    fields = []
    for d in dims:
        values = [(v, label) for v, label in options[d] if v in present[d]]
        if len(values) < 2:
            continue
        name, everything = FILTER_LABELS[d]
        opts = f'<option value="">{everything}</option>' + "".join(
            f'<option value="{attr(v)}">{attr(label)}</option>' for v, label in values)
        fields.append(f'<label class="kb-filter-field"><span>{name}</span><select name="{d}">{opts}</select></label>')
    return raw('<form class="kb-filter" data-module="kb-filter" data-kb-noun="' + attr(noun) + '" role="search" '
               'aria-label="筛选示例" hidden>' + "".join(fields)
               + '<button type="reset" class="kb-filter-reset">清除筛选</button>'
               + f'<p class="kb-count" aria-live="polite">共 {len(problems)} {attr(noun)}</p></form>') + "\n"


def entry_list(kb: KnowledgeBase, src: str, problems, aspect_id: str = "", facets: bool = True) -> str:
    """Compact list of examples (raw HTML): headline linking to its full text, role, perspective, level."""
    roles = kb.by_id("roles")
    mark = f' data-kb-aspect="{aspect_id}"' if aspect_id else ""
    rows = []
    for p in problems:
        who = "、".join(roles[r].name for r in p.roles)
        data = f" {facet_attrs(kb, p, where=not aspect_id)}" if facets else ""
        rows.append(f'<li class="kb-entry" data-kb-kind="problem" data-kb-id="{p.id}"{mark}{data}>'
                    f'<a href="{html_href(src, item_path(kb, "problem", p.id), p.id)}">{attr(p.title)}</a> '
                    f'<span class="kb-entry-meta">{attr(who)} · {attr(p.perspective)} · {attr(p.level)}</span></li>')
    return raw('<ul class="kb-entries">\n' + "\n".join(rows) + "\n</ul>") + "\n"


def sources(meeting: Meeting) -> str:
    rows = []
    for s in meeting.sources:
        name = f"[{md_inline(s.title)}]({s.url})" if s.url else md_inline(s.title)
        rows.append(f"- {name} {VERIFIED if s.verified else UNVERIFIED}")
    return "\n".join(rows)


# Download formats, listed in this order next to every template and form.
FORMATS = (("docx", "Word 文档"), ("md", "Markdown 文本"))


def file_size(n: int | str) -> str:
    """“45 KB”; a LaterSizes mark (a str) stays as it is until its `fill`."""
    if isinstance(n, str):
        return n
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} 字节"


class LaterSizes:
    """Download sizes not known yet (the files are still being made elsewhere): a page gets a mark per
    file, and `fill` writes the sizes into the finished page. Marks are plain text that neither
    Markdown nor HTML changes."""

    _MARK = re.compile("\u2045kb-size:(\\d+)\u2046")

    def __init__(self) -> None:
        self.paths: dict[str, int] = {}

    def __contains__(self, path: object) -> bool:
        return True

    def __getitem__(self, path: str) -> str:
        number = self.paths.setdefault(path, len(self.paths))
        return f"\u2045kb-size:{number}\u2046"

    def fill(self, html: str, sizes: Mapping[str, int]) -> str:
        """`html` with every mark replaced by its file's size (KeyError names a file that was never made)."""
        if "\u2045kb-size:" not in html:
            return html
        by_number = {n: path for path, n in self.paths.items()}
        return self._MARK.sub(lambda m: file_size(sizes[by_number[int(m.group(1))]]), html)
