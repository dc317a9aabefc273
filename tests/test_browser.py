"""Real-browser tests: Debian's Chromium, driven by Playwright, against the built site on 127.0.0.1."""

from __future__ import annotations

import re
from urllib.parse import quote, urlparse

import pytest

from reviewkb.pages.common import aspect_label, item_url
from reviewkb.templates import aspect_heading
from reviewkb.text import anchor

# (phrase typed into the search box, the example it must land on)
SEARCHES = [
    ("以会议落实会议、以文件落实文件", "sample-2021-p14"),
    ("对12345民生热线关注度不高", "sample-2021-p08"),
    ("调研有时“蜻蜓点水”", "sample-2021-p06"),
]


def run_query(page, phrase):
    """Type a query into the header box and wait until the results for it are shown."""
    box = page.locator(".kb-search-input")
    done = page.evaluate("document.documentElement.dataset.kbSearchDone || '0'")
    box.fill(phrase)
    page.wait_for_function(f"() => (document.documentElement.dataset.kbSearchDone || '0') !== '{done}'"
                           " && !document.querySelector('.kb-search-status').textContent.includes('正在')", timeout=30000)
    return page.locator(".kb-search-results a")


def search(page, site_url, phrase):
    page.goto(site_url + "/")
    return run_query(page, phrase)


def hrefs(links):
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


@pytest.mark.parametrize("phrase,example", SEARCHES, ids=[e for _, e in SEARCHES])
def test_search_for_a_phrase_lands_on_the_example(page, site_url, phrase, example):
    links = search(page, site_url, phrase)
    found = hrefs(links)
    matching = [i for i, h in enumerate(found[:5]) if h.endswith("#" + example)]
    assert matching, f"{example} not among the first five of {found}"
    links.nth(matching[0]).click()
    page.wait_for_url(re.compile(f"#{example}$"))
    heading = page.locator(f"h3#{example}")
    heading.wait_for()
    assert heading.is_visible()
    assert heading.bounding_box()["y"] < 900


def test_every_sample_problem_is_found_by_its_headline(page, site_url, kb):
    """All 15 problems of the sample, searched one after another in the same page: each in the top five."""
    sample = kb.by_id("samples")["sample-2021-office"]
    problems = kb.by_id("problems")
    page.goto(site_url + "/")
    missing = []
    for pid in (p for g in sample.groups for p in g.problems):
        found = hrefs(run_query(page, problems[pid].title))[:5]
        if not any(h.endswith("#" + pid) for h in found):
            missing.append(pid)
    assert not missing


def test_a_bookmarked_query_shows_its_results(page, site_url):
    page.goto(site_url + "/aspects/2025-mzsh-1/?q=" + quote("两个确立"))
    page.wait_for_function("() => document.documentElement.dataset.kbSearchDone")
    assert page.locator(".kb-search-input").input_value() == "两个确立"
    assert page.locator(".kb-search-panel").is_visible()
    assert any("#sample-2021-p01" in h for h in hrefs(page.locator(".kb-search-results a"))[:5])
    # Typing updates the address, so the current search can be shared.
    run_query(page, "形式主义")
    assert "q=" + quote("形式主义") in page.url


def test_pasting_into_the_box_searches(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(site_url + "/")
    page.evaluate("navigator.clipboard.writeText('对12345民生热线关注度不高')")
    page.locator(".kb-search-input").focus()
    page.keyboard.press("Control+V")
    page.wait_for_function("() => document.documentElement.dataset.kbSearchDone")
    assert hrefs(page.locator(".kb-search-results a"))[0].endswith("#sample-2021-p08")


def test_interface_text_is_not_searchable(page, site_url):
    page.goto(site_url + "/")
    for label in ("不限岗位（全部显示）", "复制示例文本", "清除筛选", "跳到示例", "显示更多结果"):
        run_query(page, label)
        texts = page.locator(".kb-search-results li").all_inner_texts()
        assert not [t for t in texts if label in t], label
    run_query(page, "魑魅魍魉")
    assert page.locator(".kb-search-results a").count() == 0
    assert "没有找到" in page.locator(".kb-search-status").inner_text()


def test_search_results_narrow_by_facets(page, site_url, kb):
    page.goto(site_url + "/?q=" + quote("理论学习") + "&role=township&kind=problem")
    page.wait_for_function("() => document.documentElement.dataset.kbSearchDone")
    found = hrefs(page.locator(".kb-search-results a"))
    assert found
    problems = kb.by_id("problems")
    for h in found:
        assert "township" in problems[h.rsplit("#", 1)[1]].roles, h
    assert page.locator('.kb-search-facets select[name="role"]').input_value() == "township"


def test_search_results_narrow_by_aspect_and_level(page, site_url, kb):
    aspect = kb.by_id("aspects")["2025-mzsh-3"]
    page.goto(site_url + "/?q=" + quote("形式主义") + "&aspect=2025-mzsh-3&kind=problem")
    page.wait_for_function("() => document.documentElement.dataset.kbSearchDone")
    listed = {p.id for p in kb.problems_for_aspect(aspect)}
    found = {h.rsplit("#", 1)[1] for h in hrefs(page.locator(".kb-search-results a"))}
    assert found and found <= listed, found - listed
    select = page.locator('.kb-search-facets select[name="aspect"]')
    assert select.input_value() == "2025-mzsh-3"
    assert select.locator("optgroup").count() == len(kb.meetings)
    assert select.locator("option:checked").inner_text() == aspect_label(kb, aspect)   # as in the filter bar
    # choosing a level narrows again, and the address keeps the query
    page.locator('.kb-search-facets select[name="level"]').select_option("领导班子成员")
    page.wait_for_function("() => !document.querySelector('.kb-search-status').textContent.includes('正在')")
    problems = kb.by_id("problems")
    after = [h.rsplit("#", 1)[1] for h in hrefs(page.locator(".kb-search-results a"))]
    assert all(problems[i].level == "领导班子成员" for i in after)
    # on a phone the long aspect names stay inside the panel
    page.set_viewport_size({"width": 400, "height": 800})
    panel = page.locator(".kb-search-panel").bounding_box()
    box = select.bounding_box()
    assert box["x"] + box["width"] <= panel["x"] + panel["width"] + 1


def test_a_tag_on_an_example_searches_for_it_among_the_examples(page, site_url, kb):
    p = next(x for x in kb.problems if x.tags and len([y for y in kb.problems if x.tags[0] in y.tags]) >= 3)
    page.goto(site_url + "/" + item_url(kb, "problem", p.id))
    page.locator(f'#{p.id} ~ .kb-meta a.kb-tag, .kb-item[data-kb-id="{p.id}"] a.kb-tag').first.click()
    page.wait_for_function("() => document.documentElement.dataset.kbSearchDone")
    assert "/tags/" in page.url and page.locator(".kb-search-input").input_value() == "#" + p.tags[0]
    assert page.locator('.kb-search-facets select[name="kind"]').input_value() == "problem"
    tagged = [x.id for x in kb.problems if p.tags[0] in x.tags]
    found = [h.rsplit("#", 1)[1] for h in hrefs(page.locator(".kb-search-results a"))]
    first = found[:len(tagged)]
    assert set(first) == set(tagged[:20]) if len(tagged) <= 20 else set(first) <= set(tagged), (first, tagged)
    assert page.locator(".kb-search-panel").bounding_box()["y"] < 200   # the results are in view
    # the tag itself is marked on the page, which lists every tag once
    assert page.locator(f'.kb-tag-cloud a[id="{anchor("tag", p.tags[0])}"]').count() == 1
    assert page.locator(".kb-tag-cloud a").count() == len({t for x in kb.problems for t in x.tags})


def test_search_loads_its_index_only_when_used_and_only_locally(page, site_url):
    page.goto(site_url + "/examples/work-style/")
    page.wait_for_load_state("networkidle")
    opened = [u for u in page.requests if "/assets/search/" in u]
    assert [u.rsplit("/", 1)[1] for u in opened] == ["meta.js"], "only the small index description loads with a page"
    run_query(page, "以会议落实会议")
    used = [u.rsplit("/", 1)[1] for u in page.requests if "/assets/search/" in u]
    assert any(u.startswith("t") for u in used) and any(u.startswith("d") for u in used) and "facets.js" in used
    host = urlparse(site_url).netloc
    assert all(urlparse(u).netloc == host for u in page.requests), page.requests


def saved_markdown(page, link: str) -> tuple[str, str]:
    """Click the .md download `link`: (the name it is saved under, its text), after checking that it
    starts with the UTF-8 BOM (so that Windows Notepad and WPS read it as UTF-8)."""
    with page.expect_download() as info:
        page.locator(link).click()
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith("\ufeff".encode("utf-8"))
    return info.value.suggested_filename, raw.decode("utf-8-sig")


def test_template_download_returns_the_whole_material(page, site_url, kb):
    page.goto(site_url + "/downloads/")
    meeting = kb.by_id("meetings")["2025-mzsh"]
    name, text = saved_markdown(page, 'a[href="2025-mzsh-personal.md"]')
    assert name == "2025年度民主生活会个人对照检查材料（模板）.md"
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
    name, text = saved_markdown(page, 'a[href$="2024-mzsh-rectification-list.md"]')
    assert name == "2024年度民主生活会整改清单（模板）.md"
    assert text.startswith("# 2024年度民主生活会整改清单")
    for aspect in meeting.aspects:
        assert aspect.short in text
    assert "| 序号 | 问题 | 原因 | 措施 | 责任人 | 完成时限 | 检验方式 | 销号情况 |" in text


def test_rectification_list_docx_is_offered_first_and_opens(page, site_url, kb):
    from docx import Document

    page.goto(site_url + "/forms/rectification-list/")
    item = page.locator("li", has_text="2024年度民主生活会整改清单（模板）").first
    first = item.locator("a.kb-download").first
    assert first.get_attribute("href").endswith("2024-mzsh-rectification-list.docx")
    assert re.search(r"\.docx，\d+ KB", first.inner_text())
    with page.expect_download() as info:
        first.click()
    download = info.value
    assert download.suggested_filename == "2024年度民主生活会整改清单（模板）.docx"
    doc = Document(download.path())
    assert doc.paragraphs[0].text == "2024年度民主生活会整改清单"
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header == ["序号", "问题", "原因", "措施", "责任人", "完成时限", "检验方式", "销号情况"]


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


def test_role_and_perspective_filters_keep_their_state_in_the_url(page, site_url, kb):
    aspect = kb.by_id("aspects")["2025-mzsh-3"]
    total = len(kb.problems_for_aspect(aspect))
    page.goto(site_url + "/aspects/2025-mzsh-3/")
    entries = page.locator('.kb-entry[data-kb-aspect="2025-mzsh-3"]')
    assert entries.count() == total
    bar = page.locator('form.kb-filter')
    assert bar.is_visible()
    assert "全部显示" in bar.locator('select[name="role"] option').first.inner_text()
    bar.locator('select[name="role"]').select_option("township")
    bar.locator('select[name="perspective"]').select_option("班子")
    visible = page.locator(".kb-entry:not([hidden])")
    expected = [p.id for p in kb.problems_for_aspect(aspect) if "township" in p.roles and p.perspective == "班子"]
    assert expected and visible.count() == len(expected)
    assert sorted(visible.nth(i).get_attribute("data-kb-id") for i in range(visible.count())) == sorted(expected)
    assert f"{len(expected)} / {total}" in page.locator(".kb-count").inner_text()
    assert "role=township" in page.url and "perspective=" in page.url
    # The filtered view can be reloaded and shared.
    page.goto(page.url)
    assert page.locator(".kb-entry:not([hidden])").count() == len(expected)
    assert page.locator('select[name="role"]').input_value() == "township"
    page.locator("button.kb-filter-reset").click()
    page.wait_for_function("() => !location.search.includes('role=')")
    assert page.locator(".kb-entry:not([hidden])").count() == total


def test_library_filter_hides_examples_and_their_contents_links(page, site_url, kb):
    here = [p for p in kb.problems if kb.problem_themes(p)[0] == "people-centered"]
    keep = [p.id for p in here if "township" in p.roles]
    page.goto(site_url + "/examples/people-centered/?role=township")
    page.wait_for_function("() => document.querySelector('.kb-count').textContent.includes('/')")
    shown = page.locator(".kb-item:not([hidden])")
    assert sorted(shown.nth(i).get_attribute("data-kb-id") for i in range(shown.count())) == sorted(keep)
    gone = next(p.id for p in here if "township" not in p.roles)
    toc = page.locator(f'.md-nav--secondary a[href="#{gone}"]').first
    assert toc.count() == 1 and not toc.is_visible()


def test_filters_without_script_show_everything(browser, site_url, kb):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(site_url + "/aspects/2025-mzsh-3/?role=township")
    assert not pg.locator("form.kb-filter").is_visible()
    assert pg.locator(".kb-entry:visible").count() == len(kb.problems_for_aspect(kb.by_id("aspects")["2025-mzsh-3"]))
    context.close()


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


def test_search_works_from_a_folder(page, built_site):
    """The offline copy is opened by double-click: the index loads by <script> over file://."""
    site, _ = built_site
    page.goto((site / "index.html").as_uri())
    links = run_query(page, "以会议落实会议、以文件落实文件")
    found = hrefs(links)
    assert found and all(h.startswith("file://") and ("/index.html#" in h or h.endswith("/index.html")) for h in found)
    target = next(i for i, h in enumerate(found) if h.endswith("#sample-2021-p14"))
    links.nth(target).click()
    page.locator("h3#sample-2021-p14").wait_for()


CONTRAST_JS = """
(selector) => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = out.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
    return out;
  };
  const bad = [];
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (!el.getClientRects().length || style.visibility === 'hidden' || Number(style.opacity) === 0 || !el.textContent.trim()) continue;
    const bg = background(el);
    const fgc = parse(style.color);
    const fg = fgc.slice(0, 3).map((v, i) => v * fgc[3] + bg[i] * (1 - fgc[3]));
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) bad.push([el.tagName, el.className, el.textContent.trim().slice(0, 20), ratio.toFixed(2)]);
  }
  return bad;
}
"""


@pytest.mark.parametrize("path", ["/examples/work-style/", "/aspects/2025-mzsh-3/", "/causes/", "/tags/"])
def test_link_tag_and_button_text_has_enough_contrast(page, site_url, path):
    page.goto(site_url + path)
    page.locator(".kb-search-input").wait_for()
    selector = (".md-content a, .md-content button, .md-content .kb-badge, .md-content select, "
                ".md-header__title, .md-tabs__link, .kb-search-input, .md-nav__link")
    bad = page.evaluate(CONTRAST_JS, selector)
    assert not bad, bad
    # The check itself finds a pale link (#aaa on white is 2.3:1).
    page.evaluate("document.querySelector('.md-content').insertAdjacentHTML('afterbegin', "
                  "'<a class=\"kb-pale\" style=\"color:#aaa\" href=\"#\">浅色</a>')")
    assert [b[1] for b in page.evaluate(CONTRAST_JS, selector)] == ["kb-pale"]


def test_search_results_and_their_draft_buttons_have_enough_contrast(page, site_url, kb):
    """The results panel: links, kind labels, 加入草稿 (plain and done) and the aspect picker."""
    cause = kb.causes[0]
    page.goto(site_url + "/causes/")
    run_query(page, cause.title)
    page.locator(f'.kb-search-results li:has(a[href$="#{cause.id}"]) button.kb-search-add').click()
    page.locator('.kb-search-add[data-state="done"]').first.wait_for()
    run_query(page, "形式主义")
    assert page.locator(".kb-search-add").count() > 1
    page.locator('.kb-search-results li:has(.kb-search-kind:text-is("问题示例")) button.kb-search-add').first.click()
    page.locator(".kb-search-panel .kb-draft-picker select").wait_for()
    selector = ".kb-search-panel a, .kb-search-panel button, .kb-search-panel select, .kb-search-kind, .kb-search-excerpt"
    bad = page.evaluate(CONTRAST_JS, selector)
    assert not bad, bad
    page.evaluate("document.querySelector('.kb-search-add').style.color = '#bbb'")
    assert [b[1] for b in page.evaluate(CONTRAST_JS, selector)] == ["md-button kb-add-draft kb-search-add"]


def test_skip_link_and_copy_buttons_are_named(page, site_url):
    page.goto(site_url + "/examples/work-style/")
    skip = page.locator('a[href="#kb-examples"]')
    assert skip.count() == 1 and page.locator("#kb-examples").count() == 1
    names = page.locator("button.kb-copy").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")
    assert len(names) > 1 and len(set(names)) == len(names) and all(n.startswith("复制示例：") for n in names)
    page.goto(site_url + "/aspects/2025-mzsh-3/")
    assert page.locator('a[href="#examples"]').count() >= 1 and page.locator("#examples").count() == 1


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
    # Full examples live in the library (aspect pages list them compactly).
    page.goto(site_url + "/examples/work-style/")
    page.wait_for_selector(".kb-copy", state="attached")  # buttons added by script must not print
    page.locator("form.kb-filter").wait_for()
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".kb-copy",
                     ".kb-filter", ".kb-search-panel", ".headerlink"):
        loc = page.locator(selector)
        assert all(not loc.nth(i).is_visible() for i in range(loc.count())), selector
    assert page.locator(".md-content h1").is_visible()
    examples = page.locator(".kb-example")
    assert examples.count() > 0
    assert examples.first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()
