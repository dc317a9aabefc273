"""The site's own search: index contents, Python/JS agreement, and relevance on tests/search_queries.yaml."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from reviewkb.search import build_index, decode_postings, documents, encode_postings, render_search_assets, search_hash, token_set, tokens

QUERIES = ROOT / "tests" / "search_queries.yaml"
UI_LABELS = ("复制示例文本", "不限岗位", "全部显示", "清除筛选", "跳到示例", "显示更多结果", "关闭搜索结果", "搜索结果")


def _node(script: str, *args: str) -> str:
    return subprocess.run(["node", script, *args], capture_output=True, text=True, check=True, cwd=ROOT, timeout=300).stdout


@pytest.fixture(scope="module")
def index_dir(kb, tmp_path_factory):
    out = tmp_path_factory.mktemp("search")
    for path, text in render_search_assets(kb).items():
        (out / Path(path).name).write_text(text, encoding="utf-8")
    return out


def run_queries(index_dir: Path, queries: list[dict], tmp: Path) -> list[dict]:
    qfile = tmp / "queries.json"
    qfile.write_text(json.dumps([{"q": q["q"], "limit": 5} for q in queries], ensure_ascii=False), encoding="utf-8")
    return [json.loads(line) for line in _node("tests/js/search_eval.mjs", str(index_dir), str(qfile)).splitlines()]


def is_relevant(result: dict, query: dict) -> bool:
    url = result["url"]
    for ident in query.get("ids", ()):
        if url.endswith("#" + ident) or url == ident:
            return True
    return any(str(s) in result["title"] for s in query.get("title", ()))


def test_tokens_and_hashes_agree_between_python_and_javascript(tmp_path):
    samples = ["对12345民生热线关注度不高", "“两个确立”", "ＡＢＣ　ｄｅｆ１２", "政", "DRG/DIP支付方式", "㐀㐁 a1"]
    (tmp_path / "s.json").write_text(json.dumps(samples, ensure_ascii=False), encoding="utf-8")
    script = tmp_path / "t.mjs"
    script.write_text(
        'import { readFileSync } from "node:fs";\n'
        f'import {{ textTokens, searchHash }} from "{(ROOT / "docs/assets/js/search-core.js").as_uri()}";\n'
        f'const s = JSON.parse(readFileSync({json.dumps(str(tmp_path / "s.json"))}, "utf-8"));\n'
        'console.log(JSON.stringify(s.map((x) => textTokens(x).map((t) => [t, searchHash(t)]))));\n', encoding="utf-8")
    js = json.loads(_node(str(script)))
    assert js == [[[t, search_hash(t)] for t in tokens(x)] for x in samples]
    assert tokens("对12345民生") == ["对", "12345", "民生"]
    assert all(token_set(x) == set(tokens(x)) for x in samples)
    assert tokens("ＤＲＧ支付") == ["drg", "支付"]


def test_postings_round_trip():
    values = [0, 1, 4, 5, 70, 71, 2000]
    assert decode_postings(encode_postings(values)) == values


def test_every_item_is_one_document_landing_on_its_anchor(kb):
    urls = [d.url for d in documents(kb)]
    for kind, items in (("problem", kb.problems), ("cause", kb.causes), ("measure", kb.measures)):
        for item in items:
            assert sum(u.endswith("#" + item.id) for u in urls) == 1, item.id
    assert len(urls) == len(set(urls))
    assert any(u == "sections/case-study/" for u in urls), "guidance sections are documents of their own"


def test_interface_labels_are_never_indexed(kb):
    index = build_index(kb)
    for label in UI_LABELS:
        for d in documents(kb):
            assert label not in d.title + d.body, (label, d.url)
    for label in ("清除筛选", "复制示例文本"):
        # no document holds every token of the label
        toks = set(tokens(label))
        holders = None
        for tok in toks:
            shard = index["tokens"][search_hash(tok) % len(index["tokens"])]
            docs = {v >> 1 for v in decode_postings(shard[tok])} if tok in shard else set()
            holders = docs if holders is None else holders & docs
        assert not holders, label


def test_index_shards_stay_small(kb):
    assets = render_search_assets(kb)
    sizes = {p: len(t.encode("utf-8")) for p, t in assets.items()}
    assert max(v for p, v in sizes.items() if "/t" in p) < 40_000
    assert max(v for p, v in sizes.items() if "/d" in p) < 40_000
    assert sizes["assets/search/meta.js"] < 30_000, "pages load meta.js early: it must stay small"
    assert sum(sizes.values()) < 1_500_000


def test_thesaurus_expands_queries(kb, index_dir, tmp_path):
    out = run_queries(index_dir, [{"q": "国企 投资决策"}, {"q": "政治三力"}], tmp_path)
    assert any("#soe-" in r["url"] for r in out[0]["top"])
    # 政治三力 appears in no text: only its expansions (政治判断力, 政治领悟力, 政治执行力) find anything.
    assert not any("政治三力" in p.title + p.body + "".join(p.tags) for p in kb.problems)
    three = ("政治判断力", "政治领悟力", "政治执行力")
    tagged = {p.id for p in kb.problems if set(p.tags) & set(three) or any(t in p.title + p.body for t in three)}
    assert out[1]["total"] > 0 and any(r["url"].rsplit("#", 1)[-1] in tagged for r in out[1]["top"])


def test_a_tag_query_lists_the_tagged_examples_first(kb, index_dir, tmp_path):
    """What a tag link on an example opens (#标签, examples only): every example with the tag, before
    any other; the tag's words then find related ones."""
    from collections import Counter
    counts = Counter(t for p in kb.problems for t in p.tags)
    tags = [t for t, _ in counts.most_common(12)] + [t for t, n in counts.items() if n == 1][:12]
    queries = [{"q": "#" + t, "filters": {"kind": "problem"}, "limit": counts[t]} for t in tags]
    qfile = tmp_path / "tags.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    out = [json.loads(line) for line in _node("tests/js/search_eval.mjs", str(index_dir), str(qfile)).splitlines()]
    problems = kb.by_id("problems")
    for tag, result in zip(tags, out):
        ids = [r["url"].rsplit("#", 1)[1] for r in result["top"]]
        assert len(ids) == counts[tag] and all(tag in problems[i].tags for i in ids), (tag, ids)
    # a tag nobody used still finds what its words find
    none = run_queries(index_dir, [{"q": "#基层减负负担"}], tmp_path)[0]
    assert none["total"] > 0


def test_search_narrows_by_aspect_and_level_as_the_pages_do(kb, index_dir, tmp_path):
    """Every facet of the pages' filter bar narrows search results too: an aspect keeps exactly the
    examples its page lists (and its own guidance); a level only examples of that level."""
    picks = [a for a in kb.aspects if a.id in ("2025-mzsh-3", "2024-zzsh-2", "2021-mzsh-1")] + [kb.aspects[-1]]
    queries = [{"q": "形式主义 理论学习 担当", "filters": {"aspect": a.id}, "limit": 2000} for a in picks]
    queries.append({"q": "形式主义 理论学习 担当", "filters": {"level": "普通党员"}, "limit": 2000})
    qfile = tmp_path / "facets.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    out = [json.loads(line) for line in _node("tests/js/search_eval.mjs", str(index_dir), str(qfile)).splitlines()]
    problems = kb.by_id("problems")
    for a, result in zip(picks, out):
        listed = {p.id for p in kb.problems_for_aspect(a)}
        found = [r["url"].rsplit("#", 1)[1] for r in result["top"] if r["kind"] == "problem"]
        assert found and set(found) <= listed, (a.id, set(found) - listed)
        assert all(r["kind"] in ("problem", "guide") for r in result["top"]), a.id
    levels = [problems[r["url"].rsplit("#", 1)[1]].level for r in out[-1]["top"]]
    assert levels and set(levels) == {"普通党员"}


def test_relevance_on_the_query_set(index_dir, tmp_path):
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    assert len(queries) >= 150
    results = run_queries(index_dir, queries, tmp_path)
    misses = [q["q"] for q, r in zip(queries, results) if not any(is_relevant(x, q) for x in r["top"][:5])]
    empty = [q["q"] for q, r in zip(queries, results) if r["total"] == 0]
    hit_rate = 1 - len(misses) / len(queries)
    zero_rate = len(empty) / len(queries)
    print(f"\nrelevance: {len(queries)} queries, top-5 hit rate {hit_rate:.1%}, zero-result rate {zero_rate:.1%}")
    assert hit_rate >= 0.90, misses
    assert zero_rate <= 0.02, empty
