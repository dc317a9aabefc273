"""The offline copy in Firefox: the unpacked zip opened over file:// in headless Firefox ESR.

Firefox treats file:// more strictly than Chromium (each file is its own origin for fetch), so the
copy is checked in it too. Driven through Marionette (tests/marionette.py), which every Firefox has.
"""

from __future__ import annotations

import http.server
import re
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import unpack_offline

from marionette import FIREFOX, Firefox

QUERY, EXAMPLE = "对12345民生热线关注度不高", "sample-2021-p08"
# Resource Timing lists what a page fetched over the network; file:// loads are not listed at all.
ENTRIES = "return performance.getEntries().map(e => e.name)"


@pytest.fixture(scope="module")
def offline_root(built_site, tmp_path_factory):
    return unpack_offline(built_site[0], tmp_path_factory.mktemp("offline-ff"))


@pytest.fixture(scope="module")
def firefox():
    assert Path(FIREFOX).exists(), "需要 Firefox ESR：make test 会在 root 下自动安装 firefox-esr"
    started = time.monotonic()
    ff = Firefox()
    ff.started_in = time.monotonic() - started
    yield ff
    ff.quit()


def outside_requests(names: list[str]) -> list[str]:
    """Resource Timing names that are URLs outside file:// (entries like 'document' have no scheme)."""
    return [u for u in names if urlparse(u).scheme not in ("file", "blob", "data", "")]


class Steps:
    """Runs the walk through the copy; remembers what every visited page fetched."""

    def __init__(self, ff: Firefox):
        self.ff = ff
        self.fetched: list[str] = []

    def record(self) -> None:
        self.fetched += self.ff.execute(ENTRIES)

    def open(self, url: str) -> None:
        self.record()
        self.ff.navigate(url)
        self.loaded(url)

    def loaded(self, what: str) -> None:
        self.ff.wait_for("document.readyState === 'complete'", what=f"{what} 加载完成")
        listing = self.ff.execute("return document.title.startsWith('Index of') || !!document.querySelector('table#UI_fileTable, .dir')")
        assert not listing, f"{self.ff.url} 显示的是文件夹列表而不是页面"
        assert self.ff.execute("return document.documentElement.classList.contains('kb-js')"), \
            f"{self.ff.url}: 页面脚本没有运行（没有 kb-js）"
        self.no_folder_links()

    def no_folder_links(self) -> None:
        """No link of the page, written or made by a script, points at a folder."""
        folders = self.ff.execute(
            "return [...document.querySelectorAll('a[href]')].filter(a => a.protocol === 'file:' && !a.hasAttribute('download')"
            " && a.pathname.endsWith('/')).map(a => `${a.getAttribute('href')} (${a.className || a.textContent.trim()})`)")
        assert not folders, f"{unquote(self.ff.url)}: 这些链接会打开文件夹列表：{folders[:5]}"

    def follow(self, scope: str, text: str) -> str:
        """Click the first link in `scope` whose text contains `text`; return the URL it ends on."""
        href = self.ff.execute(
            "const a = [...document.querySelectorAll(arguments[0])].find(x => x.textContent.includes(arguments[1]));"
            "if (!a) return null; a.setAttribute('data-ff-next', '1'); return a.getAttribute('href');",
            f"{scope} a", text)
        assert href, f"{self.ff.url}: 没有文字含“{text}”的链接"
        before = self.ff.url
        self.record()
        self.ff.click("[data-ff-next]")
        self.ff.wait_for(f"location.href !== {before!r} && document.readyState === 'complete'",
                         what=f"点击“{text}”（{href}）后打开新页面")
        self.loaded(href)
        return unquote(self.ff.url)


def test_offline_copy_works_in_firefox(firefox, offline_root, kb):
    ff, steps = firefox, Steps(firefox)
    started, earlier_errors = time.monotonic(), len(ff.page_errors())

    # 1. Home page: the scripts ran and the page knows it is the offline copy.
    steps.open((offline_root / "index.html").as_uri())
    assert ff.execute("return !!document.querySelector('.kb-offline-note') && "
                      "getComputedStyle(document.querySelector('.kb-offline-note')).display !== 'none'"), \
        "首页没有显示离线版提示"

    # 2. Links from the home page open a meeting page, and from it an aspect page (not folder listings).
    url = steps.follow(".md-content", "2025年度民主生活会")
    assert url.endswith("/meetings/2025-mzsh/index.html"), f"会议链接打开了 {url}"
    url = steps.follow(".md-content", "写作指导")
    assert url.endswith("/aspects/2025-mzsh-1/index.html"), f"方面链接打开了 {url}"
    assert ff.execute("return document.querySelectorAll('.md-content h1').length") == 1, f"{url}: 不是正常页面"

    # 3. Search from that page, two folders deep: the index loads by <script> from the copy; typed keys
    #    give results that include the example, and its link opens it.
    search_started = time.monotonic()
    ff.type(".kb-search-input", QUERY)
    ff.wait_for("document.documentElement.dataset.kbSearchDone && "
                "!document.querySelector('.kb-search-status').textContent.includes('正在')",
                what="搜索结果（搜索索引没有在 file:// 下加载？）")
    first_result_s = time.monotonic() - search_started
    found = ff.execute("return [...document.querySelectorAll('.kb-search-results a')].map(a => a.getAttribute('href'))")
    status = ff.execute("return document.querySelector('.kb-search-status').textContent")
    hits = [h for h in found[:5] if h.endswith("#" + EXAMPLE)]
    assert hits, f"搜索“{QUERY}”的前五条结果里没有 {EXAMPLE}：{found[:5]}（状态：{status}）"
    ff.execute("document.querySelector(`.kb-search-results a[href='${arguments[0]}']`).setAttribute('data-ff-hit', '1')",
               hits[0])
    steps.record()
    ff.click("[data-ff-hit]")
    ff.wait_for(f"!!document.querySelector('h3#{EXAMPLE}') && location.hash === '#{EXAMPLE}'",
                what=f"点击搜索结果后打开示例 {EXAMPLE}")
    steps.loaded(EXAMPLE)

    # 4. Template downloads: Firefox keeps the `download` name on file:// (Chromium does not), so both the
    #    .docx and the Markdown template are saved under their Chinese names after its Save dialog.
    steps.open((offline_root / "downloads/index.html").as_uri())
    saved = ff.save_download("a[href$='2025-mzsh-personal.docx']")
    assert saved.suffix == ".docx" and saved.read_bytes()[:2] == b"PK", f"下载的模板不对：{saved.name}"
    assert "2025年度民主生活会" in saved.name, f"下载的文件没有用中文名：{saved.name}"
    saved = ff.save_download("a[href$='2025-mzsh-personal.md']")
    text = saved.read_text(encoding="utf-8")
    assert "【请填写" in text, f"Markdown 模板内容不对：{text[:80]!r}"

    # 5. 自查: a pasted text is checked in the page and gives the expected findings.
    from test_selfcheck import faulty_material
    material, expected = faulty_material(kb)
    steps.open((offline_root / "selfcheck/index.html").as_uri())
    ff.wait_for("document.querySelector(\"[data-module='kb-selfcheck'][data-ready='1']\")", what="自查页面就绪")
    ff.execute("const t = document.querySelector(\"[data-sc='text']\"); t.value = arguments[0];"
               "t.dispatchEvent(new Event('input', {bubbles: true}));", material)
    ff.click("[data-sc='run']")
    ff.wait_for("/检查完成/.test(document.querySelector('[data-sc=status]').textContent)", what="自查完成")
    rules = ff.execute("return [...document.querySelectorAll(\"[data-sc='findings'] li[data-rule]\")].map(e => e.dataset.rule)")
    assert sorted(rules) == sorted(expected), f"自查结果不对：{sorted(rules)}"
    steps.no_folder_links()       # the findings link to guidance pages
    report = ff.save_download("[data-sc='export']").read_text(encoding="utf-8")
    assert report.startswith("# 材料自查报告"), f"导出的自查报告不对：{report[:60]!r}"

    # 6. Storage for drafts: localStorage on file:// keeps a value from one page to another.
    ff.execute("localStorage.setItem('kb-ff-probe', '草稿' + arguments[0])", "一")
    steps.open((offline_root / "index.html").as_uri())
    kept = ff.execute("return localStorage.getItem('kb-ff-probe')")
    ff.execute("localStorage.removeItem('kb-ff-probe')")
    assert kept == "草稿一", f"file:// 下 localStorage 没有在页面之间保留数据（读到 {kept!r}）"

    # 7. The draft: 加入草稿 on an aspect page is stored, the draft page shows it and exports a .docx.
    if (offline_root / "draft/index.html").exists():
        steps.open((offline_root / "aspects/2025-mzsh-2/index.html").as_uri())
        ff.wait_for("document.querySelector('button.kb-add-draft')", what="“加入草稿”按钮")
        ff.click("button.kb-add-draft")
        ff.wait_for("document.querySelector('.kb-draft-counter')?.textContent === '草稿 1'", what="草稿计数变为 1")
        assert ff.execute("return localStorage.getItem('kb.drafts')"), "file:// 下草稿没有存入 localStorage"
        steps.record()
        ff.click(".kb-draft-counter")
        ff.wait_for("location.pathname.endsWith('/draft/index.html') && document.querySelector('.kb-d-item')",
                    what="草稿页显示加入的条目")
        steps.loaded("draft")
        saved = ff.save_download('[data-kb-export="docx"]')
        assert saved.suffix == ".docx" and saved.read_bytes()[:2] == b"PK", f"草稿导出的 .docx 不对：{saved.name}"

    # 8. No request left the machine on any page visited.
    steps.record()
    outside = [u for u in steps.fetched if urlparse(u).scheme not in ("file", "blob", "data", "")
              ]
    assert not outside, f"离线版发出了外部请求：{outside}"
    # 9. No script error and no Content-Security-Policy report in Firefox's console.
    errors = ff.page_errors()[earlier_errors:]
    assert not errors, f"Firefox 控制台里有脚本错误：{errors[:5]}"
    print(f"\nFirefox: started in {ff.started_in:.1f} s, walk {time.monotonic() - started:.1f} s, "
          f"first search result {first_result_s:.2f} s")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_request_check_sees_a_network_request(firefox, offline_root, tmp_path):
    """The check above would notice a page of the copy that loads a script from a server.

    The pages' Content-Security-Policy would block such a script; the probe page drops it, so what is
    tested here is the request check itself.
    """
    (tmp_path / "x.js").write_text("document.documentElement.dataset.kbProbe = '1';", encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _Quiet(*a, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        probe = f"http://127.0.0.1:{server.server_address[1]}/x.js"
        page = offline_root / "probe.html"
        html = (offline_root / "index.html").read_text(encoding="utf-8")
        html, csp = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert csp == 1, "首页没有 Content-Security-Policy"
        (offline_root / "probe.js").write_text("throw new Error('kb probe error');", encoding="utf-8")
        tags = f'<script src="{probe}"></script><script src="probe.js"></script>'
        page.write_text(html.replace("</head>", tags + "</head>", 1), encoding="utf-8")
        steps = Steps(firefox)
        steps.open(page.as_uri())
        firefox.wait_for("document.documentElement.dataset.kbProbe === '1'", what="the probe script")
        steps.record()
        assert outside_requests(steps.fetched) == [probe]
        assert any("kb probe error" in e and "probe.js" in e for e in firefox.page_errors())
    finally:
        server.shutdown()
        (offline_root / "probe.html").unlink(missing_ok=True)
        (offline_root / "probe.js").unlink(missing_ok=True)
