"""Findings (file, line, code, message) and the table of stable error codes."""

from __future__ import annotations

from dataclasses import dataclass

# code -> (meaning, how to fix). Messages are Chinese because contributors read them.
CODES: dict[str, tuple[str, str]] = {
    "KB001": ("YAML 语法错误", "按提示的行号检查冒号、引号、缩进是否成对、对齐；长文本建议用 `>-` 折叠块。"),
    "KB002": ("用 Tab 缩进", "YAML 只允许空格缩进。把该行开头的 Tab 换成空格（建议每级 2 个空格）。"),
    "KB003": ("文件不是 UTF-8 编码", "用编辑器“另存为 UTF-8”。Windows 记事本、WPS 常默认存为 GBK/ANSI。"),
    "KB004": ("文件为空", "写入内容，或删除这个文件。"),
    "KB005": ("顶层结构不对", "文件顶层应为一个映射，只含一个键（与所在目录同名，如 `problems:`），其值为条目列表。"),
    "KB006": ("缺少必填字段", "按贡献指南中的模板补上该字段。"),
    "KB007": ("未知字段", "检查字段名拼写（消息中给出了最接近的字段名）；不支持的字段会被拒绝，而不是被悄悄忽略。"),
    "KB008": ("字段类型不对", "按模板填写：文本写成字符串，列表以 `- ` 开头逐项书写，年份写成整数。"),
    "KB009": ("必填内容为空", "文本不能只有空白，列表至少要有一项。"),
    "KB010": ("同一文件内 id 重复", "每个条目的 id 必须唯一，给其中一个换一个新 id。"),
    "KB011": ("不同文件间 id 重复", "id 在同类条目中全库唯一，给其中一个换一个新 id。"),
    "KB012": ("id 不能用作网址和文件名", "id 只能用小写字母 a-z、数字 0-9 和连字符 -，且不能以连字符开头或结尾。"),
    "KB013": ("引用了不存在的条目", "检查引用的 id 拼写，或先添加被引用的条目。"),
    "KB014": ("会议没有检视重点", "每次会议至少列出一个检视重点（aspects）。"),
    "KB015": ("取值不在允许范围内", "改为消息中列出的允许值之一。"),
    "KB016": ("同一映射中字段重复", "同一条目中同名字段只能出现一次，删除或合并重复的那个；否则后一个会覆盖前一个。"),
    "KB017": ("文本引用了外部资源", "站点须能在无互联网的内网使用：文本中不要插入外部图片或脚本；出处网址写在 sources 或 source 字段。"),
    "KB018": ("无法识别的数据文件", "data/ 下每个子目录对应一类数据，只放 .yaml 文件；检查目录名和扩展名。"),
    "KB019": ("问题示例未关联检视重点或主题", "至少填写 aspects 或 themes 之一，否则示例不会出现在任何检视重点页面。"),
    "KB020": ("标题重复", "每个问题示例的标题（一是……）须各不相同，改写得更具体。"),
    "KB021": ("样本材料内容不完整", "样本材料引用的每个检视重点、问题、原因和措施都须存在，且问题须属于对应的检视重点。"),
    "KB022": ("规范提法的错误写法有冲突", "错误写法不能是任何规范表述的一部分，也不能在两个条目中重复；allowed 中的说法须含有本条的某个错误写法。"),
}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one data file."""

    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.message}"


class KBError(Exception):
    """Raised with every finding at once; str() is the full report."""

    def __init__(self, findings: list[Finding]):
        self.findings = sorted(set(findings))
        super().__init__(format_findings(self.findings))


def format_findings(findings: list[Finding]) -> str:
    lines = [str(f) for f in findings]
    lines.append(f"数据检查未通过：共 {len(findings)} 处错误。")
    return "\n".join(lines)
