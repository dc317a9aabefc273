"""Materials as .docx in 公文 format (GB/T 9704-2012 as applied to 对照检查材料), from the block model.

One source of formatting truth: ``base_docx()`` (page setup, styles, footers, empty body) is what the
browser's draft export fills, and ``render_docx(blocks)`` builds the same document with a body.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

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
    order = PPR_ORDER if parent.tag == qn("w:pPr") else RPR_ORDER
    name = el.tag.split("}")[1]
    for old in parent.findall(el.tag):
        parent.remove(old)
    later = {qn(f"w:{t}") for t in order[order.index(name) + 1:]}
    for i, child in enumerate(parent):
        if child.tag in later:
            parent.insert(i, el)
            return
    parent.append(el)


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


def _paragraph_style(doc, sid: str, font: str, size, align, indent: bool, before=0, after=0, outline=None):
    style = doc.styles.add_style(PARAGRAPH_STYLES[sid], WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = sid
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _style_font(style, font, size)
    pf = style.paragraph_format
    pf.alignment = align
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


def _saved(doc) -> bytes:
    """The document as bytes, with fixed zip timestamps so that the same blocks give the same file."""
    buf = io.BytesIO()
    doc.save(buf)
    src = zipfile.ZipFile(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), src.read(info.filename),
                       compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


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


def render_docx(blocks: list[Block]) -> bytes:
    """The material as a .docx: one paragraph per block; hints become comments on their block."""
    doc = Document(io.BytesIO(_base_bytes()))
    for b in blocks:
        if b.style not in PARAGRAPH_STYLES or any(r.style and r.style not in CHARACTER_STYLES for r in b.runs):
            raise ValueError(f"block with a style outside the contract: {b}")
        p = doc.add_paragraph()
        p._p.get_or_add_pPr().style = b.style          # style ids set directly: a name lookup per run is slow
        made = []
        for r in b.runs:
            run = p.add_run(r.text)
            if r.style:
                run._r.get_or_add_rPr().style = r.style
            made.append(run)
        if b.comment and made:
            lines = b.comment.splitlines()
            c = doc.add_comment(made, text=lines[0], author=AUTHOR, initials=INITIALS)
            for line in lines[1:]:
                c.add_paragraph(line)
            c._comment_elm.attrib.pop(qn("w:date"), None)   # no time stamp: the same blocks give the same file
    title = next((b.text for b in blocks if b.style == "KbTitle"), "")
    doc.core_properties.title = title
    return _saved(doc)
