"""Floors for the knowledge base's content, so that coverage never silently regresses."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from reviewkb.schema import ANGLES

ROLES = ["office", "department", "township", "education", "health", "soe", "law", "branch"]
CURRENT_YEARS = (2023, 2024, 2025)
# A fact that could be checked: a number (digits or Chinese numerals with a measure word), a time, or a slot.
CONCRETE = re.compile(r"\d|[一二两三四五六七八九十百千万半几]+多?(?:个|次|件|项|名|人|年|月|天|家|份|笔|张|所|轮|成|倍|条|期)"
                      r"|上半年|下半年|学期|去年|年初|年底|年末|季度|月份|【请填写：")


def test_at_least_300_examples_with_both_perspectives(kb):
    assert len(kb.problems) >= 300
    counts = Counter(p.perspective for p in kb.problems)
    assert counts["班子"] >= 0.25 * len(kb.problems) and counts["个人"] >= 0.5 * len(kb.problems)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_examples(kb, role):
    mine = [p for p in kb.problems if role in p.roles]
    assert len(mine) >= 30
    perspectives = {p.perspective for p in mine}
    # Branch examples are written by ordinary members (个人) or by the 支委会 for its branch (班子).
    assert perspectives == {"个人", "班子"} or (role == "branch" and perspectives == {"个人"})


def test_every_current_aspect_has_ten_examples(kb):
    thin = {a.id: len(kb.problems_for_aspect(a)) for m in kb.meetings if m.year in CURRENT_YEARS
            for a in m.aspects if len(kb.problems_for_aspect(a)) < 10}
    assert not thin


@pytest.mark.parametrize("role", [r for r in ROLES if r != "branch"])
def test_each_2025_aspect_has_examples_for_each_role(kb, role):
    meeting = kb.by_id("meetings")["2025-mzsh"]
    for a in meeting.aspects:
        assert sum(role in p.roles for p in kb.problems_for_aspect(a)) >= 3, a.id


def test_original_examples_are_concrete(kb):
    sample = {pid for x in kb.samples for g in x.groups for pid in g.problems}
    for p in kb.problems:
        if p.id in sample:
            continue
        # A case may open with 比如 or with a time or a scene (去年以来、在……中、一次调研中); an example
        # without a separate case must carry its fact in the body (a number, a time or a 【请填写：…】 slot).
        assert all(len(c) >= 15 for c in p.cases), p.id
        assert p.cases or CONCRETE.search(p.body), p.id
        assert not p.title.endswith("。") and len(p.title) >= 8, p.id
        assert 40 <= len(p.body) <= 260, p.id


def test_headlines_are_unique(kb):
    titles = Counter(p.title for p in kb.problems)
    assert [t for t, n in titles.items() if n > 1] == []


def test_causes_cover_the_angles(kb):
    per_angle = Counter(c.angle for c in kb.causes)
    assert sum(1 for a in ANGLES if per_angle[a] >= 3) >= 6
    assert all(per_angle[a] >= 3 for a in ANGLES)


def test_measures_answer_causes_and_themes(kb):
    assert len(kb.measures) >= 30
    per_theme = Counter(t for m in kb.measures for t in m.themes)
    assert all(per_theme[t.id] >= 2 for t in kb.themes), per_theme
    answered = {c for m in kb.measures for c in m.causes}
    assert {c.id for c in kb.causes} <= answered
    original = [m for m in kb.measures if not m.id.startswith("sample-")]
    assert all(m.deadline and m.check for m in original)


def test_guidance_exists_for_every_aspect_theme_and_section(kb):
    for a in kb.aspects:
        assert a.asks and a.checkpoints and a.pitfalls and a.tips, a.id
    for t in kb.themes:
        assert t.checkpoints and t.pitfalls and t.tips, t.id
    ids = {s.id for s in kb.sections}
    assert ids >= {"opening", "last-year-rectification", "eight-rules-rectification", "problems", "case-study",
                   "personal-matters", "causes", "measures", "zzsh-last-rectification", "theme-education-rectification",
                   "typical-case", "self-assessment"}
    for s in kb.sections:
        assert s.examples and s.must_include and "【请填写：" in s.template, s.id


def test_problems_guidance_covers_the_five_substitutions_and_copying(kb):
    pitfalls = "\n".join(kb.by_id("sections")["problems"].pitfalls)
    for phrase in ("上级指出的问题", "班子问题", "他人问题", "业务问题", "旧问题", "照抄"):
        assert phrase in pitfalls, phrase


def test_case_study_required_in_2024_and_2025(kb):
    for mid in ("2024-mzsh", "2025-mzsh"):
        assert "case-study" in kb.by_id("meetings")[mid].structure


def test_unverified_items_carry_a_source(kb):
    """A claim marked 待核实 is shown with the (unverified) source it came from."""
    for m in kb.meetings:
        assert m.sources, m.id
        unverified_aspects = [a for a in m.aspects if not a.verified]
        if not m.verified or unverified_aspects:
            assert any(not s.verified and s.url for s in m.sources) or all(a.source for a in unverified_aspects), m.id
    assert kb.by_id("meetings")["2020-mzsh"].history


# ---- Year packs (issue 11, item 5): examples written for the 2024 and 2025 focus and the missing types ----

YEAR_PACKS = {"year-2024.yaml": "2024-mzsh", "year-2025.yaml": "2025-mzsh"}
PACK_FILES = (*YEAR_PACKS, "types.yaml")
# A problem "shows 思想" when its title, body or cases name the mindset behind the fault. These markers are
# the words a writer uses for that (认为/觉得/怕/担心/图省事/满足于/心存侥幸/碍于情面/把……当作……,
# 思想上/认识上/心态/观念 …); a text that only reports a business shortfall contains none of them.
MINDSET_MARKERS = ("思想", "认识", "觉得", "认为", "以为", "怕", "担心", "顾虑", "图省", "图方便", "图快",
                   "满足于", "心存", "心理", "心态", "想法", "侥幸", "碍于", "情面", "好人主义", "求稳",
                   "显绩", "不求有功", "观念", "思维", "当作", "当成", "看得过重", "看得较重", "作祟", "作怪")
PLACEHOLDER = re.compile(r"【[^】]*】")
SLOT = re.compile(r"^【请填写：[^】]+】$")


def pack(kb, *files):
    return [p for p in kb.problems if p.loc.path.rsplit("/", 1)[-1] in files]


def text(p):
    return p.title + p.body + "".join(p.cases)


def test_year_packs_map_directly_to_their_year(kb):
    mine = pack(kb, *PACK_FILES)
    assert len(mine) >= 120
    assert sum(any(a.startswith("2024-mzsh-") for a in p.aspects) for p in mine) >= 50
    assert sum(any(a.startswith("2025-mzsh-") for a in p.aspects) for p in mine) >= 60
    for name, meeting in YEAR_PACKS.items():
        year = meeting.split("-")[0] + "-"
        for p in pack(kb, name):
            # year-bound texts are linked to their own year only and carry no themes, so that they never
            # show up on another year's pages (the anachronism of review §2.4 item 10)
            assert p.aspects and all(a.startswith(year) for a in p.aspects) and not p.themes, p.id


def test_year_packs_stay_in_their_year(kb):
    mine = {p.id: name[5:9] for name in YEAR_PACKS for p in pack(kb, name)}
    for m in kb.meetings:
        for a in m.aspects:
            strays = [pid for pid in (p.id for p in kb.problems_for_aspect(a)) if pid in mine and mine[pid] != str(m.year)]
            assert strays == [], a.id


@pytest.mark.parametrize("name", list(YEAR_PACKS))
def test_each_year_pack_covers_every_role_and_both_perspectives(kb, name):
    mine = pack(kb, name)
    for role in ROLES:
        perspectives = {p.perspective for p in mine if role in p.roles}
        assert perspectives == {"个人", "班子"} or (role == "branch" and perspectives == {"个人"}), (name, role)


def test_year_pack_levels_decide_the_meeting(kb):
    """Every pack example states its writer's level; only 领导班子成员 are filed under 民主生活会 aspects."""
    kinds = {a.id: kb.by_id("meetings")[a.meeting].kind for a in kb.aspects}
    mine = pack(kb, *PACK_FILES)
    for p in mine:
        assert "level" in dict(p.loc.fields), p.id
        if "branch" in p.roles:
            assert p.level == "普通党员", p.id
        if p.level == "领导班子成员":
            assert p.aspects, p.id
        else:
            assert all(kinds[a] == "组织生活会" for a in p.aspects), p.id
    levels = Counter(p.level for p in mine)
    assert levels["中层干部"] >= 7 and levels["普通党员"] >= 10


def test_year_packs_show_the_mindset(kb):
    mine = pack(kb, *PACK_FILES)
    with_mindset = [p for p in mine if any(m in text(p) for m in MINDSET_MARKERS)]
    assert len(with_mindset) >= 0.8 * len(mine)


def test_year_packs_use_one_placeholder_form(kb):
    for p in pack(kb, *PACK_FILES):
        slots = PLACEHOLDER.findall(text(p))
        assert len(slots) <= 2 and all(SLOT.match(s) for s in slots), (p.id, slots)


def test_year_packs_vary_the_skeleton(kb):
    mine = pack(kb, *PACK_FILES)
    n = len(mine)
    assert sum(bool(p.cases) and p.cases[0].startswith("比如，") for p in mine) <= 0.6 * n
    assert sum(not p.cases for p in mine) >= 0.15 * n
    assert sum(len(p.cases) >= 2 for p in mine) >= 0.04 * n
    assert sum("今年" in text(p) for p in mine) <= 0.2 * n


def test_no_two_headlines_are_near_copies(kb):
    """difflib ratio of every pair of titles stays at or below 0.6 (the highest pair before the packs: 0.52)."""
    from difflib import SequenceMatcher

    titles = [(p.id, p.title) for p in kb.problems]
    close = []
    for i, (a, x) in enumerate(titles):
        matcher = SequenceMatcher(None, x)
        for b, y in titles[i + 1:]:
            matcher.set_seq1(y)
            if matcher.real_quick_ratio() > 0.6 and matcher.quick_ratio() > 0.6 and matcher.ratio() > 0.6:
                close.append((a, b))
    assert close == []


def test_safety_examples_are_not_filed_under_party_governance(kb):
    """Risk and safety belong to 干事创业、担当作为 in 2025, not to 管党治党 (review §2.4)."""
    aspects = kb.by_id("aspects")
    assert "struggle-risk" not in aspects["2025-mzsh-5"].themes
    assert "struggle-risk" in aspects["2025-mzsh-4"].themes
    governance = kb.problems_for_aspect(aspects["2025-mzsh-5"])
    safety = [p for p in governance if any("安全" in t for t in p.tags)]
    # Before the remap 12 safety-tagged items sat here; the 8 left come from older files (5 by a direct link, 3
    # through 作风 themes) and are for the repair of those files to move. The ceiling only goes down.
    assert len(safety) <= 8, [p.id for p in safety]
    mine = {p.id for p in pack(kb, *PACK_FILES)}
    assert not [p.id for p in safety if p.id in mine]
    assert sum(any("安全生产" in t for t in p.tags) and "2025-mzsh-4" in p.aspects for p in pack(kb, "types.yaml")) >= 3


def test_thesaurus_has_150_groups_and_each_term_in_one_group(kb):
    groups = kb.thesaurus
    assert len(groups) >= 150
    owner = {}
    clashes = []
    for g in groups:
        assert len(set(g.terms)) == len(g.terms), g.id
        assert len(g.terms) >= 2 or g.expands, g.id  # a lone term is only useful with its expansion
        for t in g.terms:
            if t in owner:
                clashes.append((t, owner[t], g.id))
            owner[t] = g.id
    assert clashes == []


def test_thesaurus_groups_mostly_speak_the_knowledge_bases_words(kb):
    """A group earns its place by matching how our own texts put things; most groups must hit them."""
    texts = [x for p in kb.problems for x in (p.title, p.body, *p.cases, *p.tags)]
    texts += [x for c in kb.causes for x in (c.title, c.body)] + [x for m in kb.measures for x in (m.title, m.body)]
    texts += [x for a in kb.aspects for x in (a.heading, a.asks, *a.checkpoints, *a.pitfalls, *a.tips)]
    texts += [x for s in kb.sections for x in (s.purpose, *s.must_include, *s.pitfalls, *s.tips)]
    corpus = "\n".join(texts)
    hits = [g for g in kb.thesaurus if any(t in corpus for t in g.terms + g.expands)]
    assert len(hits) >= 0.6 * len(kb.thesaurus)
    for phrase in ("国企", "政治三力", "两张皮", "为民办实事", "四风", "乡镇", "公检法", "八项规定", "第一议题", "家风"):
        assert any(phrase in g.terms for g in kb.thesaurus), phrase
