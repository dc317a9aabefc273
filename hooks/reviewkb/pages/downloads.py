"""The downloads page."""

from __future__ import annotations

import posixpath

from ..model import KnowledgeBase
from ..templates import template_name, template_path
from ..text import md, md_inline
from .common import head, link, sorted_meetings
from .guides import render_forms_downloads


def render_templates_index(kb: KnowledgeBase) -> str:
    src = "downloads/index.md"
    out = [head("模板下载"), "",
           "每个模板都是一整篇材料的骨架（Markdown 文本，可用任何文本编辑器、WPS 或 Word 打开）："
           "开头、按本年度检视重点分设的问题小节（每节预留一是、二是、三是）、需要的专门部分、原因剖析和整改措施。", "",
           "- 需要您填写的地方统一写成 **【请填写：……】**，定稿前应全部替换，搜索“【请填写”即可逐个定位；",
           "- 写作提示写在 `<!-- 提示：…… -->` 注释中，在 Markdown 预览中不显示，定稿前可删除；",
           "- 模板只给结构，不给现成的问题表述——问题必须来自您本人、本单位的真实情况。", "",
           "## 离线版", "", "整个网站打包成一个 zip 文件，可拷贝到没有网络、没有网站服务器的电脑上使用："
           "解压后双击其中的 `index.html` 即可打开。", "", "<!-- kb:offline-link -->", ""]
    for m in sorted_meetings(kb):
        hist = "（历史参考）" if m.history else ""
        out += [f"## {md_inline(m.title)}{hist}", ""]
        for perspective in ("个人", "班子"):
            path = template_path(m, perspective)
            out.append(f'- [{md_inline(template_name(m, perspective))}]({link(src, path)}){{ download="{posixpath.basename(path)}" .kb-download }}')
        out.append("")
    out += render_forms_downloads(kb, src)
    return "\n".join(out)
