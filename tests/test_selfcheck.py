"""The 自查 page in a real browser, and the same rules through the command-line wrapper on real data."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from xml.sax.saxutils import escape
from pathlib import Path

import pytest

from conftest import ROOT

SEED = ROOT / "tests" / "fixtures" / "seed-2021-office.txt"
CLEAN = ROOT / "tests" / "fixtures" / "selfcheck-clean-2025.txt"


def faulty_material(kb) -> tuple[str, dict[str, int]]:
    """A 2021 个人 material with exactly one fault of each kind; returns (text, rule -> paragraph number)."""
    copied = next(p for p in kb.problems if p.id.startswith("branch-") and "【" not in p.body and len(p.body) >= 40)
    paras = [
        ("2021年度党史学习教育专题民主生活会个人对照检查材料", None),
        ("按照通知要求，会前我认真学习近平新时代中国特色社会主义思想，参加集中学习6次，征求意见9条。", "formulation"),
        (f"会前翻看往年材料时记下一段：{copied.body[:34]}。", "kb-copy"),
        ("现将有关情况对照检查如下。", None),
        ("一、存在的问题", "missing-aspect"),
        ("（一）感悟“两个确立”、坚定信仰信念信心方面", None),
        ("一是党史学习与分管工作结合不紧。今年XX月参加专题研讨时，我的发言只谈了读书体会，没有联系分管的政务服务工作，会后也没有形成改进举措。", "blank"),
        ("二是对理论学习的系统性重视不足。平时学习多是零敲碎打，缺少通读原著的耐心，学过的内容没有及时联系分管工作思考。", "no-case"),
        ("（二）心怀“国之大者”、担当作为方面", None),
        ("一是落实上级部署时站位不够高。我习惯从本部门角度考虑问题。比如，对一些跨部门事项主动协调少，推动不力。", "abstract-case"),
        ("二是狠抓落实的韧劲有待进一步加强。我对部署过的事项跟踪问效少。布置完任务后很少回头检查。今年交办的8项督办事项中，有3项逾期后我才过问。", "stock-phrase"),
        ("（三）践行以人民为中心、为群众办实事方面", None),
        ("一是为群众办实事的主动性不强。虽然全年能够完成上级分派的民生任务，但我牵头的2件民生实事都是在群众反映后才启动的。", "praise-first"),
        ("二是班子回应群众诉求不够及时。班子对12345热线转办件研究不多，今年第三季度有15件超期办结。", "collective-voice"),
        ("（四）增强忧患意识、敢于善于斗争方面", None),
        ("一是对分管领域风险隐患的督促不力。有的干部对安全生产检查走过场，今年5月发现的2处隐患拖了1个月才整改。", "others-faults"),
        ("二是应对突发舆情的本领不足。今年8月一起网络投诉发酵后，我用了2天才拿出回应口径，错过了最佳处置时机。", "unanswered-problem"),
        ("二、原因剖析", "missing-part cause-angles"),
        ("（一）党性修养上放松了自我要求。我把完成任务当作尽责的全部，对政治理论学习和联系分管工作思考缺乏自觉，这是前面学用脱节、跟踪问效少等问题的思想根源。", None),
        ("（二）狠抓落实的韧劲有待加强。布置任务后很少回头检查，督办事项逾期较多。", "cause-restates"),
        ("三、整改措施", None),
        ("一是坚持把党史学习和理论学习同分管工作结合起来。每月至少安排1次专题学习，系统学习原著，学后联系分管的政务服务工作形成1条改进举措，年底在支部会上报告落实情况。", None),
        ("二是建立上级部署落实跟踪台账。对交办和督办事项逐项明确责任人，狠抓落实，逐项销号，由办公室核查销号情况。", "measure-deadline"),
        ("三是主动为群众办实事、回应群众诉求。每季度到分管的服务窗口蹲点1天，对12345热线转办件逐件过问。", "measure-check"),
        ("四是每月排查分管领域风险隐患。会后1个月内建立隐患清单，每月带队抽查1次，整改情况在班子会上通报。", None),
    ]
    expected = {}
    for n, (_, rules) in enumerate(paras, 1):
        for rule in (rules or "").split():
            expected[rule] = n
    return "\n".join(text for text, _ in paras), expected


def write_docx(path: Path, lines: list[str]) -> None:
    """A minimal Word document: one paragraph per line, split over two runs as Word often does."""
    def para(line: str) -> str:
        half = len(line) // 2
        return (f'<w:p><w:r><w:t xml:space="preserve">{escape(line[:half])}</w:t></w:r>'
                f'<w:r><w:t>{escape(line[half:])}</w:t></w:r></w:p>')
    body = "".join(para(line) for line in lines)
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>')


def _cli(*args: str) -> dict:
    out = subprocess.run(["node", "tools/selfcheck.mjs", "--json", *args], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def site_dir(built_site):
    return str(built_site[0])


def test_seed_against_its_own_meeting(site_dir):
    """The real sample: every aspect found, copies only of its own entries, 学习近平 flagged."""
    row = _cli("--site", site_dir, "--meeting", "2021-mzsh", "--perspective", "个人", str(SEED))["rows"][0]
    rules = [f["rule"] for f in row["findings"]]
    assert "missing-aspect" not in rules
    copies = [f for f in row["findings"] if f["rule"] == "kb-copy"]
    assert copies and all(f["item"].startswith("sample-2021-") for f in copies)
    wrong = [f for f in row["findings"] if f["rule"] == "formulation"]
    assert any(f["formulation"] == "xi-thought" and "学习近平" in f["reason"] for f in wrong)
    assert row["meeting"] == "2021-mzsh"


def test_seed_meeting_is_guessed_from_the_file(site_dir, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "2021年度民主生活会对照检查材料.txt"
    path.write_text(text, encoding="utf-8")
    row = _cli("--site", site_dir, str(path))["rows"][0]
    assert (row["meeting"], row["perspective"]) == ("2021-mzsh", "个人")


def test_clean_original_material_has_nothing_to_fix(site_dir):
    row = _cli("--site", site_dir, "--meeting", "2025-mzsh", "--perspective", "个人", str(CLEAN))["rows"][0]
    must = [f for f in row["findings"] if f["severity"] == "必须修改"]
    assert must == []
    assert row["counts"]["必须修改"] == 0


def test_cli_reports_unreadable_files_and_pairs(site_dir, tmp_path):
    a, b, empty = tmp_path / "甲.txt", tmp_path / "乙.txt", tmp_path / "空.txt"
    shared = "今年汛期前我没有逐一核对分管水库的巡查记录，直到七月暴雨后才发现两座小型水库的巡查表长期空白"
    a.write_text(f"一是防汛责任落实不细。{shared}。", encoding="utf-8")
    b.write_text(f"二是安全生产监管不严。{shared}，整改滞后。", encoding="utf-8")
    empty.write_bytes(b"")
    out = _cli("--site", site_dir, str(a), str(b), str(empty))
    assert [r["name"] for r in out["rows"]] == ["甲.txt", "乙.txt", "空.txt"]
    assert "空文件" in out["rows"][2]["error"]
    assert len(out["pairs"]) == 1 and (out["pairs"][0]["a"], out["pairs"][0]["b"]) == (0, 1)
    assert "巡查表长期空白" in out["pairs"][0]["runs"][0]["text"]


# ---------------------------------------------------------------- browser

def open_selfcheck(page, site_url):
    page.goto(site_url + "/selfcheck/")
    page.wait_for_selector("[data-module='kb-selfcheck'][data-ready='1']")


def run_check(page, text):
    page.fill("[data-sc='text']", text)
    page.click("[data-sc='run']")
    page.wait_for_function("() => /检查完成/.test(document.querySelector('[data-sc=status]').textContent)", timeout=30000)


def only_local(page, site_url):
    return [u for u in page.requests if not (u.startswith(site_url) or u.startswith("data:") or u.startswith("blob:"))]


def test_each_fault_is_found_once_in_its_paragraph(page, site_url, kb):
    text, expected = faulty_material(kb)
    open_selfcheck(page, site_url)
    page.fill("[data-sc='text']", text)
    assert "2021年度民主生活会" in page.text_content("[data-sc='guess']")
    assert page.input_value("[data-sc='meeting']") == "2021-mzsh"
    run_check(page, text)
    found = page.eval_on_selector_all("[data-sc='findings'] li[data-rule]",
                                      "els => els.map(e => [e.dataset.rule, Number(e.dataset.para)])")
    rules = [r for r, _ in found]
    for rule, para in expected.items():
        assert rules.count(rule) == 1, (rule, found)
        assert dict(found)[rule] == para, (rule, found)
    assert sorted(rules) == sorted(expected), found
    # Clicking a finding highlights it in the shown text.
    page.click("[data-sc='findings'] li[data-rule='others-faults']")
    mark = page.locator("[data-sc='shown'] mark")
    assert mark.count() == 1
    assert "有的干部" in mark.text_content()
    assert mark.locator("xpath=..").get_attribute("data-para") == str(expected["others-faults"])
    # Guidance links stay on this site.
    hrefs = page.eval_on_selector_all("[data-sc='findings'] a", "els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(site_url) for h in hrefs)
    copy_link = page.locator("li[data-rule='kb-copy'] a").get_attribute("href")
    assert re.search(r"#branch-\d+$", copy_link)
    assert only_local(page, site_url) == []


def test_a_long_material_is_checked_in_well_under_a_second(page, site_url):
    text = CLEAN.read_text(encoding="utf-8")
    extra = "\n".join(line for line in SEED.read_text(encoding="utf-8").splitlines() if line.startswith("一是"))
    big = text.replace("（五）扛起管党治党责任方面", "（五）扛起管党治党责任方面\n" + (extra + "\n") * 4)
    assert len(big) >= 10000
    open_selfcheck(page, site_url)
    run_check(page, big)   # the first check, right after the page has loaded
    ms = int(re.search(r"（(\d+) 毫秒）", page.text_content("[data-sc='status']")).group(1))
    assert ms < 1000


def test_report_export_and_no_request_leaves(page, site_url, kb):
    text, _ = faulty_material(kb)
    open_selfcheck(page, site_url)
    run_check(page, text)
    with page.expect_download() as info:
        page.click("[data-sc='export']")
    report = Path(info.value.path()).read_text(encoding="utf-8")
    assert report.startswith("# 材料自查报告")
    assert "提法不规范（formulation）" in report and "学习近平" in report
    assert only_local(page, site_url) == []


BAD_FILES = [
    ("空.txt", b"", "空文件"),
    ("假.docx", "这不是压缩包".encode("utf-8"), "不是有效的 .docx"),
    ("大.txt", b"A" * (20 * 1024 * 1024), "超过 5 MB"),
]


@pytest.mark.parametrize("name,data,message", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_gets_a_message_and_the_page_keeps_working(page, site_url, name, data, message):
    open_selfcheck(page, site_url)
    page.set_input_files("[data-sc='files']", files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
    page.wait_for_function("m => document.querySelector('[data-sc=status]').textContent.includes(m)", arg=message)
    assert "kb-sc-error" in page.get_attribute("[data-sc='status']", "class")
    run_check(page, SEED.read_text(encoding="utf-8"))
    assert page.locator("[data-sc='findings'] li[data-rule='formulation']").count() >= 1
    assert only_local(page, site_url) == []


def test_gbk_text_file_is_read_and_the_user_told(page, site_url):
    open_selfcheck(page, site_url)
    data = SEED.read_text(encoding="utf-8").encode("gb18030")
    page.set_input_files("[data-sc='files']", files=[{"name": "2021年度民主生活会材料.txt", "mimeType": "text/plain", "buffer": data}])
    page.wait_for_function("() => /检查完成/.test(document.querySelector('[data-sc=status]').textContent)", timeout=30000)
    assert "GBK" in page.text_content("[data-sc='status']")
    assert "带头深刻感悟" in page.input_value("[data-sc='text']")
    assert page.locator("[data-sc='findings'] li[data-rule='missing-aspect']").count() == 0


def test_docx_is_read_in_the_browser(page, site_url, tmp_path):
    path = tmp_path / "2021年度民主生活会对照检查材料.docx"
    write_docx(path, SEED.read_text(encoding="utf-8").splitlines())
    open_selfcheck(page, site_url)
    page.set_input_files("[data-sc='files']", str(path))
    page.wait_for_function("() => /检查完成/.test(document.querySelector('[data-sc=status]').textContent)", timeout=30000)
    assert page.input_value("[data-sc='meeting']") == "2021-mzsh"
    assert page.locator("[data-sc='findings'] li[data-rule='formulation']").count() >= 1
    assert page.locator("[data-sc='findings'] li[data-rule='missing-aspect']").count() == 0


def test_many_files_give_rows_and_shared_text_pairs(page, site_url):
    shared = "今年汛期前我没有逐一核对分管水库的巡查记录，直到七月暴雨后才发现两座小型水库的巡查表长期空白"
    files = [
        {"name": "甲.txt", "mimeType": "text/plain", "buffer": f"一是防汛责任落实不细。{shared}。".encode()},
        {"name": "乙.txt", "mimeType": "text/plain", "buffer": f"二是安全生产监管不严。{shared}，整改滞后。".encode()},
        {"name": "丙.txt", "mimeType": "text/plain", "buffer": "一是调研不深入。今年只到基层3次。".encode()},
        {"name": "丁.docx", "mimeType": "application/octet-stream", "buffer": b"not a zip"},
    ]
    open_selfcheck(page, site_url)
    page.set_input_files("[data-sc='files']", files=files)
    page.wait_for_function("() => /两两比对/.test(document.querySelector('[data-sc=status]').textContent)", timeout=30000)
    rows = page.locator("[data-sc='batch'] table.kb-sc-files tr[data-file]")
    assert rows.count() == 4
    assert "不是有效的 .docx" in rows.nth(3).text_content()
    pairs = page.locator("[data-sc='batch'] table.kb-sc-pairs tr[data-rule='shared-text']")
    assert pairs.count() == 1
    assert "甲.txt" in pairs.first.text_content() and "乙.txt" in pairs.first.text_content()
    assert "巡查表长期空白" in pairs.first.text_content()
    assert only_local(page, site_url) == []


# ---------------------------------------------------------------- one source of truth

def test_rule_list_read_by_python_matches_javascript():
    from reviewkb.checkrules import rules
    out = subprocess.run(["node", "--input-type=module", "-e",
                          "import { RULES } from './docs/assets/js/check-rules.js'; console.log(JSON.stringify(RULES));"],
                         cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    assert [r.__dict__ for r in rules()] == json.loads(out.stdout)


def test_rules_are_listed_on_the_page_and_the_contributor_page(kb):
    from reviewkb.checkrules import rules
    from reviewkb.contrib import fill_markers
    from reviewkb.render import render_pages
    page = render_pages(kb)["selfcheck.md"]
    contrib = fill_markers("<!-- kb:rules -->\n<!-- kb:fields:formulations -->")
    for r in rules():
        assert f">{r.id}</code>" in page and f">{r.id}</code>" in contrib
    assert 'data-module="kb-selfcheck"' in page
    assert "`variants`" in contrib


def test_formulations_are_shown_and_emitted_for_scripts(kb):
    from reviewkb.assets import render_assets
    from reviewkb.render import render_pages
    assert len(kb.formulations) >= 40
    page = render_pages(kb)["formulations.md"]
    script = render_assets(kb, lambda p: p)["assets/data/formulations.js"]
    for f in kb.formulations:
        assert f"{{ #{f.id} }}" in page
        assert f'"page":"formulations.md#{f.id}"' in script
    assert "学习近平新时代" in script
    pages = render_assets(kb, lambda p: "/" + p)["assets/data/pages.js"]
    assert '"selfcheck.md":"/selfcheck.md"' in pages and '"sections/problems.md"' in pages


def test_every_template_is_recognised_against_its_own_meeting(site_dir, kb):
    """The site's own .md templates: meeting guessed from the title, every part and aspect found,
    and their 【请填写：…】 placeholders reported as blanks."""
    files = [str(Path(site_dir) / "downloads" / f"{m.id}-{v}.md") for m in kb.meetings for v in ("personal", "team")]
    rows = _cli("--site", site_dir, *files)["rows"]
    for m, row in zip([m for m in kb.meetings for _ in (0, 1)], rows):
        rules = {f["rule"] for f in row["findings"]}
        assert row["meeting"] == m.id, row["name"]
        assert "blank" in rules, row["name"]
        assert not rules & {"missing-aspect", "missing-part", "kb-copy", "formulation"}, (row["name"], rules)
    assert [r["perspective"] for r in rows] == ["个人", "班子"] * len(kb.meetings)
