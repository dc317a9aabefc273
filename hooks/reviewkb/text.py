"""Escaping helpers: data text is Markdown, but raw HTML in it is always shown as text."""

from __future__ import annotations

import hashlib
import html
import re

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md(text: str) -> str:
    """Data text as Markdown with every HTML character escaped (so `<script>` shows as text)."""
    return "".join(_HTML.get(ch, ch) for ch in text)


def md_inline(text: str) -> str:
    """Like md(), for one line inside a heading or list item: braces cannot start attributes."""
    return md(" ".join(text.split())).replace("{", "\\{").replace("}", "\\}").replace("[", "\\[").replace("]", "\\]")


def attr(text: str) -> str:
    """Text for an HTML attribute value or element body that we write ourselves."""
    return html.escape(text, quote=True)


def comment(text: str) -> str:
    """Text safe inside an HTML/Markdown comment: no `--` and no `>` that could end it early."""
    out = text.replace("--", "－－").replace("<!", "＜!").replace(">", "＞")
    return out


def anchor(prefix: str, text: str) -> str:
    """A stable ASCII anchor for free text such as a Chinese tag."""
    return f"{prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"


CN_NUM = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 -> 一 … 20 -> 二十 (enough for numbering parts of a material)."""
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + CN_NUM[n - 11]
    tens, ones = divmod(n, 10)
    return CN_NUM[tens - 1] + "十" + (CN_NUM[ones - 1] if ones else "")


def ordinal(n: int) -> str:
    """1 -> 一是, 2 -> 二是 …"""
    return cn_number(n) + "是"


def plain_title(text: str) -> str:
    """A title with no markup characters, for places that un-escape text (page <title>, nav)."""
    return " ".join(text.split()).replace("&", "＆").replace("<", "＜").replace(">", "＞")


# Raw HTML that python-markdown must not parse. A generated page marks such fragments with raw();
# the adapter takes them out before Markdown conversion (stash) and puts them back into the HTML
# (unstash), which spares python-markdown's HTML block parser every tag of long lists. A fragment
# may open an element that a later fragment closes (an example's wrapper around its Markdown
# heading), so pages must be converted with stash/unstash around the Markdown step.
RAW_OPEN, RAW_CLOSE = "<!--kb-raw-->", "<!--/kb-raw-->"
_RAW = re.compile(re.escape(RAW_OPEN) + r"(.*?)" + re.escape(RAW_CLOSE), re.S)
_STASHED = re.compile(r"<!--kb-raw:(\d+)-->")


def raw(fragment: str) -> str:
    """Mark an HTML fragment (no blank lines inside) as raw: written as its own block."""
    return f"{RAW_OPEN}{fragment}{RAW_CLOSE}"


def stash(markdown: str) -> tuple[str, list[str]]:
    """Markdown with every raw fragment replaced by a numbered comment, and the fragments."""
    blocks: list[str] = []

    def keep(m):
        blocks.append(m.group(1))
        return f"<!--kb-raw:{len(blocks) - 1}-->"
    return _RAW.sub(keep, markdown), blocks


def unstash(html_text: str, blocks: list[str]) -> str:
    """HTML with the numbered comments replaced by their fragments again."""
    if not blocks:
        return html_text
    return _STASHED.sub(lambda m: blocks[int(m.group(1))], html_text)
