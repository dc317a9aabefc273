"""Content-Security-Policy for every page: the page may load and connect to its own origin only."""

from __future__ import annotations

import base64
import hashlib
import re

SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
HEAD_RE = re.compile(r"<head[^>]*>", re.I)
POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
          "object-src 'none'; base-uri 'self'; form-action 'none'")


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for every inline script of a page, in order, without repeats."""
    out: list[str] = []
    for m in SCRIPT_RE.finditer(html):
        if "src=" in m.group("attrs").lower():
            continue
        digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode()
        expr = f"'sha256-{digest}'"
        if expr not in out:
            out.append(expr)
    return out


def policy(html: str) -> str:
    hashes = "".join(" " + h for h in inline_script_hashes(html))
    return POLICY.format(hashes=hashes)


def add_csp(html: str) -> str:
    """The page with a CSP <meta> as the first element of <head> (before any script runs)."""
    m = HEAD_RE.search(html)
    if not m:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html[:m.end()] + meta + html[m.end():]
