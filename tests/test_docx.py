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


def check_page_and_styles(doc):
    s = doc.sections[0]
    for got, mm in ((s.page_width, 210), (s.page_height, 297), (s.top_margin, 37), (s.bottom_margin, 35), (s.left_margin, 28), (s.right_margin, 26)):
        assert abs(got - Mm(mm)) < Mm(0.1), (got, mm)
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch = int(grid.get(qn("w:linePitch")))
    text_height_pt = (s.page_height - s.top_margin - s.bottom_margin) / 12700
    assert int(text_height_pt * 20 // pitch) == 22                      # 22 lines a page
    char_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert int((s.page_width - s.left_margin - s.right_margin) / 12700 // char_pt) == 28  # 28 characters a line
    settings = doc.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    styles = {st.style_id: st for st in doc.styles}
    for sid, name in {**PARAGRAPH_STYLES, **CHARACTER_STYLES}.items():
        assert sid in styles and styles[sid].name == name, sid
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


def test_templates_js_holds_every_templates_blocks(kb, built_site):
    site, _ = built_site
    raw = (site / "assets" / "data" / "templates.js").read_text(encoding="utf-8")
    assert not set("<>&") & set(raw.split("=", 2)[-1])
    start = raw.index('["templates"] = ') + len('["templates"] = ')
    data = json.loads(raw[start:raw.rstrip().rindex(";")])
    assert set(data) == {m.id for m in kb.meetings}
    for m in kb.meetings:
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
    out = tmp_path_factory.mktemp("pdf")
    src = site / template_path(kb.by_id("meetings")["2025-mzsh"], "个人", "docx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
                    "--outdir", str(out), str(src)], capture_output=True, check=True, timeout=180)
    pdf = out / (src.stem + ".pdf")
    assert pdf.exists()
    return pdf


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
