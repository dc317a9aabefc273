"""Integrity checks across entries and files: ids, references, required coverage."""

from __future__ import annotations

from collections import defaultdict

from .errors import Finding
from .model import KnowledgeBase

# (kind, field) -> kind referred to. Nested: meetings.aspects[].themes, samples.groups[].…
REFS = {
    ("problems", "aspects"): "aspects", ("problems", "themes"): "themes", ("problems", "roles"): "roles", ("problems", "causes"): "causes",
    ("causes", "themes"): "themes",
    ("measures", "causes"): "causes", ("measures", "themes"): "themes",
    ("meetings", "structure"): "sections",
    ("criticisms", "roles"): "roles", ("guides", "related"): "guides", ("guides", "forms"): "forms",
    ("samples", "roles"): "roles", ("samples", "causes"): "causes", ("samples", "measures"): "measures",
    ("chains", "causes"): "causes", ("chains", "measures"): "measures",
}
KIND_NAMES = {"themes": "主题", "roles": "岗位", "meetings": "会议", "aspects": "检视重点", "problems": "问题示例",
              "causes": "原因", "measures": "措施", "sections": "部分", "samples": "样本",
              "thesaurus": "检索词", "chains": "对应示例", "criticisms": "批评意见", "guides": "指导页", "forms": "用表", "formulations": "规范提法"}


def check_integrity(kb: KnowledgeBase, unchecked_targets: set[str] = frozenset()) -> list[Finding]:
    """Cross-entry checks; references into kinds named in unchecked_targets are skipped."""
    skip = set(unchecked_targets) | ({"aspects"} if "meetings" in unchecked_targets else set())
    findings: list[Finding] = []
    findings += _unique_ids(kb)
    findings += _references(kb, skip)
    findings += _problem_rules(kb)
    findings += _sample_rules(kb)
    findings += _formulation_rules(kb)
    return findings


def _duplicates(entries, key, report) -> list[Finding]:
    """Group entries by key; every occurrence of a repeated key is reported, naming the others."""
    groups: dict[str, list] = defaultdict(list)
    for entry in entries:
        groups[key(entry)].append(entry)
    findings = []
    for value, same in groups.items():
        if len(same) < 2:
            continue
        for entry in same:
            others = [o for o in same if o is not entry]
            findings.append(report(value, entry, others))
    return findings


def _where(entry, others) -> str:
    return "、".join(f"第 {o.loc.line} 行" if o.loc.path == entry.loc.path else f"{o.loc.path}:{o.loc.line}"
                    for o in others)


def _unique_ids(kb: KnowledgeBase) -> list[Finding]:
    findings = []
    for kind in KIND_NAMES:
        def report(value, entry, others, kind=kind):
            code = "KB010" if all(o.loc.path == entry.loc.path for o in others) else "KB011"
            return Finding(entry.loc.path, entry.loc.line_of("id"), code,
                           f"{KIND_NAMES[kind]} id“{value}”重复，{_where(entry, others)}也用了这个 id。")
        findings += _duplicates(getattr(kb, kind), lambda e: e.id, report)
    return findings


def _missing(kb: KnowledgeBase, entry, field: str, kind: str, ids, skip) -> list[Finding]:
    if kind in skip:
        return []
    known = kb.by_id(kind)
    return [Finding(entry.loc.path, entry.loc.line_of(field.split(".")[0]), "KB013",
                    f"{entry.id}：“{field}”引用的{KIND_NAMES[kind]} id“{ref}”不存在。")
            for ref in ids if ref not in known]


def _references(kb: KnowledgeBase, skip: set[str]) -> list[Finding]:
    findings = []
    for (kind, field), target in REFS.items():
        for entry in getattr(kb, kind):
            findings += _missing(kb, entry, field, target, getattr(entry, field), skip)
    for meeting in kb.meetings:
        for aspect in meeting.aspects:
            findings += _missing(kb, aspect, "themes", "themes", aspect.themes, skip)
        if "problems" not in meeting.structure:
            findings.append(Finding(meeting.loc.path, meeting.loc.line_of("structure"), "KB013",
                                    f"{meeting.id}：structure 必须包含 problems（存在的问题）。"))
    for chain in kb.chains:
        findings += _missing(kb, chain, "role", "roles", [chain.role], skip)
        findings += _missing(kb, chain, "problem", "problems", [chain.problem], skip)
    for entry in (*kb.guides, *kb.forms):
        for section in entry.sections:
            if section.role and "roles" not in skip and section.role not in kb.by_id("roles"):
                findings.append(Finding(section.loc.path, section.loc.line_of("role"), "KB013",
                                        f"{entry.id}：小节“{section.heading}”的 role 引用的岗位 id“{section.role}”不存在。"))
    for sample in kb.samples:
        findings += _missing(kb, sample, "meeting", "meetings", [sample.meeting], skip)
        for group in sample.groups:
            findings += _missing(kb, sample, "groups.aspect", "aspects", [group.aspect], skip)
            findings += _missing(kb, sample, "groups.problems", "problems", group.problems, skip)
    return findings


def _problem_rules(kb: KnowledgeBase) -> list[Finding]:
    findings = [Finding(p.loc.path, p.loc.line, "KB019",
                        f"问题示例 {p.id} 既没有 aspects 也没有 themes，不会出现在任何检视重点页面。")
                for p in kb.problems if not p.aspects and not p.themes]

    def report(value, entry, others):
        return Finding(entry.loc.path, entry.loc.line_of("title"), "KB020",
                       f"问题示例 {entry.id} 的标题“{value}”与 {_where(entry, others)} 的示例相同。")
    findings += _duplicates(kb.problems, lambda p: p.title.strip().rstrip("。"), report)
    return findings


def _sample_rules(kb: KnowledgeBase) -> list[Finding]:
    findings = []
    aspects = kb.by_id("aspects")
    problems = kb.by_id("problems")
    for sample in kb.samples:
        for group in sample.groups:
            aspect = aspects.get(group.aspect)
            if aspect is not None and aspect.meeting != sample.meeting:
                findings.append(Finding(sample.loc.path, group.loc.line, "KB021",
                                        f"{sample.id}：检视重点 {group.aspect} 不属于会议 {sample.meeting}。"))
            for pid in group.problems:
                p = problems.get(pid)
                if p is not None and group.aspect not in p.aspects:
                    findings.append(Finding(sample.loc.path, group.loc.line, "KB021",
                                            f"{sample.id}：问题 {pid} 没有把 {group.aspect} 列入 aspects。"))
    return findings


def _formulation_rules(kb: KnowledgeBase) -> list[Finding]:
    """A wrong form must never match correct text: not inside any standard formulation, not repeated."""
    findings = []
    standards = [(f.id, f.text) for f in kb.formulations]
    seen: dict[str, str] = {}
    for f in kb.formulations:
        for field in ("variants", "near_misses"):
            for wrong in getattr(f, field):
                line = f.loc.line_of(field)
                inside = [fid for fid, text in standards if wrong in text]
                if inside:
                    findings.append(Finding(f.loc.path, line, "KB022",
                                            f"规范提法 {f.id}：错误写法“{wrong}”是规范表述（{'、'.join(inside)}）的一部分，"
                                            "自查时会把正确的写法也报为错误。"))
                elif wrong in seen and seen[wrong] != f.id:
                    findings.append(Finding(f.loc.path, line, "KB022",
                                            f"规范提法 {f.id}：错误写法“{wrong}”已列在 {seen[wrong]} 中。"))
                seen.setdefault(wrong, f.id)
        for ok in f.allowed:
            if not any(w in ok for w in f.variants + f.near_misses):
                findings.append(Finding(f.loc.path, f.loc.line_of("allowed"), "KB022",
                                        f"规范提法 {f.id}：allowed 中的“{ok}”不含任何错误写法，不起作用。"))
    return findings
