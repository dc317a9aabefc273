"""Every class of bad data input is reported with its own code, at its line, and stops the load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reviewkb.errors import CODES, KBError
from reviewkb.load import load

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).parent / "fixtures" / "bad"

# fixture file, data sub-folder, expected (code, line) findings in that file — exactly these.
# A duplicate is also reported where the other occurrence is (ELSEWHERE).
CASES = [
    ("kb001-syntax.yaml", "problems", [("KB001", 5)]),
    ("kb002-tab.yaml", "problems", [("KB002", 3)]),
    ("kb003-gbk.yaml", "problems", [("KB003", 3)]),
    ("kb004-empty.yaml", "problems", [("KB004", 1)]),
    ("kb005-shape.yaml", "problems", [("KB005", 1)]),
    ("kb005-wrong-key.yaml", "problems", [("KB005", 1)]),
    ("kb006-missing.yaml", "problems", [("KB006", 2)]),
    ("kb007-unknown.yaml", "problems", [("KB007", 9)]),
    ("kb008-type.yaml", "problems", [("KB008", 5)]),
    ("kb009-empty.yaml", "problems", [("KB009", 4), ("KB009", 7)]),
    ("kb010-dup.yaml", "problems", [("KB010", 2), ("KB010", 9)]),
    ("kb011-dup-across.yaml", "problems", [("KB011", 2)]),
    ("kb012-unsafe-id.yaml", "problems", [("KB012", 2)]),
    ("kb013-dangling.yaml", "problems", [("KB013", 5), ("KB013", 6)]),
    ("kb013-measure-cause.yaml", "measures", [("KB013", 5)]),
    ("kb013-chain.yaml", "chains", [("KB013", 6), ("KB013", 8)]),
    ("kb013-aspect-theme.yaml", "meetings", [("KB013", 16)]),
    ("kb014-no-aspects.yaml", "meetings", [("KB014", 12)]),
    ("kb015-enum.yaml", "problems", [("KB015", 6)]),
    ("kb015-criticism-direction.yaml", "criticisms", [("KB015", 3)]),
    ("kb013-guide-role.yaml", "guides", [("KB013", 10), ("KB013", 11), ("KB013", 12)]),
    ("kb016-dup-key.yaml", "problems", [("KB016", 9)]),
    ("kb017-image.yaml", "problems", [("KB017", 4)]),
    ("kb019-unmapped.yaml", "problems", [("KB019", 2)]),
    ("kb020-dup-title.yaml", "problems", [("KB020", 3)]),
    ("kb022-variant-inside.yaml", "formulations", [("KB022", 5)]),
]


ELSEWHERE = {
    "kb011-dup-across.yaml": [("data/problems/sample-2021.yaml", "KB011", 4)],
    "kb020-dup-title.yaml": [("data/problems/sample-2021.yaml", "KB020", 5)],
}


def data_with(tmp_path: Path, fixture: str, kind: str, name: str | None = None) -> tuple[Path, str]:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    target = data / kind / (name or fixture)
    shutil.copy(BAD / fixture, target)
    return data, f"data/{kind}/{target.name}"


def findings_for(data: Path) -> list:
    with pytest.raises(KBError) as info:
        load(data)
    return info.value.findings


@pytest.mark.parametrize("fixture,kind,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_exactly(tmp_path, fixture, kind, expected):
    data, shown = data_with(tmp_path, fixture, kind)
    findings = findings_for(data)
    assert sorted((f.code, f.line) for f in findings if f.path == shown) == sorted(expected), findings
    elsewhere = sorted((f.path, f.code, f.line) for f in findings if f.path != shown)
    assert elsewhere == ELSEWHERE.get(fixture, []), "a bad file must not cause other findings elsewhere"
    for f in findings:
        assert f.code in CODES
        assert str(f).startswith(f"{f.path}:{f.line}: {f.code} ")


def test_gbk_message_names_the_encoding(tmp_path):
    data, _ = data_with(tmp_path, "kb003-gbk.yaml", "problems")
    (finding,) = findings_for(data)
    assert "GBK" in finding.message and "UTF-8" in finding.message


def test_typo_message_suggests_the_field(tmp_path):
    data, _ = data_with(tmp_path, "kb007-unknown.yaml", "problems")
    (finding,) = findings_for(data)
    assert "titel" in finding.message and "title" in finding.message


def test_duplicate_across_files_names_the_other_file(tmp_path):
    data, _ = data_with(tmp_path, "kb011-dup-across.yaml", "problems")
    mine = [f for f in findings_for(data) if f.path.endswith("kb011-dup-across.yaml")]
    assert len(mine) == 1 and "data/problems/sample-2021.yaml:4" in mine[0].message


def test_utf8_bom_is_accepted(tmp_path):
    data, _ = data_with(tmp_path, "bom-accepted.yaml", "problems")
    kb = load(data)
    assert kb.by_id("problems")["bom-001"].title.startswith("带 BOM")


def test_unknown_file_and_folder_are_reported_not_skipped(tmp_path):
    data, _ = data_with(tmp_path, "kb007-unknown.yaml", "problems", name="notes.txt")
    (data / "problem").mkdir()
    findings = findings_for(data)
    assert {(f.path, f.code) for f in findings} == {("data/problems/notes.txt", "KB018"), ("data/problem", "KB018")}


def test_sample_must_match_its_problems(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "samples" / "sample-2021-office.yaml"
    text = path.read_text(encoding="utf-8").replace("aspect: 2021-mzsh-4", "aspect: 2021-mzsh-3", 1)
    path.write_text(text, encoding="utf-8")
    codes = {f.code for f in findings_for(data)}
    assert codes == {"KB021"}


def test_all_findings_are_reported_at_once(tmp_path):
    data, _ = data_with(tmp_path, "kb007-unknown.yaml", "problems")
    shutil.copy(BAD / "kb015-enum.yaml", data / "problems" / "second.yaml")
    codes = sorted(f.code for f in findings_for(data))
    assert codes == ["KB007", "KB015"]


def test_every_code_is_documented_and_tested():
    tested = {code for _, _, expected in CASES for code, _ in expected} | {"KB018", "KB021"}
    assert tested == set(CODES)


def test_a_broken_file_does_not_flood_other_files_with_dangling_references(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    themes = data / "themes" / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("  - id: work-style\n", "  - id: work-style\n  bad: [\n", 1),
                      encoding="utf-8")
    findings = findings_for(data)
    assert {f.path for f in findings} == {"data/themes/themes.yaml"}
    assert {f.code for f in findings} == {"KB001"}
