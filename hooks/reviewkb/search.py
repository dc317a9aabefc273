"""The site's own search index: pure functions, no disk, no MkDocs.

One document per example, cause, measure and guidance unit (aspect, section, meeting, theme, sample),
landing on its anchor. Text is cut into tokens the same way here and in `docs/assets/js/search-core.js`:
NFKC, lower case, runs of Han characters become character bigrams (a lone character stays a unigram),
runs of ASCII letters and digits become words.

The index is written as classic scripts (loadable by <script> over http and file://):

- `assets/search/meta.js`: counts, shard counts, the thesaurus and facet labels (small: pages load it
  early so the first query does not wait for it);
- `assets/search/facets.js`: one compact facet record per document (enough to filter and count
  without loading any text: kind, perspective, level, roles, meetings, size, aspects), loaded with the
  first query's postings;
- `assets/search/t<n>.js`: postings of the tokens whose hash falls in shard n; a posting list is the
  documents' numbers (times two, plus one where the token is in the title), delta-coded in base 36;
- `assets/search/d<n>.js`: title, URL and a short excerpt of documents n*DOCS_PER_SHARD onwards.

A query loads meta.js, the token shards of its own tokens and the document shards of its best candidates.
"""

from __future__ import annotations

import json
import re
from operator import add
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from .model import KnowledgeBase
from .pages.guides import CRITICISMS_PATH, guide_path
from .pages.common import (THEMES_PATH, aspect_label, aspect_path, item_path, meeting_label, meeting_path,
                           page_url, problem_aspects, sample_path, section_path, themes_of)

DOCS_PER_SHARD = 32
TARGET_SHARD_BYTES = 8_000
EXCERPT_CHARS = 60
KINDS = ("problem", "cause", "measure", "guide", "criticism")
PERSPECTIVES = ("个人", "班子")
LEVELS = ("领导班子成员", "中层干部", "普通党员")

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{_HAN}]+|[a-z0-9]+")
_IS_HAN = re.compile(f"[{_HAN}]")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[str]:
    """Tokens of a text, in order, with repeats (see the module docstring)."""
    out = []
    for run in _RUN.findall(normalize(text)):
        if _IS_HAN.match(run) and len(run) > 1:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return out


def token_set(text: str) -> set[str]:
    """The distinct tokens of a text (what tokens() yields, without order or repeats); fast path."""
    out: set[str] = set()
    for run in _RUN.findall(normalize(text)):
        if len(run) > 1 and _IS_HAN.match(run):
            out.update(map(add, run, run[1:]))
        else:
            out.add(run)
    return out


def tag_token(tag: str) -> str:
    """The token of a tag (``#`` + the normalized tag): a query ``#政绩观`` finds exactly the examples
    tagged 政绩观 first (search-core.js planQuery)."""
    return "#" + normalize(tag).replace(" ", "")


def search_hash(token: str) -> int:
    """FNV-1a (32 bit) of the token's UTF-8 bytes; the same function is in search-core.js."""
    h = 0x811C9DC5
    for b in token.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


@dataclass(frozen=True)
class Doc:
    kind: str
    title: str
    body: str
    url: str
    roles: tuple[str, ...] = ()
    perspective: str = ""
    level: str = ""
    meetings: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    aspects: tuple[str, ...] = ()


def documents(kb: KnowledgeBase, url_of: Callable[[str], str] = page_url) -> list[Doc]:
    """Every search document, in a stable order. Only data text: no interface labels.

    `url_of` maps a docs path to its URL relative to the site root (as in assets.render_assets).
    """
    def item_url(kb, kind, item_id):
        return f"{url_of(item_path(kb, kind, item_id))}#{item_id}"

    roles = kb.by_id("roles")
    themes = kb.by_id("themes")
    aspects = kb.by_id("aspects")
    agg = problem_aspects(kb)
    docs = []
    for p in kb.problems:
        labels = [roles[r].name for r in p.roles] + [themes[t].name for t in themes_of(kb, p)] + list(p.tags)
        docs.append(Doc("problem", p.title, "\n".join([p.body, *p.cases, " ".join(labels)]),
                        item_url(kb, "problem", p.id), p.roles, p.perspective, p.level,
                        tuple(dict.fromkeys(aspects[a].meeting for a in agg.get(p.id, ()))), p.tags,
                        agg.get(p.id, ())))
    for c in kb.causes:
        docs.append(Doc("cause", c.title, "\n".join([c.angle, c.body, *(themes[t].name for t in c.themes)]),
                        item_url(kb, "cause", c.id)))
    for m in kb.measures:
        docs.append(Doc("measure", m.title, "\n".join([m.body, m.deadline, m.check, *(themes[t].name for t in m.themes)]),
                        item_url(kb, "measure", m.id)))
    for c in kb.criticisms:
        docs.append(Doc("criticism", c.topic, "\n".join([c.direction, c.weak, c.proper, c.note,
                                                          *(roles[r].name for r in c.roles)]),
                        f"{url_of(CRITICISMS_PATH)}#{c.id}", c.roles))
    for g in kb.guides:
        body = [g.summary] + [x for sec in g.sections for x in (sec.heading, sec.body, *sec.items)]
        docs.append(Doc("guide", g.title, "\n".join(body), url_of(guide_path(g.id))))
    for s in kb.sections:
        body = [s.heading, s.purpose, *s.must_include, *s.pitfalls, *s.tips, *(e.title for e in s.examples)]
        docs.append(Doc("guide", f"{s.name}怎么写", "\n".join(body), url_of(section_path(s.id))))
    for a in kb.aspects:
        body = [a.heading, a.asks, *a.checkpoints, *a.pitfalls, *a.tips]
        docs.append(Doc("guide", aspect_label(kb, a), "\n".join(body), url_of(aspect_path(a)), meetings=(a.meeting,),
                        aspects=(a.id,)))
    for m in kb.meetings:
        docs.append(Doc("guide", m.title, "\n".join([meeting_label(m), m.theme, *m.notes]),
                        url_of(meeting_path(m)), meetings=(m.id,)))
    for t in kb.themes:
        docs.append(Doc("guide", t.name, "\n".join([t.summary, *t.checkpoints, *t.pitfalls, *t.tips]),
                        f"{url_of(THEMES_PATH)}#{t.id}"))
    for x in kb.samples:
        docs.append(Doc("guide", "样本解析：" + x.title, "\n".join([x.opening, x.problems_heading]),
                        url_of(sample_path(x)), x.roles, x.perspective, meetings=(x.meeting,)))
    return docs


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_SMALL = [a + b for a in ("",) + tuple(_DIGITS[1:]) for b in _DIGITS]   # 0 … 1295, most deltas


def _b36(n: int) -> str:
    if n < 1296:
        return _SMALL[n]
    digits = _DIGITS
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


ASPECT_BITS = 30   # aspects per chunk of the aspect mask: a chunk stays a small integer in JavaScript


def aspect_bits(indices) -> str:
    """``.c0,c1,…``: the aspects a document is listed under, as base-36 bit masks of ASPECT_BITS aspects
    each (trailing empty chunks left out; nothing at all for a document under no aspect)."""
    chunks: list[int] = []
    for i in indices:
        q, r = divmod(i, ASPECT_BITS)
        chunks.extend([0] * (q + 1 - len(chunks)))
        chunks[q] |= 1 << r
    return "." + ",".join(_b36(c) for c in chunks) if chunks else ""


def encode_postings(values: list[int]) -> str:
    """Sorted ints -> comma-separated base-36 deltas."""
    small, b36 = _SMALL, _b36
    deltas = [b - a for a, b in zip([0, *values], values)]
    return ",".join([small[x] if x < 1296 else b36(x) for x in deltas])


def decode_postings(text: str) -> list[int]:
    out, prev = [], 0
    for part in text.split(","):
        prev += int(part, 36)
        out.append(prev)
    return out


def _script(name: str, value) -> str:
    """A classic script that stores `value` under window.KB_SEARCH; `<` is escaped so no tag can appear."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"(window.KB_SEARCH||(window.KB_SEARCH={{}})).{name}={text};\n"


def _shard_script(kind: str, n: int, value) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return (f"(function(s){{(s.{kind}||(s.{kind}={{}}))[{n}]={text};}})"
            f"(window.KB_SEARCH||(window.KB_SEARCH={{}}));\n")


def build_index(kb: KnowledgeBase, url_of: Callable[[str], str] = page_url) -> dict:
    """The index as plain data: meta, token shards and document shards (see render_search_assets)."""
    docs = documents(kb, url_of)
    postings: dict[str, list[int]] = defaultdict(list)
    sizes = []   # distinct tokens per document: long texts match scattered words by chance
    for n, d in enumerate(docs):
        title = token_set(d.title)
        body = token_set(d.body) - title
        body.update(tag_token(t) for t in d.tags)
        sizes.append(len(title) + len(body))
        v = n * 2
        for tok in body:
            postings[tok].append(v)
        v += 1
        for tok in title:
            postings[tok].append(v)
    encoded = {tok: encode_postings(vals) for tok, vals in postings.items()}
    total = sum(len(t) * 3 + len(v) + 6 for t, v in encoded.items())
    shards = max(1, -(-total // TARGET_SHARD_BYTES))
    token_shards: list[dict] = [{} for _ in range(shards)]
    for tok in sorted(encoded):
        token_shards[search_hash(tok) % shards][tok] = encoded[tok]
    role_ids = [r.id for r in kb.roles]
    meeting_ids = [m.id for m in kb.meetings]
    aspect_index = {a.id: i for i, a in enumerate(kb.aspects)}
    facets = []
    for n, d in enumerate(docs):
        roles = sum(1 << role_ids.index(r) for r in d.roles)
        meets = sum(1 << meeting_ids.index(m) for m in d.meetings)
        facets.append(f"{KINDS.index(d.kind)}{PERSPECTIVES.index(d.perspective) + 1 if d.perspective else 0}"
                      f"{LEVELS.index(d.level) + 1 if d.level else 0}{_b36(roles)}.{_b36(meets)}.{_b36(sizes[n])}"
                      f"{aspect_bits(aspect_index[a] for a in d.aspects)}")
    doc_shards = []
    for start in range(0, len(docs), DOCS_PER_SHARD):
        doc_shards.append([[d.title, d.url, " ".join(d.body.split())[:EXCERPT_CHARS]]
                           for d in docs[start:start + DOCS_PER_SHARD]])
    meta = {
        "version": 1, "count": len(docs), "tokenShards": shards, "docsPerShard": DOCS_PER_SHARD,
        "docShards": len(doc_shards), "kinds": list(KINDS), "perspectives": list(PERSPECTIVES), "levels": list(LEVELS),
        "roles": [[r.id, r.name] for r in kb.roles],
        "meetings": [[m.id, meeting_label(m)] for m in kb.meetings],
        # [id, meeting id, short name] in the order of the aspect masks (kb.aspects); the search panel
        # labels an aspect “<meeting label>·<short name>”, as the pages' filter bar does (aspect_label)
        "aspects": [[a.id, a.meeting, a.short] for a in kb.aspects],
        # [terms, expands] (expands left out when empty): pages load meta.js early, so it stays small
        "thesaurus": [[list(g.terms), list(g.expands)] if g.expands else [list(g.terms)] for g in kb.thesaurus],
    }
    return {"meta": meta, "facets": "|".join(facets), "tokens": token_shards, "docs": doc_shards}


def render_search_assets(kb: KnowledgeBase, url_of: Callable[[str], str] = page_url) -> dict[str, str]:
    """Site path -> text of every search index script."""
    index = build_index(kb, url_of)
    out = {"assets/search/meta.js": _script("meta", index["meta"]),
           "assets/search/facets.js": _script("facets", index["facets"])}
    for n, shard in enumerate(index["tokens"]):
        out[f"assets/search/t{n}.js"] = _shard_script("tokens", n, shard)
    for n, shard in enumerate(index["docs"]):
        out[f"assets/search/d{n}.js"] = _shard_script("docs", n, shard)
    return out
