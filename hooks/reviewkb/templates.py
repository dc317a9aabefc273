"""Downloadable fill-in templates: one whole material per meeting and perspective, as Markdown text."""

from __future__ import annotations

from .model import KnowledgeBase, Meeting, Section
from .text import cn_number, comment, md, ordinal

PLACEHOLDER = "【请填写：{}】"
# How many numbered slots a template offers in the parts that repeat.
SLOTS = {"problems": 3, "causes": 4, "measures": 4}
PERSPECTIVE_SLUG = {"个人": "personal", "班子": "team"}
# Parts of a material without a numbered heading of their own.
UNNUMBERED = ("opening", "personal-matters")


def template_path(m: Meeting, perspective: str) -> str:
    return f"downloads/{m.id}-{PERSPECTIVE_SLUG[perspective]}.md"


def template_name(m: Meeting, perspective: str) -> str:
    if m.kind == "组织生活会":
        who = "党员个人" if perspective == "个人" else "党支部委员会"
    else:
        who = "个人" if perspective == "个人" else "领导班子"
    return f"{m.title}{who}对照检查材料（模板）"


def _hint(lines: list[str]) -> str:
    body = "\n".join(f"  {comment(x)}" for x in lines if x)
    return f"<!-- 提示：\n{body}\n-->"


def _section_hint(s: Section) -> list[str]:
    out = [f"本部分要写：{s.purpose}", "必备要素：" + "；".join(s.must_include)]
    if s.pitfalls:
        out.append("避免：" + "；".join(s.pitfalls))
    return out


def render_template(kb: KnowledgeBase, m: Meeting, perspective: str) -> str:
    """The whole material for one meeting and perspective, with 【请填写：……】 placeholders."""
    sections = kb.by_id("sections")
    themes = kb.by_id("themes")
    parts = [s for s in (sections[sid] for sid in m.structure) if perspective in s.perspectives]
    out = [
        _hint([
            f"这是《{template_name(m, perspective)}》，由“对照检查材料写作指南”根据本年度检视重点生成。",
            "使用方法：把每一处【请填写：……】替换为本人、本单位的真实情况（可搜索“【请填写”逐个定位）；",
            "以“提示”开头的注释在预览和打印时不显示，定稿前可以删除。",
            "问题要见人见事见思想：写清哪件事、什么时候、什么程度，不照抄示例和他人材料。",
            f"会议主题：{m.theme}" + ("" if m.verified else "（待核实，以本单位通知为准）"),
        ]),
        "",
        f"# {md(template_name(m, perspective).removesuffix('（模板）'))}",
        "",
    ]
    number = 0
    for s in parts:
        if s.id not in UNNUMBERED and s.heading:
            number += 1
            out += [f"## {cn_number(number)}、{md(s.heading)}", ""]
        out += [_hint(_section_hint(s)), ""]
        if s.id == "problems":
            out += _problems(m, s, themes)
        elif s.id in ("causes", "measures"):
            for i in range(1, SLOTS[s.id] + 1):
                lead = f"（{cn_number(i)}）" if s.id == "causes" else ordinal(i)
                out += [lead + md(s.template.strip()), ""]
        else:
            out += [md(s.template.strip()), ""]
    out += [f"{PLACEHOLDER.format('姓名或班子名称')}", "", f"{PLACEHOLDER.format('日期')}", ""]
    return "\n".join(out)


def _problems(m: Meeting, s: Section, themes: dict) -> list[str]:
    out = []
    unverified = [a for a in m.aspects if not a.verified]
    if unverified:
        out += [_hint(["本年度部分检视重点的表述待核实，请以本单位收到的通知为准，必要时改写小标题。"]), ""]
    for i, a in enumerate(m.aspects, 1):
        out += [f"### （{cn_number(i)}）{md(a.heading)}", ""]
        points = list(a.checkpoints) or [c for t in a.themes for c in themes[t].checkpoints]
        hint = [f"这一方面查什么：{a.asks}"]
        if points:
            hint.append("检视要点：" + "；".join(points[:6]))
        out += [_hint(hint), ""]
        for n in range(1, SLOTS["problems"] + 1):
            out += [ordinal(n) + md(s.template.strip()), ""]
    return out


def template_files(kb: KnowledgeBase) -> dict[str, str]:
    return {template_path(m, p): render_template(kb, m, p) for m in kb.meetings for p in PERSPECTIVE_SLUG}
