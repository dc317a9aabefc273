"""我的草稿 in a real browser: add items from the site's pages, lay them out, edit, reload, move,
export (.docx read back by python-docx, .md, backup), import, clear; and nothing leaves the machine."""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlparse

import pytest

from conftest import libreoffice_pdf

MEETING = "2025-mzsh"
OWN_TEXT = "本人今年三月牵头的一次专题调研只走访了两个点位，回来后没有形成整改清单，群众反映的问题拖了四十多天才答复"
ZH = r"[\u4e00-\u9fff]"


def test_links_data_matches_problems_causes_and_measures(kb):
    from reviewkb.assets import links

    data = links(kb, lambda path: path.removesuffix(".md") + "/")
    assert len(data) == len(kb.problems) + len(kb.causes) + len(kb.measures)
    p = next(x for x in kb.problems if x.causes)
    assert data[p.id] == {"kind": "problem", "themes": list(kb.problem_themes(p)), "causes": list(p.causes)}
    m = kb.measures[0]
    assert data[m.id]["causes"] == list(m.causes) and data[m.id]["url"] == f"measures/#{m.id}"
    assert data[kb.causes[0].id]["title"] == kb.causes[0].title


def stored(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('kb.drafts')") or "null")


def add_from(page, url: str, n: int, kind: str) -> list[str]:
    """Click 加入草稿 on the first n items of a kind on a page; returns their ids."""
    page.goto(url)
    buttons = page.locator(f'[data-kb-kind="{kind}"] button.kb-add-draft')
    buttons.first.wait_for()
    ids = []
    for i in range(n):
        b = buttons.nth(i)
        ids.append(b.get_attribute("data-kb-add"))
        b.click()
        page.wait_for_function("b => b.dataset.state === 'done'", arg=b.element_handle())
    return ids


def leads(page, aspect: str) -> list[str]:
    """The 一是/二是 leads of the items filed under an aspect, in page order."""
    return page.evaluate("""aspect => {
        const out = []; let inside = false;
        for (const el of document.querySelectorAll('.kb-d-material > *')) {
          if (el.matches('h4, h3')) inside = el.dataset.aspect === aspect;
          else if (inside && el.matches('.kb-d-item')) out.push(el.querySelector('.kb-d-lead').textContent);
        }
        return out; }""", aspect)


@pytest.fixture
def recorded(page):
    """Every request of the page's context with its method and body."""
    page.sent = []
    page.context.on("request", lambda r: page.sent.append((r.url, r.method, r.post_data)))
    return page


def open_draft(page, site_url):
    page.goto(site_url + "/draft/")
    page.locator(".kb-d-toolbar").wait_for()


def test_the_whole_flow(recorded, site_url, kb, tmp_path):
    page = recorded
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    meeting = kb.by_id("meetings")[MEETING]
    aspect1, aspect3 = meeting.aspects[0].id, meeting.aspects[2].id

    problems = add_from(page, f"{site_url}/aspects/{aspect1}/", 3, "problem")
    causes = add_from(page, f"{site_url}/causes/", 2, "cause")
    measures = add_from(page, f"{site_url}/measures/", 3, "measure")
    assert page.locator(".kb-draft-counter").inner_text() == "草稿 8"

    open_draft(page, site_url)
    page.locator(".kb-d-item").nth(7).wait_for()
    assert page.locator(".kb-d-item").count() == 8
    assert [page.locator(".kb-d-item").nth(i).get_attribute("data-ref") for i in range(8)] == problems + causes + measures
    # Every aspect heading of the meeting, the problems of aspect 1 numbered 一是/二是/三是.
    h2 = page.locator("h4.kb-d-KbH2")
    assert h2.count() == len(meeting.aspects)
    for a in meeting.aspects:
        assert page.locator(f'h4.kb-d-KbH2[data-aspect="{a.id}"]').inner_text().find(a.heading) >= 0
    assert leads(page, aspect1) == ["一是", "二是", "三是"]
    cause_leads = page.locator(".kb-d-cause .kb-d-lead").all_inner_texts()
    measure_leads = page.locator(".kb-d-measure .kb-d-lead").all_inner_texts()
    assert cause_leads == ["（一）", "（二）"] and measure_leads == ["一是", "二是", "三是"]
    # Empty aspects keep the template's placeholder text; empty sections show their guidance.
    assert page.locator(f'.kb-d-placeholder[data-aspect="{aspect3}"]').count() >= 1
    assert page.locator('.kb-d-guide[data-section="opening"]').count() == 1
    assert page.locator('.kb-d-guide[data-section="problems"]').count() == 0
    # The side panel says, per problem, whether a cause and a measure answer it.
    page.locator(".kb-d-cover li").nth(2).wait_for()
    assert page.locator(".kb-d-cover li").count() == 3
    probs, cs = kb.by_id("problems"), kb.by_id("causes")
    for i, pid in enumerate(problems):
        p = probs[pid]
        themes = set(kb.problem_themes(p)) | set(kb.by_id("aspects")[aspect1].themes)
        answered = any(c in p.causes if p.causes else themes & set(cs[c].themes) for c in causes)
        mark = page.locator(".kb-d-cover li").nth(i).locator(".kb-d-ok, .kb-d-missing").first  # 原因 comes first
        assert mark.get_attribute("class") == ("kb-d-ok" if answered else "kb-d-missing"), pid
        if not answered:
            assert page.locator(".kb-d-cover li").nth(i).locator(".kb-d-suggest a").count() >= 1

    # Edit the first example: its identical-text marks disappear once it is rewritten.
    first = page.locator(".kb-d-item").first
    assert first.locator(".kb-d-same mark").count() >= 1
    page.wait_for_load_state("networkidle")
    quiet = len(page.sent)
    first.locator("input.kb-d-title").fill("专题调研走过场，发现问题后跟踪整改不及时")
    first.locator("textarea.kb-d-body").press_sequentially("本人", delay=20)   # typed key by key, saved each time
    first.locator("textarea.kb-d-body").fill(OWN_TEXT)
    page.wait_for_timeout(300)
    assert page.sent[quiet:] == [], "typing and saving made a request"
    assert first.locator(".kb-d-same mark").count() == 0
    assert "已改写" in first.locator(".kb-d-same").inner_text()
    assert stored(page)["drafts"][MEETING]["items"][0]["body"] == OWN_TEXT

    # Reload: the edit is still there.
    page.reload()
    page.locator(".kb-d-item").nth(7).wait_for()
    assert page.locator(".kb-d-item textarea.kb-d-body").first.input_value() == OWN_TEXT

    # Move the second example to aspect 3; aspect 1 renumbers.
    page.locator(".kb-d-item").nth(1).locator("select.kb-d-aspect").select_option(aspect3)
    page.wait_for_function("() => document.querySelectorAll('.kb-d-item').length === 8")
    assert leads(page, aspect1) == ["一是", "二是"]
    assert leads(page, aspect3) == ["一是"]
    # Move up within an aspect swaps and renumbers.
    third = page.locator(".kb-d-problem").nth(1)
    moved_ref = third.get_attribute("data-ref")
    third.locator('[data-kb-move="up"]').click()
    assert page.locator(".kb-d-problem").first.get_attribute("data-ref") == moved_ref

    # Export .docx: python-docx reads the edit, every aspect heading and the 公文格式 styles.
    page.wait_for_load_state("networkidle")
    quiet = len(page.sent)
    t0 = time.perf_counter()
    with page.expect_download() as info:
        page.locator('[data-kb-export="docx"]').click()
    download = info.value
    path = tmp_path / "draft.docx"
    download.save_as(path)
    wall_ms = (time.perf_counter() - t0) * 1000
    assert download.suggested_filename == "2025年度民主生活会个人对照检查材料（草稿）.docx"
    import docx
    doc = docx.Document(str(path))
    paras = [(p.style.style_id, p.text) for p in doc.paragraphs]
    text = "\n".join(t for _, t in paras)
    assert OWN_TEXT in text
    for a in meeting.aspects:
        assert any(sid == "KbH2" and a.heading in t for sid, t in paras), a.heading
    used = {sid for sid, _ in paras}
    assert {"KbTitle", "KbH1", "KbH2", "KbBody"} <= used
    runs = {r.style.style_id for p in doc.paragraphs for r in p.runs if r.style is not None}
    assert {"KbLead", "KbPlaceholder"} <= runs
    defined = {s.style_id for s in doc.styles}
    assert {"KbTitle", "KbName", "KbH1", "KbH2", "KbBody", "KbClosing", "KbSignature", "KbLead", "KbPlaceholder"} <= defined
    lead_para = next(p for p in doc.paragraphs if OWN_TEXT in p.text)
    assert lead_para.text.startswith("二是专题调研走过场")  # moved down by the move-up above
    export_ms = int(page.locator(".kb-draft").get_attribute("data-kb-export-ms"))
    print(f"\nexport .docx: {export_ms} ms in the page, {wall_ms:.0f} ms from click to file")

    # Export .md.
    with page.expect_download() as info:
        page.locator('[data-kb-export="md"]').click()
    assert info.value.suggested_filename == "2025年度民主生活会个人对照检查材料（草稿）.md"
    md = open(info.value.path(), encoding="utf-8-sig").read()
    assert OWN_TEXT in md and "**专题调研走过场，发现问题后跟踪整改不及时。**" in md

    # Exporting asked for nothing but the site's own styled base file (blob: URLs are the downloads).
    assert all(u.endswith("/assets/gongwen-base.docx") or u.startswith("blob:") for u, _, _ in page.sent[quiet:]), page.sent[quiet:]

    # Backup, change the draft, import the backup: the same draft again.
    before = stored(page)
    with page.expect_download() as info:
        page.locator('[data-kb-export="json"]').click()
    backup = tmp_path / "backup.json"
    info.value.save_as(backup)
    assert info.value.suggested_filename.endswith(".json")
    page.locator("[data-kb-remove]").first.click()
    assert page.locator(".kb-d-item").count() == 7
    page.locator(".kb-d-import-file").set_input_files(str(backup))
    page.locator('[data-kb-dialog="yes"]').click()
    page.wait_for_function("() => document.querySelectorAll('.kb-d-item').length === 8")
    assert stored(page) == before

    # Corrupt and foreign backups: a Chinese message, the draft untouched.
    for name, content in (("broken.json", b'{"format": "reviewkb-draft", '),
                          ("foreign.json", json.dumps({"name": "别的程序的文件", "items": [1]}).encode()),
                          ("evil.json", backup.read_text(encoding="utf-8").replace('"kind": "cause"', '"kind": "script"').encode())):
        page.locator(".kb-d-import-file").set_input_files({"name": name, "mimeType": "application/json", "buffer": content})
        alert = page.locator('.kb-d-status[role="alert"]')
        alert.wait_for()
        assert "导入失败" in alert.inner_text() and "没有任何改动" in alert.inner_text()
        assert stored(page) == before
        assert page.locator(".kb-d-item").count() == 8
        page.evaluate("document.querySelector('.kb-d-status').setAttribute('role', 'status')")

    # Nothing left 127.0.0.1, nothing was posted, no request carried draft text.
    host = urlparse(site_url).netloc
    assert page.sent
    for url, method, body in page.sent:
        assert urlparse(url).netloc == host or url.startswith(("blob:", "data:")), url
        assert method == "GET" and not body, (url, method)
        assert "专题调研" not in url and "%E4%B8%93%E9%A2%98" not in url
    assert not errors


def test_pick_aspect_off_an_aspect_page_and_several_drafts(page, site_url, kb):
    """From the example library the user picks the aspect, the example's own aspects first; another
    meeting keeps a draft of its own."""
    page.goto(site_url + "/examples/work-style/")
    item = page.locator('[data-kb-kind="problem"]').first
    pid = item.get_attribute("data-kb-id")
    item.locator("button.kb-add-draft").click()
    select = page.locator(".kb-draft-picker select")
    select.wait_for()
    own = [a for a in kb.by_id("problems")[pid].aspects if a.startswith(MEETING)]
    first_value = select.evaluate("s => s.options[0].value")
    if own:
        assert first_value == own[0]
    assert first_value.startswith(MEETING)
    target = kb.by_id("meetings")[MEETING].aspects[3].id
    select.select_option(target)
    page.locator(".kb-draft-pick").click()
    page.wait_for_function("() => document.querySelector('.kb-draft-counter').textContent === '草稿 1'")
    assert stored(page)["drafts"][MEETING]["items"][0]["aspect"] == target

    open_draft(page, site_url)
    assert leads(page, target) == ["一是"]
    page.locator('select[name="meeting"]').select_option("2024-mzsh")
    page.wait_for_function("() => document.querySelectorAll('.kb-d-item').length === 0")
    assert "2024年度" in page.locator("h2.kb-d-KbTitle").inner_text()
    page.locator('select[name="perspective"]').select_option("班子")
    assert "领导班子" in page.locator("h2.kb-d-KbTitle").inner_text()
    assert not page.locator('[data-section="personal-matters"]').count()
    page.locator('select[name="meeting"]').select_option(MEETING)
    page.wait_for_function("() => document.querySelectorAll('.kb-d-item').length === 1")
    assert set(stored(page)["drafts"]) == {MEETING, "2024-mzsh"}


def test_clearing_asks_first_and_offers_the_backup(page, site_url):
    add_from(page, f"{site_url}/measures/", 2, "measure")
    open_draft(page, site_url)
    page.locator('[data-kb-action="clear"]').click()
    dialog = page.locator("dialog.kb-d-dialog")
    assert dialog.is_visible() and "无法恢复" in dialog.inner_text()
    with page.expect_download() as info:
        page.locator('[data-kb-dialog="backup"]').click()
    assert info.value.suggested_filename.startswith("我的草稿备份")
    page.locator('[data-kb-dialog="no"]').click()
    assert page.locator(".kb-d-item").count() == 2
    page.locator('[data-kb-action="clear"]').click()
    page.locator('[data-kb-dialog="yes"]').click()
    page.wait_for_function("() => document.querySelectorAll('.kb-d-item').length === 0")
    assert stored(page)["drafts"][MEETING]["items"] == []


def test_draft_page_reads_well_without_script(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/draft/")
    assert page.locator(".kb-draft-intro").is_visible()
    assert page.locator(".kb-nojs").is_visible()
    assert not page.locator(".kb-draft").is_visible()
    assert "需要启用脚本" in page.locator(".kb-nojs").inner_text()
    context.close()


def test_a_marked_identical_span_disappears_once_rewritten(page, site_url):
    add_from(page, f"{site_url}/measures/", 1, "measure")
    open_draft(page, site_url)
    card = page.locator(".kb-d-item").first
    body = card.locator("textarea.kb-d-body")
    original = body.input_value()
    kept = original[5:17]
    body.fill(f"本人结合岗位实际，{kept}，并按月向支部报告进展。")
    marks = card.locator(".kb-d-same mark")
    assert marks.count() >= 1
    assert kept in "".join(marks.all_inner_texts())
    body.fill("本人结合岗位实际，每月初列出要办的三件事，并按月向支部报告进展。")
    assert card.locator(".kb-d-same mark").count() == 1, "the unchanged headline is still marked"
    card.locator("input.kb-d-title").fill("每月列出三件要办的事并向支部报告")
    assert card.locator(".kb-d-same mark").count() == 0


def test_offline_copy_opened_from_a_folder_exports_docx(browser, built_site):
    """The offline copy (file://): data and the base .docx are read through <script>, not fetch()."""
    site, _ = built_site
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "aspects" / f"{MEETING}-2" / "index.html").as_uri())
    page.locator("button.kb-add-draft").first.click()
    page.wait_for_function("() => document.querySelector('.kb-draft-counter').textContent === '草稿 1'")
    page.locator(".kb-draft-counter").click()
    page.locator(".kb-d-item").first.wait_for()
    with page.expect_download() as info:
        page.locator('[data-kb-export="docx"]').click()
    import docx
    doc = docx.Document(info.value.path())
    assert any(p.style.style_id == "KbH2" for p in doc.paragraphs)
    # The 整改清单 too: its form and landscape base come from a data script.
    with page.expect_download() as info:
        page.locator('[data-kb-export="rectify-docx"]').click()
    rect = docx.Document(info.value.path())
    assert rect.sections[0].page_width > rect.sections[0].page_height
    assert sum("方面问题一" in r.cells[1].text for r in rect.tables[0].rows) == 1
    assert not [e for e in errors if "kb.bundle" in e or "draft" in e]
    context.close()


def test_a_refused_save_is_reported(page, site_url):
    add_from(page, f"{site_url}/causes/", 1, "cause")
    open_draft(page, site_url)
    page.evaluate("() => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }")
    page.locator(".kb-d-item textarea.kb-d-body").first.fill("改写后的原因")
    alert = page.locator('.kb-d-status[role="alert"]')
    assert "拒绝保存" in alert.inner_text() and "导出备份" in alert.inner_text()


def test_unreadable_stored_drafts_are_kept_aside(page, site_url):
    page.goto(site_url + "/draft/")
    page.evaluate("() => localStorage.setItem('kb.drafts', '{\"format\": \"something-newer\"}')")
    page.reload()
    page.locator(".kb-d-toolbar").wait_for()
    assert page.evaluate("localStorage.getItem('kb.drafts.unreadable')") == '{"format": "something-newer"}'
    assert page.locator("h2.kb-d-KbTitle").count() == 1


def test_self_check_runs_on_the_draft(recorded, site_url):
    """自查 on the draft page: the same rules as the 自查 page, findings point into the draft."""
    page = recorded
    add_from(page, f"{site_url}/measures/", 1, "measure")
    open_draft(page, site_url)
    page.locator('[data-kb-action="check"]').click()
    findings = page.locator(".kb-d-findings li[data-rule]")
    findings.first.wait_for(timeout=30000)
    rules = set(findings.evaluate_all("els => els.map(e => e.dataset.rule)"))
    assert "blank" in rules, rules          # the template's 【请填写】 slots are still empty
    assert "kb-copy" in rules, rules        # the measure is still the knowledge base's own text
    page.locator('.kb-d-findings li[data-rule="kb-copy"]').first.click()
    assert page.locator(".kb-d-material .kb-d-located").count() == 1
    host = urlparse(site_url).netloc
    assert all(urlparse(u).netloc == host for u, _, _ in page.sent)
    assert all(method == "GET" for _, method, _ in page.sent)


# ---------------------------------------------------------------- one template file per meeting

def template_requests(urls: list[str]) -> list[str]:
    """Meeting ids of the template data files among the requested URLs, in request order."""
    return [u.split("/assets/data/templates/")[1].removesuffix(".js") for u in urls if "/assets/data/templates/" in u]


def title(page) -> str:
    return page.locator("h2.kb-d-KbTitle").inner_text()


def test_the_draft_page_loads_only_the_meeting_it_shows(page, site_url, kb):
    """Opening the draft loads the current meeting's template file only; switching meeting loads that
    meeting's file once; the user's text survives the switches; nothing leaves 127.0.0.1."""
    from reviewkb.pages.common import current_meeting

    assert current_meeting(kb).id == MEETING
    add_from(page, f"{site_url}/measures/", 1, "measure")
    page.requests.clear()
    open_draft(page, site_url)
    page.locator(".kb-d-item").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert template_requests(page.requests) == [MEETING]
    assert not any(u.endswith("/assets/data/templates.js") for u in page.requests)
    assert "2025年度民主生活会" in title(page)
    page.locator(".kb-d-item textarea.kb-d-body").fill(OWN_TEXT)

    page.locator('select[name="meeting"]').select_option("2024-zzsh")
    page.wait_for_function("() => document.querySelector('h2.kb-d-KbTitle').textContent.includes('2024年度组织生活会')")
    assert template_requests(page.requests) == [MEETING, "2024-zzsh"]
    assert page.locator(".kb-d-item").count() == 0 and not page.locator(".kb-d-fallback").count()
    assert page.locator(".kb-d-material").get_attribute("aria-busy") is None
    page.locator('select[name="perspective"]').select_option("班子")          # the same file has both
    assert "党支部委员会" in title(page)

    page.locator('select[name="meeting"]').select_option(MEETING)              # loaded already: no request
    page.wait_for_function("() => document.querySelectorAll('.kb-d-item').length === 1")
    assert page.locator(".kb-d-item textarea.kb-d-body").input_value() == OWN_TEXT
    assert stored(page)["drafts"][MEETING]["items"][0]["body"] == OWN_TEXT
    page.wait_for_load_state("networkidle")
    assert template_requests(page.requests) == [MEETING, "2024-zzsh"]
    assert all(urlparse(u).hostname == "127.0.0.1" for u in page.requests if not u.startswith(("blob:", "data:")))


def test_a_missing_template_file_lays_out_from_meta_and_keeps_the_draft(page, site_url, kb):
    """A template file that fails (404, offline copy missing it) gives a Chinese message and the layout
    from meta alone; the draft is untouched and works again with the next meeting."""
    add_from(page, f"{site_url}/aspects/{MEETING}-1/", 2, "problem")
    before = stored(page)
    page.route("**/assets/data/templates/2024-mzsh.js", lambda route: route.abort())
    open_draft(page, site_url)
    page.locator(".kb-d-item").nth(1).wait_for()

    page.locator('select[name="meeting"]').select_option("2024-mzsh")
    alert = page.locator('.kb-d-status[role="alert"]')
    alert.wait_for()
    assert "模板文件未能加载" in alert.inner_text() and "内容都在" in alert.inner_text()
    assert page.locator(".kb-d-fallback").count() == 1
    meeting = kb.by_id("meetings")["2024-mzsh"]
    assert "2024年度民主生活会" in title(page)
    assert page.locator("h4.kb-d-KbH2").count() == len(meeting.aspects)       # the meta-only layout
    assert stored(page)["drafts"][MEETING] == before["drafts"][MEETING]
    # .md export still works on the meta-only layout.
    with page.expect_download() as info:
        page.locator('[data-kb-export="md"]').click()
    assert "2024年度民主生活会" in open(info.value.path(), encoding="utf-8-sig").read()

    page.locator('select[name="meeting"]').select_option(MEETING)
    page.wait_for_function("() => document.querySelectorAll('.kb-d-item').length === 2")
    assert not page.locator(".kb-d-fallback").count()
    assert leads(page, f"{MEETING}-1") == ["一是", "二是"]
    assert stored(page)["drafts"][MEETING] == before["drafts"][MEETING]

    # Opening the page on a meeting whose file fails: the same message, the items still there.
    page.route(f"**/assets/data/templates/{MEETING}.js", lambda route: route.abort())
    page.reload()
    page.locator(".kb-d-item").nth(1).wait_for()
    assert "模板文件未能加载" in page.locator('.kb-d-status[role="alert"]').inner_text()
    assert page.locator(".kb-d-fallback").count() == 1
    assert leads(page, f"{MEETING}-1") == ["一是", "二是"]
    assert stored(page)["drafts"][MEETING] == before["drafts"][MEETING]


def test_switching_while_a_template_loads_keeps_edits_in_their_draft(page, site_url):
    """While another meeting's file is on its way, the material on screen can be neither edited nor
    exported; switching back before it arrives shows the first meeting, editable, with its text."""
    add_from(page, f"{site_url}/causes/", 1, "cause")
    held = []
    page.route("**/assets/data/templates/2023-mzsh.js", lambda route: held.append(route))
    open_draft(page, site_url)
    page.locator(".kb-d-item").first.wait_for()
    page.locator('select[name="meeting"]').select_option("2023-mzsh")
    page.wait_for_function("() => document.querySelector('.kb-d-material').getAttribute('aria-busy') === 'true'")
    assert page.evaluate("document.querySelector('.kb-d-material').inert")
    page.locator('[data-kb-export="md"]').click()
    assert "还在载入" in page.locator(".kb-d-status").inner_text()

    page.locator('select[name="meeting"]').select_option(MEETING)              # back before the file arrives
    page.wait_for_function("() => !document.querySelector('.kb-d-material').inert")
    page.locator(".kb-d-item textarea.kb-d-body").fill(OWN_TEXT)
    assert stored(page)["drafts"][MEETING]["items"][0]["body"] == OWN_TEXT
    assert len(held) == 1
    held[0].continue_()                                                         # the late file does not take over
    page.wait_for_timeout(300)
    assert "2025年度" in title(page)
    assert page.locator(".kb-d-item textarea.kb-d-body").input_value() == OWN_TEXT
    assert stored(page)["drafts"][MEETING]["items"][0]["body"] == OWN_TEXT
    assert stored(page)["drafts"]["2023-mzsh"]["items"] == []


def search_for(page, phrase):
    """Type a query into the header search box; returns the result rows once they are shown."""
    done = page.evaluate("document.documentElement.dataset.kbSearchDone || '0'")
    page.locator(".kb-search-input").fill(phrase)
    page.wait_for_function(f"() => (document.documentElement.dataset.kbSearchDone || '0') !== '{done}'"
                           " && !document.querySelector('.kb-search-status').textContent.includes('正在')", timeout=30000)
    return page.locator(".kb-search-results > li")


def result_row(page, phrase, item_id):
    rows = search_for(page, phrase)
    row = rows.filter(has=page.locator(f'a[href$="#{item_id}"]'))
    assert row.count() == 1, f"{item_id} not among the results for {phrase}"
    return row


def test_add_from_search_results(recorded, site_url, kb):
    """加入草稿 on search results: a cause by keyboard, an example through the aspect picker, a measure;
    guidance and criticisms get no button; the result link still navigates; the draft has all three."""
    page = recorded
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    cause = kb.causes[0]
    measure = kb.measures[1]
    problem = next(p for p in kb.problems if any(a.startswith(MEETING) for a in p.aspects))
    own = [a for a in problem.aspects if a.startswith(MEETING)]
    page.goto(site_url + "/criticisms/")
    page.locator(".kb-draft-counter").wait_for()

    # A cause, by keyboard: Tab from its result link reaches its button, Enter adds it.
    row = result_row(page, cause.title, cause.id)
    button = row.locator("button.kb-search-add")
    assert button.get_attribute("aria-label") == f"加入草稿：{cause.title}"
    assert button.inner_text() == "加入草稿"
    row.locator("a").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"加入草稿：{cause.title}"
    page.keyboard.press("Enter")
    page.wait_for_function("b => b.dataset.state === 'done'", arg=button.element_handle())
    assert button.inner_text() == "已在草稿中" and button.get_attribute("aria-label") == f"已在草稿中：{cause.title}"
    assert page.locator(".kb-draft-counter").inner_text() == "草稿 1"
    assert "已加入" in page.locator(".kb-toast").inner_text()
    assert page.url.startswith(site_url + "/criticisms/"), "adding does not navigate"
    # Again: nothing is added twice, and the user is told so.
    button.click()
    page.wait_for_function("() => document.querySelector('.kb-toast')?.textContent.includes('已在')")
    assert page.locator(".kb-draft-counter").inner_text() == "草稿 1"

    # An example: the user picks the aspect (its own aspects first), inside the results panel.
    row = result_row(page, problem.title, problem.id)
    row.locator("button.kb-search-add").click()
    select = row.locator(".kb-draft-picker select")
    select.wait_for()
    assert select.evaluate("s => s.options[0].value") == own[0]
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
    page.keyboard.press("Escape")   # closes the picker, the focus goes back to the button
    assert row.locator(".kb-draft-picker").count() == 0
    assert page.evaluate("document.activeElement.dataset.kbAdd") == problem.id
    assert page.locator(".kb-draft-counter").inner_text() == "草稿 1"
    page.keyboard.press("Enter")
    row.locator(".kb-draft-pick").click()
    page.wait_for_function("() => document.querySelector('.kb-draft-counter').textContent === '草稿 2'")
    assert row.locator("button.kb-search-add").get_attribute("data-state") == "done"
    assert page.evaluate("document.activeElement.dataset.kbAdd") == problem.id

    # Results that are not examples, causes or measures have no button; the others all have one.
    seen = set()
    for phrase in (kb.guides[0].title, kb.criticisms[0].topic, "形式主义"):
        rows = search_for(page, phrase)
        kinds = rows.locator(".kb-search-kind").all_inner_texts()
        buttons = [rows.nth(i).locator("button.kb-search-add").count() for i in range(rows.count())]
        assert kinds and buttons == [1 if k in ("问题示例", "原因剖析", "整改措施") else 0 for k in kinds], phrase
        seen.update(kinds)
    assert {"写法指导", "批评意见", "问题示例"} <= seen, seen

    # A measure; then Enter on its result link still opens the measure, whose own button agrees.
    row = result_row(page, measure.title, measure.id)
    row.locator("button.kb-search-add").click()
    page.wait_for_function("() => document.querySelector('.kb-draft-counter').textContent === '草稿 3'")
    row.locator("a").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"/measures/#{re.escape(measure.id)}$"))
    own_button = page.locator(f'[data-kb-id="{measure.id}"] button.kb-add-draft')
    own_button.wait_for()
    assert own_button.get_attribute("data-state") == "done"

    drafts = stored(page)["drafts"]
    assert [(x["kind"], x["ref"], x["aspect"]) for x in drafts[MEETING]["items"]] == [
        ("cause", cause.id, None), ("problem", problem.id, own[0]), ("measure", measure.id, None)]
    open_draft(page, site_url)
    page.locator(".kb-d-item").nth(2).wait_for()
    assert [page.locator(".kb-d-item").nth(i).get_attribute("data-ref") for i in range(3)] == [problem.id, cause.id, measure.id]
    assert leads(page, own[0]) == ["一是"]
    assert page.locator(".kb-d-item input.kb-d-title").nth(1).input_value() == cause.title

    host = urlparse(site_url).netloc
    assert page.sent
    assert all(urlparse(url).netloc == host or url.startswith(("blob:", "data:")) for url, _, _ in page.sent)
    assert not errors, errors


def test_add_from_search_results_in_the_offline_copy(browser, built_site, kb):
    """Opened from a folder (file://): the item shard loads by <script> and the counter follows."""
    site, _ = built_site
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / "guides" / "index.html").as_uri())
    cause = kb.causes[2]
    row = result_row(page, cause.title, cause.id)
    row.locator("button.kb-search-add").click()
    page.wait_for_function("() => document.querySelector('.kb-draft-counter').textContent === '草稿 1'")
    items = json.loads(page.evaluate("localStorage.getItem('kb.drafts')"))["drafts"][MEETING]["items"]
    assert [(x["ref"], x["title"]) for x in items] == [(cause.id, cause.title)]
    assert items[0]["body"] and items[0]["source"]["url"].endswith(f"#{cause.id}")
    assert not errors, errors
    context.close()


RECTIFY_DEADLINE = "会后1个月内把本人分管的三项积压事项逐项办结"
RECTIFY_CHECK = "年底前在班子会议上逐项报告办结情况"


def test_rectification_list_exported_from_the_draft(recorded, site_url, built_site, kb, tmp_path):
    """导出整改清单: one row per problem, the draft's measures with their 时限 and 检验方式, placeholders
    elsewhere, on landscape pages that look like the downloadable form; LibreOffice renders it."""
    import docx
    from docx.enum.section import WD_ORIENT
    from reviewkb.forms import form_path

    page = recorded
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    meeting = kb.by_id("meetings")[MEETING]
    problems = add_from(page, f"{site_url}/aspects/{meeting.aspects[0].id}/", 2, "problem")
    problems += add_from(page, f"{site_url}/aspects/{meeting.aspects[3].id}/", 1, "problem")
    add_from(page, f"{site_url}/causes/", 1, "cause")
    measures = add_from(page, f"{site_url}/measures/", 2, "measure")
    open_draft(page, site_url)
    page.locator(".kb-d-item").nth(5).wait_for()
    # The user writes a deadline and a check into the first measure.
    card = page.locator(f'.kb-d-measure[data-ref="{measures[0]}"]')
    card.locator("textarea.kb-d-body").fill(f"本人{RECTIFY_DEADLINE}，{RECTIFY_CHECK}。")
    measure_title = card.locator("input.kb-d-title").input_value()
    page.locator(".kb-d-cover li").nth(2).wait_for()
    page.wait_for_load_state("networkidle")
    quiet = len(page.sent)

    with page.expect_download() as info:
        page.locator('[data-kb-export="rectify-docx"]').click()
    assert info.value.suggested_filename == "2025年度民主生活会个人整改清单（草稿）.docx"
    path = tmp_path / "rectify.docx"
    info.value.save_as(path)
    status = page.locator(".kb-d-status").inner_text()
    assert "整改清单" in status and "列为" in status

    doc = docx.Document(str(path))
    section = doc.sections[-1]
    assert len(doc.sections) == 1 and section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    # The same page, table and header row as the form the site offers for download.
    form = docx.Document(str(built_site[0] / form_path(kb.by_id("forms")["rectification-list"], meeting, "docx")))
    fs = form.sections[0]
    for attr in ("page_width", "page_height", "left_margin", "right_margin", "top_margin", "bottom_margin", "footer_distance"):
        assert getattr(section, attr) == getattr(fs, attr), attr
    table, ftable = doc.tables[0], form.tables[0]
    from lxml import etree
    assert etree.tostring(table._tbl.tblPr) == etree.tostring(ftable._tbl.tblPr)
    assert [c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w") for c in table._tbl.tblGrid] == \
           [c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w") for c in ftable._tbl.tblGrid]
    assert [c.text for c in table.rows[0].cells] == [c.text for c in ftable.rows[0].cells]
    assert [c.paragraphs[0].style.style_id for c in table.rows[1].cells] == [c.paragraphs[0].style.style_id for c in ftable.rows[1].cells]
    assert [p.text for p in doc.paragraphs if p.style.style_id == "KbH1"] == [p.text for p in form.paragraphs if p.style.style_id == "KbH1"]
    assert doc.paragraphs[0].text == "2025年度民主生活会个人整改清单"

    columns = [c.text for c in table.rows[0].cells]
    col = {name: i for i, name in enumerate(columns)}
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    problem_rows = [r for r in rows if "方面问题" in r[col["问题"]]]
    orphan_rows = [r for r in rows if r[col["问题"]] == "【请填写：这条措施对应的问题】"]
    fixed = [r for r in rows if r[col["问题"]].startswith(("征求意见中认领的问题", "会上相互批评中收到的意见"))]
    # One row per problem of the draft (aspect and headline), each measure no problem takes a row,
    # then the form's two fixed rows; numbered 1, 2, 3 …
    assert len(problem_rows) == len(problems) and len(fixed) == 2
    assert len(rows) == len(problems) + len(orphan_rows) + 2
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert f"列为 {len(rows) - 2} 行" in status
    probs = kb.by_id("problems")
    for r, pid, (n, a) in zip(problem_rows, problems, [(1, meeting.aspects[0]), (2, meeting.aspects[0]), (1, meeting.aspects[3])]):
        assert r[col["问题"]].startswith(f"（{'一二三四五'[meeting.aspects.index(a)]}）{a.short}方面问题{'一二'[n - 1]}："), r
        assert probs[pid].title.rstrip("。") in r[col["问题"]]
    # The edited measure: its 时限 and 检验方式 clauses in their columns, wherever it stands.
    mine = [r for r in rows if measure_title in r[col["措施"]]]
    assert mine
    for r in mine:
        assert RECTIFY_DEADLINE in r[col["完成时限"]] and RECTIFY_CHECK in r[col["检验方式"]], r
    # 责任人 and 销号情况 are yellow placeholders in every row.
    for row in table.rows[1:]:
        for name in ("责任人", "销号情况"):
            cell = row.cells[col[name]]
            assert cell.text == f"【请填写：{name}】"
            assert all(run.style.style_id == "KbPlaceholder" for run in cell.paragraphs[0].runs)
    assert doc.tables[1].rows[1].cells[1].text == "【请填写：填报人】"
    ms = page.locator(".kb-draft").get_attribute("data-kb-rectify-ms")
    print(f"\n整改清单: {len(rows)} rows in {ms} ms in the page")
    for r in rows:
        print("  " + " | ".join(x.replace("\n", " / ") for x in r))

    # The same list as Markdown.
    with page.expect_download() as info:
        page.locator('[data-kb-export="rectify-md"]').click()
    assert info.value.suggested_filename == "2025年度民主生活会个人整改清单（草稿）.md"
    md = open(info.value.path(), encoding="utf-8-sig").read()
    assert md.startswith("# 2025年度民主生活会个人整改清单\n")
    assert "| 序号 | 问题 | 原因 | 措施 | 责任人 | 完成时限 | 检验方式 | 销号情况 |" in md
    assert sum(line.startswith("| ") and "方面问题" in line for line in md.splitlines()) == len(problems)
    assert RECTIFY_DEADLINE in md

    # Exporting asked for nothing but the site's own data file; nothing left 127.0.0.1.
    assert all(u.endswith("/assets/data/rectify.js") or u.startswith("blob:") for u, _, _ in page.sent[quiet:]), page.sent[quiet:]
    host = urlparse(site_url).netloc
    for url, method, body in page.sent:
        assert urlparse(url).netloc == host or url.startswith(("blob:", "data:")), url
        assert method == "GET" and not body, (url, method)
    assert not errors

    # LibreOffice renders it on A4 landscape pages.
    pdf = libreoffice_pdf(path, tmp_path)   # fails unless the conversion wrote a real PDF
    import subprocess
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size: +841\.89 x 595\.304", info), info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "整改清单" in text and "请填写" in text
