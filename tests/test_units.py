"""Unit tests of the pure core: YAML reading, escaping, rendering, templates, export."""

from __future__ import annotations

import json
import re

import markdown

from reviewkb import contrib
from reviewkb.errors import CODES
from reviewkb.export import render_kb_json
from reviewkb.model import Problem
from reviewkb.render import link, nav, render_pages, render_problem
from reviewkb.templates import render_template, template_files
from reviewkb.text import cn_number, comment, md, md_inline, ordinal, plain_title
from reviewkb.yamlio import parse

MD = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "admonition"])


def html(text: str) -> str:
    MD.reset()
    return MD.convert(text)


def test_parse_keeps_lines_of_keys_and_items():
    doc, findings = parse("problems:\n  - id: a\n    title: 甲\n  - id: b\n".encode(), "x.yaml")
    assert not findings
    items = doc["problems"]
    assert items.line_of(0) == 2 and items.line_of(1) == 4
    assert items[0].line_of("title") == 3


def test_parse_reports_control_characters_with_their_line():
    _, findings = parse("a: 1\nb: x\x00y\n".encode(), "x.yaml")
    assert [(f.code, f.line) for f in findings] == [("KB001", 2)]


def test_parse_reports_every_tab_line():
    _, findings = parse(b"a:\n\t- 1\n\t- 2\n", "x.yaml")
    assert [(f.code, f.line) for f in findings] == [("KB002", 2), ("KB002", 3)]


def test_escaping_keeps_markdown_but_not_html():
    out = html(md("**重点** <script>alert(1)</script> & 1 < 2"))
    assert "<strong>重点</strong>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out


def test_inline_escaping_cannot_start_attributes_or_links():
    out = html(f"### {md_inline('标题 {{ #evil onclick=x }} [链接](http://x)')} {{ #ok }}")
    assert 'id="ok"' in out and "onclick" not in out.split(">")[0] and "<a " not in out


def test_comment_text_cannot_close_the_comment():
    assert "-->" not in comment("提示 --> <!-- 结束 -->")


def test_plain_title_has_no_markup_characters():
    assert not set("<>&") & set(plain_title("<b>甲</b> & 乙"))


def test_chinese_numbers():
    assert [cn_number(n) for n in (1, 5, 10, 11, 20, 23)] == ["一", "五", "十", "十一", "二十", "二十三"]
    assert ordinal(3) == "三是"


def test_relative_links_between_generated_pages():
    assert link("aspects/2025-mzsh-1.md", "examples/work-style.md", "x-1") == "../examples/work-style.md#x-1"
    assert link("index.md", "causes.md") == "causes.md"


def test_render_problem_escapes_and_anchors(kb):
    p = Problem(id="t-1", title="<i>甲</i>标题", body="正文<b>x</b>", perspective="个人", roles=("office",),
                source="测试", cases=("比如，<img src=x>",), themes=("work-style",))
    out = html(render_problem(kb, "examples/work-style.md", p, searchable=True))
    assert 'id="t-1"' in out and 'data-kb-id="t-1"' in out
    assert "<i>" not in out and "<b>x" not in out and "<img" not in out
    assert "复制示例文本" in out
    hidden = html(render_problem(kb, "aspects/x.md", p, searchable=False))
    assert "data-search-exclude" in hidden


def test_every_page_renders_to_html(kb):
    pages = render_pages(kb)
    assert len(pages) == 11 + len(kb.meetings) + len(kb.aspects) + len(kb.themes) + len(kb.sections) \
        + len(kb.samples) + len(kb.roles)
    for path, text in pages.items():
        assert text.strip(), path
        body = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
        assert html(body).startswith("<h1"), path


def test_nav_titles_carry_no_markup(kb):
    def titles(items):
        for item in items:
            for title, value in item.items():
                yield title
                if isinstance(value, list):
                    yield from titles(value)
    assert all(not set("<>&") & set(t) for t in titles(nav(kb)))


def test_template_numbers_parts_and_repeats_slots(kb):
    meeting = kb.by_id("meetings")["2024-mzsh"]
    text = render_template(kb, meeting, "班子")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[0].startswith("一、") and [h.split("、")[0] for h in headings] == \
        ["一", "二", "三", "四", "五"][:len(headings)]
    assert text.count("一是【请填写：") >= len(meeting.aspects)
    assert "需要说明的个人事项" not in text  # 班子 materials have no personal matters
    assert len(template_files(kb)) == 2 * len(kb.meetings)


def test_kb_json_escapes_markup_but_round_trips(kb):
    raw = render_kb_json(kb)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    doc = json.loads(raw)
    assert doc["problems"][0]["title"] == kb.problems[0].title
    assert "loc" not in doc["problems"][0]


def test_contributor_tables_cover_every_code_and_field():
    table = contrib.codes_table()
    assert all(f"`{code}`" in table for code in CODES)
    filled = contrib.fill_markers("<!-- kb:fields:problems -->\n<!-- kb:codes -->")
    assert "`title`" in filled and "`KB001`" in filled and "<!--" not in filled


def test_serve_banner_lists_findings_as_text():
    out = html(contrib.findings_banner("data/problems/x.yaml:3: KB007 有未知字段“<script>”。\n数据检查未通过：共 1 处错误。"))
    assert 'class="admonition failure"' in out
    assert "<li>data/problems/x.yaml:3: KB007" in out and "&lt;script&gt;" in out and "<script>" not in out
