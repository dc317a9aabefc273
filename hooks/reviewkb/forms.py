"""Downloadable forms (谈心谈话提纲, 征求意见表, 整改清单 …) as Markdown and .docx, from data/forms.

A form is built once as a list of paragraphs (``Block``, the block model of the templates) and tables
(``FormTable``), and rendered from that list as Markdown (here) and as .docx (``docx.render_form_docx``),
so both files carry the same text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Form, FormPart, KnowledgeBase, Meeting
from .templates import Block, Run, runs
from .text import cn_number, comment, md

PLACEHOLDER = "【请填写：{}】"
# Problem rows a generated 整改清单 offers per aspect (materials usually list two to four).
PROBLEM_ROWS = 3
# Parts of a material that hold no problem of their own, so they get no row in a 整改清单.
NO_ROWS = ("opening", "personal-matters", "causes", "measures", "self-assessment")
NUMBER_COLUMN = "序号"


# YAML folded blocks (>-) join lines with a space, which Chinese text must not show.
_CJK = "\u2018-\u201d\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])(?: +| *\n *)(?=[{_CJK}])")


def tidy(text: str) -> str:
    """Drop the space or single line break that YAML blocks leave between two Chinese characters."""
    return _CJK_GAP.sub("", text.strip())


def form_meetings(kb: KnowledgeBase) -> list[Meeting]:
    """Meetings that get their own copy of a per-meeting form (current ones, newest first)."""
    return sorted((m for m in kb.meetings if not m.history), key=lambda m: (-m.year, m.kind != "民主生活会", m.id))


def form_path(form: Form, meeting: Meeting | None = None, ext: str = "md") -> str:
    return f"downloads/{meeting.id}-{form.id}.{ext}" if meeting else f"downloads/{form.id}.{ext}"


def form_name(form: Form, meeting: Meeting | None = None) -> str:
    return f"{meeting.title}{form.title}（模板）" if meeting else f"{form.title}（模板）"


@dataclass(frozen=True)
class FormTable:
    """One table of a form: header cells and body rows of plain cell texts (placeholders included)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    labels: bool = False          # the first content column holds row labels given by the data

    @property
    def wide(self) -> bool:
        """Too many columns for A4 portrait at 4号: the .docx sets this table on a landscape page."""
        return len(self.columns) > WIDE_COLUMNS


# Tables with more columns than this go on a landscape page in the .docx.
WIDE_COLUMNS = 6


def _plain(text: str) -> str:
    return tidy(" ".join(text.split()))


def _cell(text: str) -> str:
    return md(text).replace("|", "\\|")


def table_cells(columns: tuple[str, ...], rows: list[str], blank_rows: int) -> FormTable:
    """Row labels in the first content column, a placeholder in every other cell; 序号 numbered."""
    numbered = columns[0] == NUMBER_COLUMN
    content = columns[1:] if numbered else columns
    labels = rows or [""] * blank_rows
    body = []
    for i, label in enumerate(labels, 1):
        first = label or PLACEHOLDER.format(content[0])
        # In a two-column record form the row's own name says best what to fill in.
        cells = [first] + [PLACEHOLDER.format(label if label and len(columns) == 2 and not numbered else c) for c in content[1:]]
        if numbered:
            cells.insert(0, str(i))
        body.append(tuple(_plain(c) for c in cells))
    return FormTable(tuple(_plain(c) for c in columns), tuple(body), labels=bool(rows))


def markdown_table(table: FormTable) -> list[str]:
    out = ["| " + " | ".join(_cell(c) for c in table.columns) + " |", "|" + " --- |" * len(table.columns)]
    return out + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]


def render_table(columns: tuple[str, ...], rows: list[str], blank_rows: int) -> list[str]:
    """A Markdown table: row labels in the first content column, a placeholder in every other cell."""
    return markdown_table(table_cells(columns, rows, blank_rows))


def meeting_rows(kb: KnowledgeBase, m: Meeting) -> list[str]:
    """One row label per problem a material of this meeting reports, in the material's order."""
    sections = kb.by_id("sections")
    rows = []
    for sid in m.structure:
        if sid in NO_ROWS:
            continue
        if sid != "problems":
            rows.append(f"{sections[sid].name}中查摆的问题：{PLACEHOLDER.format('问题表述')}")
            continue
        for i, a in enumerate(m.aspects, 1):
            for n in range(1, PROBLEM_ROWS + 1):
                rows.append(f"（{cn_number(i)}）{a.short}方面问题{cn_number(n)}：{PLACEHOLDER.format('问题表述')}")
    return rows


def part_table(kb: KnowledgeBase, part: FormPart, meeting: Meeting | None) -> FormTable | None:
    if not part.columns:
        return None
    rows = (meeting_rows(kb, meeting) if part.rows_from == "meeting" and meeting else []) + list(part.rows)
    return table_cells(part.columns, rows, part.blank_rows)


def part_paragraphs(part: FormPart) -> list[str]:
    """The part's text as paragraphs (blank lines separate them)."""
    return [p for p in (tidy(x) for x in re.split(r"\n\s*\n", part.text)) if p] if part.text else []


def render_part(kb: KnowledgeBase, part: FormPart, meeting: Meeting | None, level: int = 2) -> list[str]:
    out = [f"{'#' * level} {md(part.heading)}", ""]
    if part.text:
        out += [md(tidy(part.text)), ""]
    table = part_table(kb, part, meeting)
    if table:
        out += markdown_table(table) + [""]
    return out


# ---------------------------------------------------------------- the form as blocks and tables

SIGNATURE_RE = re.compile(r"【请填写：(发函单位|报告单位|日期)】")
# The first line of a letter or report that names whom it is sent to (主送机关): flush left in the .docx.
ADDRESSEE_RE = re.compile(r"【请填写：[^】]*(单位|组织)[^】]*】：")


def _title_hint(form: Form, meeting: Meeting | None) -> str:
    lines = [f"这是《{form_name(form, meeting)}》，由“对照检查材料写作指南”生成。{tidy(form.summary)}",
             "使用方法：把每一处黄色的【请填写：……】替换为实际内容（可搜索“【请填写”逐个定位），替换后清除该处的“待填写”样式；"
             "表格行数不够时在表格中插入行，多余的行删除。",
             "这些提示在 Word 文档中是批注，在 Markdown 文件中是注释，都不是正文；定稿前在“审阅”选项卡中一次删除全部批注。"]
    if meeting is not None and not meeting.verified:
        lines.append("本年度会议主题待核实，请以本单位收到的通知为准。")
    return "\n".join(lines)


def form_content(kb: KnowledgeBase, form: Form, meeting: Meeting | None = None) -> list[Block | FormTable]:
    """The whole downloadable form as paragraphs and tables; per-meeting forms take rows from the meeting."""
    title = form_name(form, meeting).removesuffix("（模板）")
    out: list[Block | FormTable] = [Block("KbTitle", runs(title), comment=_title_hint(form, meeting))]
    for part in form.parts:
        out.append(Block("KbH1", runs(tidy(part.heading)), section=form.id))
        paras = part_paragraphs(part)
        # The sender and the date that close a letter or a report are its 落款, right-aligned.
        tail = 0
        while tail < len(paras) - 1 and SIGNATURE_RE.fullmatch(paras[len(paras) - 1 - tail]):
            tail += 1
        for i, text in enumerate(paras):
            lines = [x.strip() for x in text.splitlines() if x.strip()]
            style = "KbSignature" if i >= len(paras) - tail else "KbBody"
            if i == 0 and ADDRESSEE_RE.fullmatch(text):
                style = "KbAddressee"
            out += [Block(style, runs(line), section=form.id) for line in lines]
        table = part_table(kb, part, meeting)
        if table:
            out.append(table)
    return out


def _hint(text: str) -> str:
    body = "\n".join(f"  {comment(x)}" for x in text.splitlines() if x)
    return f"<!-- 提示：\n{body}\n-->"


MD_PREFIX = {"KbTitle": "# ", "KbH1": "## "}


def render_content_markdown(content: list[Block | FormTable]) -> str:
    """The form as Markdown with a BOM: one paragraph per block, hints as comments, tables as pipe tables."""
    out = []
    for item in content:
        if isinstance(item, FormTable):
            out += markdown_table(item) + [""]
            continue
        out += [MD_PREFIX.get(item.style, "") + md(item.text), ""]
        if item.comment:
            out += [_hint(item.comment), ""]
    return "\ufeff" + "\n".join(out).rstrip() + "\n"


def render_form(kb: KnowledgeBase, form: Form, meeting: Meeting | None = None) -> str:
    """The whole downloadable form as Markdown (UTF-8 with a BOM)."""
    return render_content_markdown(form_content(kb, form, meeting))


def form_paths(kb: KnowledgeBase) -> list[str]:
    """Served path of every file form_files returns, without rendering any."""
    return [form_path(form, m, ext) for form in kb.forms
            for m in (form_meetings(kb) if form.per_meeting else [None]) for ext in ("docx", "md")]


def form_files(kb: KnowledgeBase) -> dict[str, str | bytes]:
    """Every downloadable form as .docx and as Markdown: served path -> content."""
    from .docx import render_form_docx

    files: dict[str, str | bytes] = {}
    for form in kb.forms:
        for m in (form_meetings(kb) if form.per_meeting else [None]):
            content = form_content(kb, form, m)
            files[form_path(form, m, "docx")] = render_form_docx(content)
            files[form_path(form, m, "md")] = render_content_markdown(content)
    return files


# ---------------------------------------------------------------- the 整改清单 filled from 我的草稿

RECTIFY_FORM = "rectification-list"
RECTIFY_HINT = "\n".join([
    "这份整改清单由“对照检查材料写作指南”根据“我的草稿”生成：草稿中的每个问题占一行，问题一列取问题的要点句；"
    "原因和措施取草稿中与该问题对应的原因和措施（一条措施对应几个问题时，放在最贴合的问题下），完成时限和检验方式取自措施中写到时限和检验办法的句子。",
    "草稿中没有写到的内容，以及责任人、销号情况，留作黄色的【请填写：……】，请逐项补全后清除该处的“待填写”样式；"
    "没有对应问题的措施单独列行，请为它填写问题或并入相应的行。",
    "这些提示是批注，不是正文；定稿前在“审阅”选项卡中一次删除全部批注。",
])


def rectify_export(kb: KnowledgeBase) -> dict | None:
    """The 整改清单 form as the draft page fills it: its paragraphs (block model) and its tables with
    column widths in twips on a landscape page; the table whose rows come from the meeting is marked
    `fill` (the draft's problems go before its fixed rows). None when the data has no such form."""
    from .docx import column_widths, landscape_text_width, table_look

    form = next((f for f in kb.forms if f.id == RECTIFY_FORM), None)
    if form is None:
        return None
    fills = iter([p.rows_from == "meeting" for p in form.parts if p.columns])
    width = landscape_text_width()
    content = []
    for item in form_content(kb, form, None):
        if isinstance(item, FormTable):
            content.append({"table": {"columns": list(item.columns), "rows": [list(r) for r in item.rows],
                                      "widths": column_widths(item, width), "fill": next(fills)}})
            continue
        block = item.to_json()
        if item.style == "KbTitle":
            block["comment"] = RECTIFY_HINT
        content.append(block)
    return {"title": form.title, "content": content, "look": table_look(), "number_column": NUMBER_COLUMN}
