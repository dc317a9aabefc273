"""Frozen, typed objects of the knowledge base. Everything after loading works on these."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# Default level of an example (schema.LEVELS[0]); examples at this level belong to 民主生活会 aspects.
LEADER = "领导班子成员"


@dataclass(frozen=True)
class Loc:
    """Where an entry was written: data file relative path and 1-based line."""

    path: str
    line: int
    fields: tuple[tuple[str, int], ...] = ()

    def line_of(self, name: str) -> int:
        """Line of one field of the entry, or of the entry itself."""
        return dict(self.fields).get(name, self.line)


NOLOC = Loc("", 0)


def _loc():
    return field(default=NOLOC, compare=False, repr=False)


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    summary: str
    checkpoints: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    loc: Loc = _loc()


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    description: str
    loc: Loc = _loc()


@dataclass(frozen=True)
class Source:
    title: str
    verified: bool
    url: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class Aspect:
    id: str
    heading: str
    short: str
    themes: tuple[str, ...]
    verified: bool
    asks: str
    source: str = ""
    checkpoints: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    meeting: str = ""          # filled in by the loader: id of the owning meeting
    loc: Loc = _loc()


@dataclass(frozen=True)
class Meeting:
    id: str
    year: int
    kind: str
    title: str
    theme: str
    verified: bool
    sources: tuple[Source, ...]
    structure: tuple[str, ...]
    aspects: tuple[Aspect, ...]
    history: bool = False
    notes: tuple[str, ...] = ()
    loc: Loc = _loc()

    @property
    def has_unverified(self) -> bool:
        return not self.verified or any(not a.verified for a in self.aspects)


@dataclass(frozen=True)
class Problem:
    id: str
    title: str
    body: str
    perspective: str
    roles: tuple[str, ...]
    source: str
    cases: tuple[str, ...] = ()
    aspects: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    level: str = LEADER
    causes: tuple[str, ...] = ()
    loc: Loc = _loc()

    def __post_init__(self):
        # An example for the role ``branch`` (基层党支部) is written by a member of a 支部, never by a
        # leading cadre: left at the default level, it is an ordinary member's. Resolved here once, so
        # that pages, exports and placement all read the same ``level``.
        if self.level == LEADER and "branch" in self.roles:
            object.__setattr__(self, "level", "普通党员")


@dataclass(frozen=True)
class Cause:
    id: str
    angle: str
    title: str
    body: str
    themes: tuple[str, ...]
    source: str
    loc: Loc = _loc()


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    body: str
    causes: tuple[str, ...]
    themes: tuple[str, ...]
    source: str
    deadline: str = ""
    check: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class SectionExample:
    title: str
    text: str
    source: str
    loc: Loc = _loc()


@dataclass(frozen=True)
class Wording:
    """One text per kind of material: a leading cadre's own (民主生活会 个人), a team's (班子), an ordinary
    member's (组织生活会 个人) and a branch committee's (组织生活会 班子)."""

    personal: str = ""
    team: str = ""
    member: str = ""
    branch: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class Section:
    id: str
    name: str
    purpose: str
    must_include: tuple[str, ...]
    perspectives: tuple[str, ...]
    template: str
    heading: str = ""
    pitfalls: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    examples: tuple[SectionExample, ...] = ()
    variants: Wording | None = None     # template text for other kinds of material (personal = template)
    intro: Wording | None = None        # a paragraph before the repeated slots (e.g. 征求意见反馈)
    length: Wording | None = None       # usual length of this part, shown as a hint
    loc: Loc = _loc()


@dataclass(frozen=True)
class SampleGroup:
    aspect: str
    problems: tuple[str, ...]
    loc: Loc = _loc()


@dataclass(frozen=True)
class Sample:
    id: str
    title: str
    meeting: str
    perspective: str
    roles: tuple[str, ...]
    source: str
    opening: str
    problems_heading: str
    groups: tuple[SampleGroup, ...]
    causes_heading: str
    causes: tuple[str, ...]
    measures_heading: str
    measures: tuple[str, ...]
    personal_matters: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class ThesaurusGroup:
    """Terms a search treats as one (``terms``), and what an abbreviation stands for (``expands``)."""

    id: str
    terms: tuple[str, ...]
    expands: tuple[str, ...] = ()
    note: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class Chain:
    """A worked 问题→原因→措施 example: one problem, the causes and measures that answer it."""

    id: str
    title: str
    role: str
    perspective: str
    problem: str
    causes: tuple[str, ...]
    measures: tuple[str, ...]
    commentary: str
    loc: Loc = _loc()


@dataclass(frozen=True)
class Criticism:
    """One 相互批评意见, as it is often said (weak) and as it should be said (proper)."""

    id: str
    direction: str
    roles: tuple[str, ...]
    topic: str
    weak: str
    proper: str
    note: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class GuideSection:
    heading: str
    body: str
    items: tuple[str, ...] = ()
    role: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class Guide:
    id: str
    title: str
    summary: str
    sections: tuple[GuideSection, ...]
    related: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    loc: Loc = _loc()


@dataclass(frozen=True)
class FormPart:
    """One part of a downloadable form: some text, a table, or both."""

    heading: str
    text: str = ""
    columns: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    blank_rows: int = 3
    rows_from: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class Form:
    id: str
    title: str
    summary: str
    sections: tuple[GuideSection, ...]
    parts: tuple[FormPart, ...]
    per_meeting: bool = False
    loc: Loc = _loc()


@dataclass(frozen=True)
class Formulation:
    """A standard official formulation and the wrong forms a self-check flags."""

    id: str
    text: str
    category: str
    variants: tuple[str, ...]
    source: str
    verified: bool
    meaning: str = ""
    near_misses: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    note: str = ""
    url: str = ""
    loc: Loc = _loc()


# kind -> top-level class; nested object fields -> their classes.
CLASSES = {
    "themes": Theme, "roles": Role, "meetings": Meeting, "problems": Problem, "causes": Cause,
    "measures": Measure, "sections": Section, "samples": Sample,
    "thesaurus": ThesaurusGroup, "chains": Chain, "criticisms": Criticism, "guides": Guide, "forms": Form, "formulations": Formulation,
}
NESTED = {("meetings", "sources"): Source, ("meetings", "aspects"): Aspect,
          ("sections", "examples"): SectionExample, ("samples", "groups"): SampleGroup,
          ("sections", "variants"): Wording, ("sections", "intro"): Wording, ("sections", "length"): Wording,
          ("guides", "sections"): GuideSection, ("forms", "sections"): GuideSection, ("forms", "parts"): FormPart}


@dataclass(frozen=True)
class KnowledgeBase:
    """The whole validated knowledge base, in a stable order."""

    themes: tuple[Theme, ...]
    roles: tuple[Role, ...]
    meetings: tuple[Meeting, ...]
    problems: tuple[Problem, ...]
    causes: tuple[Cause, ...]
    measures: tuple[Measure, ...]
    sections: tuple[Section, ...]
    samples: tuple[Sample, ...]
    thesaurus: tuple[ThesaurusGroup, ...] = ()
    chains: tuple[Chain, ...] = ()
    criticisms: tuple[Criticism, ...] = ()
    guides: tuple[Guide, ...] = ()
    forms: tuple[Form, ...] = ()
    formulations: tuple[Formulation, ...] = ()

    @cached_property
    def _index(self) -> dict:
        index = {kind: {x.id: x for x in getattr(self, kind)} for kind in CLASSES}
        index["aspects"] = {a.id: a for a in self.aspects}
        return index

    def by_id(self, kind: str) -> dict:
        return self._index[kind]

    @cached_property
    def aspects(self) -> tuple[Aspect, ...]:
        return tuple(a for m in self.meetings for a in m.aspects)

    def problems_for_aspect(self, aspect: Aspect) -> tuple[Problem, ...]:
        """Examples mapped to an aspect directly, or through a shared theme.

        Through themes, examples by level: those for 领导班子成员 reach only 民主生活会 aspects;
        those for 中层干部 and 普通党员 (every ``branch`` example is at least 普通党员) only 组织生活会
        aspects.
        A direct link in ``aspects`` places an example whatever its level. Problems of a real sample
        material belong to their year (they speak of its events) and reach no other meeting.
        """
        leaders = self.by_id("meetings")[aspect.meeting].kind == "民主生活会"
        dated = self._sample_meeting
        themes = set(aspect.themes)
        by_theme, direct = self._problem_positions
        # positions of the candidates (sharing a theme or listing the aspect), then the filter, in data order
        candidates = set(direct.get(aspect.id, ()))
        for t in aspect.themes:
            candidates.update(by_theme.get(t, ()))
        problems = self.problems
        return tuple(p for p in (problems[i] for i in sorted(candidates)) if aspect.id in p.aspects
                     or ((p.level == LEADER) == leaders and not themes.isdisjoint(p.themes)
                         and dated.get(p.id, aspect.meeting) == aspect.meeting))

    @cached_property
    def _problem_positions(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """(theme id -> positions of problems with that theme, aspect id -> positions of problems listing it)."""
        by_theme: dict[str, list[int]] = {}
        direct: dict[str, list[int]] = {}
        for i, p in enumerate(self.problems):
            for t in p.themes:
                by_theme.setdefault(t, []).append(i)
            for a in p.aspects:
                direct.setdefault(a, []).append(i)
        return by_theme, direct

    @cached_property
    def _sample_meeting(self) -> dict[str, str]:
        """Problem id -> meeting id, for problems quoted from a real sample material."""
        return {pid: x.meeting for x in self.samples for g in x.groups for pid in g.problems}

    def problem_themes(self, problem: Problem) -> tuple[str, ...]:
        """A problem's own themes plus those of its direct aspects, in theme order."""
        aspects = self.by_id("aspects")
        wanted = set(problem.themes) | {t for a in problem.aspects for t in aspects[a].themes}
        return tuple(t.id for t in self.themes if t.id in wanted)
