"""The offline copy: a zip of the site that works from a folder opened by double-click (file://)."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from urllib.parse import urlparse

import pytest

from conftest import unpack_offline

from reviewkb.offline import build_zip, offline_html, zip_name


def test_folder_links_name_their_index_page():
    html = ('<html lang="zh"><a href="../aspects/2025-mzsh-1/">a</a><a href="..">b</a><a href="../..">g</a>'
            '<a href="./#top">c</a><a href="../x.docx">d</a><a href="https://example.org/">e</a>'
            '<a href="#frag">f</a><script src="../assets/kb.bundle.js"></script></html>')
    out = offline_html(html)
    assert 'href="../aspects/2025-mzsh-1/index.html"' in out
    assert 'href="../../index.html"' in out
    assert 'href="../index.html"' in out and 'href="./index.html#top"' in out
    assert 'href="../x.docx"' in out and 'href="https://example.org/"' in out and 'href="#frag"' in out
    assert 'src="../assets/kb.bundle.js"' in out
    assert out.startswith('<html data-kb-offline="1" lang="zh">')


def test_zip_has_one_folder_with_utf8_names_and_no_server_files():
    day = datetime.date(2026, 11, 28)
    data = build_zip({"index.html": b"<html ><a href='x/'>x</a></html>", "x/index.html": b"<html >",
                      "sitemap.xml": b"<x/>", "downloads/offline.zip": b"old"}, day)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        folder = zip_name(day).removesuffix(".zip")
        assert folder == "对照检查材料写作指南-离线版-20261128"
        assert sorted(names) == sorted(f"{folder}/{n}" for n in ("index.html", "x/index.html", "使用说明.txt"))
        assert all(i.flag_bits & 0x800 for i in zf.infolist())
        assert b"x/index.html" in zf.read(f"{folder}/index.html")


@pytest.fixture(scope="module")
def offline_root(built_site, tmp_path_factory):
    return unpack_offline(built_site[0], tmp_path_factory.mktemp("offline"))


def test_built_zip_holds_the_whole_site(built_site, offline_root):
    site, _ = built_site
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html"}
    unpacked = {p.relative_to(offline_root).as_posix() for p in offline_root.rglob("*.html")}
    assert pages == unpacked
    # No link inside a page of the copy points at a folder.
    for page in offline_root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        bad = [u for u in re.findall(r'href="([^"#?]*)[#?"]', html)
               if "://" not in u and (u.endswith("/") or u.rpartition("/")[2] in (".", ".."))]
        assert not bad, (page, bad[:3])


def test_offline_copy_works_from_the_folder(browser, offline_root):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_root / "index.html").as_uri())
    assert page.evaluate("document.documentElement.classList.contains('kb-js')")
    assert page.locator(".kb-offline-note").is_visible()
    assert not page.locator(".kb-offline-download").is_visible()
    # Navigation through the content, the nav and the header ends on pages, never folder listings.
    page.locator(".md-content a", has_text="2025年度民主生活会").first.click()
    assert page.url.endswith("/meetings/2025-mzsh/index.html")
    page.locator(".md-content a", has_text="写作指导").first.click()
    assert re.search(r"/aspects/2025-mzsh-1/index.html$", page.url)
    page.wait_for_load_state("domcontentloaded")   # the URL changes when the navigation commits, before parsing
    assert page.locator("h1").count() == 1
    # Search loads its index by <script> from the folder and lands on the example.
    from test_browser import hrefs, run_query
    links = run_query(page, "对12345民生热线关注度不高")
    found = hrefs(links)
    target = next(i for i, h in enumerate(found[:5]) if h.endswith("/index.html#sample-2021-p08"))
    links.nth(target).click()
    page.locator("h3#sample-2021-p08").wait_for()
    page.goto((offline_root / "downloads/index.html").as_uri())
    with page.expect_download() as info:
        page.locator("a[href$='2025-mzsh-personal.docx']").first.click()
    assert info.value.path().read_bytes()[:2] == b"PK"
    # Browsers ignore `download` on file:// pages: a Markdown template opens as text, read as UTF-8.
    page.locator("a[download$='.md']").first.click()
    assert "【请填写" in page.locator("body").inner_text()
    outside = [u for u in requests if urlparse(u).scheme not in ("file", "blob", "data")]
    assert not outside, outside
    context.close()
