"""The .docx templates as built into the real site: 公文 format, content equal to the Markdown, rendering.

The rendering test converts the 2025 个人 template with Debian's LibreOffice (``soffice``) and reads the
PDF with poppler's ``pdftotext``; ``make test`` installs both when missing and running as root.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from conftest import libreoffice_pdf

from reviewkb.docx import PPR_ORDER, RPR_ORDER, base_docx
from reviewkb.templates import (CHARACTER_STYLES, PARAGRAPH_STYLES, aspect_heading, blocks_json, for_material,
                                template_blocks, template_path)

PERSPECTIVES = ("个人", "班子")
# style id -> (East Asian font, size in pt, alignment)
FONTS = {
    "KbTitle": ("方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER),
    "KbName": ("楷体_GB2312", 16, WD_ALIGN_PARAGRAPH.CENTER),
    "KbH1": ("黑体", 16, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "KbH2": ("楷体_GB2312", 16, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "KbBody": ("仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "KbClosing": ("仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "KbSignature": ("仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.RIGHT),
}


def templates(kb):
    return [(m, p) for m in kb.meetings for p in PERSPECTIVES]


def open_docx(site, m, p):
    return Document(str(site / template_path(m, p, "docx")))


def east_asian_font(style) -> str:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == fonts.get(qn("w:eastAsia"))
    return fonts.get(qn("w:eastAsia"))


def check_page_and_styles(doc, page=True):
    s = doc.sections[0]
    if page:
        check_portrait(s)
    check_styles(doc)


def check_portrait(s):
    for got, mm in ((s.page_width, 210), (s.page_height, 297), (s.top_margin, 37), (s.bottom_margin, 35), (s.left_margin, 28), (s.right_margin, 26)):
        assert abs(got - Mm(mm)) < Mm(0.1), (got, mm)
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch = int(grid.get(qn("w:linePitch")))
    text_height_pt = (s.page_height - s.top_margin - s.bottom_margin) / 12700
    assert int(text_height_pt * 20 // pitch) == 22                      # 22 lines a page
    char_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert int((s.page_width - s.left_margin - s.right_margin) / 12700 // char_pt) == 28  # 28 characters a line


def check_styles(doc):
    s = doc.sections[0]
    pitch = 579
    settings = doc.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    styles = {st.style_id: st for st in doc.styles}
    for sid, name in {**PARAGRAPH_STYLES, **CHARACTER_STYLES}.items():
        assert sid in styles and styles[sid].name == name, sid
    # none of our names is one Chinese Word/WPS shows for a built-in style
    builtin = {"正文", "标题", "副标题", "要点", "强调", "结束语", "签名", "称呼", "日期", "占位符文本", "引用", "明显引用",
               "列表段落", "无间隔", "页眉", "页脚", "批注文字", "表格文字"} | {f"标题 {n}" for n in range(1, 10)}
    ours = [st.name for st in doc.styles if st.style_id.startswith("Kb")]
    assert ours and not set(ours) & builtin, set(ours) & builtin
    for sid, (font, size, align) in FONTS.items():
        st = styles[sid]
        assert east_asian_font(st) == font and st.font.size == Pt(size), sid
        assert st.paragraph_format.alignment == align, sid
        assert st.paragraph_format.line_spacing == Pt(pitch / 20) or abs(st.paragraph_format.line_spacing - Pt(pitch / 20)) < 100
    for sid in ("KbH1", "KbH2", "KbBody", "KbClosing"):
        assert styles[sid].paragraph_format.first_line_indent == Pt(32), sid  # two characters of 3号
    assert styles["KbPlaceholder"].element.rPr.find(qn("w:highlight")).get(qn("w:val")) == "yellow"
    assert styles["KbLead"].font.bold is True
    assert styles["Normal"].element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"   # condensed 0.25 pt
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for p in (odd, even):
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        rpr = p.runs[0]._r.rPr
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体" and p.runs[0].font.size == Pt(14)


SECTPR_ORDER = ("headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
                "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid "
                "printerSettings sectPrChange").split()


def check_schema_order(raw: bytes) -> int:
    """Every w:pPr, w:rPr and w:sectPr in every XML part has its children in schema order (Word insists)."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    checked = 0
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        for name in z.namelist():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(z.read(name))
            for tag, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER), ("sectPr", SECTPR_ORDER)):
                for el in root.iter(w + tag):
                    names = [c.tag.replace(w, "") for c in el if isinstance(c.tag, str)]
                    if tag == "rPr" and el.getparent().tag == w + "pPr":
                        names = [n for n in names if n not in ("ins", "del", "moveFrom", "moveTo")]
                    idx = [order.index(n) for n in names]  # unknown names raise
                    assert idx == sorted(idx), (name, tag, names)
                    checked += 1
    return checked


def md_paragraphs(text: str) -> list[str]:
    """Visible paragraphs of a Markdown template: comments dropped, heading marks and bold removed."""
    assert text.startswith("\ufeff")
    body = re.sub(r"<!--.*?-->", "", text[1:], flags=re.S)
    out = []
    for para in re.split(r"\n\s*\n", body):
        para = para.strip()
        if para:
            out.append(html.unescape(re.sub(r"^#+ ", "", para).replace("**", "")))
    return out


def test_every_docx_is_a_gongwen_material(kb, built_site):
    site, _ = built_site
    sections = kb.by_id("sections")
    checked = 0
    for m, p in templates(kb):
        doc = open_docx(site, m, p)
        check_page_and_styles(doc)
        assert check_schema_order((site / template_path(m, p, "docx")).read_bytes()) > 100
        paras = doc.paragraphs
        texts = [x.text for x in paras]
        styles = [x.style.style_id for x in paras]
        assert styles[:2] == ["KbTitle", "KbName"] and styles[-3:] == ["KbClosing", "KbSignature", "KbSignature"]
        assert set(styles) <= set(PARAGRAPH_STYLES)
        h2 = [t for t, s in zip(texts, styles) if s == "KbH2"]
        assert [t.split("）", 1)[1] for t in h2] == [aspect_heading(a) for a in m.aspects], m.id
        h1 = [t.split("、", 1)[1] for t, s in zip(texts, styles) if s == "KbH1"]
        wanted = [for_material(sections[sid].heading, m, p) for sid in m.structure
                  if p in sections[sid].perspectives and sections[sid].heading]
        assert h1 == wanted, (m.id, p)
        for t in texts:
            assert not t.startswith("#") and "<!--" not in t and "**" not in t and "&lt;" not in t, t
        placeholder_runs = 0
        for para in paras:
            for run in para.runs:
                if "【请填写" in run.text:
                    assert run.style.style_id == "KbPlaceholder", run.text
                    assert re.fullmatch(r"【请填写：[^】]+】", run.text), run.text
                    placeholder_runs += 1
        assert placeholder_runs == sum(t.count("【请填写") for t in texts) >= 3 * len(m.aspects)
        md = (site / template_path(m, p, "md")).read_text(encoding="utf-8")
        assert len(doc.comments) == md.count("<!-- 提示：") == sum(1 for b in template_blocks(kb, m, p) if b.comment)
        assert all(c.author == "对照检查材料写作指南" and c.text for c in doc.comments)
        assert md_paragraphs(md) == texts, (m.id, p)
        checked += 1
    assert checked == 2 * len(kb.meetings)


def test_comments_are_anchored_on_their_block(kb, built_site):
    site, _ = built_site
    m = kb.by_id("meetings")["2025-mzsh"]
    doc = open_docx(site, m, "个人")
    body = doc.element.body
    anchored = []
    for p in body.iter(qn("w:p")):
        if p.find(qn("w:commentRangeStart")) is not None:
            assert p.find(qn("w:commentRangeEnd")) is not None  # the range covers its own paragraph
            anchored.append("".join(t.text for t in p.iter(qn("w:t"))))
    blocks = template_blocks(kb, m, "个人")
    assert anchored == [b.text for b in blocks if b.comment]
    first = doc.comments
    texts = [c.text for c in first]
    assert any("篇幅" in t and "经验值" in t for t in texts)
    assert any(t.startswith("官方表述：带头强化政治忠诚") for t in texts)


def test_base_docx_is_the_same_setup_with_an_empty_body(built_site):
    site, _ = built_site
    raw = (site / "assets" / "gongwen-base.docx").read_bytes()
    assert raw == base_docx()
    doc = Document(io.BytesIO(raw))
    check_page_and_styles(doc)
    assert check_schema_order(raw) > 10
    body = doc.element.body
    assert [el.tag for el in body] == [qn("w:sectPr")]
    names = zipfile.ZipFile(io.BytesIO(raw)).namelist()
    assert "word/comments.xml" not in names and "word/footer1.xml" in names


def test_template_data_files_hold_every_templates_blocks(kb, built_site):
    """The built site has one template data file per meeting (assets/data/templates/<id>.js), nothing else."""
    site, _ = built_site
    folder = site / "assets" / "data" / "templates"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{m.id}.js" for m in kb.meetings)
    assert not (site / "assets" / "data" / "templates.js").exists()
    data = {}
    for m in kb.meetings:
        raw = (folder / f"{m.id}.js").read_text(encoding="utf-8")
        assert not set("<>&") & set(raw)
        head = f'(d.templates = d.templates || {{}})["{m.id}"] = '
        data[m.id] = json.loads(raw[raw.index(head) + len(head):raw.rstrip().rindex("; })")])
        assert list(data[m.id]) == list(PERSPECTIVES)
        for p in PERSPECTIVES:
            assert data[m.id][p] == blocks_json(template_blocks(kb, m, p))
    block = data["2025-mzsh"]["个人"][5]
    assert set(block) == {"style", "runs", "comment", "section", "aspect", "slot"}
    assert all(set(r) == {"text", "style"} for r in block["runs"])


# ---------------------------------------------------------------- rendering with LibreOffice

def _pdf_lines(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page: text lines as (top y, left x, text), from pdftotext's word boxes."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, flags=re.S):
        lines: dict[float, list] = {}
        for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page):
            key = next((k for k in lines if abs(k - float(y)) < 4), float(y))
            lines.setdefault(key, []).append((float(x), html.unescape(word)))
        pages.append([(y, min(w)[0], "".join(t for _, t in sorted(w))) for y, w in sorted(lines.items())])
    return pages


@pytest.fixture(scope="module")
def rendered(kb, built_site, tmp_path_factory):
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.fail("需要 LibreOffice 和 poppler-utils：make test 会在 root 下自动安装")
    site, _ = built_site
    src = site / template_path(kb.by_id("meetings")["2025-mzsh"], "个人", "docx")
    return libreoffice_pdf(src, tmp_path_factory.mktemp("pdf"))


def test_libreoffice_renders_22_lines_a_page_and_page_numbers(rendered):
    pages = _pdf_lines(rendered)
    assert len(pages) >= 5
    full = 0
    for n, lines in enumerate(pages, 1):
        *body, footer = lines
        assert re.fullmatch(rf"—{n}—", footer[2]), (n, footer)
        assert (footer[1] > 595 / 2) == (n % 2 == 1), (n, footer)   # odd pages right, even pages left
        assert len(body) <= 22, n
        if n != 1:  # every line sits on the 28.95 pt grid (blank grid lines only at paragraph spacing)
            steps = [(b[0] - a[0]) / 28.95 for a, b in zip(body, body[1:])]
            assert all(abs(x - round(x)) < 0.02 and round(x) >= 1 for x in steps), (n, steps)
            full += len(body) == 22
    assert full >= (len(pages) - 2) // 2, "most inner pages are full pages of 22 lines"
    widths = [len(text.replace(" ", "")) for lines in pages for _, _, text in lines[:-1]]
    # LibreOffice fits 28 characters of 3号 on a line (one more where closing punctuation hangs); some of
    # its justified lines break early, which Word and WPS do not do.
    assert max(widths) <= 29 and widths.count(28) >= 5, "lines of 28 characters"
    top = pages[1][0][0]
    assert abs(top - 37 / 25.4 * 72) < 12                              # text starts 37 mm from the top


def test_docx_is_reproducible_and_names_its_fonts(kb):
    """The same blocks give the same bytes (no time stamps); the font table names every style font for GB2312."""
    from reviewkb.docx import render_docx

    m = kb.by_id("meetings")["2025-mzsh"]
    blocks = template_blocks(kb, m, "班子")
    raw = render_docx(blocks)
    assert raw == render_docx(blocks)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        fonts = z.read("word/fontTable.xml").decode("utf-8")
        comments = z.read("word/comments.xml").decode("utf-8")
    for font in ("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"):
        assert re.search(rf'<w:font w:name="{font}"><w:altName w:val="[^"]+"/><w:charset w:val="86"/>', fonts), font
    assert "w:date=" not in comments
    doc = Document(io.BytesIO(raw))
    assert doc.core_properties.title == blocks[0].text and doc.core_properties.author == ""


def test_render_docx_refuses_styles_outside_the_contract():
    from reviewkb.docx import render_docx
    from reviewkb.templates import Block, Run

    with pytest.raises(ValueError):
        render_docx([Block("Heading1", (Run("一、标题"),))])
    with pytest.raises(ValueError):
        render_docx([Block("KbBody", (Run("正文", "Strong"),))])
    doc = Document(io.BytesIO(render_docx([Block("KbBody", (Run("一是"), Run("要点。", "KbLead")), comment="提示")])))
    assert [(r.text, r.style.style_id) for r in doc.paragraphs[0].runs if r.text] == [("一是", "DefaultParagraphFont"),
                                                                           ("要点。", "KbLead")]
    assert [c.text for c in doc.comments] == ["提示"]


# ---------------------------------------------------------------- forms (会前会后用表)

def form_downloads(kb):
    from reviewkb.forms import form_meetings

    return [(f, m) for f in kb.forms for m in (form_meetings(kb) if f.per_meeting else [None])]


def docx_content(doc):
    """Body in order: paragraph texts (empty ones dropped) and tables as lists of rows of cell texts."""
    from docx.table import Table

    out = []
    for el in doc.element.body:
        if el.tag == qn("w:p"):
            text = "".join(t.text for t in el.iter(qn("w:t")))
            if text:
                out.append(text)
        elif el.tag == qn("w:tbl"):
            out.append([[c.text for c in row.cells] for row in Table(el, doc).rows])
    return out


def md_content(text: str):
    """The same from a form's Markdown: BOM required, hints dropped, pipe tables split into cells."""
    assert text.startswith("\ufeff")
    body = re.sub(r"<!--.*?-->", "", text[1:], flags=re.S)
    out = []
    for para in re.split(r"\n\s*\n", body):
        para = para.strip()
        if not para:
            continue
        if para.startswith("|"):
            rows = [r for r in para.splitlines() if not re.fullmatch(r"\|( --- \|)+", r)]
            out.append([[html.unescape(c.strip().replace("\\|", "|")) for c in re.split(r"(?<!\\)\|", r)[1:-1]]
                        for r in rows])
        else:
            out.append(html.unescape(re.sub(r"^#+ ", "", para)))
    return out


def _sections_of_tables(doc) -> list[int]:
    """Index of the section each table of the body sits in."""
    out, section = [], 0
    for el in doc.element.body:
        if el.tag == qn("w:tbl"):
            out.append(section)
        elif el.tag == qn("w:p") and el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            section += 1
    return out


def test_every_form_docx_is_a_gongwen_form_equal_to_its_markdown(kb, built_site):
    from reviewkb.docx import FORM_STYLES, TABLE_STYLES
    from reviewkb.forms import form_path, part_table

    site, _ = built_site
    checked = 0
    for form, m in form_downloads(kb):
        raw = (site / form_path(form, m, "docx")).read_bytes()
        doc = Document(io.BytesIO(raw))
        assert check_schema_order(raw) > 20
        tables = [part_table(kb, p, m) for p in form.parts if p.columns]
        # Page setup: portrait sections are the templates' page; a wide table sits on an A4 landscape page.
        check_page_and_styles(doc, page=not tables[0].wide)
        for s in doc.sections:
            if s.page_width < s.page_height:
                check_portrait(s)
            else:
                assert (round(s.page_width / Mm(1)), round(s.page_height / Mm(1))) == (297, 210)
                assert (round(s.left_margin / Mm(1)), round(s.right_margin / Mm(1)), round(s.top_margin / Mm(1)),
                        round(s.bottom_margin / Mm(1))) == (37, 35, 28, 26)
        styles = {st.style_id: st for st in doc.styles}
        assert {k: styles[k].name for k in {**TABLE_STYLES, **FORM_STYLES}} == {**TABLE_STYLES, **FORM_STYLES}
        assert east_asian_font(styles["KbTableHead"]) == "黑体" and east_asian_font(styles["KbTableText"]) == "仿宋_GB2312"
        assert styles["KbTableHead"].font.size == styles["KbTableText"].font.size == Pt(14)   # 4号
        # Tables: the form's columns and rows, header repeated, borders, widths inside the text block.
        assert len(doc.tables) == len(tables), form.id
        where = _sections_of_tables(doc)
        for i, (t, want, sec) in enumerate(zip(doc.tables, tables, where)):
            s = doc.sections[sec]
            # Wide tables are landscape; a narrow one only stays landscape after a wide one.
            landscape = want.wide or any(x.wide for x in tables[:i])
            assert (s.page_width > s.page_height) == landscape, (form.id, want.columns)
            cells = [[c.text for c in row.cells] for row in t.rows]
            assert cells == [list(want.columns), *map(list, want.rows)], form.id
            trs = t._tbl.findall(qn("w:tr"))
            assert trs[0].trPr.find(qn("w:tblHeader")) is not None
            assert all(tr.trPr is None or tr.trPr.find(qn("w:tblHeader")) is None for tr in trs[1:])
            borders = t._tbl.tblPr.find(qn("w:tblBorders"))
            assert {b.tag.split("}")[1] for b in borders if b.get(qn("w:val")) == "single"} == {
                "top", "left", "bottom", "right", "insideH", "insideV"}
            widths = [int(g.get(qn("w:w"))) for g in t._tbl.tblGrid.findall(qn("w:gridCol"))]
            text_width = (s.page_width - s.left_margin - s.right_margin) / 635
            assert abs(sum(widths) - text_width) < 20 and min(widths) >= 600, (form.id, widths)
            assert [c.paragraphs[0].style.style_id for c in t.rows[0].cells] == ["KbTableHead"] * len(want.columns)
            assert {c.paragraphs[0].style.style_id for row in t.rows[1:] for c in row.cells} == {"KbTableText"}
        # Every placeholder, in a paragraph or a cell, is a run of its own in the 占位符 style.
        runs = [r for p in doc.paragraphs for r in p.runs]
        runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
        holders = [r for r in runs if "【请填写" in r.text]
        assert holders and all(r.style.style_id == "KbPlaceholder" and re.fullmatch(r"【请填写：[^】]+】", r.text)
                               for r in holders), form.id
        text = "".join(r.text for r in runs)
        assert len(holders) == text.count("【请填写")
        assert "#" not in text and "<!--" not in text and "**" not in text and "&lt;" not in text
        # The .md carries the same paragraphs and the same cells, and its one hint is the one comment.
        md = (site / form_path(form, m, "md")).read_text(encoding="utf-8")
        assert md_content(md) == docx_content(doc), form.id
        assert len(doc.comments) == md.count("<!-- 提示：") == 1
        assert doc.paragraphs[0].style.style_id == "KbTitle" and doc.core_properties.title == doc.paragraphs[0].text
        checked += 1
    assert checked == len(form_downloads(kb)) >= 5


def test_form_docx_letters_have_an_addressee_and_a_signature(kb, built_site):
    from reviewkb.forms import form_path

    site, _ = built_site
    for fid in ("opinion-form", "meeting-report"):
        doc = Document(str(site / form_path(kb.by_id("forms")[fid], None, "docx")))
        styles = [(p.style.style_id, p.text) for p in doc.paragraphs if p.text]
        addressee = [t for s, t in styles if s == "KbAddressee"]
        signature = [t for s, t in styles if s == "KbSignature"]
        assert len(addressee) == 1 and addressee[0].endswith("】："), fid
        assert signature[-1] == "【请填写：日期】" and len(signature) == 2, fid


@pytest.fixture(scope="module")
def rendered_form(kb, built_site, tmp_path_factory):
    from reviewkb.forms import form_path

    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.fail("需要 LibreOffice 和 poppler-utils：make test 会在 root 下自动安装")
    site, _ = built_site
    src = site / form_path(kb.by_id("forms")["rectification-list"], kb.by_id("meetings")["2025-mzsh"], "docx")
    return libreoffice_pdf(src, tmp_path_factory.mktemp("formpdf"))


def test_libreoffice_renders_the_rectification_list_landscape_with_its_header_on_every_page(kb, rendered_form):
    sizes = subprocess.run(["pdfinfo", "-l", "99", str(rendered_form)], capture_output=True, text=True, check=True).stdout
    pages = _pdf_lines(rendered_form)
    assert len(pages) >= 3
    assert re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", sizes) == [("841.89", "595.304")] * len(pages)  # A4 landscape
    header = "序号问题原因措施责任人完成时限检验方式销号情况"
    rows = 0
    for n, lines in enumerate(pages, 1):
        *body, footer = lines
        assert re.fullmatch(rf"—{n}—", footer[2]), (n, footer)
        assert (footer[1] > 842 / 2) == (n % 2 == 1), (n, footer)    # odd pages right, even pages left
        # The header row repeats on every page that holds rows of the list (the 审核 table may follow alone).
        if any(re.search("问题[一二三]：|查摆的问题：|认领的问题：|收到的意见：", t) for _, _, t in body):
            assert any(text == header for _, _, text in body), n
            rows += 1
    assert rows >= 3
    assert any(t == "审核" for lines in pages for _, _, t in lines) and pages[0][0][2] == "2025年度民主生活会整改清单"
