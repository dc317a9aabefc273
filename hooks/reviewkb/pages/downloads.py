"""The downloads page: every template as .docx (公文格式) and as Markdown, with Chinese file names."""

from __future__ import annotations

from ..model import KnowledgeBase, Meeting
from ..templates import PERSPECTIVES, template_name, template_path
from ..text import attr, md_inline
from .common import FORMATS, file_size, head, link, sorted_meetings
from .guides import render_forms_downloads


def download_links(src: str, m: Meeting, perspective: str, sizes: dict[str, int]) -> str:
    """The .docx link first, then the .md link, each saved under the Chinese name, with its size."""
    out = []
    for ext, label in FORMATS:
        path = template_path(m, perspective, ext)
        size = f"，{file_size(sizes[path])}" if path in sizes else ""
        name = f"{template_name(m, perspective)}.{ext}"
        out.append(f'[{label}（.{ext}{size}）]({link(src, path)}){{ download="{attr(name)}" .kb-download }}')
    return " · ".join(out)


def render_templates_index(kb: KnowledgeBase, sizes: dict[str, int] | None = None) -> str:
    src = "downloads/index.md"
    sizes = sizes or {}
    out = [head("模板下载"), "",
           "每个模板都是一整篇材料的骨架：开头、按本年度检视重点分设的问题小节（每节预留一是、二是、三是）、"
           "需要的专门部分、原因剖析、整改措施、结束语和落款。每个模板提供两种格式：", "",
           "- **Word 文档（.docx）**：按党政机关公文格式排好版（A4，标题小标宋，正文仿宋三号，每页22行、每行28字，"
           "页码“— 1 —”），可直接用 WPS 或 Word 打开填写。需要填写的地方是黄色的【请填写：……】，"
           "写作提示放在批注里，不占正文；定稿前在“审阅”选项卡中一次删除全部批注"
           "（不删除时，Word 和 WPS 打印时可能在页边印出批注）；",
           "- **Markdown 文本（.md）**：内容与 Word 文档相同，提示写在 `<!-- 提示：…… -->` 注释中，适合用文本编辑器起草；",
           "- 模板只给结构，不给现成的问题表述——问题必须来自您本人、本单位的真实情况。"
           "电脑上没有方正小标宋、仿宋_GB2312 等字体时，WPS 和 Word 会用相近字体代替，每页行数和每行字数不变。", "",
           "| 会议 | 个人对照检查材料 | 班子对照检查材料 |", "| --- | --- | --- |"]
    for m in sorted_meetings(kb):
        hist = "（历史参考）" if m.history else ""
        cells = [download_links(src, m, p, sizes) for p in PERSPECTIVES]
        out.append(f"| {md_inline(m.title)}{hist} | " + " | ".join(cells) + " |")
    out += ["", "## 离线版", "", "整个网站打包成一个 zip 文件，可拷贝到没有网络、没有网站服务器的电脑上使用："
            "解压后双击其中的 `index.html` 即可打开。", "", "<!-- kb:offline-link -->", ""]
    out += render_forms_downloads(kb, src, sizes)
    return "\n".join(out)
