"""Load the data folder: parse, check every field, check integrity, build typed objects.

Nothing is returned unless everything is valid; otherwise KBError carries every finding.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from . import model
from .errors import Finding, KBError
from .parallel import pmap
from .schema import ID_RE, KINDS, Field
from .validate import check_integrity
from .yamlio import Map, Seq, parse

DATA_SUFFIXES = (".yaml", ".yml")
IGNORED_NAMES = ("README.md",)
# Markdown image syntax would become a real <img> that loads from wherever it points. Raw HTML
# needs no such check: it is always escaped and shown as text.
IMAGE_RE = re.compile(r"!\[[^\]]*\]\s*[\(\[]")


class _Ctx:
    """Findings collector for one file."""

    def __init__(self, path: str):
        self.path = path
        self.findings: list[Finding] = []

    def add(self, line: int, code: str, message: str) -> None:
        self.findings.append(Finding(self.path, line, code, message))


def _check_value(f: Field, value, line: int, ctx: _Ctx, where: str):
    """Check one value against its field; return the converted value or None."""
    label = f"{where}“{f.name}”" if f.name != "item" else where
    if f.type == "text":
        if value is None or (isinstance(value, str) and not value.strip()):
            ctx.add(line, "KB009", f"{label}不能为空。")
            return None
        if not isinstance(value, str):
            ctx.add(line, "KB008", f"{label}应为文本，实际是{_type_name(value)}（数字、日期等请加引号）。")
            return None
        if IMAGE_RE.search(value):
            ctx.add(line, "KB017", f"{label}中插入了图片（![…](…)），站点须离线可用，请删除图片。")
        return value.strip()
    if f.type in ("id", "ref"):
        if not isinstance(value, str) or not value:
            ctx.add(line, "KB008", f"{label}应为 id 文本，实际是{_type_name(value)}。")
            return None
        if f.type == "id" and not ID_RE.match(value):
            ctx.add(line, "KB012", f"{label}“{value}”不能用作网址和文件名：只能用 a-z、0-9 和连字符。")
            return None
        return value
    if f.type == "url":
        if not isinstance(value, str) or not re.match(r"^https?://\S+$", value):
            ctx.add(line, "KB008", f"{label}应为以 http:// 或 https:// 开头的网址。")
            return None
        return value
    if f.type == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.add(line, "KB008", f"{label}应为整数，实际是{_type_name(value)}。")
            return None
        return value
    if f.type == "bool":
        if not isinstance(value, bool):
            ctx.add(line, "KB008", f"{label}应为 true 或 false，实际是{_type_name(value)}。")
            return None
        return value
    if f.type == "enum":
        if value not in f.choices:
            allowed = "、".join(f.choices)
            ctx.add(line, "KB015", f"{label}的值“{value}”不在允许范围内，应为：{allowed}。")
            return None
        return value
    if f.type == "list":
        if value is None:
            ctx.add(line, "KB009", f"{label}不能为空，至少要有一项。")
            return None
        if not isinstance(value, Seq):
            ctx.add(line, "KB008", f"{label}应为列表（每项以“- ”开头），实际是{_type_name(value)}。")
            return None
        if len(value) < f.min_items:
            ctx.add(line, "KB009", f"{label}不能为空，至少要有 {f.min_items} 项。")
            return None
        items = [_check_value(f.item, v, value.line_of(i), ctx, f"{label}第 {i + 1} 项")
                 for i, v in enumerate(value)]
        return None if any(v is None for v in items) else tuple(items)
    if f.type == "object":
        return _check_object(f.fields, value, line, ctx, label)
    raise AssertionError(f.type)


def _check_object(fields: tuple[Field, ...], value, line: int, ctx: _Ctx, where: str):
    """Check a mapping against fields; return a dict of converted values (with _line) or None."""
    if not isinstance(value, Map):
        ctx.add(line, "KB008", f"{where}应为一个条目（“字段: 值”的映射），实际是{_type_name(value)}。")
        return None
    names = [f.name for f in fields]
    ident = value.get("id") if isinstance(value.get("id"), str) else None
    prefix = f"{where}（id: {ident}）" if ident else where
    out: dict = {"_line": value.line}
    ok = True
    for key in value:
        if key not in names:
            close = difflib.get_close_matches(key, names, n=1, cutoff=0.5)
            hint = f"是否应为“{close[0]}”？" if close else f"允许的字段：{', '.join(names)}。"
            ctx.add(value.line_of(key), "KB007", f"{prefix}有未知字段“{key}”。{hint}")
            ok = False
    for f in fields:
        if f.name not in value:
            if f.required:
                ctx.add(value.line, "KB006", f"{prefix}缺少必填字段“{f.name}”（{f.doc}）。")
                ok = False
            continue
        converted = _check_value(f, value[f.name], value.line_of(f.name), ctx, prefix)
        if converted is None:
            ok = False
        else:
            out[f.name] = converted
            out["_line_" + f.name] = value.line_of(f.name)
    return out if ok else None


def _without(m: Map, key: str) -> Map:
    copy = Map((k, v) for k, v in m.items() if k != key)
    copy.line, copy.key_lines = m.line, m.key_lines
    return copy


def _type_name(value) -> str:
    if value is None:
        return "空值"
    return {bool: "布尔值", int: "整数", float: "小数", str: "文本", Map: "映射", Seq: "列表"}.get(
        type(value), type(value).__name__)


def check_file(kind: str, raw: bytes, path: str) -> tuple[list[dict], list[Finding]]:
    """Parse and field-check one file of `kind`; return its entries (dicts with _line) and findings."""
    ctx = _Ctx(path)
    doc, findings = parse(raw, path)
    ctx.findings.extend(findings)
    if doc is None:
        return [], ctx.findings
    if not isinstance(doc, Map) or list(doc) != [kind]:
        got = "、".join(map(str, doc)) if isinstance(doc, Map) else _type_name(doc)
        ctx.add(getattr(doc, "line", 1), "KB005",
                f"顶层应只有一个键“{kind}:”（与目录名相同），其下为条目列表；实际是：{got}。")
        return [], ctx.findings
    items = doc[kind]
    if not isinstance(items, Seq):
        ctx.add(doc.line_of(kind), "KB005", f"“{kind}:”下应为条目列表（每个条目以“- ”开头），实际是{_type_name(items)}。")
        return [], ctx.findings
    if not items:
        ctx.add(doc.line_of(kind), "KB009", f"“{kind}:”下没有任何条目。")
        return [], ctx.findings
    _, fields = KINDS[kind]
    entries = []
    for i, item in enumerate(items):
        where, fields_here = f"第 {i + 1} 个条目", fields
        if kind == "meetings" and isinstance(item, Map) and not item.get("aspects"):
            ctx.add(item.line_of("aspects"), "KB014",
                    f"会议（id: {item.get('id')}）没有检视重点：aspects 至少要有一项。")
            item, fields_here = _without(item, "aspects"), tuple(f for f in fields if f.name != "aspects")
        entry = _check_object(fields_here, item, items.line_of(i), ctx, where)
        if entry is not None and fields_here is fields:
            entries.append(entry)
    return entries, ctx.findings


def discover(data_dir: Path) -> tuple[list[tuple[str, Path]], list[Finding]]:
    """List (kind, file) pairs under data_dir; anything unrecognised is a finding, never skipped."""
    files, findings = [], []
    for path in sorted(data_dir.rglob("*")):
        rel = path.relative_to(data_dir)
        shown = f"data/{rel.as_posix()}"
        if any(part.startswith(".") for part in rel.parts) or path.name in IGNORED_NAMES:
            continue
        if path.is_dir():
            if len(rel.parts) == 1 and rel.name not in KINDS:
                findings.append(Finding(shown, 1, "KB018",
                                        f"目录“{rel.name}”不是已知的数据类别（{', '.join(KINDS)}）。"))
            continue
        if len(rel.parts) != 2 or rel.parts[0] not in KINDS:
            if len(rel.parts) == 1 or rel.parts[0] in KINDS:
                findings.append(Finding(shown, 1, "KB018",
                                        "数据文件应放在 data/<类别>/ 目录下一层，如 data/problems/xxx.yaml。"))
            continue
        if path.suffix not in DATA_SUFFIXES:
            findings.append(Finding(shown, 1, "KB018", f"扩展名“{path.suffix or '（无）'}”不是 .yaml，文件不会被读取。"))
            continue
        files.append((rel.parts[0], path))
    return files, findings


def _check_files(jobs: list[tuple[str, Path, str]]) -> list[tuple[list[dict], list[Finding]]]:
    return [check_file(kind, path.read_bytes(), shown) for kind, path, shown in jobs]


def _file_size(job: tuple[str, Path, str]) -> int:
    try:
        return job[1].stat().st_size
    except OSError:
        return 0


def load(data_dir: str | Path) -> model.KnowledgeBase:
    """Load and validate everything; raise KBError with all findings if anything is wrong."""
    data_dir = Path(data_dir)
    files, findings = discover(data_dir)
    raw_entries: dict[str, list[tuple[str, dict]]] = {kind: [] for kind in KINDS}
    jobs = [(kind, path, f"data/{path.relative_to(data_dir).as_posix()}") for kind, path in files]
    checked = pmap(_check_files, jobs, weight=_file_size)  # parsing is most of the time: files beside each other
    for (kind, _, shown), (entries, file_findings) in zip(jobs, checked):
        findings.extend(file_findings)
        raw_entries[kind].extend((shown, e) for e in entries)
    for kind in KINDS:
        if not raw_entries[kind] and not any(k == kind for k, _ in files):
            findings.append(Finding(f"data/{kind}", 1, "KB018", f"没有找到任何“{kind}”数据文件。"))
    kb = build(raw_entries)
    # Entries of a file with errors are missing from kb; references into that kind would all
    # dangle, so they are not checked until the file itself is fixed.
    broken = {path.split("/")[1] for path in {f.path for f in findings} if path.count("/") >= 2}
    findings.extend(check_integrity(kb, unchecked_targets=broken))
    if findings:
        raise KBError(findings)
    return kb


def build(raw_entries: dict[str, list[tuple[str, dict]]]) -> model.KnowledgeBase:
    """Turn checked dicts into frozen objects (in file order)."""
    parts = {}
    for kind, entries in raw_entries.items():
        parts[kind] = tuple(_make(kind, model.CLASSES[kind], path, e) for path, e in entries)
    return model.KnowledgeBase(**parts)


def _make(kind: str, cls, path: str, entry: dict, extra: dict | None = None):
    values = {}
    for name, value in entry.items():
        if name.startswith("_line"):
            continue
        nested = model.NESTED.get((kind, name))
        if nested is not None:
            sub_extra = {"meeting": entry["id"]} if nested is model.Aspect else None
            if isinstance(value, dict):  # a single nested object
                value = _make(kind, nested, path, value, sub_extra)
            else:
                value = tuple(_make(kind, nested, path, v, sub_extra) for v in value)
        values[name] = value
    values.update(extra or {})
    lines = tuple((k[len("_line_"):], v) for k, v in entry.items() if k.startswith("_line_"))
    return cls(**values, loc=model.Loc(path, entry["_line"], lines))
