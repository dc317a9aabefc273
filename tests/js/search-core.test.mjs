import { test } from "node:test";
import assert from "node:assert/strict";
import {
  bodyFactor, commonPieceWeight, decodePostings, highlightPieces, parseFacets, passesFacets, phraseOf, planQuery,
  runSearch, searchHash, textTokens, thesaurusMap,
} from "../../docs/assets/js/search-core.js";

test("text is cut into Han bigrams and ASCII words, full-width folded", () => {
  assert.deepEqual(textTokens("对12345民生热线"), ["对", "12345", "民生", "生热", "热线"]);
  assert.deepEqual(textTokens("ＤＲＧ支付"), ["drg", "支付"]);
  assert.equal(phraseOf("调研有时“蜻蜓点水”！"), "调研有时蜻蜓点水");
  assert.equal(searchHash("政治"), searchHash("政治"));
  assert.notEqual(searchHash("政治"), searchHash("治政"));
});

test("postings decode from base-36 deltas", () => {
  assert.deepEqual(decodePostings("0,1,3,a"), [0, 1, 4, 14]);
});

test("thesaurus terms become one unit with their synonyms and expansions", () => {
  const map = thesaurusMap([{ terms: ["国企", "国有企业"] }, { terms: ["政治三力"], expands: ["政治判断力", "政治执行力"] }]);
  const plan = planQuery("国企 政治三力 决策", map);
  assert.deepEqual(plan.units[0].alts, [["国企"], ["国有", "有企", "企业"]]);
  assert.equal(plan.units[1].text, "政治三力");
  assert.equal(plan.units[1].alts.length, 3);
  assert.deepEqual(plan.units.slice(2).map((u) => u.text), ["决策"]);
  assert.deepEqual(planQuery("政治判断力", map).units[0].alts, [["政治", "治判", "判断", "断力"], ["政治", "治三", "三力"]]);
  // meta.js writes a group as [terms, expands], leaving out empty expands
  const compact = thesaurusMap([[["国企", "国有企业"]], [["政治三力"], ["政治判断力", "政治执行力"]]]);
  assert.deepEqual(Array.from(compact.entries()), Array.from(map.entries()));
  assert.ok(planQuery("案例剖析怎么写", map).intents.includes("guide"));
  assert.ok(planQuery("理论学习整改措施", map).intents.includes("measure"));
});

test("a #tag is one unit of its own, and its words are searched too", () => {
  const plan = planQuery("＃政绩观", new Map());
  assert.deepEqual(plan.units.map((u) => u.text), ["#政绩观", "政绩", "绩观"]);
  assert.deepEqual(plan.units[0].alts, [["#政绩观"]]);
  assert.deepEqual(planQuery("基层 #减负 #减负", new Map()).units.map((u) => u.text), ["#减负", "基层", "减负"]);
  assert.equal(planQuery("没有标签", new Map()).units.some((u) => u.text.startsWith("#")), false);
});

test("long texts count body matches for less", () => {
  assert.equal(bodyFactor(100), 1);
  assert.ok(bodyFactor(600) < 0.6);
});

test("the weightiest unbroken piece of the query in a title", () => {
  const idf = (b) => ({ 信访: 4, 化解: 3, 不到: 0.5, 到位: 0.5 }[b] || 0);
  assert.ok(commonPieceWeight("信访化解不到位", "信访化解工作", idf) > commonPieceWeight("信访化解不到位", "落实不到位", idf));
  assert.equal(commonPieceWeight("信访", "信访", idf), 0, "pieces shorter than three characters do not count");
});

// A tiny index in the format written by reviewkb.search.
function fakeIndex(docs) {
  const tokens = {};
  docs.forEach((d, n) => {
    const title = new Set(textTokens(d.title));
    for (const t of new Set([...title, ...textTokens(d.body)])) (tokens[t] = tokens[t] || []).push(n * 2 + (title.has(t) ? 1 : 0));
  });
  const shard = {};
  for (const [t, list] of Object.entries(tokens)) {
    let prev = 0;
    shard[t] = list.map((v) => { const d = (v - prev).toString(36); prev = v; return d; }).join(",");
  }
  const files = {
    "meta.js": { meta: { count: docs.length, tokenShards: 1, docsPerShard: 64, docShards: 1, kinds: ["problem", "cause", "measure", "guide"],
      perspectives: ["个人", "班子"], levels: ["领导班子成员"], roles: [["township", "乡镇街道"], ["soe", "国有企业"]], meetings: [["2025-mzsh", "2025年度民主生活会"]],
      thesaurus: [{ terms: ["为民办实事", "为群众办实事"] }] } },
    "facets.js": { facets: docs.map((d) => `${d.kind || 0}${d.p || 0}1${d.roles || 0}.${d.m || 0}.${(d.size || 20).toString(36)}`).join("|") },
    "t0.js": { tokens: { 0: shard } },
    "d0.js": { docs: { 0: docs.map((d, n) => [d.title, "x/#d" + n, d.body.slice(0, 20)]) } },
  };
  const store = {};
  const loaded = [];
  const load = async (name) => {
    loaded.push(name);
    for (const [k, v] of Object.entries(files[name])) store[k] = typeof v === "object" ? { ...(store[k] || {}), ...v } : v;
    if (name === "meta.js") store.meta = files[name].meta;
  };
  return { store, load, loaded };
}

const DOCS = [
  { title: "会议多文件多", body: "以会议落实会议的情况仍有发生", roles: 1 },
  { title: "以会议落实会议、以文件落实文件", body: "形式主义的表现", roles: 2, p: 1 },
  { title: "为群众办实事兑现不足", body: "承诺事项", roles: 1, p: 2 },
  { title: "安全隐患排查不彻底", body: "会议部署多", roles: 2 },
];

test("the exact phrase in a title ranks first; scattered words rank below", async () => {
  const { store, load } = fakeIndex(DOCS);
  const out = await runSearch("以会议落实会议", {}, store, load, 10);
  assert.equal(out.results[0].title, "以会议落实会议、以文件落实文件");
  assert.ok(out.results.length >= 2);
});

test("synonyms from the thesaurus find the other wording", async () => {
  const { store, load } = fakeIndex(DOCS);
  const out = await runSearch("为民办实事", {}, store, load, 10);
  assert.equal(out.results[0].title, "为群众办实事兑现不足");
});

test("a long query that shares only part of its meaning still finds something", async () => {
  const { store, load } = fakeIndex(DOCS);
  const out = await runSearch("隐患排查整治不到位、闭环管理缺失", {}, store, load, 10);
  assert.ok(out.total > 0);
  assert.equal(out.results[0].title, "安全隐患排查不彻底");
  const none = await runSearch("魑魅魍魉", {}, store, load, 10);
  assert.equal(none.total, 0);
});

test("facets narrow results and are counted", async () => {
  const { store, load } = fakeIndex(DOCS);
  const out = await runSearch("会议", { role: "township" }, store, load, 10);
  assert.ok(out.results.every((r) => r.url === "x/#d0" || r.url === "x/#d2"));
  const facets = parseFacets(store.meta, store.facets);
  assert.equal(passesFacets(facets[1], { perspective: "个人" }, store.meta), true);
  assert.equal(passesFacets(facets[1], { perspective: "班子" }, store.meta), false);
  assert.equal(passesFacets(facets[0], { meeting: "2025-mzsh" }, store.meta), false);
});

test("the aspect filter reads the aspect masks, across chunks of thirty", () => {
  const aspects = Array.from({ length: 40 }, (_, i) => ["a" + i, "m", "（" + i + "）"]);
  const meta = { kinds: ["problem"], perspectives: ["个人", "班子"], levels: [], roles: [], meetings: [["m", "会"]], aspects };
  // aspects 0, 1 and 31 (the second chunk's bit 1); a second document under no aspect at all
  const [under, none] = parseFacets(meta, "0100.1.5.3,2|0100.1.5");
  assert.deepEqual(under.aspects, [3, 2]);
  assert.deepEqual(none.aspects, []);
  for (const [id, expected] of [["a0", true], ["a1", true], ["a2", false], ["a30", false], ["a31", true], ["a39", false]]) {
    assert.equal(passesFacets(under, { aspect: id }, meta), expected, id);
  }
  assert.equal(passesFacets(none, { aspect: "a0" }, meta), false);
  assert.equal(passesFacets(under, { aspect: "不存在" }, meta), false);
  assert.equal(passesFacets(none, {}, meta), true);
});

test("matched characters of a title are marked", () => {
  const plan = planQuery("落实会议", new Map());
  const pieces = highlightPieces("以会议落实会议", plan);
  assert.deepEqual(pieces, [["以", false], ["会议落实会议", true]]);
});

test("how-to words form no bigram with the topic next to them", async () => {
  const plan = planQuery("征求意见情况怎么写", new Map());
  assert.deepEqual(plan.units.map((u) => u.text), ["征求", "求意", "意见", "见情", "情况", "怎么", "么写"]);
  assert.ok(plan.howTo && plan.intents.includes("guide"));
  assert.deepEqual(planQuery("如何写开头", new Map()).units.map((u) => u.text), ["如何", "何写", "开头"]);
  assert.deepEqual(planQuery("#如何写作", new Map()).units[0].text, "#如何写作");
  // A guide on the topic ranks above guides that only share "……情况怎么写" with the query.
  const docs = [
    { title: "特殊情况怎么写", body: "说明特殊情况", kind: 3 },
    { title: "上年度整改落实情况怎么写", body: "逐条写整改落实情况", kind: 3 },
    { title: "会前准备开头怎么写", body: "写明征求意见的方式和条数", kind: 3 },
  ];
  const { store, load } = fakeIndex(docs);
  const out = await runSearch("征求意见情况怎么写", {}, store, load, 10);
  assert.equal(out.results[0].title, "会前准备开头怎么写");
});
