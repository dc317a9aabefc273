"""The 自查 page: the check tool (bound by data-module="kb-selfcheck") and the list of its rules."""

from __future__ import annotations

from ..checkrules import rules
from ..model import KnowledgeBase
from ..text import md_inline
from .common import FORMULATIONS_PATH, SELFCHECK_PATH, head, link

TOOL = """<div class="kb-selfcheck" data-module="kb-selfcheck">
<p class="kb-sc-nojs">自查工具需要浏览器启用脚本。即使不启用脚本，也可以对照下方的规则逐条自查。</p>
<div class="kb-sc-tool">
<div class="kb-sc-input">
<label class="kb-sc-label" for="kb-sc-text">粘贴材料全文</label>
<textarea id="kb-sc-text" class="kb-sc-textarea" data-sc="text" rows="12" placeholder="把对照检查材料（发言提纲）全文粘贴到这里，标题放在第一行。"></textarea>
<div class="kb-sc-drop" data-sc="drop">
<label class="kb-sc-label" for="kb-sc-files">或打开文件：.docx、.txt、.md，可一次选多个（最多 50 个），也可以把文件拖到这里</label>
<input id="kb-sc-files" type="file" data-sc="files" multiple accept=".docx,.txt,.md,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document">
</div>
<div class="kb-sc-options">
<label>会议 <select data-sc="meeting"></select></label>
<label>视角 <select data-sc="perspective"><option value="个人">个人材料</option><option value="班子">班子材料</option></select></label>
<button type="button" class="md-button md-button--primary" data-sc="run">检查</button>
<button type="button" class="md-button" data-sc="export" disabled>导出报告（.md）</button>
</div>
<p class="kb-sc-guess" data-sc="guess"></p>
</div>
<p class="kb-sc-status" data-sc="status" role="status" aria-live="polite"></p>
<div class="kb-sc-batch" data-sc="batch" hidden></div>
<div class="kb-sc-result" data-sc="result" hidden>
<div class="kb-sc-findings-box"><h2 class="kb-sc-h">检查结果</h2><p class="kb-sc-summary" data-sc="summary"></p><ol class="kb-sc-findings" data-sc="findings"></ol></div>
<div class="kb-sc-shown-box"><h2 class="kb-sc-h">材料原文</h2><div class="kb-sc-shown" data-sc="shown"></div></div>
</div>
</div>
</div>"""


def rules_table(src: str) -> str:
    """Markdown table of the rules; `src` is the page it appears on (for relative links)."""
    rows = ["| 规则 | 严重程度 | 查什么 | 怎样改 |", "| --- | --- | --- | --- |"]
    for r in rules():
        rows.append(f"| <code id='rule-{r.id}'>{r.id}</code> {md_inline(r.name)} | {r.severity} | {md_inline(r.help)} | "
                    f"[写法说明]({link(src, r.guide)}) |")
    return "\n".join(rows)


def render_selfcheck(kb: KnowledgeBase) -> str:
    src = SELFCHECK_PATH
    return "\n".join([
        head("材料自查"), "",
        "写完材料、送审之前，先在这里查一遍审核时最常被退回的问题：没填的占位、漏掉的检视重点和必备部分、"
        "没有事例的问题、复述问题的原因、没有时限的措施、照抄的段落和写错的提法。"
        "检查完全在您的浏览器里进行，材料**不会发送到任何地方**：页面只从本站加载数据，断网也能使用。", "",
        "会议和视角会根据标题中的年度和“民主生活会/组织生活会”自动判断，可以手动改。"
        "一次选中多个文件（最多 50 个），会逐份检查，并列出哪些材料之间有大段相同的文字。", "",
        TOOL, "",
        "## 检查规则", "",
        "每条结果都标明规则、严重程度（**必须修改** / **建议修改**）、所在部分和段落、原文开头，并链接到说明怎样改的页面。"
        "规则是启发式的：建议修改的条目请结合实际判断；必须修改的条目送审前应当改掉。", "",
        rules_table(src), "",
        f"提法比对所用的规范表述和常见错误写法见[规范提法]({link(src, FORMULATIONS_PATH)})；"
        "照抄比对的范围是本站全部问题示例、原因和措施，规范提法、检视重点原文和会议名称不算照抄。", "",
        "## 命令行批量检查", "",
        "在项目目录中先运行 `make build`，再运行 `node tools/selfcheck.mjs 材料1.docx 材料2.txt …`，"
        "使用与本页完全相同的规则，结果以 Markdown 输出。", "",
    ])
