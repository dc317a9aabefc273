"""Property test: whatever bytes or structures reach the loader, it loads them or reports KB findings."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewkb.errors import CODES
from reviewkb.load import check_file
from reviewkb.schema import KINDS

KIND_NAMES = sorted(KINDS)
FIELDS = sorted({f.name for _, fields in KINDS.values() for f in fields} | {"titel", "", "题目"})

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["个人", "班子", "2025-mzsh-1", "work-style", "<b>x</b>"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELDS), inner, max_size=6)), max_leaves=20)
entries = st.dictionaries(st.sampled_from(FIELDS), values, max_size=10)
documents = st.one_of(values, st.builds(lambda k, items: {k: items}, st.sampled_from(KIND_NAMES + ["x"]),
                                        st.one_of(values, st.lists(entries, max_size=4))))


def _assert_only_findings(kind: str, raw: bytes) -> None:
    entries_out, findings = check_file(kind, raw, f"data/{kind}/x.yaml")
    assert isinstance(entries_out, list)
    for f in findings:
        assert f.code in CODES and f.line >= 1 and f.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KIND_NAMES), documents)
def test_random_structures_load_or_report(kind, doc):
    raw = yaml.safe_dump(doc, allow_unicode=True).encode("utf-8")
    _assert_only_findings(kind, raw)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(KIND_NAMES), st.binary(max_size=200))
def test_random_bytes_load_or_report(kind, raw):
    _assert_only_findings(kind, raw)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(KIND_NAMES), st.text(alphabet=st.sampled_from(list("abc: -[]{}'\"#&*!|>\t\n 　中文：？%@`")), max_size=80))
def test_random_yaml_text_loads_or_reports(kind, text):
    _assert_only_findings(kind, text.encode("utf-8"))
