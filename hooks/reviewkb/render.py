"""Render the knowledge base into Markdown pages: pure functions, no disk, no MkDocs.

Every path returned is relative to the docs root (e.g. ``aspects/2025-mzsh-1.md``); links between
generated pages are relative Markdown links, so any generator that resolves them can host the pages.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import KnowledgeBase
from .pages.chains import render_chains
from .pages.common import (CAUSES_PATH, CHAINS_PATH, FORMULATIONS_PATH, MEASURES_PATH, SELFCHECK_PATH, TAGS_PATH,
                           THEMES_PATH, aspect_path, library_pages, library_path, link, meeting_label, meeting_path,
                           LaterSizes, render_problem, role_path, sample_path, section_path, sorted_meetings)
from .pages.downloads import render_templates_index
from .pages.draft import DRAFT_PATH, render_draft
from .pages.formulations import render_formulations
from .pages.selfcheck import render_selfcheck
from .forms import form_files, form_paths
from .pages.guides import (CRITICISMS_PATH, GUIDES_INDEX, form_page_path, guide_path, page_guides, render_criticisms,
                           render_form_page, render_guide, render_guides_index)
from .pages.home import render_home
from .pages.library import render_library, render_library_index, render_role, render_roles_index, render_tags, render_themes
from .pages.meetings import render_aspect, render_meeting, render_meetings_index
from .pages.patterns import render_causes, render_measures
from .pages.sections import render_sample, render_section, render_sections_index
from .pages.thesaurus import THESAURUS_PATH, render_thesaurus
from .templates import template_files, template_paths
from .text import cn_number, plain_title

__all__ = ["LaterSizes", "download_paths", "link", "nav", "render_downloads", "render_pages", "render_problem",
           "sizes_of"]

def render_pages(kb: KnowledgeBase, sizes: Mapping[str, int] | LaterSizes | None = None) -> dict[str, str]:
    """Every generated documentation page: path -> Markdown.

    Pages that link downloads show their sizes: from `sizes`, computed here when None; with a
    LaterSizes they carry marks that its `fill` replaces once the downloads exist."""
    return {path: make() for path, make in _page_makers(kb, sizes).items()}


def page_paths(kb: KnowledgeBase) -> list[str]:
    """Docs path of every generated page, without rendering them."""
    return list(_page_makers(kb))


def _page_makers(kb: KnowledgeBase, known_sizes=None) -> dict:
    cache: dict = {} if known_sizes is None else {"sizes": known_sizes}

    def sizes() -> dict[str, int]:
        """Byte size of every download (shown next to its link), computed once and only if needed."""
        if "sizes" not in cache:
            cache["sizes"] = sizes_of(render_downloads(kb))
        return cache["sizes"]

    pages = {
        "index.md": lambda: render_home(kb),
        "meetings/index.md": lambda: render_meetings_index(kb),
        "examples/index.md": lambda: render_library_index(kb),
        THEMES_PATH: lambda: render_themes(kb),
        CAUSES_PATH: lambda: render_causes(kb),
        MEASURES_PATH: lambda: render_measures(kb),
        CHAINS_PATH: lambda: render_chains(kb),
        "sections/index.md": lambda: render_sections_index(kb),
        "roles/index.md": lambda: render_roles_index(kb),
        TAGS_PATH: lambda: render_tags(kb),
        "downloads/index.md": lambda: render_templates_index(kb, sizes()),
        THESAURUS_PATH: lambda: render_thesaurus(kb),
        DRAFT_PATH: lambda: render_draft(kb),
        GUIDES_INDEX: lambda: render_guides_index(kb),
        CRITICISMS_PATH: lambda: render_criticisms(kb),
        FORMULATIONS_PATH: lambda: render_formulations(kb),
        SELFCHECK_PATH: lambda: render_selfcheck(kb),
    }
    pages.update({guide_path(g.id): (lambda g=g: render_guide(kb, g)) for g in page_guides(kb)})
    pages.update({form_page_path(f): (lambda f=f: render_form_page(kb, f, sizes())) for f in kb.forms})
    for m in kb.meetings:
        pages[meeting_path(m)] = lambda m=m: render_meeting(kb, m, sizes())
        for a in m.aspects:
            pages[aspect_path(a)] = lambda a=a: render_aspect(kb, a)
    for t in kb.themes:
        for n in range(1, len(library_pages(kb)[t.id]) + 1):
            pages[library_path(t.id, n)] = lambda t=t, n=n: render_library(kb, t.id, n)
    for s in kb.sections:
        pages[section_path(s.id)] = lambda s=s: render_section(kb, s)
    for x in kb.samples:
        pages[sample_path(x)] = lambda x=x: render_sample(kb, x)
    for r in kb.roles:
        pages[role_path(r.id)] = lambda r=r: render_role(kb, r.id)
    return pages


_last_downloads: list = []   # [kb, files]: pages need the files' sizes, the adapter the files


def download_paths(kb: KnowledgeBase) -> list[str]:
    """Served path of every download, without rendering any (links to them can be checked early)."""
    return template_paths(kb) + form_paths(kb)


def sizes_of(files: Mapping[str, str | bytes]) -> dict[str, int]:
    """Byte size of each file as it will be written (text as UTF-8)."""
    return {path: len(c.encode("utf-8") if isinstance(c, str) else c) for path, c in files.items()}


def render_downloads(kb: KnowledgeBase) -> dict[str, str | bytes]:
    """Every downloadable file: served path -> text (written as UTF-8) or bytes."""
    if not _last_downloads or _last_downloads[0] is not kb:
        _last_downloads[:] = [kb, template_files(kb) | form_files(kb)]
    return _last_downloads[1]


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
        meetings.append({f"{meeting_label(m)}{'（历史）' if m.history else ''}": children})
    return [
        {"首页": "index.md"},
        {"历年会议": [{"全部会议": "meetings/index.md"}, *meetings]},
        {"示例库": [{"全部主题": "examples/index.md"}, *[{t.name: library_path(t.id)} for t in kb.themes]]},
        {"原因剖析": CAUSES_PATH},
        {"整改措施": MEASURES_PATH},
        {"问题—原因—措施对应示例": CHAINS_PATH},
        {"材料各部分写法": [{"概览": "sections/index.md"}, *[{s.name: section_path(s.id)} for s in kb.sections],
                      *[{"样本解析": sample_path(x)} for x in kb.samples]]},
        {"模板下载": "downloads/index.md"},
        {"我的草稿": DRAFT_PATH},
        {"会前会后": [{"概览": GUIDES_INDEX}, {"相互批评意见": CRITICISMS_PATH},
                  *[{f.title: form_page_path(f)} for f in kb.forms],
                  *[{g.title: guide_path(g.id)} for g in page_guides(kb)]]},
        {"材料自查": SELFCHECK_PATH},
        {"规范提法": FORMULATIONS_PATH},
        {"浏览": [{"按主题": THEMES_PATH}, {"按岗位": "roles/index.md"},
                *[{r.name: role_path(r.id)} for r in kb.roles], {"按标签": TAGS_PATH},
                {"检索词表": THESAURUS_PATH}]},
        {"贡献指南": "contributing.md"},
    ]
