"""The 我的草稿 page: an explanation that reads well without script, and the place the draft app starts."""

from __future__ import annotations

from ..forms import RECTIFY_FORM
from ..model import Form, KnowledgeBase
from .common import CAUSES_PATH, MEASURES_PATH, current_meeting, head, link
from .guides import form_page_path

DRAFT_PATH = "draft.md"


def render_draft(kb: KnowledgeBase) -> str:
    src = DRAFT_PATH
    m = current_meeting(kb)
    rectify = kb.by_id("forms").get(RECTIFY_FORM)
    return "\n".join([
        # The material needs the width of the page: no table of contents beside it.
        head("我的草稿").replace("---\n", "---\nhide:\n  - toc\n", 1), "",
        '<div class="kb-draft-intro" markdown>', "",
        "在示例库、各检视重点页面、[原因剖析]({c})、[整改措施]({x})和页首搜索结果中点击 **加入草稿**，选中的示例、原因和措施会汇集到这里，"
        "按所选会议的材料结构排成一篇完整的对照检查材料：各部分的顺序和标题与模板一致，问题按检视重点分组，"
        "一是、二是、三是随增删和调整自动重排。".format(c=link(src, CAUSES_PATH), x=link(src, MEASURES_PATH)), "",
        "- 每一条都可以直接改写。仍与知识库原文逐字相同的文字会标出来，提醒您换成本人、本单位的事实；",
        "- 还没有选入内容的部分显示模板的【请填写：……】文字，旁边列出这一部分必须写到的要素和常见问题；",
        "- 侧栏逐条列出每个问题有没有对应的原因和措施，并给出可参考的写法；",
        "- 可导出为 Word 文档（.docx，与[模板下载]({d})中的文件同样的公文格式）、Markdown 文本（.md）"
        "和备份文件（.json），备份文件可用 **导入备份** 恢复{end}".format(d=link(src, "downloads/index.md"),
                                                              end="；" if rectify else "。"),
        *_rectify_note(src, rectify), "",
        "草稿只保存在您这台电脑的浏览器中，每次修改自动保存，刷新或重新打开本站后仍在；它不会发送到任何地方，"
        "本站每个页面都限定只能访问本站自身。换电脑或清理浏览器数据之前，请先导出备份。"
        f"默认按 {m.year} 年度{m.kind}编排，可以为其他年度另存草稿。", "",
        "</div>", "",
        '<div class="kb-nojs" markdown>', "",
        '!!! note "需要启用脚本"',
        "    草稿功能在浏览器中运行，需要启用 JavaScript。未启用时，可以从"
        f"[模板下载]({link(src, 'downloads/index.md')})取得整篇材料的模板，再对照示例逐条改写。", "",
        "</div>", "",
        f'<div class="kb-draft kb-needs-js" data-module="kb-draft" data-kb-current="{m.id}"'
        f'{" data-kb-rectify" if rectify else ""}></div>', "",
    ])


def _rectify_note(src: str, form: Form | None) -> list[str]:
    """The bullet on the 整改清单 export, when the data has that form."""
    if form is None:
        return []
    return ["- 点击 **导出整改清单（Word）**，草稿中的问题按检视重点逐条列成[{t}]({r})，横向表格，栏目和格式与下载的{t}模板相同："
            "问题一列取每个问题的要点句，原因取侧栏中与该问题对应的原因，措施取与它对应的措施（一条措施对应几个问题时，放在最贴合的问题下），完成时限和检验方式取自措施中写到时限、"
            "检验办法的句子；责任人、销号情况和草稿中没有写到的内容留作黄色的【请填写：……】，没有对应问题的措施单独列行。"
            "也可导出为 Markdown 文本。".format(t=form.title, r=link(src, form_page_path(form)))]
