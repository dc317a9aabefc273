"""Materials as .docx in 公文 format (GB/T 9704-2012 as applied to 对照检查材料), from the block model.

One source of formatting truth: ``base_docx()`` (page setup, styles, footers, empty body) is what the
browser's draft export fills, and ``render_docx(blocks)`` builds the same document with a body.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.text.run import Run

from .templates import CHARACTER_STYLES, PARAGRAPH_STYLES, Block

# Sizes: 2号 22 pt, 3号 16 pt, 4号 14 pt.
SIZE_2, SIZE_3, SIZE_4 = Pt(22), Pt(16), Pt(14)
XIAOBIAOSONG, FANGSONG, KAITI, HEITI, SONGTI = "方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"
# 22 lines of 28 characters on a 225 mm x 156 mm text block: line pitch 579 twips (28.95 pt); the
# character pitch is 16 pt reduced by 849/4096 pt (15.79 pt), so that 28 characters fill 156 mm.
LINE_PITCH = 579
CHAR_SPACE = -849
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22
CONDENSE = -5                           # character spacing in twentieths of a point
INDENT_2 = Twips(640)                   # two characters of 3号
AUTHOR, INITIALS = "对照检查材料写作指南", "指南"


def _fonts(rpr, name: str) -> None:
    """Set a font for every script (ascii, hAnsi, eastAsia, cs), as WPS and Word both look it up."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


# Child order of w:pPr and w:rPr in the OOXML schema (ISO/IEC 29500 CT_PPrBase, CT_RPr): Word refuses
# a file whose properties are out of order, so every property we add goes into its place.
PPR_ORDER = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
             "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
             "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
             "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()
RPR_ORDER = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
             "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
             "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split()


def _put(parent, el) -> None:
    """Add a property element to w:pPr or w:rPr in schema order (replacing one with the same tag)."""
    _put_in(parent, el)


def _el(tag: str, **attrs) -> OxmlElement:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    return el


def _style_font(style, name: str, size) -> None:
    style.font.size = size
    style.font.name = name
    _fonts(style.element.get_or_add_rPr(), name)


def _exact(pf, before: int = 0, after: int = 0) -> None:
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Twips(LINE_PITCH)
    pf.space_before = Twips(before)
    pf.space_after = Twips(after)


def _first_line_chars(style, chars: int = 2) -> None:
    """First-line indent in characters (Word and WPS keep it at two characters when the font changes)."""
    style.paragraph_format.first_line_indent = INDENT_2 if chars == 2 else Twips(320 * chars)
    ind = style.element.get_or_add_pPr().find(qn("w:ind"))
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _new_paragraph_style(doc, name: str, sid: str, font: str, size, align):
    """A quick paragraph style on Normal with the contract's id, its Chinese name, font and alignment."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = sid
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _style_font(style, font, size)
    style.paragraph_format.alignment = align
    return style


def _paragraph_style(doc, sid: str, font: str, size, align, indent: bool, before=0, after=0, outline=None,
                     names=PARAGRAPH_STYLES):
    style = _new_paragraph_style(doc, names[sid], sid, font, size, align)
    pf = style.paragraph_format
    _exact(pf, before, after)
    if indent:
        _first_line_chars(style)
    else:
        pf.first_line_indent = Twips(0)
    if outline is not None:
        _put(style.element.get_or_add_pPr(), _el("w:outlineLvl", val=outline))
        pf.keep_with_next = True
    return style


def _setup(doc) -> None:
    # Page: A4, margins 37/35/28/26 mm, 22 x 28 grid.
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(23)
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    sect.append(_el("w:docGrid", type="linesAndChars", linePitch=LINE_PITCH, charSpace=CHAR_SPACE))

    styles = doc.styles
    # The default template's Title would show in a Chinese UI under the same name as ours.
    for sid in ("Title",):
        el = styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{sid}']")
        if el is not None:
            styles.element.remove(el)
    # Document defaults and Normal: 3号 仿宋_GB2312, exact 28.95 pt, justified.
    rpr_default = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr_default, FANGSONG)
    _put(rpr_default, _el("w:sz", val=32))
    _put(rpr_default, _el("w:szCs", val=32))
    _put(rpr_default, _el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    normal = styles["Normal"]
    _style_font(normal, FANGSONG, SIZE_3)
    _exact(normal.paragraph_format)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = False
    # Condensed by 0.25 pt: a 3号 character then fits one cell of the 15.79 pt character grid in renderers
    # that give a wider glyph two cells (LibreOffice); Word and WPS lay out 28 characters either way.
    _put(normal.element.get_or_add_rPr(), _el("w:spacing", val=CONDENSE))

    C, J, R = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.RIGHT
    title = _paragraph_style(doc, "KbTitle", XIAOBIAOSONG, SIZE_2, C, False, after=LINE_PITCH)
    _put(title.element.get_or_add_pPr(), _el("w:snapToGrid", val=0))   # 2号 characters keep their own width

    _paragraph_style(doc, "KbName", KAITI, SIZE_3, C, False, after=LINE_PITCH)
    _paragraph_style(doc, "KbH1", HEITI, SIZE_3, J, True, outline=0)
    _paragraph_style(doc, "KbH2", KAITI, SIZE_3, J, True, outline=1)
    _paragraph_style(doc, "KbBody", FANGSONG, SIZE_3, J, True)
    closing = _paragraph_style(doc, "KbClosing", FANGSONG, SIZE_3, J, True, after=2 * LINE_PITCH)
    signature = _paragraph_style(doc, "KbSignature", FANGSONG, SIZE_3, R, False)
    closing.paragraph_format.keep_with_next = signature.paragraph_format.keep_with_next = True
    signature.paragraph_format.right_indent = Twips(4 * 320)   # 落款 right-aligned, four characters in
    signature.element.get_or_add_pPr().find(qn("w:ind")).set(qn("w:rightChars"), "400")

    placeholder = styles.add_style(CHARACTER_STYLES["KbPlaceholder"], WD_STYLE_TYPE.CHARACTER)
    placeholder.style_id = "KbPlaceholder"
    placeholder.quick_style = True
    rpr = placeholder.element.get_or_add_rPr()
    # Highlight for Word and WPS; the same yellow as shading, which every renderer applies from a style.
    _put(rpr, _el("w:highlight", val="yellow"))
    _put(rpr, _el("w:shd", val="clear", color="auto", fill="FFFF00"))
    lead = styles.add_style(CHARACTER_STYLES["KbLead"], WD_STYLE_TYPE.CHARACTER)
    lead.style_id = "KbLead"
    lead.quick_style = True
    lead.font.bold = True
    _put(lead.element.get_or_add_rPr(), _el("w:bCs"))

    # Footer page numbers “— 1 —”, 4号 宋体: odd pages right, even pages left, one character in.
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(p, align) -> None:
    p.alignment = align
    pf = p.paragraph_format
    pf.first_line_indent = Twips(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.space_before = pf.space_after = Twips(0)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        pf.right_indent = Twips(280)
    else:
        pf.left_indent = Twips(280)
    _put(p.paragraph_format.element.get_or_add_pPr(), _el("w:snapToGrid", val=0))

    def run(text=None, field=None):
        r = p.add_run(text or "")
        r.font.size = SIZE_4
        r.font.name = SONGTI
        _fonts(r._r.get_or_add_rPr(), SONGTI)
        if field == "instr":
            r._r.remove(r._r.findall(qn("w:t"))[0]) if r._r.findall(qn("w:t")) else None
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            r._r.append(instr)
        elif field:
            r._r.append(_el("w:fldChar", fldCharType=field))
        return r

    run("— ")
    run(field="begin")
    run(field="instr")
    run(field="separate")
    run("1")
    run(field="end")
    run(" —")


class _FixedTimeZip:
    """The zip writer python-docx's PackageWriter writes a package through, with fixed timestamps."""

    def __init__(self, buf) -> None:
        self._zip = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=(1980, 1, 1, 0, 0, 0))
        self._zip.writestr(info, blob, compress_type=zipfile.ZIP_DEFLATED)

    def close(self) -> None:
        self._zip.close()


def _saved(doc) -> bytes:
    """The document as bytes, with fixed zip timestamps so that the same blocks give the same file.

    What ``Document.save`` does (OpcPackage.save), written once through _FixedTimeZip instead of
    saved and then rewritten."""
    from docx.opc.pkgwriter import PackageWriter

    package = doc.part.package
    for part in package.parts:
        part.before_marshal()
    buf = io.BytesIO()
    out = _FixedTimeZip(buf)
    PackageWriter._write_content_types_stream(out, package.parts)
    PackageWriter._write_pkg_rels(out, package.rels)
    PackageWriter._write_parts(out, package.parts)
    out.close()
    return buf.getvalue()


# The fonts of the styles, for the font table: GB2312 character set and a common Windows name that
# Word and WPS fall back to where the exact font is not installed.
FONT_TABLE = ((XIAOBIAOSONG, "宋体"), (FANGSONG, "仿宋"), (KAITI, "楷体"), (HEITI, "SimHei"), (SONGTI, "SimSun"))


def _font_table(doc) -> None:
    from lxml import etree

    part = next(p for p in doc.part.package.parts if p.partname == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for name, alt in FONT_TABLE:
        font = _el("w:font", name=name)
        for child in (_el("w:altName", val=alt), _el("w:charset", val="86"), _el("w:family", val="auto"),
                      _el("w:pitch", val="variable")):
            font.append(child)
        root.append(font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@lru_cache(maxsize=1)
def _base_bytes() -> bytes:
    doc = Document()
    _setup(doc)
    _font_table(doc)
    props = doc.core_properties
    props.author = props.comments = props.last_modified_by = ""
    for p in list(doc.element.body.iterchildren(qn("w:p"))):
        doc.element.body.remove(p)
    return _saved(doc)


def base_docx() -> bytes:
    """Page setup, styles and footers with an empty body (the body keeps only its w:sectPr)."""
    return _base_bytes()


def _paragraph_style_id(ppr, style_id: str) -> None:
    """``ppr.style = style_id`` without python-docx's generic child ordering: w:pStyle is always the
    first child of w:pPr."""
    for old in ppr.findall(qn("w:pStyle")):
        ppr.remove(old)
    ppr.insert(0, _el("w:pStyle", val=style_id))


def _add_run(p, text: str, style: str | None):
    """``p.add_run(text)`` with character style id `style`, the same XML built directly (python-docx's
    generic child ordering is most of the time of a .docx otherwise)."""
    if "\t" in text or "\n" in text or "\r" in text:   # tabs and breaks: python-docx's own conversion
        run = p.add_run(text)
        if style:
            run._r.get_or_add_rPr().style = style
        return run
    r = OxmlElement("w:r")
    if style:
        rpr = OxmlElement("w:rPr")
        rpr.append(_el("w:rStyle", val=style))
        r.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    if len(text.strip()) < len(text):
        t.set(qn("xml:space"), "preserve")
    r.append(t)
    p._p.append(r)
    return Run(r, p)


def _add_paragraph(doc, b: Block, styles=PARAGRAPH_STYLES) -> None:
    """One block as a paragraph; its hint becomes a comment anchored on the paragraph."""
    if b.style not in styles or any(r.style and r.style not in CHARACTER_STYLES for r in b.runs):
        raise ValueError(f"block with a style outside the contract: {b}")
    p = doc.add_paragraph()
    _paragraph_style_id(p._p.get_or_add_pPr(), b.style)   # ids set directly: a lookup by name is slow
    made = [_add_run(p, r.text, r.style) for r in b.runs]
    if b.comment and made:
        lines = b.comment.splitlines()
        c = doc.add_comment(made, text=lines[0], author=AUTHOR, initials=INITIALS)
        for line in lines[1:]:
            c.add_paragraph(line)
        c._comment_elm.attrib.pop(qn("w:date"), None)   # no time stamp: the same blocks give the same file


def render_docx(blocks: list[Block]) -> bytes:
    """The material as a .docx: one paragraph per block; hints become comments on their block."""
    doc = Document(io.BytesIO(_base_bytes()))
    for b in blocks:
        _add_paragraph(doc, b)
    title = next((b.text for b in blocks if b.style == "KbTitle"), "")
    doc.core_properties.title = title
    return _saved(doc)


# ---------------------------------------------------------------- forms: paragraphs and tables

# Table text 4号: 仿宋_GB2312 in the body rows, 黑体 in the header row (repeated on every page).
TABLE_STYLES = {"KbTableHead": "公文表头", "KbTableText": "公文表格文字"}
# Paragraph styles only forms use: the addressee of a letter or report (主送机关), flush left.
FORM_STYLES = {"KbAddressee": "公文主送机关"}
TABLE_LINE = Twips(400)                  # exact 20 pt lines for 4号 table text
CELL_MARGIN = 57                         # left and right cell margins, twips (1.5 mm)
BORDER = 4                               # single borders of 0.5 pt (eighths of a point)
CHAR_4 = 280                             # one 4号 character, twips
HEAD_HEIGHT, ROW_HEIGHT = 480, 560       # least height of the header row and of a body row, twips
# Columns that take sentences rather than a name or a date get twice the share of the spare width.
LONG_COLUMN = re.compile("问题|原因|措施|意见|建议|事实|内容|事项|要点|表态")
TBLPR_ORDER = ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
               "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange").split()
TRPR_ORDER = "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden".split()
TCPR_ORDER = ("cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
              "hideMark").split()
ORDERS = {"pPr": PPR_ORDER, "rPr": RPR_ORDER, "tblPr": TBLPR_ORDER, "trPr": TRPR_ORDER, "tcPr": TCPR_ORDER}


def _put_in(parent, el) -> None:
    """Add a property element to a w:pPr, w:rPr, w:tblPr, w:trPr or w:tcPr in schema order (replacing one
    with the same tag): Word rejects files whose properties are out of order."""
    order = ORDERS[parent.tag.split("}")[1]]
    name = el.tag.split("}")[1]
    for old in parent.findall(el.tag):
        parent.remove(old)
    later = {qn(f"w:{t}") for t in order[order.index(name) + 1:]}
    for i, child in enumerate(parent):
        if child.tag in later:
            parent.insert(i, el)
            return
    parent.append(el)


def _table_styles(doc) -> None:
    _paragraph_style(doc, "KbAddressee", FANGSONG, SIZE_3, WD_ALIGN_PARAGRAPH.JUSTIFY, False, names=FORM_STYLES)
    for sid, font, align in (("KbTableHead", HEITI, WD_ALIGN_PARAGRAPH.CENTER),
                             ("KbTableText", FANGSONG, WD_ALIGN_PARAGRAPH.LEFT)):
        style = _new_paragraph_style(doc, TABLE_STYLES[sid], sid, font, SIZE_4, align)
        pf = style.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = TABLE_LINE
        pf.space_before = pf.space_after = Twips(0)
        pf.first_line_indent = Twips(0)
        ppr = style.element.get_or_add_pPr()
        _put(ppr, _el("w:snapToGrid", val=0))     # table text keeps its own size, off the 3号 grid
        _put(style.element.get_or_add_rPr(), _el("w:spacing", val=0))


def _landscape(section) -> None:
    """A4 landscape with the portrait margins turned with the page (text block 225 mm x 156 mm)."""
    from docx.enum.section import WD_ORIENT

    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(37), Mm(35)
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(14)
    # The 28-character grid belongs to the portrait text block: a landscape page keeps only the line pitch.
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    sect.append(_el("w:docGrid", type="lines", linePitch=LINE_PITCH))


def text_width(section) -> int:
    """Width of the text block in twips."""
    return int((section.page_width - section.left_margin - section.right_margin) / 635)


def column_widths(table, width: int) -> list[int]:
    """Twips per column: room for the header's first four characters, the rest shared by weight."""
    def weight(i: int, name: str) -> float:
        if name == "序号":
            return 0
        if len(table.columns) == 2:
            return 1 if i == 0 else 3
        if table.labels and i == (1 if table.columns[0] == "序号" else 0):
            return 4                              # the row labels (问题 of a 整改清单) need the most room
        if name.startswith("是否"):
            return 0.3
        return 2 if LONG_COLUMN.search(name) else 1

    least = [CHAR_4 * min(len(name), 4) + 2 * CELL_MARGIN + 20 for name in table.columns]
    weights = [weight(i, c) for i, c in enumerate(table.columns)]
    rest = max(0, width - sum(least))
    widths = [int(a + rest * w / sum(weights)) for a, w in zip(least, weights)]
    widths[-1] += width - sum(widths)
    return widths


def _add_table(doc, table, width: int) -> None:
    from .templates import runs as split_runs

    widths = column_widths(table, width)
    t = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    t.autofit = False
    tblpr = t._tbl.tblPr
    for old in tblpr.findall(qn("w:tblStyle")):
        tblpr.remove(old)
    _put_in(tblpr, _el("w:tblW", w=sum(widths), type="dxa"))
    _put_in(tblpr, _el("w:jc", val="center"))
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="single", sz=BORDER, space=0, color="000000"))
    _put_in(tblpr, borders)
    _put_in(tblpr, _el("w:tblLayout", type="fixed"))
    mar = _el("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        mar.append(_el(f"w:{side}", w=0 if side in ("top", "bottom") else CELL_MARGIN, type="dxa"))
    _put_in(tblpr, mar)
    for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(w))
    rows = t.rows                                  # each access of t.rows / row.cells builds a new list
    for r, cells in enumerate([table.columns, *table.rows]):
        row = rows[r]
        row_cells = row.cells
        trpr = row._tr.get_or_add_trPr()
        _put_in(trpr, _el("w:cantSplit"))
        _put_in(trpr, _el("w:trHeight", val=ROW_HEIGHT if r else HEAD_HEIGHT, hRule="atLeast"))
        if r == 0:
            _put_in(trpr, _el("w:tblHeader"))      # repeated at the top of every page
        for c, text in enumerate(cells):
            cell = row_cells[c]
            tcpr = cell._tc.get_or_add_tcPr()
            _put_in(tcpr, _el("w:tcW", w=widths[c], type="dxa"))
            _put_in(tcpr, _el("w:vAlign", val="center"))
            p = cell.paragraphs[0]
            ppr = p._p.get_or_add_pPr()
            _paragraph_style_id(ppr, "KbTableHead" if r == 0 else "KbTableText")
            if r and table.columns[c] == "序号":
                _put(ppr, _el("w:jc", val="center"))
            for run in split_runs(text):
                _add_run(p, run.text, run.style)


def _form_document(landscape: bool):
    """An empty form: the base document with the table styles, on landscape pages when asked."""
    doc = Document(io.BytesIO(_base_bytes()))
    _table_styles(doc)
    if landscape:
        _landscape(doc.sections[0])
    return doc


@lru_cache(maxsize=1)
def landscape_form_base() -> bytes:
    """Styles (table styles included), landscape page setup and footers of a wide form, with an empty body:
    the draft page fills it with its 整改清单 (docs/assets/js/rectify-list.js)."""
    return _saved(_form_document(True))


def landscape_text_width() -> int:
    """Width in twips of the text block of a landscape form page."""
    return text_width(_form_document(True).sections[0])


def table_look() -> dict:
    """What the browser needs to draw a table as ``_add_table`` does (docs/assets/js/docx-writer.js)."""
    return {"border": BORDER, "margin": CELL_MARGIN, "head_height": HEAD_HEIGHT, "row_height": ROW_HEIGHT,
            "head_style": "KbTableHead", "text_style": "KbTableText", "spacer_style": "KbBody"}


def render_form_docx(content) -> bytes:
    """A form as .docx: paragraphs as in ``render_docx``, tables with a repeated 黑体 header row.

    A wide table (and what follows it) goes on landscape pages; a form whose first table is wide and
    that has no table before it is landscape throughout.
    """
    from docx.enum.section import WD_SECTION

    from .forms import FormTable

    tables = [x for x in content if isinstance(x, FormTable)]
    landscape = bool(tables) and tables[0].wide
    doc = _form_document(landscape)
    for item in content:
        if isinstance(item, FormTable):
            if item.wide and not landscape:
                section = doc.add_section(WD_SECTION.NEW_PAGE)
                _landscape(section)
                landscape = True
            _add_table(doc, item, text_width(doc.sections[-1]))
            # An empty paragraph keeps two tables apart (Word merges adjacent tables).
            spacer = doc.add_paragraph()
            spacer._p.get_or_add_pPr().style = "KbBody"
            continue
        _add_paragraph(doc, item, PARAGRAPH_STYLES | FORM_STYLES)
    title = next((b.text for b in content if not isinstance(b, FormTable) and b.style == "KbTitle"), "")
    doc.core_properties.title = title
    return _saved(doc)
