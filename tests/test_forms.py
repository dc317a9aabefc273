"""Unit tests of the 会前会后 forms, guides and criticisms renderers (pure functions, no build)."""

from __future__ import annotations

import re

import markdown

from reviewkb.forms import NO_ROWS, form_files, form_meetings, form_path, meeting_rows, render_table, tidy
from reviewkb.model import Criticism, KnowledgeBase
from reviewkb.pages.guides import render_criticisms
from reviewkb.render import nav, render_downloads, render_pages

MD = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables"])


def html(text: str) -> str:
    MD.reset()
    return MD.convert(text)


def test_tidy_joins_chinese_lines_but_keeps_other_spaces():
    assert tidy("问题， 要写入 材料") == "问题，要写入材料"
    assert tidy("【请填写：甲】 【请填写：乙】") == "【请填写：甲】【请填写：乙】"
    assert tidy("use WPS 或 Word") == "use WPS 或 Word"
    assert tidy("宣读；\n班子成员\n\n第二段\n| 表 |") == "宣读；班子成员\n\n第二段\n| 表 |"


def test_table_numbers_rows_and_escapes_cells():
    rows = render_table(("序号", "问题", "措施"), ["甲|乙"], 3)
    assert rows[0] == "| 序号 | 问题 | 措施 |"
    assert rows[2] == "| 1 | 甲\\|乙 | 【请填写：措施】 |"
    blank = render_table(("事项", "建议"), [], 2)
    assert len(blank) == 4 and blank[2] == "| 【请填写：事项】 | 【请填写：建议】 |"
    record = render_table(("项目", "内容"), ["谈话时间"], 3)
    assert record[2] == "| 谈话时间 | 【请填写：谈话时间】 |"
    table = html("\n".join(rows))
    assert table.count("<tr>") == 2 and "甲|乙" in table


def test_rectification_rows_follow_the_meeting_structure(kb):
    m = kb.by_id("meetings")["2025-mzsh"]
    rows = meeting_rows(kb, m)
    extra = [s for s in m.structure if s not in NO_ROWS + ("problems",)]
    assert len(rows) == 3 * len(m.aspects) + len(extra)
    sections = kb.by_id("sections")
    expected_order = [sections[s].name if s != "problems" else a.short
                      for s in m.structure if s in extra or s == "problems"
                      for a in (m.aspects if s == "problems" else [None])]
    shown = [next(i for i, r in enumerate(rows) if label in r) for label in expected_order]
    assert shown == sorted(shown) and rows[0].startswith(sections["last-year-rectification"].name)
    for a in m.aspects:
        assert sum(a.short in r for r in rows) == 3, a.id
    assert any("反面典型案例剖析" in r for r in rows)
    members = meeting_rows(kb, kb.by_id("meetings")["2025-zzsh"])
    assert any("上次组织生活会整改落实情况" in r for r in members) and not any("个人自评" in r for r in members)


def test_every_form_download_is_a_markdown_table_with_one_placeholder_form(kb):
    files = form_files(kb)
    for form in kb.forms:
        meetings = form_meetings(kb) if form.per_meeting else [None]
        for m in meetings:
            raw = files[form_path(form, m)]
            assert raw.startswith("\ufeff"), form.id          # a BOM, so Notepad and browsers read UTF-8
            text = raw[1:]
            assert text.startswith(f"# {m.title if m else ''}{form.title}\n")
            out = html(text)
            assert out.count("<table>") == sum(1 for p in form.parts if p.columns), form.id
            visible = re.sub(r"<!--.*?-->", "", text, flags=re.S)
            placeholders = re.findall(r"【[^】]*】", visible)
            assert placeholders and all(p.startswith("【请填写：") for p in placeholders)
            assert text.count("<!-- 提示：") == 1 and "\n-->\n" in text   # the usage hint, as in the templates
            assert isinstance(files[form_path(form, m, "docx")], bytes)
    assert set(files) <= set(render_downloads(kb))


def test_rectification_download_names_every_aspect(kb):
    form = kb.by_id("forms")["rectification-list"]
    for m in form_meetings(kb):
        text = form_files(kb)[form_path(form, m)]
        assert "| 序号 | 问题 | 原因 | 措施 | 责任人 | 完成时限 | 检验方式 | 销号情况 |" in text
        for a in m.aspects:
            assert a.short in text, (m.id, a.id)


def test_criticisms_page_renders_each_entry_once_grouped_by_direction(kb):
    page = html(render_criticisms(kb))
    divs = [d for d in re.findall(r"<div [^>]*>", page) if 'data-kb-kind="criticism"' in d]
    ids = [re.search(r'data-kb-id="([^"]+)"', d).group(1) for d in divs]
    assert sorted(ids) == sorted(c.id for c in kb.criticisms)
    positions = [page.index(f'id="{a}"') for a in ("to-leader", "to-member", "leader-to-member", "between-members")]
    assert positions == sorted(positions)
    first_between = page.index('id="between-members"')
    for c in kb.criticisms:
        at = page.index(f'data-kb-id="{c.id}"')
        assert (at > first_between) == (c.direction == "支部党员之间"), c.id


def test_criticism_text_is_escaped():
    kb = KnowledgeBase(themes=(), roles=(), meetings=(), problems=(), causes=(), measures=(), sections=(), samples=(),
                       criticisms=(Criticism("x-1", "对班子成员", (), "<b>话题</b>", "<script>弱</script>", "规范 <i>说法</i>"),))
    page = render_criticisms(kb)
    assert "<script>" not in page and "<b>" not in page and "&lt;script&gt;" in page


def test_new_pages_are_registered_and_in_nav(kb):
    pages = render_pages(kb)
    for path in ["guides/index.md", "criticisms.md", *[f"guides/{g.id}.md" for g in kb.guides if g.id != "criticism"],
                 *[f"forms/{f.id}.md" for f in kb.forms]]:
        assert path in pages, path
    section = next(item["会前会后"] for item in nav(kb) if "会前会后" in item)
    targets = [v for entry in section for v in entry.values()]
    assert "criticisms.md" in targets and "guides/special-cases.md" in targets and "forms/rectification-list.md" in targets


def test_form_docx_is_reproducible_and_its_columns_fill_the_text_block(kb):
    from reviewkb.docx import column_widths
    from reviewkb.forms import FormTable, part_table

    assert form_files(kb) == form_files(kb)            # no time stamps: the same data give the same bytes
    rect = kb.by_id("forms")["rectification-list"]
    m = form_meetings(kb)[0]
    table = next(part_table(kb, p, m) for p in rect.parts if p.columns)
    assert table.wide and table.labels
    widths = column_widths(table, 12756)                # 225 mm, the landscape text block
    assert sum(widths) == 12756 and widths[1] == max(widths) and widths[0] == min(widths)
    record = column_widths(FormTable(("项目", "内容"), (("谈话时间", "【请填写：谈话时间】"),), labels=True), 8844)
    assert sum(record) == 8844 and record[1] > 2 * record[0]


def test_rectification_export_data_is_the_form_with_its_landscape_base(kb):
    """assets/data/rectify.js: the 整改清单 as the draft page fills it, from the same form content and widths."""
    import base64
    import io

    import docx
    from docx.enum.section import WD_ORIENT

    from reviewkb.assets import rectify_data, render_assets
    from reviewkb.docx import column_widths, landscape_text_width
    from reviewkb.forms import RECTIFY_FORM, form_content
    from reviewkb.pages.draft import render_draft
    from reviewkb.pages.guides import render_form_page

    data = rectify_data(kb)
    form = kb.by_id("forms")[RECTIFY_FORM]
    tables = [x["table"] for x in data["content"] if "table" in x]
    made = [x for x in form_content(kb, form) if not hasattr(x, "style")]
    assert [t["columns"] for t in tables] == [list(t.columns) for t in made]
    assert [t["fill"] for t in tables] == [p.rows_from == "meeting" for p in form.parts if p.columns]
    assert sum(t["fill"] for t in tables) == 1
    for t, m in zip(tables, made):
        assert t["widths"] == column_widths(m, landscape_text_width())
        assert sum(t["widths"]) == landscape_text_width()
    fill = next(t for t in tables if t["fill"])
    assert [r[1].split("：")[0] for r in fill["rows"]] == ["征求意见中认领的问题", "会上相互批评中收到的意见"]
    assert data["content"][0]["style"] == "KbTitle" and "我的草稿" in data["content"][0]["comment"]
    base = docx.Document(io.BytesIO(base64.b64decode(data["base"])))
    assert base.sections[0].orientation == WD_ORIENT.LANDSCAPE and not base.paragraphs and not base.tables
    assert {"KbTableHead", "KbTableText", "KbPlaceholder", "KbTitle", "KbH1"} <= {s.style_id for s in base.styles}
    assert data["look"]["head_style"] == "KbTableHead" and data["look"]["margin"] > 0
    assert "assets/data/rectify.js" in render_assets(kb, lambda p: p)
    # Both pages tell where the filled list comes from; the draft app is told the form exists.
    assert "导出整改清单（Word）" in render_draft(kb) and "data-kb-rectify" in render_draft(kb)
    assert "导出整改清单（Word）" in render_form_page(kb, form)
    assert "导出整改清单" not in render_form_page(kb, kb.by_id("forms")["talk-outline"])
