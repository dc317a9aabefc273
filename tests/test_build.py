"""A real `mkdocs build --strict` of the real data, and what it produces."""

from __future__ import annotations

import json
import os
from html import escape as html_escape
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from reviewkb.forms import form_meetings, form_name, form_path

# `python -m reviewkb` runs this checkout's core, whichever checkout .venv was installed from.
CORE_ENV = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
from reviewkb.pages.meetings import ASPECT_LIST_MAX
from reviewkb.templates import template_name, template_path

BAD = Path(__file__).parent / "fixtures" / "bad"


def test_strict_build_has_no_warnings(built_site):
    _, output = built_site
    assert "WARNING" not in output and "ERROR" not in output, output


def _search_docs(site: Path) -> list:
    """Every document of the site's own search index: [title, url, excerpt], in index order."""
    rows = []
    for f in sorted(site.glob("assets/search/d*.js"), key=lambda f: int(f.stem[1:])):
        rows += json.loads(re.search(r"\]=(.*);\}\)\(", f.read_text(encoding="utf-8"), re.S).group(1))
    assert rows
    return rows


def _search_locations(site: Path) -> Counter:
    return Counter(d[1] for d in _search_docs(site))


def _ids_in(site: Path, pattern: str) -> Counter:
    ids = Counter()
    for page in site.glob(pattern):
        ids.update(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
    return ids


def test_every_problem_is_rendered_once_in_the_library_and_indexed_once(kb, built_site):
    site, _ = built_site
    library = _ids_in(site, "examples/*/index.html")
    anchors = Counter(loc.split("#", 1)[1] for loc in _search_locations(site) if "#" in loc)
    for p in kb.problems:
        assert library[p.id] == 1, p.id
        assert anchors[p.id] == 1, f"{p.id} is in the search index {anchors[p.id]} times"


def test_every_cause_and_measure_is_rendered_once(kb, built_site):
    site, _ = built_site
    causes = _ids_in(site, "causes/index.html")
    measures = _ids_in(site, "measures/index.html")
    anchors = Counter(loc.split("#", 1)[1] for loc in _search_locations(site) if "#" in loc)
    for c in kb.causes:
        assert causes[c.id] == 1 and anchors[c.id] == 1, c.id
    for m in kb.measures:
        assert measures[m.id] == 1 and anchors[m.id] == 1, m.id


def test_every_item_has_exactly_one_full_rendering_in_the_site(kb, built_site):
    site, _ = built_site
    full = Counter()
    for page in site.rglob("*.html"):
        for tag in re.findall(r'<div class="kb-item[^"]*"[^>]*>', page.read_text(encoding="utf-8")):
            full[(re.search(r'data-kb-kind="(\w+)"', tag).group(1), re.search(r'data-kb-id="([^"]+)"', tag).group(1))] += 1
    expected = ([("problem", p.id) for p in kb.problems] + [("cause", c.id) for c in kb.causes]
                + [("measure", m.id) for m in kb.measures] + [("criticism", c.id) for c in kb.criticisms])
    assert sorted(full) == sorted(expected)
    assert set(full.values()) == {1}


def test_every_aspect_page_lists_each_mapped_example(kb, built_site):
    site, _ = built_site
    for a in kb.aspects:
        html = (site / "aspects" / a.id / "index.html").read_text(encoding="utf-8")
        assert 'class="kb-item' not in html, "aspect pages list examples, they do not repeat them"
        entries = re.findall(r'<li class="kb-entry" data-kb-kind="problem" data-kb-id="([^"]+)" data-kb-aspect="([^"]+)"'
                             r'[^>]*><a href="([^"]+)">', html)
        mapped = kb.problems_for_aspect(a)
        shown = {e[0] for e in entries}
        if len(mapped) <= ASPECT_LIST_MAX:
            assert shown == {p.id for p in mapped}, a.id
        else:   # a bounded list: the direct examples first, the rest from every role
            assert len(shown) == ASPECT_LIST_MAX and shown <= {p.id for p in mapped}, a.id
            assert {p.id for p in mapped if a.id in p.aspects} <= shown or len([p for p in mapped if a.id in p.aspects]) > ASPECT_LIST_MAX
        assert {e[1] for e in entries} == {a.id}
        for pid, _, href in entries:   # each entry links to the one full rendering
            target = (site / "aspects" / a.id / href.split("#")[0] / "index.html").resolve()
            assert f'data-kb-id="{pid}"' in target.read_text(encoding="utf-8") and href.endswith("#" + pid)
        assert len(html.encode("utf-8")) < 300_000
        assert a.heading.replace("“", "").replace("”", "")[:10] in html.replace("“", "").replace("”", "")


def test_every_page_kind_exists(kb, built_site):
    site, _ = built_site
    expected = ["index.html", "meetings/index.html", "examples/index.html", "causes/index.html",
                "measures/index.html", "sections/index.html", "downloads/index.html", "roles/index.html",
                "tags/index.html", "themes/index.html", "contributing/index.html", "kb.json"]
    expected += [f"meetings/{m.id}/index.html" for m in kb.meetings]
    expected += [f"examples/{t.id}/index.html" for t in kb.themes]
    expected += [f"roles/{r.id}/index.html" for r in kb.roles]
    expected += [f"sections/{s.id}/index.html" for s in kb.sections]
    expected += [f"samples/{x.id}/index.html" for x in kb.samples]
    missing = [p for p in expected if not (site / p).is_file()]
    assert not missing


def test_meeting_paperwork_pages_and_downloads_exist(kb, built_site):
    site, _ = built_site
    pages = ["guides/index.html", "criticisms/index.html"]
    pages += [f"guides/{g.id}/index.html" for g in kb.guides if g.id != "criticism"]
    pages += [f"forms/{f.id}/index.html" for f in kb.forms]
    assert [p for p in pages if not (site / p).is_file()] == []
    downloads = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    for form in kb.forms:
        page = (site / "forms" / form.id / "index.html").read_text(encoding="utf-8")
        for m in (form_meetings(kb) if form.per_meeting else [None]):
            for ext in ("docx", "md"):
                path = form_path(form, m, ext)
                name = f"{form_name(form, m)}.{ext}"  # saved under the Chinese name, served under the ASCII path
                assert (site / path).is_file(), path
                assert f'download="{name}"' in page and f'download="{name}"' in downloads, name
                assert f'download="{name}" href="{Path(path).name}"' in downloads, name
            # The .docx is offered first, each link with its file size.
            for html in (page, downloads):
                docx_at = html.index(f'download="{form_name(form, m)}.docx"')
                md_at = html.index(f'download="{form_name(form, m)}.md"')
                assert docx_at < md_at and re.search(r"\.md，\d+ KB", html[md_at:md_at + 300]), form.id
        assert page.count("<table>") >= sum(1 for p in form.parts if p.columns), form.id
    rect = (site / "downloads" / "2025-mzsh-rectification-list.md").read_text(encoding="utf-8")
    assert rect.startswith("\ufeff# 2025年度民主生活会整改清单")
    assert "| 序号 | 问题 | 原因 | 措施 | 责任人 | 完成时限 | 检验方式 | 销号情况 |" in rect
    index = (site / "guides" / "index.html").read_text(encoding="utf-8")
    assert "会前会后" in index and 'href="../criticisms/"' in index


def test_every_criticism_is_rendered_once_and_indexed_once(kb, built_site):
    site, _ = built_site
    html = (site / "criticisms" / "index.html").read_text(encoding="utf-8")
    divs = [d for d in re.findall(r"<div [^>]*>", html) if 'data-kb-kind="criticism"' in d]
    assert Counter(re.search(r'data-kb-id="([^"]+)"', d).group(1) for d in divs) == Counter(c.id for c in kb.criticisms)
    anchors = Counter(loc.split("#", 1)[1] for loc in _search_locations(site) if loc.startswith("criticisms/#"))
    assert all(anchors[c.id] == 1 for c in kb.criticisms)
    case = (site / "guides" / "case-study-by-role" / "index.html").read_text(encoding="utf-8")
    assert all(f'id="role-{r.id}"' in case for r in kb.roles)


def test_unverified_facts_are_marked_with_their_source(kb, built_site):
    site, _ = built_site
    for m in kb.meetings:
        html = (site / "meetings" / m.id / "index.html").read_text(encoding="utf-8")
        unverified = (not m.verified) + sum(not a.verified for a in m.aspects) + sum(not s.verified for s in m.sources)
        assert html.count(">待核实<") == unverified, m.id
        for s in m.sources:
            if s.url:
                assert f'href="{html_escape(s.url)}"' in html


def test_templates_hold_the_whole_material(kb, built_site):
    site, _ = built_site
    sections = kb.by_id("sections")
    for m in kb.meetings:
        for perspective in ("个人", "班子"):
            text = (site / template_path(m, perspective)).read_text(encoding="utf-8")
            for a in m.aspects:
                assert "（" in text and a.heading in text, (m.id, a.id)
            for sid in m.structure:
                s = sections[sid]
                if perspective in s.perspectives and s.heading:
                    assert s.heading in text, (m.id, sid)
            if "case-study" in m.structure:
                assert "反面典型案例剖析" in text
            assert ("需要说明的个人事项" in text) == (perspective == "个人" and "personal-matters" in m.structure)
            visible = re.sub(r"<!--.*?-->", "", text, flags=re.S)
            assert "提示" not in visible, "hints must live in comments only"
            placeholders = re.findall(r"【请填写[^】]*】", visible)
            assert len(placeholders) >= 3 * len(m.aspects)
            assert all(p.startswith("【请填写：") for p in placeholders), placeholders


def test_template_downloads_are_linked(kb, built_site):
    """Downloads page and meeting pages: .docx first, then .md, served ASCII, saved under the Chinese name."""
    site, _ = built_site
    html = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    for m in kb.meetings:
        meeting_html = (site / "meetings" / m.id / "index.html").read_text(encoding="utf-8")
        for perspective in ("个人", "班子"):
            links = []
            for ext in ("docx", "md"):
                name = Path(template_path(m, perspective, ext)).name
                size = (site / template_path(m, perspective, ext)).stat().st_size
                tag = re.search(rf'<a [^>]*href="{re.escape(name)}"[^>]*>([^<]*)</a>', html)
                assert tag, name
                assert f'download="{template_name(m, perspective)}.{ext}"' in tag.group(0)
                assert f"{size / 1024:.0f} KB" in tag.group(1)
                assert f'href="../../downloads/{name}"' in meeting_html
                links.append(tag.start())
            assert links[0] < links[1]  # .docx first


def test_kb_json_is_complete(kb, built_site):
    site, _ = built_site
    raw = (site / "kb.json").read_text(encoding="utf-8")
    doc = json.loads(raw)
    for name in ("meetings", "themes", "problems", "causes", "measures", "sections"):
        assert isinstance(doc[name], list) and doc[name]
        assert all(isinstance(x.get("id"), str) and x["id"] for x in doc[name])
        assert len(doc[name]) == len(getattr(kb, name)) == doc["counts"][name]
    for m in doc["meetings"]:
        assert isinstance(m["year"], int) and m["aspects"]
        assert all(a["id"] and a["themes"] for a in m["aspects"])
    assert all(p["themes"] or p["aspects"] for p in doc["problems"])
    assert "<" not in raw and ">" not in raw


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """A build whose data carries raw HTML in every kind of text field."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    for f in (project / "data" / "problems").glob("*.yaml"):
        if f.name != "sample-2021.yaml":
            f.unlink()
    shutil.copy(BAD / "html-title.yaml", project / "data" / "problems" / "html-title.yaml")
    # The worked chains point at the examples just removed: keep one, on the sample, with raw HTML in it.
    (project / "data" / "chains" / "chains.yaml").write_text(
        "chains:\n  - id: chain-hostile\n    title: 对应<b>粗体</b>\n    role: office\n    perspective: 个人\n"
        "    problem: sample-2021-p01\n    causes: [sample-2021-c1]\n    measures: [sample-2021-m1]\n"
        "    commentary: 说明<iframe>框架</iframe>\n", encoding="utf-8")
    meeting = project / "data" / "meetings" / "2021-mzsh.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "short: 感悟“两个确立”、坚定信仰信念信心", "short: 感悟<script>alert(3)</script>", 1), encoding="utf-8")
    section = project / "data" / "sections" / "sections.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace(
        "heading: 存在的问题", "heading: 存在的问题<svg onload=alert(4)>", 1), encoding="utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site


TAGS = re.compile(r"<(script>alert|img src=x|b>粗体|iframe>|i>标签|svg onload)")


def test_raw_html_in_data_never_becomes_a_tag(hostile_build):
    _, site = hostile_build
    checked = 0
    for path in site.rglob("*"):
        if path.suffix in (".html", ".md", ".json") and path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not TAGS.search(text), path
            checked += 1
    library = (site / "examples" / "work-style" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in library
    assert "&lt;b&gt;粗体标签&lt;/b&gt;" in library
    entry = next(d for d in _search_docs(site) if d[1].endswith("#xss-001"))
    assert "<script>" in entry[0], "the index holds the plain title; the page escapes it"
    for shard in site.glob("assets/search/*.js"):
        assert "<" not in shard.read_text(encoding="utf-8"), "no tag can appear in an index script"
    template = (site / "downloads" / "2021-mzsh-personal.md").read_text(encoding="utf-8")
    assert "、存在的问题&lt;svg onload=alert(4)&gt;" in template
    kb = json.loads((site / "kb.json").read_text(encoding="utf-8"))
    assert any(p["title"].startswith("<script>alert(1)</script>") for p in kb["problems"])
    assert checked > 50


def test_failed_build_leaves_the_previous_site_untouched(hostile_build):
    project, site = hostile_build
    marker = site / "previous-build.txt"
    marker.write_text("still here", encoding="utf-8")
    before = (site / "index.html").read_bytes()
    shutil.copy(BAD / "kb007-unknown.yaml", project / "data" / "problems" / "typo.yaml")
    try:
        result = mkdocs_build(project, site)
    finally:
        (project / "data" / "problems" / "typo.yaml").unlink()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/problems/typo.yaml:9: KB007" in output
    assert "Traceback" not in output
    assert marker.read_text(encoding="utf-8") == "still here"
    assert (site / "index.html").read_bytes() == before


def test_check_command_reports_and_exits_nonzero(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(BAD / "kb015-enum.yaml", data / "problems" / "enum.yaml")
    bad = subprocess.run([sys.executable, "-m", "reviewkb", "check", str(data)], capture_output=True, text=True,
                         env=CORE_ENV)
    assert bad.returncode == 1
    assert "data/problems/enum.yaml:6: KB015" in bad.stderr and "Traceback" not in bad.stderr
    good = subprocess.run([sys.executable, "-m", "reviewkb", "check", str(ROOT / "data")], capture_output=True, text=True,
                          env=CORE_ENV)
    assert good.returncode == 0 and "数据检查通过" in good.stdout


def test_committed_json_schemas_are_current(tmp_path):
    subprocess.run([sys.executable, "-m", "reviewkb", "schema", str(tmp_path)], check=True, capture_output=True,
                   env=CORE_ENV)
    for generated in tmp_path.glob("*.schema.json"):
        committed = ROOT / "schemas" / generated.name
        assert committed.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), \
            f"{committed} is stale: run `make schemas`"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read().decode("utf-8")


def test_serve_reports_errors_and_keeps_serving_the_last_good_build(hostile_build):
    project, _ = hostile_build
    port = _free_port()
    log = project / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project / "hooks"))
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                                 "-f", str(project / "mkdocs.yml")], stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=project)
    try:
        deadline = time.time() + 120
        while True:
            try:
                first = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert time.time() < deadline and proc.poll() is None, log.read_text()
                time.sleep(0.5)
        shutil.copy(BAD / "kb007-unknown.yaml", project / "data" / "problems" / "typo.yaml")
        deadline = time.time() + 120
        while "KB007" not in log.read_text():
            assert time.time() < deadline and proc.poll() is None, log.read_text()
            time.sleep(0.5)
        assert "data/problems/typo.yaml:9: KB007" in log.read_text()
        deadline = time.time() + 120
        while "数据检查未通过" not in (again := _get(f"http://127.0.0.1:{port}/")):
            assert time.time() < deadline, log.read_text()
            time.sleep(0.5)
        assert "data/problems/typo.yaml:9: KB007" in again
        banner = re.compile(r'<div class="admonition failure">.*?</div>\s*', re.S)
        epoch = re.compile(r"livereload\(\d+, \d+\)")  # serve injects a build counter
        assert epoch.sub("", banner.sub("", again)) == epoch.sub("", first)  # otherwise the last good site
        assert "Traceback" not in log.read_text()
        (project / "data" / "problems" / "typo.yaml").unlink()
        deadline = time.time() + 120
        while "数据检查未通过" in _get(f"http://127.0.0.1:{port}/"):
            assert time.time() < deadline, log.read_text()
            time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        (project / "data" / "problems" / "typo.yaml").unlink(missing_ok=True)
