"""The 2021 sample material is structured faithfully: the data rebuilds its text exactly."""

from __future__ import annotations

import re
from pathlib import Path

from reviewkb.text import cn_number, ordinal

FIXTURE = Path(__file__).parent / "fixtures" / "seed-2021-office.txt"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_51642b1aca995095.txt"


def rebuild(kb, sample) -> str:
    """Write the sample back out from the data, in the original's layout."""
    aspects, problems = kb.by_id("aspects"), kb.by_id("problems")
    causes, measures = kb.by_id("causes"), kb.by_id("measures")
    lines = [sample.opening, sample.problems_heading]
    for gi, group in enumerate(sample.groups, 1):
        lines.append(f"（{cn_number(gi)}）{aspects[group.aspect].heading}。")
        lines.append("".join(f"{ordinal(i)}{problems[p].title}。{problems[p].body}{''.join(problems[p].cases)}"
                             for i, p in enumerate(group.problems, 1)))
    lines.append(sample.personal_matters)
    lines.append(sample.causes_heading)
    lines += [f"（{cn_number(i)}）{causes[c].title}。{causes[c].body}" for i, c in enumerate(sample.causes, 1)]
    lines.append(sample.measures_heading)
    lines += [f"{ordinal(i)}{measures[m].title}。{measures[m].body}" for i, m in enumerate(sample.measures, 1)]
    return "\n".join(lines)


def normalise(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines())


def test_fixture_is_the_shared_seed():
    if SHARED.exists():  # beside a checkout, the committed copy must be the original
        assert FIXTURE.read_bytes() == SHARED.read_bytes()


def test_data_rebuilds_the_sample_exactly(kb):
    sample = kb.by_id("samples")["sample-2021-office"]
    assert normalise(rebuild(kb, sample)) == normalise(FIXTURE.read_text(encoding="utf-8"))


def test_every_sentence_of_the_sample_is_in_the_data(kb):
    """Independent of layout: each sentence of the original occurs in some data text."""
    texts = []
    for x in kb.samples:
        texts += [x.opening, x.personal_matters, x.problems_heading, x.causes_heading, x.measures_heading]
    for a in kb.aspects:
        texts.append(a.heading)
    for p in kb.problems:
        texts += [p.title, p.body, *p.cases]
    texts += [c.title + c.body for c in kb.causes] + [m.title + m.body for m in kb.measures]
    corpus = "\n".join(texts)
    sentences = [s.strip() for s in re.split(r"[。；！？\n]", FIXTURE.read_text(encoding="utf-8"))]
    sentences = [re.sub(r"^(（[一二三四五]）|[一二三四五]是)", "", s) for s in sentences if s]
    missing = [s for s in sentences if s and s not in corpus]
    assert not missing, missing
    assert len(sentences) >= 78  # the sample has 78 sentences; guards against a broken split


def test_sample_has_fifteen_problems_in_five_aspects(kb):
    sample = kb.by_id("samples")["sample-2021-office"]
    assert [len(g.problems) for g in sample.groups] == [3, 3, 4, 2, 3]
    assert len(sample.causes) == 4 and len(sample.measures) == 4
    meeting = kb.by_id("meetings")["2021-mzsh"]
    assert [g.aspect for g in sample.groups] == [a.id for a in meeting.aspects]
