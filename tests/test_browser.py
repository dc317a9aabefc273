"""Real-browser tests: Debian's Chromium, driven by Playwright, against the built site on 127.0.0.1."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from reviewkb.templates import aspect_heading

# (phrase typed into the search box, the example it must land on)
SEARCHES = [
    ("以会议落实会议、以文件落实文件", "sample-2021-p14"),
    ("对12345民生热线关注度不高", "sample-2021-p08"),
    ("调研有时“蜻蜓点水”", "sample-2021-p06"),
]


def search(page, site_url, phrase):
    page.goto(site_url + "/")
    box = page.locator(".md-search__input")
    box.click()
    box.fill(phrase)
    box.press("End")  # Material reacts to key events; an IME also ends with one
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && /\\d/.test(m.textContent); }", timeout=30000)
    return page.locator("a.md-search-result__link")


@pytest.mark.parametrize("phrase,example", SEARCHES, ids=[e for _, e in SEARCHES])
def test_search_for_a_phrase_lands_on_the_example(page, site_url, phrase, example):
    links = search(page, site_url, phrase)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    matching = [i for i, h in enumerate(hrefs) if h.endswith("#" + example)]
    assert matching, f"{example} not among {hrefs}"
    target = links.nth(matching[0])
    if not target.is_visible():  # folded under "more results on this page"
        target.locator("xpath=ancestor::details[1]/summary").click()
    target.click()
    page.wait_for_url(re.compile(f"#{example}$"))
    heading = page.locator(f"h3#{example}")
    heading.wait_for()
    assert heading.is_visible()
    assert heading.bounding_box()["y"] < 900


def test_every_sample_problem_is_found_by_its_headline(page, site_url, kb):
    """All 15 problems of the sample, searched one after another in the same page."""
    sample = kb.by_id("samples")["sample-2021-office"]
    problems = kb.by_id("problems")
    search(page, site_url, "形式主义")  # loads the page and the search index once
    box = page.locator(".md-search__input")
    missing = []
    for pid in (p for g in sample.groups for p in g.problems):
        box.fill("")
        box.press("End")
        page.wait_for_function("() => !/\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
        box.fill(problems[pid].title)
        box.press("End")
        page.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
        links = page.locator("a.md-search-result__link")
        if not any((links.nth(i).get_attribute("href") or "").endswith("#" + pid) for i in range(links.count())):
            missing.append(pid)
    assert not missing


def test_template_download_returns_the_whole_material(page, site_url, kb):
    page.goto(site_url + "/downloads/")
    meeting = kb.by_id("meetings")["2025-mzsh"]
    with page.expect_download() as info:
        page.locator('a[href="2025-mzsh-personal.md"]').click()
    download = info.value
    assert download.suggested_filename == "2025年度民主生活会个人对照检查材料（模板）.md"
    raw = open(download.path(), "rb").read()
    assert raw.startswith("\ufeff".encode("utf-8"))
    text = raw.decode("utf-8-sig")
    for aspect in meeting.aspects:
        assert aspect_heading(aspect) in text
    assert "反面典型案例剖析" in text and "【请填写：" in text


def test_docx_download_has_the_chinese_name_and_opens(page, site_url, kb):
    """Clicking the .docx link (listed before the .md) saves the material under its Chinese name."""
    from docx import Document

    page.goto(site_url + "/downloads/")
    meeting = kb.by_id("meetings")["2025-mzsh"]
    row = page.locator("tr", has_text=meeting.title).first
    first = row.locator("a.kb-download").first
    assert first.get_attribute("href") == "2025-mzsh-personal.docx"
    with page.expect_download() as info:
        first.click()
    download = info.value
    assert download.suggested_filename == "2025年度民主生活会个人对照检查材料（模板）.docx"
    doc = Document(download.path())
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "2025年度民主生活会个人对照检查材料"
    assert all(f"{aspect_heading(a)}" in "".join(texts) for a in meeting.aspects)
    assert len(doc.comments) > len(meeting.aspects)


def test_rectification_list_download_from_its_page(page, site_url, kb):
    page.goto(site_url + "/forms/rectification-list/")
    meeting = kb.by_id("meetings")["2024-mzsh"]
    with page.expect_download() as info:
        page.locator('a[href$="2024-mzsh-rectification-list.md"]').click()
    download = info.value
    assert download.suggested_filename == "2024年度民主生活会整改清单（模板）.md"
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith("# 2024年度民主生活会整改清单")
    for aspect in meeting.aspects:
        assert aspect.short in text
    assert "| 序号 | 问题 | 原因 | 措施 | 责任人 | 完成时限 | 检验方式 | 销号情况 |" in text


def _expected_copy(kb, pid):
    p = kb.by_id("problems")[pid]
    return p.title + "。\n" + "\n".join([p.body, *p.cases])


def test_copy_button_copies_the_example(page, site_url, kb):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(site_url + "/examples/work-style/")
    page.locator('button[data-kb-copy="sample-2021-p14"]').click()
    page.locator(".kb-toast").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == _expected_copy(kb, "sample-2021-p14")
    assert page.locator('button[data-kb-copy="sample-2021-p14"]').inner_text() == "已复制"


def test_copy_works_without_the_clipboard_api(page, site_url, kb):
    """Intranet sites on plain http have no navigator.clipboard; the fallback must still copy."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.add_init_script("""
        window.__kbCopied = null;
        const original = document.execCommand.bind(document);
        document.execCommand = (cmd, ...rest) => {
          if (cmd === "copy") window.__kbCopied = document.activeElement.value;
          return original(cmd, ...rest);
        };
        Object.defineProperty(window, "isSecureContext", { get: () => false });
    """)
    page.goto(site_url + "/examples/people-centered/")
    page.locator('button[data-kb-copy="sample-2021-p08"]').click()
    page.locator(".kb-toast").wait_for()
    assert page.evaluate("window.__kbCopied") == _expected_copy(kb, "sample-2021-p08")


def test_role_and_perspective_filters(page, site_url, kb):
    aspect = kb.by_id("aspects")["2025-mzsh-3"]
    total = len(kb.problems_for_aspect(aspect))
    page.goto(site_url + "/aspects/2025-mzsh-3/")
    examples = page.locator(".kb-example")
    assert examples.count() == total
    page.locator('button[data-kb-filter="role"][data-value="township"]').click()
    page.locator('button[data-kb-filter="perspective"][data-value="班子"]').click()
    visible = page.locator(".kb-example:not([hidden])")
    expected = [p.id for p in kb.problems_for_aspect(aspect) if "township" in p.roles and p.perspective == "班子"]
    assert expected and visible.count() == len(expected)
    assert sorted(visible.nth(i).get_attribute("data-kb-id") for i in range(visible.count())) == sorted(expected)
    assert f"{len(expected)} / {total}" in page.locator(".kb-count").inner_text()


def test_no_request_leaves_the_machine(page, site_url):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in ("/", "/meetings/2025-mzsh/", "/aspects/2025-mzsh-1/", "/examples/work-style/",
                 "/samples/sample-2021-office/", "/downloads/", "/contributing/", "/criticisms/", "/guides/",
                 "/forms/opinion-form/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    search(page, site_url, "形式主义")
    with page.expect_download():
        page.goto(site_url + "/downloads/")
        page.locator('a[href="2024-mzsh-team.md"]').click()
    page.wait_for_load_state("networkidle")
    host = urlparse(site_url).netloc
    outside = [u for u in page.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
               and urlparse(u).netloc != host]
    assert len(page.requests) > 20
    assert not outside, outside
    assert not errors, errors


def test_chinese_queries_reach_the_search_worker_as_required_words(page, site_url):
    """kb.js rewrites Chinese queries for Material's worker; if Material's protocol changes, this fails."""
    page.add_init_script("""
        window.__kbQueries = [];
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (message) {
          if (message && message.type === 2) window.__kbQueries.push(message.data);
          return post.apply(this, arguments);
        };
    """)
    search(page, site_url, "两个确立")
    assert page.evaluate("window.__kbQueries")[-1] == '" 两个确立\u3400"'
    assert page.locator("a.md-search-result__link").count() > 0
    # A word that is nowhere in the index: the strict query finds nothing, so the original is sent.
    page.locator(".md-search__input").fill("魑魅魍魉")
    page.locator(".md-search__input").press("End")
    page.wait_for_function("() => window.__kbQueries.slice(-1)[0] === '魑魅魍魉'", timeout=30000)
    assert page.evaluate("window.__kbQueries")[-2:] == ['" 魑魅魍魉\u3400"', "魑魅魍魉"]


def test_scripts_run_under_the_content_security_policy(page, site_url):
    """The bundle starts (html.kb-js) and no page resource or inline script is refused by the CSP."""
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for path in ("/", "/aspects/2025-mzsh-3/", "/causes/", "/downloads/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.classList.contains('kb-js')"), path
        assert page.evaluate("typeof window.fflate?.zipSync") == "function", path
    assert violations == []


def test_guidance_pages_print_without_navigation_or_buttons(page, site_url):
    page.goto(site_url + "/aspects/2025-mzsh-3/")
    page.wait_for_selector(".kb-copy", state="attached")  # buttons added by script must not print
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".kb-copy",
                     ".kb-filters", ".headerlink"):
        loc = page.locator(selector)
        assert all(not loc.nth(i).is_visible() for i in range(loc.count())), selector
    assert page.locator(".md-content h1").is_visible()
    examples = page.locator(".kb-example")
    assert examples.count() > 0
    assert examples.first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()
