"""Downloadable fill-in templates: one whole material per meeting and perspective.

A template is built once as a list of blocks (the block model shared with the browser's draft export,
see FRONTEND.md) and rendered from those blocks as Markdown (here) and as .docx (``docx.py``), so both
files carry the same text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .model import Aspect, KnowledgeBase, Meeting, Section, Wording
from .text import cn_number, comment, md, ordinal

PLACEHOLDER = "【请填写：{}】"
PLACEHOLDER_RE = re.compile(r"(【请填写[^】]*】)")
PERSPECTIVES = ("个人", "班子")
PERSPECTIVE_SLUG = {"个人": "personal", "班子": "team"}
# Numbered slots in the parts that repeat: problems per aspect, causes in all; measures follow the problems.
PROBLEM_SLOTS = {"personal": 3, "team": 3, "member": 2, "branch": 2}
CAUSE_SLOTS = 4
MIN_MEASURE_SLOTS = 4
# Sections whose template is one slot repeated (numbered 一是/（一）), and the slot kind.
REPEATED = {"problems": "problem", "causes": "cause", "measures": "measure"}
KINDS = ("民主生活会", "组织生活会")
# Length hint for a part whose data gives none.
DEFAULT_LENGTH = "一般一至两段，约300至600字，与全文篇幅相称（经验值，以通知为准）。"
PRONOUNS_RE = re.compile(r"(我|本人)（(班子|支委会|支部委员会|我们)）")

# Display names differ from the names Chinese Word and WPS show for their built-in styles (正文 is
# Normal, 标题 Title, 要点 Strong, 结束语 Closing …), so a user never meets two styles of one name.
PARAGRAPH_STYLES = {"KbTitle": "公文标题", "KbName": "公文署名", "KbH1": "公文一级标题", "KbH2": "公文二级标题",
                    "KbBody": "公文正文", "KbClosing": "公文结束语", "KbSignature": "公文落款"}
CHARACTER_STYLES = {"KbPlaceholder": "待填写", "KbLead": "公文要点"}


@dataclass(frozen=True)
class Run:
    text: str
    style: str | None = None

    def to_json(self) -> dict:
        return {"text": self.text, "style": self.style}


@dataclass(frozen=True)
class Block:
    """One paragraph of a material."""

    style: str
    runs: tuple[Run, ...]
    comment: str | None = None
    section: str | None = None
    aspect: str | None = None
    slot: str | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def to_json(self) -> dict:
        return {"style": self.style, "runs": [r.to_json() for r in self.runs], "comment": self.comment,
                "section": self.section, "aspect": self.aspect, "slot": self.slot}


def runs(text: str, lead: str = "") -> tuple[Run, ...]:
    """Text split into plain runs and 【请填写：……】 placeholder runs, after an optional plain lead."""
    out = [Run(lead)] if lead else []
    for part in PLACEHOLDER_RE.split(text):
        if part:
            out.append(Run(part, "KbPlaceholder" if PLACEHOLDER_RE.fullmatch(part) else None))
    return tuple(out)


# ---------------------------------------------------------------- names and paths

def material_kind(m: Meeting, perspective: str) -> str:
    """Which wording applies: a leading cadre's own material, a team's, or an ordinary member's."""
    members = m.kind == "组织生活会"
    if perspective == "班子":
        return "branch" if members else "team"
    return "member" if members else "personal"


def _meeting_title(m: Meeting) -> str:
    """The meeting title without a trailing note such as （党员） or （历史参考）."""
    return re.sub(r"（[^（）]*）$", "", m.title)


def material_title(m: Meeting, perspective: str) -> str:
    if m.kind == "组织生活会":
        who = "党员个人" if perspective == "个人" else "党支部委员会"
    else:
        who = "个人" if perspective == "个人" else "领导班子"
    return f"{_meeting_title(m)}{who}对照检查材料"


def template_name(m: Meeting, perspective: str) -> str:
    """The Chinese name a user sees (and saves the file under), without extension."""
    return material_title(m, perspective) + "（模板）"


def template_path(m: Meeting, perspective: str, ext: str = "md") -> str:
    """The ASCII path the file is served under."""
    return f"downloads/{m.id}-{PERSPECTIVE_SLUG[perspective]}.{ext}"


def aspect_heading(a: Aspect) -> str:
    """An official aspect in the frame real materials use: 在……方面."""
    h = a.heading.strip().rstrip("。；，")
    if h.endswith("方面"):
        return h if h.startswith("在") else "在" + h
    h = re.sub(r"(的)?情况$", "", h)
    return f"在{h}方面"


# ---------------------------------------------------------------- text for a kind of material

def for_material(text: str, m: Meeting, perspective: str) -> str:
    """Substitute perspective and meeting kind in free text written for several kinds of material."""
    other = KINDS[1 - KINDS.index(m.kind)]
    text = re.sub(r"(民主生活会（组织生活会）|组织生活会（民主生活会）)", m.kind, text)
    me = perspective == "个人"
    team = "支委会" if m.kind == "组织生活会" else "班子"
    # “我（班子）”“本人（支委会）”“我（我们）”: the first word for a person, the second for a team.
    text = PRONOUNS_RE.sub(lambda x: x.group(1) if me else (x.group(2) if x.group(2) == "我们" else team), text)
    return text.replace(other, m.kind)


def wording(w: Wording | None, kind: str) -> str:
    if w is None:
        return ""
    return getattr(w, kind) or {"member": w.personal, "branch": w.team}.get(kind, "")


def section_text(s: Section, m: Meeting, perspective: str) -> str:
    kind = material_kind(m, perspective)
    own = wording(s.variants, kind) if kind != "personal" else ""
    return for_material(own or s.template, m, perspective).strip()


# ---------------------------------------------------------------- hints

def _join(lines: list[str]) -> str:
    return "\n".join(x for x in lines if x)


def _title_hint(m: Meeting, perspective: str) -> str:
    kind = material_kind(m, perspective)
    total = {"personal": "领导干部个人材料全文一般约5000至8000字",
             "team": "班子材料全文一般约8000至12000字",
             "branch": "支委会材料全文一般约3000至5000字",
             "member": "普通党员材料全文一般约2000至4000字"}[kind]
    return _join([
        f"这是《{template_name(m, perspective)}》，由“对照检查材料写作指南”根据本年度检视重点生成。",
        "使用方法：把每一处黄色的【请填写：……】替换为本人、本单位的真实情况（可搜索“【请填写”逐个定位），"
        "替换后清除该处的“待填写”样式；一是、二是之后的标题句可设为“公文要点”样式（加粗）。",
        "这些写作提示在 Word 文档中是批注，在 Markdown 文件中是注释，都不是正文；"
        "定稿前在“审阅”选项卡中一次删除全部批注，以免打印时在页边印出。",
        "问题要见人见事见思想：写清哪件事、什么时候、什么程度，不照抄示例和他人材料。",
        f"会议主题：{m.theme}" + ("" if m.verified else "（待核实，以本单位通知为准）"),
        f"篇幅：{total}，会上发言时间通常由主持人限定，可另备压缩稿（经验值，以通知为准）。",
    ])


def _section_hint(s: Section, m: Meeting, perspective: str) -> str:
    f = lambda x: for_material(x, m, perspective)  # noqa: E731
    lines = [f"本部分要写：{f(s.purpose)}", "必备要素：" + "；".join(f(x) for x in s.must_include)]
    if s.pitfalls:
        lines.append("避免：" + "；".join(f(x) for x in s.pitfalls))
    length = wording(s.length, material_kind(m, perspective)) or DEFAULT_LENGTH
    lines.append(f"篇幅：{f(length)}")
    if s.id == "problems" and any(not a.verified for a in m.aspects):
        lines.append("本年度部分检视重点的表述待核实，请以本单位收到的通知为准，必要时改写小标题。")
    if s.id == "problems":
        lines.append(f"模板每个方面预留{cn_number(problem_slots(m, perspective))}个问题，按实际情况增删，宁少而实。")
    if s.id == "measures":
        lines.append("措施条数按问题多少确定：模板按每两个问题一条措施预留，每条写明对应的问题、时限和检验标准，可增删。")
    return _join(lines)


def _aspect_hint(kb: KnowledgeBase, a: Aspect) -> str:
    themes = kb.by_id("themes")
    points = list(a.checkpoints) or [c for t in a.themes for c in themes[t].checkpoints]
    lines = [f"官方表述：{a.heading}" + ("" if a.verified else "（待核实）"), f"这一方面查什么：{a.asks}"]
    if points:
        lines.append("检视要点：" + "；".join(points[:6]))
    return _join(lines)


# ---------------------------------------------------------------- blocks

def problem_slots(m: Meeting, perspective: str) -> int:
    return PROBLEM_SLOTS[material_kind(m, perspective)]


def measure_slots(m: Meeting, perspective: str) -> int:
    """One measure for every two problems: a measure may answer two or three problems of one aspect."""
    return max(MIN_MEASURE_SLOTS, math.ceil(problem_slots(m, perspective) * len(m.aspects) / 2))


def _name_line(m: Meeting, perspective: str) -> str:
    if perspective == "个人":
        where = "所在党支部" if m.kind == "组织生活会" else "单位和职务"
        return PLACEHOLDER.format(where) + "　" + PLACEHOLDER.format("姓名")
    if m.kind == "组织生活会":
        return "中共" + PLACEHOLDER.format("单位名称") + "支部委员会"
    return "中共" + PLACEHOLDER.format("单位名称") + "党组（党委）领导班子"


def template_blocks(kb: KnowledgeBase, m: Meeting, perspective: str) -> list[Block]:
    """The whole material for one meeting and perspective, with 【请填写：……】 placeholders."""
    sections = kb.by_id("sections")
    parts = [s for s in (sections[sid] for sid in m.structure) if perspective in s.perspectives]
    out = [Block("KbTitle", runs(material_title(m, perspective)), comment=_title_hint(m, perspective)),
           Block("KbName", runs(_name_line(m, perspective)))]
    number = 0
    for s in parts:
        hint = _section_hint(s, m, perspective)
        body = []
        intro = for_material(wording(s.intro, material_kind(m, perspective)), m, perspective).strip()
        if intro:
            body.append(Block("KbBody", runs(intro), section=s.id))
        text = section_text(s, m, perspective)
        slot = REPEATED.get(s.id)
        if s.id == "problems":
            for i, a in enumerate(m.aspects, 1):
                body.append(Block("KbH2", runs(f"（{cn_number(i)}）{aspect_heading(a)}"),
                                  comment=_aspect_hint(kb, a), section=s.id, aspect=a.id))
                body += [Block("KbBody", runs(text, ordinal(n)), section=s.id, aspect=a.id, slot=slot)
                         for n in range(1, problem_slots(m, perspective) + 1)]
        elif s.id == "causes":
            body += [Block("KbBody", runs(text, f"（{cn_number(n)}）"), section=s.id, slot=slot)
                     for n in range(1, CAUSE_SLOTS + 1)]
        elif s.id == "measures":
            body += [Block("KbBody", runs(text, ordinal(n)), section=s.id, slot=slot)
                     for n in range(1, measure_slots(m, perspective) + 1)]
        else:
            body += [Block("KbBody", runs(line.strip()), section=s.id) for line in text.splitlines() if line.strip()]
        if s.heading:
            number += 1
            heading = for_material(s.heading, m, perspective)
            out.append(Block("KbH1", runs(f"{cn_number(number)}、{heading}"), comment=hint, section=s.id))
            out += body
        else:
            first = body[0]
            out.append(Block(first.style, first.runs, hint, first.section, first.aspect, first.slot))
            out += body[1:]
    closing = {"personal": "以上对照检查，如有不当之处，恳请同志们批评指正。",
               "member": "以上对照检查，如有不当之处，恳请同志们批评指正。",
               "team": "以上是班子的对照检查，不当之处，恳请同志们批评指正。",
               "branch": "以上是支委会的对照检查，不当之处，恳请同志们批评指正。"}[material_kind(m, perspective)]
    signer = {"personal": PLACEHOLDER.format("职务") + "　" + PLACEHOLDER.format("姓名"),
              "member": PLACEHOLDER.format("姓名")}.get(material_kind(m, perspective)) or _name_line(m, perspective)
    out += [Block("KbClosing", runs(closing)),
            Block("KbSignature", runs(signer)),
            Block("KbSignature", runs(PLACEHOLDER.format(f"成文日期，如{m.year + 1}年1月10日")))]
    return out


def blocks_json(blocks: list[Block]) -> list[dict]:
    return [b.to_json() for b in blocks]


# ---------------------------------------------------------------- Markdown

MD_PREFIX = {"KbTitle": "# ", "KbH1": "## ", "KbH2": "### "}


def _hint(text: str) -> str:
    body = "\n".join(f"  {comment(x)}" for x in text.splitlines() if x)
    return f"<!-- 提示：\n{body}\n-->"


def render_markdown(blocks: list[Block]) -> str:
    """The material as Markdown: one paragraph per block, hints as comments after their block, with a BOM."""
    out = []
    for b in blocks:
        text = "".join(f"**{md(r.text)}**" if r.style == "KbLead" else md(r.text) for r in b.runs)
        out += [MD_PREFIX.get(b.style, "") + text, ""]
        if b.comment:
            out += [_hint(b.comment), ""]
    return "\ufeff" + "\n".join(out)


def render_template(kb: KnowledgeBase, m: Meeting, perspective: str) -> str:
    return render_markdown(template_blocks(kb, m, perspective))


def template_paths(kb: KnowledgeBase) -> list[str]:
    """Served path of every file template_files returns, without rendering any."""
    return [template_path(m, p, ext) for m in kb.meetings for p in PERSPECTIVES for ext in ("docx", "md")]


def template_files(kb: KnowledgeBase) -> dict[str, str | bytes]:
    """Every template as Markdown and as .docx: served path -> content."""
    from .docx import render_docx

    out: dict[str, str | bytes] = {}
    for m in kb.meetings:
        for p in PERSPECTIVES:
            blocks = template_blocks(kb, m, p)
            out[template_path(m, p, "docx")] = render_docx(blocks)
            out[template_path(m, p, "md")] = render_markdown(blocks)
    return out
