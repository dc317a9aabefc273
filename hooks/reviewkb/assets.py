"""Data files for the site's scripts: classic scripts that set ``window.KB_DATA.<name>``.

Scripts read data through <script> tags, never fetch(), so the same files work over http and from
a folder opened by double-click (file://). Example texts are split into shards so a page that needs
one item loads a small file, the templates into one file per meeting (the draft page shows one meeting
at a time), and the draft and self-check pages load only what they use.
"""

from __future__ import annotations

import base64
import json
import math
from typing import Callable

from .model import KnowledgeBase
from .pages.common import FORMULATIONS_PATH, current_meeting, item_home
from .schema import LEVELS
from .templates import PERSPECTIVES, blocks_json, template_blocks

ITEMS_PER_SHARD = 200
KINDS_OF_ITEMS = (("problem", "problems"), ("cause", "causes"), ("measure", "measures"))


def item_shard(item_id: str, shards: int) -> int:
    """FNV-1a (32-bit) of the UTF-8 id, modulo the shard count; docs/assets/js/shards.js is its twin."""
    h = 0x811C9DC5
    for byte in item_id.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % shards


def shard_count(kb: KnowledgeBase) -> int:
    total = sum(len(getattr(kb, kinds)) for _, kinds in KINDS_OF_ITEMS)
    return max(1, math.ceil(total / ITEMS_PER_SHARD))


def data_script(name: str, value) -> str:
    """`(window.KB_DATA ||= {}).name = …;` with `<`, `>`, `&` \\u-escaped so no tag can appear."""
    return f"(window.KB_DATA = window.KB_DATA || {{}})[{json.dumps(name)}] = {_json(value)};\n"


def meta(kb: KnowledgeBase) -> dict:
    """Meetings, sections and labels the scripts lay a material out with."""
    return {
        "current": current_meeting(kb).id,
        "shards": shard_count(kb),
        "levels": list(LEVELS),
        "meetings": [{"id": m.id, "year": m.year, "kind": m.kind, "title": m.title, "theme": m.theme,
                      "verified": m.verified, "history": m.history, "structure": list(m.structure),
                      "aspects": [{"id": a.id, "heading": a.heading, "short": a.short, "verified": a.verified,
                                   "themes": list(a.themes)}
                                  for a in m.aspects]} for m in kb.meetings],
        "sections": [{"id": s.id, "name": s.name, "heading": s.heading, "purpose": s.purpose,
                      "must_include": list(s.must_include), "pitfalls": list(s.pitfalls),
                      "perspectives": list(s.perspectives)} for s in kb.sections],
        "roles": [{"id": r.id, "name": r.name} for r in kb.roles],
        "themes": [{"id": t.id, "name": t.name} for t in kb.themes],
    }


def meeting_templates(kb: KnowledgeBase, meeting) -> dict:
    """One meeting's template blocks (FRONTEND.md block model): 个人|班子 -> blocks."""
    return {p: blocks_json(template_blocks(kb, meeting, p)) for p in PERSPECTIVES}


def template_data_path(meeting_id: str) -> str:
    """Site path of a meeting's template data script (ids are [a-z0-9-], safe as file names)."""
    return f"assets/data/templates/{meeting_id}.js"


def template_script(meeting_id: str, blocks: dict) -> str:
    """`KB_DATA.templates["<id>"] = {个人: blocks, 班子: blocks}`, adding to what other files set."""
    return (f"(function (d) {{ (d.templates = d.templates || {{}})[{json.dumps(meeting_id)}] = {_json(blocks)}; }})"
            "(window.KB_DATA = window.KB_DATA || {});\n")


def item_record(kb: KnowledgeBase, kind: str, item, url_of: Callable[[str], str]) -> dict:
    path, anchor = item_home(kb, kind, item)
    rec = {"kind": kind, "id": item.id, "title": item.title, "body": item.body, "url": f"{url_of(path)}#{anchor}"}
    for name in ("cases", "perspective", "roles", "level", "aspects", "themes", "causes", "angle",
                 "deadline", "check"):
        if hasattr(item, name):
            value = getattr(item, name)
            rec[name] = list(value) if isinstance(value, tuple) else value
    return rec


def items(kb: KnowledgeBase, url_of: Callable[[str], str]) -> list[dict]:
    """Shards of every example, cause and measure: list index = shard number."""
    n = shard_count(kb)
    shards: list[dict] = [{} for _ in range(n)]
    for kind, kinds in KINDS_OF_ITEMS:
        for item in getattr(kb, kinds):
            shards[item_shard(item.id, n)][item.id] = item_record(kb, kind, item, url_of)
    return shards


def formulations(kb: KnowledgeBase, url_of: Callable[[str], str]) -> list[dict]:
    """Standard formulations with their wrong forms, for the self-check; `page` is the entry on 规范提法."""
    page = url_of(FORMULATIONS_PATH)
    return [{"id": f.id, "text": f.text, "category": f.category, "meaning": f.meaning, "variants": list(f.variants),
             "near_misses": list(f.near_misses), "allowed": list(f.allowed), "verified": f.verified,
             "page": f"{page}#{f.id}"} for f in kb.formulations]


def pages(kb: KnowledgeBase, url_of: Callable[[str], str]) -> dict[str, str]:
    """Docs path of every page -> its URL relative to the site root (for guidance links in scripts)."""
    from .render import page_paths  # render imports the page modules; import late to keep this light
    return {path: url_of(path) for path in sorted(page_paths(kb) + ["contributing.md"])}


def render_assets(kb: KnowledgeBase, url_of: Callable[[str], str]) -> dict[str, str | bytes]:
    """Every generated data file for scripts but the search index (search.render_search_assets):
    site path -> content.

    `url_of` maps a docs path (``examples/x.md``) to its URL relative to the site root, which
    depends on how the site generator lays pages out.
    """
    from .docx import base_docx

    base = base_docx()
    out: dict[str, str | bytes] = {"assets/data/meta.js": data_script("meta", meta(kb)),
                                   "assets/gongwen-base.docx": base,
                                   # the draft export reads the base as a script where fetch() fails (file://)
                                   "assets/data/docx-base.js": bytes_script("docx-base", base),
                                   "assets/data/formulations.js": data_script("formulations", formulations(kb, url_of)),
                                   "assets/data/pages.js": data_script("pages", pages(kb, url_of))}
    for m in kb.meetings:   # the draft page loads only the meeting it shows
        out[template_data_path(m.id)] = template_script(m.id, meeting_templates(kb, m))
    for i, shard in enumerate(items(kb, url_of)):
        out[f"assets/data/items/{i}.js"] = _shard_script(i, shard)
    out["assets/data/links.js"] = data_script("links", links(kb, url_of))
    rectify = rectify_data(kb)
    if rectify is not None:
        out["assets/data/rectify.js"] = data_script("rectify", rectify)
    return out


def rectify_data(kb: KnowledgeBase) -> dict | None:
    """The 整改清单 form the draft page fills, with its landscape base .docx (base64): KB_DATA.rectify."""
    from .docx import landscape_form_base
    from .forms import rectify_export

    data = rectify_export(kb)
    if data is not None:
        data["base"] = base64.b64encode(landscape_form_base()).decode("ascii")
    return data


def links(kb: KnowledgeBase, url_of: Callable[[str], str]) -> dict:
    """What the draft's side panel needs to match problems, causes and measures, without the texts:
    every item's kind, themes (an example's own and those of its aspects) and named causes; causes and
    measures also carry title and URL."""
    out = {}
    for kind, kinds in KINDS_OF_ITEMS:
        for item in getattr(kb, kinds):
            themes = kb.problem_themes(item) if kind == "problem" else item.themes
            rec = {"kind": kind, "themes": list(themes), "causes": list(getattr(item, "causes", ()))}
            if kind != "problem":
                path, anchor = item_home(kb, kind, item)
                rec.update(title=item.title, url=f"{url_of(path)}#{anchor}")
            out[item.id] = rec
    return out


def bytes_script(name: str, content: bytes) -> str:
    """A binary file as a data script (base64), for pages opened from a folder, where fetch() fails."""
    return data_script(name, base64.b64encode(content).decode("ascii"))


def _json(value) -> str:
    """JSON for inside a <script>-loaded file: `<`, `>`, `&` and line separators escaped as \\uXXXX."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _shard_script(i: int, shard: dict) -> str:
    return (f"(function (d) {{ (d.items = d.items || {{}})[{i}] = {_json(shard)}; }})"
            "(window.KB_DATA = window.KB_DATA || {});\n")
