"""Downloadable forms (谈心谈话提纲, 征求意见表, 整改清单 …) as Markdown text, from data/forms."""

from __future__ import annotations

import re

from .model import Form, FormPart, KnowledgeBase, Meeting
from .text import cn_number, md

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


def form_path(form: Form, meeting: Meeting | None = None) -> str:
    return f"downloads/{meeting.id}-{form.id}.md" if meeting else f"downloads/{form.id}.md"


def form_name(form: Form, meeting: Meeting | None = None) -> str:
    return f"{meeting.title}{form.title}（模板）" if meeting else f"{form.title}（模板）"


def _cell(text: str) -> str:
    return md(tidy(" ".join(text.split()))).replace("|", "\\|")


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


def render_table(columns: tuple[str, ...], rows: list[str], blank_rows: int) -> list[str]:
    """A Markdown table: row labels in the first content column, a placeholder in every other cell."""
    numbered = columns[0] == NUMBER_COLUMN
    content = columns[1:] if numbered else columns
    out = ["| " + " | ".join(_cell(c) for c in columns) + " |", "|" + " --- |" * len(columns)]
    labels = rows or [""] * blank_rows
    for i, label in enumerate(labels, 1):
        first = label or PLACEHOLDER.format(content[0])
        # In a two-column record form the row's own name says best what to fill in.
        cells = [first] + [PLACEHOLDER.format(label if label and len(columns) == 2 and not numbered else c) for c in content[1:]]
        if numbered:
            cells.insert(0, str(i))
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return out


def render_part(kb: KnowledgeBase, part: FormPart, meeting: Meeting | None, level: int = 2) -> list[str]:
    out = [f"{'#' * level} {md(part.heading)}", ""]
    if part.text:
        out += [md(tidy(part.text)), ""]
    if part.columns:
        rows = (meeting_rows(kb, meeting) if part.rows_from == "meeting" and meeting else []) + list(part.rows)
        out += render_table(part.columns, rows, part.blank_rows) + [""]
    return out


def render_form(kb: KnowledgeBase, form: Form, meeting: Meeting | None = None) -> str:
    """The whole downloadable form; per-meeting forms take their rows from the meeting's parts."""
    title = form_name(form, meeting).removesuffix("（模板）")
    out = [f"# {md(title)}", ""]
    if meeting is not None and not meeting.verified:
        out += ["> 本年度会议主题待核实，请以本单位收到的通知为准。", ""]
    for part in form.parts:
        out += render_part(kb, part, meeting)
    return "\n".join(out).rstrip() + "\n"


def form_files(kb: KnowledgeBase) -> dict[str, str]:
    """Every downloadable form: path -> Markdown text."""
    files = {}
    for form in kb.forms:
        if form.per_meeting:
            for m in form_meetings(kb):
                files[form_path(form, m)] = render_form(kb, form, m)
        else:
            files[form_path(form)] = render_form(kb, form)
    return files
