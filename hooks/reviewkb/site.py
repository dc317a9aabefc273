"""The files of one build besides the pages, grouped by when they can be made.

``slow_files`` (the .docx downloads, the search index, kb.json) depend on the knowledge base alone
and no page waits for their content, only for their paths; a generator can compute them beside the
page rendering (parallel.Background) and write them last. ``quick_files`` are the small data
scripts. Pages that show download sizes get them through render.LaterSizes.
"""

from __future__ import annotations

from typing import Callable

from .export import render_kb_json
from .model import KnowledgeBase
from .pages.common import item_path, problem_aspects
from .render import render_downloads
from .search import render_search_assets

KB_JSON = "kb.json"


def share_tables(kb: KnowledgeBase) -> None:
    """Compute the derived tables both the pages and slow_files use (which examples go under which aspect,
    where each item lives) once, before the work is split, so a child process inherits them."""
    problem_aspects(kb)
    if kb.problems:
        item_path(kb, "problem", kb.problems[0].id)


def slow_files(kb: KnowledgeBase, url_of: Callable[[str], str]) -> dict[str, str | bytes]:
    """Downloads, search index scripts and kb.json: site path -> content."""
    out: dict[str, str | bytes] = dict(render_downloads(kb))
    out.update(render_search_assets(kb, url_of))
    out[KB_JSON] = render_kb_json(kb)
    return out
