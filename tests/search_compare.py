"""Relevance of Material's search (with the old query adapter) on tests/search_queries.yaml, for comparison.

Not a test: builds a git revision that still uses Material's search plugin (default `main` before the
own search was merged, or any REF) from `git archive`, then types every query into Material's search box
in headless Chromium and scores the first five results with the same rule as tests/test_search.py.

    python tests/search_compare.py [REF]
"""

from __future__ import annotations

import functools
import http.server
import io
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_search import is_relevant  # noqa: E402


def main() -> int:
    ref = sys.argv[1] if len(sys.argv) > 1 else "main"
    queries = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))["queries"]
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(project)
        (project / "node_modules").symlink_to(ROOT / "node_modules")
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, check=True,
                       env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks")})
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        handler = functools.partial(Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        from playwright.sync_api import sync_playwright
        hits = zero = 0
        misses = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            box = page.locator(".md-search__input")
            box.click()
            for q in queries:
                box.fill("")
                box.fill(q["q"])
                box.press("End")
                page.wait_for_function(
                    "() => { const m = document.querySelector('.md-search-result__meta');"
                    " return m && !/正在|Initializing|Type/.test(m.textContent); }", timeout=30000)
                time.sleep(0.3)   # Material updates results after the meta line
                items = page.locator("a.md-search-result__link")
                top = []
                for i in range(min(items.count(), 12)):
                    a = items.nth(i)
                    href = a.get_attribute("href") or ""
                    title = a.locator("h1, h2").first.inner_text() if a.locator("h1, h2").count() else a.inner_text()
                    path = href.split("://", 1)[-1].split("/", 1)[-1] if "://" in href else href
                    frag = path.split("#", 1)[1] if "#" in path else ""
                    path = path.split("#", 1)[0].split("?", 1)[0]   # drop search.highlight's ?h=
                    top.append({"url": path.lstrip("./") + (f"#{frag}" if frag else ""), "title": title})
                if not top:
                    zero += 1
                if any(is_relevant(r, q) for r in top[:5]):
                    hits += 1
                else:
                    misses.append(q["q"])
            browser.close()
        server.shutdown()
    n = len(queries)
    print(f"Material search ({ref}): {n} queries, top-5 hit rate {hits / n:.1%}, zero-result rate {zero / n:.1%}")
    print("misses:", "、".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
