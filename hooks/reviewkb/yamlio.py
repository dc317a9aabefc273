"""Read one YAML data file into plain values that remember their line numbers."""

from __future__ import annotations

import yaml

from .errors import Finding

BOM = b"\xef\xbb\xbf"


class Map(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 1
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Seq(list):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int = 1
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's parser (shipped in PyYAML's wheels) is about ten times faster; same nodes, same marks.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_STR = "tag:yaml.org,2002:str"


class _Loader(_Base):
    """Safe loader that builds Map/Seq and records duplicate keys instead of overwriting."""

    def __init__(self, stream, path: str):
        super().__init__(stream)
        self.path = path
        self.findings: list[Finding] = []

    def value_of(self, node):
        """construct_object(node, deep=True), with a short cut for plain text (most of every file):
        the resolver has already tagged the node, and a str scalar's value is its text."""
        if node.tag == _STR and type(node) is yaml.ScalarNode:
            return node.value
        return self.construct_object(node, deep=True)

    def construct_kb_mapping(self, node):
        m = Map()
        m.line = node.start_mark.line + 1
        m.key_lines = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.value_of(key_node)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                # Non-string keys would never match a field name; report instead of guessing.
                key = str(key)
            if key in m:
                self.findings.append(Finding(
                    self.path, line, "KB016",
                    f"字段“{key}”在同一条目中出现了两次（第 {m.key_lines[key]} 行和第 {line} 行）。"))
                continue
            m[key] = self.value_of(value_node)
            m.key_lines[key] = line
        return m

    def construct_kb_sequence(self, node):
        s = Seq(self.value_of(child) for child in node.value)
        s.line = node.start_mark.line + 1
        s.item_lines = [child.start_mark.line + 1 for child in node.value]
        return s


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_kb_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Loader.construct_kb_sequence)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Finding]]:
    """Decode UTF-8 (a BOM is accepted and dropped); name GBK when that is what it is."""
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("gbk")
            hint = "看起来是 GBK/GB2312 编码（Windows 记事本或 WPS 的“ANSI”）。"
        except UnicodeDecodeError:
            pass
        return None, [Finding(path, line, "KB003",
                              f"文件不是 UTF-8 编码，第一个无法识别的字节在第 {line} 行。{hint}请另存为 UTF-8。")]


def find_tabs(text: str, path: str) -> list[Finding]:
    """Tabs in indentation: YAML forbids them and PyYAML's own message is cryptic."""
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            findings.append(Finding(path, number, "KB002", "这一行用 Tab 缩进，YAML 只允许空格缩进。"))
    return findings


def parse(raw: bytes, path: str) -> tuple[object, list[Finding]]:
    """Parse bytes of one file; return (value, findings). value is None when unusable."""
    text, findings = decode(raw, path)
    if text is None:
        return None, findings
    findings = find_tabs(text, path)
    if findings:
        return None, findings
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [Finding(path, 1, "KB004", "文件为空（没有任何数据）。")]
    loader = None
    try:
        loader = _Loader(text, path)
        docs = []
        while loader.check_data():
            docs.append(loader.get_data())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or str(exc)
        return None, [Finding(path, line, "KB001", f"YAML 语法错误：{problem}。")]
    except yaml.reader.ReaderError as exc:  # control characters such as NUL
        line = text[: max(exc.position, 0)].count("\n") + 1
        return None, [Finding(path, line, "KB001",
                              f"YAML 语法错误：第 {line} 行有不可见的控制字符（编码 {exc.character:#06x}），请删除。")]
    except yaml.YAMLError as exc:
        return None, [Finding(path, 1, "KB001", f"YAML 语法错误：{exc}。")]
    except RecursionError:
        return None, [Finding(path, 1, "KB001", "YAML 嵌套过深，无法读取。")]
    finally:
        if loader is not None:
            loader.dispose()
    if len(docs) != 1:
        return None, [Finding(path, 1, "KB005", f"文件应只含一个 YAML 文档，实际有 {len(docs)} 个（去掉多余的 `---`）。")]
    if docs[0] is None:
        return None, [Finding(path, 1, "KB004", "文件为空（没有任何数据）。")]
    return docs[0], loader.findings
