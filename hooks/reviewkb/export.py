"""The whole knowledge base as one JSON document (open data), without source locations."""

from __future__ import annotations

import dataclasses
import json

from . import __version__
from .model import KnowledgeBase

SCHEMA_VERSION = 1


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "loc"}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def kb_document(kb: KnowledgeBase) -> dict:
    lists = ("meetings", "themes", "roles", "problems", "causes", "measures", "sections", "samples", "chains",
             "criticisms", "guides", "forms", "formulations")
    doc = {"format": "reviewkb", "schema_version": SCHEMA_VERSION, "generator_version": __version__}
    doc.update({name: _plain(getattr(kb, name)) for name in lists})
    doc["counts"] = {name: len(getattr(kb, name)) for name in lists} | {"aspects": len(kb.aspects)}
    return doc


def render_kb_json(kb: KnowledgeBase) -> str:
    """JSON text in which `<`, `>` and `&` are \\u-escaped: no tag can appear even if served as HTML."""
    text = json.dumps(kb_document(kb), ensure_ascii=False, indent=1, sort_keys=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n"
