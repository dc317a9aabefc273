"""会前会后: guidance pages, the 相互批评意见 library and the pages of the downloadable forms."""

from __future__ import annotations

from ..forms import RECTIFY_FORM, form_meetings, form_name, form_path, render_part, tidy
from ..model import Criticism, Form, Guide, GuideSection, KnowledgeBase
from ..schema import DIRECTIONS
from ..text import attr, md, md_inline
from .common import FORMATS, bullets, current_meeting, file_size, head, link, role_path

GUIDES_INDEX = "guides/index.md"
DRAFT_PAGE = "draft.md"            # pages.draft.DRAFT_PATH (that module imports this one)
CRITICISMS_PATH = "criticisms.md"
# The guide on giving and receiving criticism is the introduction of the criticisms page.
CRITICISM_GUIDE = "criticism"
DIRECTION_ANCHORS = dict(zip(DIRECTIONS, ("to-leader", "to-member", "leader-to-member", "between-members")))


def guide_path(guide_id: str) -> str:
    return CRITICISMS_PATH if guide_id == CRITICISM_GUIDE else f"guides/{guide_id}.md"


def form_page_path(form: Form) -> str:
    return f"forms/{form.id}.md"


def page_guides(kb: KnowledgeBase) -> tuple[Guide, ...]:
    """Guides that have a page of their own (the criticism guide lives on the criticisms page)."""
    return tuple(g for g in kb.guides if g.id != CRITICISM_GUIDE)


def _sections(sections: tuple[GuideSection, ...], src: str, level: int = 2) -> list[str]:
    roles_seen = []
    out = []
    for s in sections:
        anchor = f" {{ #role-{s.role} }}" if s.role and s.role not in roles_seen else ""
        roles_seen.append(s.role)
        out += [f"{'#' * level} {md_inline(s.heading)}{anchor}", "", md(tidy(s.body)), ""]
        if s.items:
            out += [bullets(tidy(x) for x in s.items), ""]
    return out


def render_guides_index(kb: KnowledgeBase) -> str:
    src = GUIDES_INDEX
    out = [head("会前会后"), "",
           "对照检查材料只是会议的一部分。会前要谈心谈话、征求意见、准备相互批评意见，会后要报告会议情况、"
           "制定整改清单并逐项销号。下面各页分别说明怎么做，并提供可下载的用表。", "",
           "## 相互批评意见和会前会后用表", ""]
    critic = kb.by_id("guides").get(CRITICISM_GUIDE)
    out.append(f"- [相互批评意见]({link(src, CRITICISMS_PATH)})：{len(kb.criticisms)} 条意见，每条都对照空泛说法和规范说法"
               + (f"；{md_inline(critic.summary)}" if critic else ""))
    out += [f"- [{md_inline(f.title)}]({link(src, form_page_path(f))})：{md_inline(f.summary)}" for f in kb.forms]
    out += ["", "## 专题说明", ""]
    out += [f"- [{md_inline(g.title)}]({link(src, guide_path(g.id))})：{md_inline(g.summary)}" for g in page_guides(kb)]
    return "\n".join(out) + "\n"


def _related(kb: KnowledgeBase, src: str, g: Guide | None) -> list[str]:
    """Links to the related guides and forms of a guide."""
    if g is None:
        return []
    guides, forms = kb.by_id("guides"), kb.by_id("forms")
    out = []
    if g.forms:
        links = "、".join(f"[{md_inline(forms[f].title)}]({link(src, form_page_path(forms[f]))})" for f in g.forms)
        out += [f"用表：{links}", ""]
    if g.related:
        links = "、".join(f"[{md_inline(guides[r].title)}]({link(src, guide_path(r))})" for r in g.related)
        out += [f"相关：{links}", ""]
    return out


def render_guide(kb: KnowledgeBase, g: Guide) -> str:
    src = guide_path(g.id)
    out = [head(g.title), "", md(g.summary), ""]
    out += _sections(g.sections, src)
    out += _related(kb, src, g)
    return "\n".join(out)


def _download_links(src: str, form: Form, m, sizes: dict[str, int]) -> str:
    """The .docx link first, then the .md link, each saved under the Chinese name, with its size."""
    name = form_name(form, m)
    out = []
    for ext, label in FORMATS:
        path = form_path(form, m, ext)
        size = f"，{file_size(sizes[path])}" if path in sizes else ""
        out.append(f'[{label}（.{ext}{size}）]({link(src, path)}){{ download="{attr(name)}.{ext}" .kb-download }}')
    return f"{md_inline(name)}：" + " · ".join(out)


def form_download_links(kb: KnowledgeBase, form: Form, src: str, sizes: dict[str, int] | None = None) -> list[str]:
    meetings = form_meetings(kb) if form.per_meeting else [None]
    return [f"- {_download_links(src, form, m, sizes or {})}" for m in meetings]


def render_form_page(kb: KnowledgeBase, form: Form, sizes: dict[str, int] | None = None) -> str:
    src = form_page_path(form)
    out = [head(form.title), "", md(form.summary), ""]
    out += _sections(form.sections, src)
    out += ["## 下载模板", "", "每个模板提供两种格式：Word 文档（.docx）按党政机关公文格式排好版，表格带边框、表头在每页重复，"
            "列多的表格放在横向页面上，可直接用 WPS 或 Word 打开填写，使用说明在批注里；"
            "Markdown 文本（.md）内容相同，表格可粘贴到 WPS 或 Word 中转换为表格。"
            "黄色的【请填写：……】处换成本人、本单位的实际内容。", ""]
    out += form_download_links(kb, form, src, sizes) + [""]
    if form.id == RECTIFY_FORM:
        out += [f"已经在[我的草稿]({link(src, DRAFT_PAGE)})中写好问题和措施的，可以在草稿页点击 **导出整改清单（Word）**，"
                "得到一份已经填好的清单：草稿中的每个问题占一行，栏目、横向页面和格式与上面的模板相同；"
                "原因和措施取草稿中与该问题对应的条目（一条措施放在与它最贴合的问题下），完成时限和检验方式取自措施中写到时限、检验办法的句子，"
                "责任人、销号情况和草稿中没有写到的内容仍是黄色的【请填写：……】。同样可以导出为 Markdown 文本。", ""]
    meeting = current_meeting(kb) if form.per_meeting else None
    label = f"（以{md_inline(meeting.title)}为例）" if meeting else ""
    out += [f"## 模板预览{label}", "", '<div class="kb-form-preview" markdown>', ""]
    for part in form.parts:
        out += render_part(kb, part, meeting, level=3)
    out += ["</div>", ""]
    return "\n".join(out)


def render_forms_downloads(kb: KnowledgeBase, src: str, sizes: dict[str, int] | None = None) -> list[str]:
    """The forms section of the downloads page."""
    if not kb.forms:
        return []
    out = ["## 会前会后用表", "", "谈心谈话、征求意见和整改清单的模板，每张都有 Word 文档（.docx，公文格式）和 Markdown 文本（.md）两种格式，"
           "使用方法见各表的说明页。", ""]
    for form in kb.forms:
        out += [f"### {md_inline(form.title)}", "", f"[填写说明]({link(src, form_page_path(form))})", ""]
        out += form_download_links(kb, form, src, sizes) + [""]
    return out


def _criticism(kb: KnowledgeBase, src: str, c: Criticism) -> list[str]:
    roles = kb.by_id("roles")
    badges = " ".join(f'[{md_inline(roles[r].name)}]({link(src, role_path(r))}){{ .kb-badge .kb-role }}' for r in c.roles)
    out = [f'<div class="kb-item kb-criticism" data-kb-kind="criticism" data-kb-id="{c.id}" '
           f'data-roles="{" ".join(c.roles)}" data-direction="{attr(c.direction)}" markdown>', "",
           f"### {md_inline(c.topic)} {{ #{c.id} }}", "",
           f'<p class="kb-meta" markdown>{badges}</p>', "",
           f'<p class="kb-weak" markdown>**空泛的说法**：{md(tidy(c.weak))}</p>', "",
           f'<p class="kb-proper" markdown>**规范的说法**：{md(tidy(c.proper))}</p>', ""]
    if c.note:
        out += [f'<p class="kb-foot" markdown>提示：{md(tidy(c.note))}</p>', ""]
    out += ["</div>", ""]
    return out


def render_criticisms(kb: KnowledgeBase) -> str:
    src = CRITICISMS_PATH
    critic = kb.by_id("guides").get(CRITICISM_GUIDE)
    out = [head("相互批评意见"), ""]
    if critic:
        out += [md(tidy(critic.summary)), ""] + _sections(critic.sections, src)
    counts = "、".join(f"[{d}](#{DIRECTION_ANCHORS[d]})（{sum(c.direction == d for c in kb.criticisms)} 条）"
                      for d in DIRECTIONS)
    out += ["## 意见示例", "", f"共 {len(kb.criticisms)} 条，按批评方向分组：{counts}。"
            "每条先列常见的空泛说法，再列规范说法；规范说法中的【请填写：……】须换成会前谈心谈话中核实过的事实。", ""]
    for d in DIRECTIONS:
        mine = [c for c in kb.criticisms if c.direction == d]
        out += [f"## {d} {{ #{DIRECTION_ANCHORS[d]} }}", ""]
        for c in mine:
            out += _criticism(kb, src, c)
    out += _related(kb, src, critic)
    return "\n".join(out)
