"""Floors for the knowledge base's content, so that coverage never silently regresses."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from reviewkb.schema import ANGLES

ROLES = ["office", "department", "township", "education", "health", "soe", "law", "branch"]
CURRENT_YEARS = (2023, 2024, 2025)


def test_at_least_300_examples_with_both_perspectives(kb):
    assert len(kb.problems) >= 300
    counts = Counter(p.perspective for p in kb.problems)
    assert counts["班子"] >= 0.25 * len(kb.problems) and counts["个人"] >= 0.5 * len(kb.problems)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_examples(kb, role):
    mine = [p for p in kb.problems if role in p.roles]
    assert len(mine) >= 30
    perspectives = {p.perspective for p in mine}
    assert perspectives == ({"个人"} if role == "branch" else {"个人", "班子"})


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
        assert p.cases and all(re.match(r"^(再?比如|例如)，", c) for c in p.cases), p.id
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
