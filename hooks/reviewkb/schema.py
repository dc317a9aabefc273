"""Field specifications of every data kind: the single description used to validate and to emit JSON Schema."""

from __future__ import annotations

import re
from dataclasses import dataclass

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PERSPECTIVES = ("个人", "班子")
MEETING_KINDS = ("民主生活会", "组织生活会")
# Who writes the material an example fits: a leading cadre (民主生活会), a middle-level cadre, or an
# ordinary member (组织生活会).
LEVELS = ("领导班子成员", "中层干部", "普通党员")
# Groups of the standard formulations (规范提法) page.
FORMULATION_CATEGORIES = ("指导思想和重要论断", "政治要求", "纪律和作风", "制度和工作方法", "学习教育和会议主题")
# Who a 相互批评意见 is addressed to, in the 民主生活会 and the 组织生活会.
DIRECTIONS = ("对主要负责人", "对班子成员", "主要负责人对班子成员", "支部党员之间")
ANGLES = ("理想信念", "理论学习", "党性修养", "宗旨意识", "纪律规矩", "思想作风",
          "政绩观权力观", "担当精神", "斗争精神", "能力本领")


@dataclass(frozen=True)
class Field:
    """One field of a data kind. `type` is text|id|int|bool|url|enum|ref|list|object."""

    name: str
    type: str
    doc: str
    required: bool = False
    choices: tuple = ()
    ref: str = ""                     # kind referred to, for ref (and list of ref)
    item: "Field | None" = None       # item spec, for list
    fields: tuple = ()                # sub-fields, for object
    min_items: int = 1


def text(name, doc, required=True):
    return Field(name, "text", doc, required)


def texts(name, doc, required=False, min_items=1):
    return Field(name, "list", doc, required, item=Field("item", "text", doc), min_items=min_items)


def refs(name, kind, doc, required=True, min_items=1):
    return Field(name, "list", doc, required, item=Field("item", "ref", doc, ref=kind), min_items=min_items)


def wording(name, doc):
    """An optional text per kind of material: personal (民主生活会 个人), team (班子), member (普通党员), branch (支委会)."""
    return Field(name, "object", doc, fields=(
        text("personal", "民主生活会个人材料（领导干部）。", required=False),
        text("team", "班子材料。", required=False),
        text("member", "普通党员的组织生活会个人材料（不填则用 personal）。", required=False),
        text("branch", "党支部委员会的组织生活会材料（不填则用 team）。", required=False),
    ))


ID = Field("id", "id", "唯一标识，只用 a-z、0-9 和连字符，用作网址锚点和文件名。", True)
SOURCE = text("source", "来源说明，如“原创示例”或样本材料名称。")
GUIDE = (
    texts("checkpoints", "检视要点：对照检查时逐条自问的问题。"),
    texts("pitfalls", "常见误区。"),
    texts("tips", "写法提示。"),
)

SOURCE_REF = Field("sources", "list", "出处列表。", True, item=Field("item", "object", "一条出处。", fields=(
    Field("url", "url", "出处网址（样本材料等无网址的出处可不填）。"),
    text("title", "出处名称或说明。"),
    Field("verified", "bool", "是否已核实为完整、权威的原文；false 时页面显示「待核实」。", True),
)))

ASPECT = Field("item", "object", "一个检视重点。", fields=(
    ID,
    text("heading", "官方表述，逐字照录。"),
    text("short", "简称，用于导航和链接。"),
    refs("themes", "themes", "对应的常设主题 id（至少一个）。"),
    Field("verified", "bool", "该表述是否已核实；false 时显示「待核实」。", True),
    Field("source", "url", "该表述的出处网址（与会议出处不同时填写）。"),
    text("asks", "用自己的话说明这一方面要求查什么。"),
    *GUIDE,
))

GUIDE_SECTION = Field("item", "object", "一节内容。", fields=(
    text("heading", "小标题。"),
    text("body", "正文（Markdown 文本）。"),
    texts("items", "要点列表（可选）。"),
    Field("role", "ref", "这一节专讲哪个岗位类别（可选）。", ref="roles"),
))

# Where the rows of a generated table come from: typed in `rows`, or the meeting's own parts.
ROW_SOURCES = ("meeting",)
FORM_PART = Field("item", "object", "模板中的一部分：一段文字、一张表，或两者都有。", fields=(
    text("heading", "这一部分的小标题。"),
    text("text", "文字部分（Markdown），占位符写成【请填写：……】。", required=False),
    texts("columns", "表格的列名，按顺序；不填则这一部分没有表格。"),
    texts("rows", "表格第一列预先填好的行名（如“谈话对象”），不填则留空行。"),
    Field("blank_rows", "int", "没有 rows 时预留的空行数，不填为 3。"),
    Field("rows_from", "enum", "行由会议生成：meeting 表示按会议的各部分和检视重点逐行列出。", choices=ROW_SOURCES),
))

KINDS: dict[str, tuple[str, tuple[Field, ...]]] = {
    "themes": ("常设检视主题：历年检视重点都映射到这些主题上。", (
        ID,
        text("name", "主题名称。"),
        text("summary", "这一主题查什么，一两句话。"),
        *GUIDE,
    )),
    "roles": ("岗位类别：示例按岗位标注，便于找到贴近自身工作的写法。", (
        ID,
        text("name", "岗位类别名称。"),
        text("description", "包括哪些单位和岗位。"),
    )),
    "meetings": ("年度会议：主题、出处与检视重点。", (
        ID,
        Field("year", "int", "年度（材料所属年度，而非召开年份）。", True),
        Field("kind", "enum", "会议类型。", True, choices=MEETING_KINDS),
        text("title", "会议名称。"),
        text("theme", "会议主题或总要求。"),
        Field("verified", "bool", "主题是否已核实；false 时显示「待核实」。", True),
        Field("history", "bool", "仅作历史参考的早期年度。"),
        texts("notes", "补充说明（如常见的附加内容）。"),
        SOURCE_REF,
        refs("structure", "sections", "材料由哪些部分组成，按顺序列出 sections 的 id；须含 problems。"),
        Field("aspects", "list", "检视重点，按官方顺序。", True, item=ASPECT),
    )),
    "problems": ("问题示例：一条“一是……”及其表现和具体事例。", (
        ID,
        text("title", "问题标题（一是……那句话），点明一个具体不足。"),
        text("body", "具体表现。"),
        texts("cases", "具体事例（比如……），写出场景、时间或数字。"),
        refs("aspects", "aspects", "直接对应的检视重点 id。", required=False),
        refs("themes", "themes", "对应的常设主题 id。", required=False),
        Field("perspective", "enum", "视角：个人或班子。", True, choices=PERSPECTIVES),
        refs("roles", "roles", "适用岗位类别 id。"),
        Field("level", "enum", "写作者层级：领导班子成员的示例列在民主生活会检视重点下，中层干部和普通党员的列在组织生活会检视重点下；不填按领导班子成员（岗位含基层党支部的按普通党员）。直接填写的 aspects 不受层级限制。",
              choices=LEVELS),
        refs("causes", "causes", "回应这一问题的原因 id（问题→原因）。", required=False),
        texts("tags", "标签，便于检索。"),
        SOURCE,
    )),
    "causes": ("原因剖析模式：从思想根源上说明为什么，不复述问题。", (
        ID,
        Field("angle", "enum", "剖析角度。", True, choices=ANGLES),
        text("title", "原因标题。"),
        text("body", "原因剖析正文。"),
        refs("themes", "themes", "相关主题 id。"),
        SOURCE,
    )),
    "measures": ("整改措施模式：对应原因和主题，写明谁来做、做什么、何时完成、怎样检验。", (
        ID,
        text("title", "措施标题。"),
        text("body", "措施正文。"),
        refs("causes", "causes", "这条措施回应的原因 id。"),
        refs("themes", "themes", "相关主题 id。"),
        text("deadline", "完成时限。", required=False),
        text("check", "怎样检验是否做到。", required=False),
        SOURCE,
    )),
    "sections": ("材料中问题以外的部分：写什么、怎么写、模板骨架。", (
        ID,
        text("name", "部分名称。"),
        text("heading", "材料中的标题（如“一、存在的问题”）；开头部分可留空。", required=False),
        text("purpose", "这一部分必须包含什么。"),
        texts("must_include", "必备要素。", required=True),
        texts("pitfalls", "常见误区。"),
        texts("tips", "写法提示。"),
        Field("perspectives", "list", "适用于哪种材料。", True,
              item=Field("item", "enum", "个人或班子。", choices=PERSPECTIVES)),
        text("template", "模板骨架，占位符统一写成【请填写：……】。"),
        Field("examples", "list", "示例片段。", item=Field("item", "object", "一个示例片段。", fields=(
            text("title", "示例说明。"),
            text("text", "示例正文。"),
            SOURCE,
        ))),
        wording("variants", "其他材料的模板骨架（不填则用 template）：team 为班子材料，member 为普通党员组织生活会材料，branch 为党支部委员会组织生活会材料。"),
        wording("intro", "重复的一是、二是之前的一段（如对征求意见的回应）；personal/team/member/branch 分别对应四种材料。"),
        wording("length", "这一部分通常的篇幅（经验值），在模板中作为提示显示；personal/team/member/branch 分别对应四种材料。"),
    )),
    "samples": ("真实样本材料的完整结构化拆解。", (
        ID,
        text("title", "样本名称。"),
        Field("meeting", "ref", "所属会议 id。", True, ref="meetings"),
        Field("perspective", "enum", "个人或班子。", True, choices=PERSPECTIVES),
        refs("roles", "roles", "岗位类别 id。"),
        SOURCE,
        text("opening", "开头（会前准备）原文。"),
        text("problems_heading", "问题部分标题原文。"),
        Field("groups", "list", "按检视重点分组的问题，顺序同原文。", True,
              item=Field("item", "object", "一组问题。", fields=(
                  Field("aspect", "ref", "检视重点 id。", True, ref="aspects"),
                  refs("problems", "problems", "问题 id，顺序同原文。"),
              ))),
        text("personal_matters", "需要说明的个人事项原文。", required=False),
        text("causes_heading", "原因部分标题原文。"),
        refs("causes", "causes", "原因 id，顺序同原文。"),
        text("measures_heading", "措施部分标题原文。"),
        refs("measures", "measures", "措施 id，顺序同原文。"),
    )),
    "chains": ("问题—原因—措施对应示例：一个问题、回应它的原因和措施，以及它们为什么彼此对应。", (
        ID,
        text("title", "示例标题，说明是哪一岗位、哪种视角的哪类问题。"),
        Field("role", "ref", "岗位类别 id。", True, ref="roles"),
        Field("perspective", "enum", "视角：个人或班子。", True, choices=PERSPECTIVES),
        Field("problem", "ref", "问题示例 id。", True, ref="problems"),
        refs("causes", "causes", "回应这一问题的原因 id，按剖析顺序。"),
        refs("measures", "measures", "针对这些原因的措施 id。"),
        text("commentary", "说明问题、原因、措施为什么彼此对应：原因怎样解释问题，措施怎样改掉原因。"),
    )),
    "thesaurus": ("检索词表：同义词、简称和规范展开，供站内搜索把用户的说法与知识库的说法对上。", (
        ID,
        texts("terms", "互为同义、可以互相替换的说法（至少两个；只有一个时须填 expands）。", required=True),
        texts("expands", "简称或概括语的规范展开：搜到 terms 中任一说法时，也找这些说法（单向）。"),
        text("note", "说明（可选）。", required=False),
    )),
    "criticisms": ("相互批评意见：同一条意见的空泛说法和规范说法（事实 + 问题性质 + 建议）。", (
        ID,
        Field("direction", "enum", "批评方向：谁对谁提。", True, choices=DIRECTIONS),
        refs("roles", "roles", "适用岗位类别 id。"),
        text("topic", "意见针对的方面，几个字即可，如“调查研究”。"),
        text("weak", "空泛、不痛不痒的说法（反面示范）。"),
        text("proper", "规范的说法：点明事实，指出问题性质，提出改进建议；需要本人事实处写成【请填写：……】。"),
        text("note", "提意见时要注意什么（可选）。", required=False),
    )),
    "guides": ("会前会后指导：发言提纲与对照检查材料、会议程序、篇幅、案例剖析、特殊情况等专题说明。", (
        ID,
        text("title", "页面标题。"),
        text("summary", "一两句话说明这一页解决什么问题。"),
        Field("sections", "list", "正文各节，按顺序。", True, item=GUIDE_SECTION),
        refs("related", "guides", "相关的其他指导页 id。", required=False),
        refs("forms", "forms", "相关的会前会后用表 id（说明页和模板下载）。", required=False),
    )),
    "forms": ("会前会后用表：谈心谈话提纲、征求意见表、整改清单等，含填写指导和可下载的模板。", (
        ID,
        text("title", "表格（文书）名称。"),
        text("summary", "一两句话说明用途。"),
        Field("sections", "list", "填写和使用指导，按顺序。", True, item=GUIDE_SECTION),
        Field("parts", "list", "下载模板的组成部分，按顺序。", True, item=FORM_PART),
        Field("per_meeting", "bool", "是否按每次会议的检视重点分别生成一份模板。"),
    )),
    "formulations": ("规范提法：材料中常用的官方表述，以及常见的错误写法和近似误写；自查时逐一比对。", (
        ID,
        text("text", "规范表述，逐字照录。"),
        Field("category", "enum", "类别。", True, choices=FORMULATION_CATEGORIES),
        text("meaning", "全称或所指内容（可选）。", required=False),
        texts("variants", "常见错误写法：出现即判为提法错误（不得是任何规范表述的一部分）。", required=True),
        texts("near_misses", "近似误写：与规范表述只差一两个字、容易混用的说法（可选）。"),
        texts("allowed", "含有上述错误写法、但本身正确的说法（可选），自查时不报。"),
        text("note", "使用说明（可选）。", required=False),
        text("source", "出处说明。"),
        Field("url", "url", "出处网址（可选）。"),
        Field("verified", "bool", "是否已对照权威原文核实；false 时页面显示「待核实」。", True),
    )),
}

# Kinds in load order; "aspects" is a virtual kind (meeting items) that refs may target.
KIND_ORDER = tuple(KINDS)


def field_names(fields: tuple[Field, ...]) -> list[str]:
    return [f.name for f in fields]


def json_schema(kind: str) -> dict:
    """JSON Schema (draft 2020-12) of one data file of `kind`, for editors."""
    doc, fields = KINDS[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{kind}: {doc}",
        "type": "object",
        "additionalProperties": False,
        "required": [kind],
        "properties": {kind: {"type": "array", "minItems": 1, "items": _object_schema(fields, doc)}},
    }


def _object_schema(fields, doc) -> dict:
    return {
        "type": "object",
        "description": doc,
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: _field_schema(f) for f in fields},
    }


def _field_schema(f: Field) -> dict:
    if f.type in ("text",):
        return {"type": "string", "minLength": 1, "pattern": r"\S", "description": f.doc}
    if f.type in ("id", "ref"):
        return {"type": "string", "pattern": ID_RE.pattern, "description": f.doc}
    if f.type == "url":
        return {"type": "string", "pattern": r"^https?://\S+$", "description": f.doc}
    if f.type == "int":
        return {"type": "integer", "description": f.doc}
    if f.type == "bool":
        return {"type": "boolean", "description": f.doc}
    if f.type == "enum":
        return {"enum": list(f.choices), "description": f.doc}
    if f.type == "list":
        return {"type": "array", "minItems": f.min_items, "items": _field_schema(f.item), "description": f.doc}
    if f.type == "object":
        return _object_schema(f.fields, f.doc)
    raise ValueError(f.type)
