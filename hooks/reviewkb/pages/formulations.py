"""The 规范提法 page: standard formulations with their common wrong forms."""

from __future__ import annotations

from ..model import KnowledgeBase
from ..schema import FORMULATION_CATEGORIES
from ..text import md, md_inline
from .common import FORMULATIONS_PATH, SELFCHECK_PATH, UNVERIFIED, VERIFIED, head, link


def render_formulations(kb: KnowledgeBase) -> str:
    src = FORMULATIONS_PATH
    out = [head("规范提法"), "",
           "对照检查材料中常用的官方提法，以及写材料时常见的错误写法和近似误写。"
           f"[材料自查]({link(src, SELFCHECK_PATH)})会逐一比对，发现错误写法即提示改正。"
           "标「待核实」的条目尚未对照权威原文逐字核对，请以本单位收到的文件为准。", ""]
    for category in FORMULATION_CATEGORIES:
        entries = [f for f in kb.formulations if f.category == category]
        if not entries:
            continue
        out += [f"## {md_inline(category)}", ""]
        for f in entries:
            out += [f"### {md_inline(f.text)} {{ #{f.id} }}", "",
                    f'<p class="kb-meta">{VERIFIED if f.verified else UNVERIFIED}</p>', ""]
            if f.meaning:
                out += [f"**所指**：{md(f.meaning)}", ""]
            out += ["**常见错误写法**：" + "、".join(f"<del>{md(v)}</del>" for v in f.variants), ""]
            if f.near_misses:
                out += ["**近似误写**：" + "、".join(f"<del>{md(v)}</del>" for v in f.near_misses), ""]
            if f.note:
                out += [f"**说明**：{md(f.note)}", ""]
            source = f"[{md_inline(f.source)}]({f.url})" if f.url else md_inline(f.source)
            out += [f"出处：{source}", ""]
    return "\n".join(out)
