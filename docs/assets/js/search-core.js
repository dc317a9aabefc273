// The site's own search engine (pure: no document, no window). The index is written by
// hooks/reviewkb/search.py as classic scripts under assets/search/; tokens are cut the same way there.
//
// A query is planned into units: each thesaurus term found in it becomes one unit whose alternatives
// are its synonyms and expansions; the rest is cut into character bigrams, one unit each. A document's
// score rewards the share of the query it covers (weighted by rarity), more so in its title; covering
// everything and holding the exact phrase rank above scattered matches. Anything that matches part of
// the query is returned, best first, so a long headline never finds "nothing" when related items exist.

const HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const RUN = new RegExp("[" + HAN + "]+|[a-z0-9]+", "g");
const IS_HAN = new RegExp("^[" + HAN + "]");
const HOW_TO = /怎么写|如何写|怎样写|写法|怎么|如何/;
const HOW_TO_ALL = new RegExp(HOW_TO.source, "g");
// Words that say which kind of result is wanted.
const INTENTS = [[/措施|整改/, "measure"], [/原因|根源|根子/, "cause"], [HOW_TO, "guide"]];

// Bigrams of the generic words every self-criticism uses (不够, 不到位, 意识不强 …): they say that
// something falls short, not what; they count for little.
const GENERIC = new Set(["不够", "不足", "不到", "到位", "不强", "不严", "不实", "不深", "不高", "不紧", "不彻", "彻底",
  "有待", "存在", "问题", "方面", "情况", "仍有", "有所", "较多", "偏少", "淡薄", "淡化", "不力", "欠缺", "差距",
  "不好", "不多", "不少", "一些", "有时", "还不", "够深", "够强", "够好", "够实", "不能", "没有"]);
const GENERIC_WEIGHT = 0.3;
const SYNONYM_WEIGHT = 0.85;
const TAG_BONUS = 10;
const ASPECT_BITS = 30;   // aspects per chunk of a document's aspect mask (reviewkb.search.ASPECT_BITS)   // more than every other part of a score together (refineScore adds at most 2.4)

export const KIND_LABELS = { problem: "问题示例", cause: "原因剖析", measure: "整改措施", guide: "写法指导", criticism: "批评意见" };

export function normalizeText(text) {
  return String(text || "").normalize("NFKC").toLowerCase();
}

// Tokens of a text in order, with repeats: Han runs -> bigrams (a lone character stays), ASCII words.
export function textTokens(text) {
  const out = [];
  for (const run of normalizeText(text).match(RUN) || []) {
    if (IS_HAN.test(run) && run.length > 1) {
      const chars = Array.from(run);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    } else {
      out.push(run);
    }
  }
  return out;
}

// The query's searchable text with everything else removed, for exact-phrase checks.
export function phraseOf(text) {
  return (normalizeText(text).match(RUN) || []).join("");
}

// FNV-1a (32 bit) of the UTF-8 bytes, as in reviewkb.search.search_hash.
export function searchHash(token) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(token)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function decodePostings(text) {
  const out = [];
  let prev = 0;
  for (const part of text.split(",")) {
    prev += parseInt(part, 36);
    out.push(prev);
  }
  return out;
}

// Thesaurus groups -> Map(normalized phrase -> alternatives, the phrase first). A group is
// [terms, expands] as meta.js writes it (expands left out when empty), or {terms, expands}.
export function thesaurusMap(groups) {
  const map = new Map();
  const add = (key, alts) => {
    if (!key) return;
    const list = map.get(key) || [key];
    for (const a of alts) if (a && !list.includes(a)) list.push(a);
    map.set(key, list);
  };
  for (const g of groups || []) {
    const [rawTerms, rawExpands] = Array.isArray(g) ? g : [g.terms, g.expands];
    const terms = (rawTerms || []).map(normalizeText);
    const expands = (rawExpands || []).map(normalizeText);
    for (const t of terms) add(t, [...terms, ...expands]);
    for (const e of expands) add(e, terms);
  }
  return map;
}

// Query -> { units: [{text, alts: [[token…]…]}], phrase, howTo }.
export function planQuery(query, thesaurus) {
  const map = thesaurus instanceof Map ? thesaurus : thesaurusMap(thesaurus);
  const keys = Array.from(map.keys()).sort((a, b) => b.length - a.length);
  const asked = normalizeText(query);
  // "怎么写", "如何" … are cut off from the words next to them: the bigram they would form with the
  // topic ("况怎" of 征求意见情况怎么写) means nothing, yet it is in every "…情况怎么写" title and would
  // rank those above the guide on the topic itself. The words themselves are still searched.
  const text = asked.replace(HOW_TO_ALL, (m) => " " + m + " ");
  const units = [];
  const seen = new Set();
  const addPlain = (segment) => {
    for (const tok of textTokens(segment)) {
      if (seen.has(tok)) continue;
      seen.add(tok);
      units.push({ text: tok, alts: [[tok]] });
    }
  };
  // "#标签" asks for the examples with that tag (the index holds "#" + tag as a token of each);
  // its words are searched as well, so related items follow the tagged ones.
  for (const [, tag] of asked.matchAll(/#([^\s#]+)/g)) {
    if (seen.has("#" + tag)) continue;
    seen.add("#" + tag);
    units.push({ text: "#" + tag, alts: [["#" + tag]], tag: true });
  }
  let plain = "";
  let i = 0;
  while (i < text.length) {
    const key = keys.find((k) => text.startsWith(k, i));
    if (key && textTokens(key).length) {
      addPlain(plain);
      plain = "";
      if (!seen.has("=" + key)) {
        seen.add("=" + key);
        const alts = map.get(key).map(textTokens).filter((t) => t.length);
        units.push({ text: key, alts: alts.map((t) => Array.from(new Set(t))) });
      }
      i += key.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  addPlain(plain);
  const intents = INTENTS.filter(([re]) => re.test(asked)).map(([, kind]) => kind);
  return { units, phrase: phraseOf(query), howTo: HOW_TO.test(asked), intents };
}

// Every token the plan may look up.
export function planTokens(plan) {
  const all = new Set();
  for (const u of plan.units) for (const alt of u.alts) for (const t of alt) all.add(t);
  return Array.from(all);
}

// Parsed compact facets (the string of facets.js): [{kind, perspective, level, roles, meetings, size}].
export function parseFacets(meta, facets) {
  return facets.split("|").map((f) => {
    const [head, meets, size, aspects] = f.split(".");
    return {
      kind: meta.kinds[Number(head[0])],
      perspective: head[1] === "0" ? "" : meta.perspectives[Number(head[1]) - 1],
      level: head[2] === "0" ? "" : meta.levels[Number(head[2]) - 1],
      roles: parseInt(head.slice(3), 36),
      meetings: parseInt(meets, 36),
      size: parseInt(size || "0", 36),
      // bit masks of ASPECT_BITS aspects each, in the order of meta.aspects
      aspects: aspects ? aspects.split(",").map((c) => parseInt(c, 36)) : [],
    };
  });
}

// Does a document pass the facet filters {kind, role, perspective, level, meeting, aspect}?
export function passesFacets(facet, filters, meta) {
  if (!filters) return true;
  if (filters.kind && facet.kind !== filters.kind) return false;
  if (filters.perspective && facet.perspective !== filters.perspective) return false;
  if (filters.level && facet.level !== filters.level) return false;
  if (filters.role) {
    const bit = meta.roles.findIndex((r) => r[0] === filters.role);
    if (bit < 0 || !(facet.roles & (2 ** bit))) return false;
  }
  if (filters.meeting) {
    const bit = meta.meetings.findIndex((m) => m[0] === filters.meeting);
    if (bit < 0 || !(Math.floor(facet.meetings / 2 ** bit) % 2)) return false;
  }
  if (filters.aspect) {
    const n = (meta.aspects || []).findIndex((a) => a[0] === filters.aspect);
    if (n < 0 || !(((facet.aspects[Math.floor(n / ASPECT_BITS)] || 0) >> (n % ASPECT_BITS)) & 1)) return false;
  }
  return true;
}

// Weight of a token: its rarity (log inverse document frequency); generic bigrams count for little,
// and a bigram no document holds (often one that straddles two words of the query) weighs nothing.
export function tokenWeight(tok, postings, count) {
  const list = postings.get(tok);
  if (!list || !list.length) return 0;
  return Math.log(1 + count / list.length) * (GENERIC.has(tok) ? GENERIC_WEIGHT : 1);
}

// How much a body match counts in a document of `size` distinct tokens (1 up to about 150 tokens).
export function bodyFactor(size) {
  return size > 150 ? 1 / (1 + 0.5 * Math.log2(size / 150)) : 1;
}

// Score every document that matches any unit. postings: Map(token -> decoded list or undefined);
// facets: parsed facets (for document sizes) or null. Returns [{doc, cov, tcov, score}] unsorted.
export function scoreDocuments(plan, postings, count, facets) {
  const idf = (tok) => tokenWeight(tok, postings, count);
  // A thesaurus unit weighs as much as its best-known alternative.
  const units = plan.units.map((u) => ({
    ...u, weight: Math.max(...u.alts.map((alt) => alt.reduce((s, t) => s + idf(t), 0) / Math.sqrt(alt.length))),
  }));
  const total = units.reduce((s, u) => s + u.weight, 0) || 1;
  const docs = new Map();   // doc -> {cov, tcov}
  for (const u of units) {
    const best = new Map();   // doc -> [match, titleMatch] for this unit
    u.alts.forEach((alt, k) => {
      // The query's own wording counts fully; a synonym or expansion slightly less.
      const discount = k === 0 ? 1 : SYNONYM_WEIGHT;
      const hits = new Map();
      for (const tok of alt) {
        for (const v of postings.get(tok) || []) {
          const doc = v >> 1;
          const h = hits.get(doc) || [0, 0];
          h[0] += 1;
          if (v & 1) h[1] += 1;
          hits.set(doc, h);
        }
      }
      for (const [doc, h] of hits) {
        const m = (discount * h[0]) / alt.length;
        const t = (discount * h[1]) / alt.length;
        const b = best.get(doc) || [0, 0];
        best.set(doc, [Math.max(b[0], m), Math.max(b[1], t)]);
      }
    });
    for (const [doc, [m, t]] of best) {
      const d = docs.get(doc) || { cov: 0, tcov: 0, fit: 0, tags: 0 };
      if (u.tag) d.tags += 1;
      const f = facets && facets[doc] ? bodyFactor(facets[doc].size) : 1;
      d.cov += (u.weight * m) / total;
      d.fit += (u.weight * Math.max(t, m * f)) / total;
      d.tcov += (u.weight * t) / total;
      docs.set(doc, d);
    }
  }
  // An example carrying the #tags asked for ranks above any that merely shares their words.
  const tagUnits = units.filter((u) => u.tag).length;
  const out = [];
  for (const [doc, d] of docs) {
    const all = d.cov > 0.999 ? 1 : 0;
    const allTitle = d.tcov > 0.999 ? 1 : 0;
    const tagged = tagUnits ? (TAG_BONUS * d.tags) / tagUnits : 0;
    out.push({ doc, cov: d.cov, tcov: d.tcov, score: d.fit + 0.6 * d.tcov + all * (0.5 + 0.5 * d.fit / d.cov) + allTitle + tagged });
  }
  return out;
}

// The unbroken piece of `phrase` found in `title` (at least three characters) whose bigrams weigh
// most, as a share of the weight of all the phrase's bigrams. `idf(bigram)` gives a bigram's weight.
export function commonPieceWeight(phrase, title, idf) {
  const x = Array.from(phrase);
  const y = Array.from(title);
  const pair = x.map((c, i) => (i + 1 < x.length ? idf(c + x[i + 1]) : 0));
  const total = pair.reduce((a, b) => a + b, 0);
  if (!total) return 0;
  let best = 0;
  let prevLen = new Array(y.length + 1).fill(0);
  let prevW = new Array(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const len = new Array(y.length + 1).fill(0);
    const w = new Array(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j++) {
      if (x[i - 1] !== y[j - 1]) continue;
      len[j] = prevLen[j - 1] + 1;
      w[j] = len[j] >= 2 ? prevW[j - 1] + pair[i - 2] : 0;
      if (len[j] >= 3 && w[j] > best) best = w[j];
    }
    prevLen = len;
    prevW = w;
  }
  return best / total;
}

// Final ranking once the title is known: the exact phrase in the title first, then the longest
// unbroken piece of the query found in the title; the kind of result the query asks for.
// `idf(token)` gives a bigram's rarity weight.
export function refineScore(hit, info, plan, idf) {
  let score = hit.score;
  const title = phraseOf(info.title);
  const n = Array.from(plan.phrase).length;
  if (n >= 2) {
    if (title.includes(plan.phrase)) score += 2;
    else if (idf) score += commonPieceWeight(plan.phrase, title, idf);
  }
  if (plan.intents.includes(info.kind)) score += 0.4;
  return score;
}

const byScore = (a, b) => b.score - a.score || a.doc - b.doc;
const POOL = 20;   // candidates re-ranked by title

// The whole search. `store` is window.KB_SEARCH (filled by the index scripts); `load(name)` loads
// "meta.js", "facets.js", "t<n>.js" (postings) or "d<n>.js" (titles, URLs, excerpts) from assets/search/ and resolves when it has run.
// Returns {total, counts: {kind: n}, results: [{doc, kind, title, url, excerpt, score}]}.
export async function runSearch(query, filters, store, load, limit = 20) {
  if (!store.meta) await load("meta.js");
  const meta = store.meta;
  if (!store.thesaurusMap) store.thesaurusMap = thesaurusMap(meta.thesaurus);
  const plan = planQuery(query, store.thesaurusMap);
  const tokens = planTokens(plan);
  if (!tokens.length) return { total: 0, counts: {}, results: [], plan };
  store.tokens = store.tokens || {};
  const shards = Array.from(new Set(tokens.map((t) => searchHash(t) % meta.tokenShards)));
  const wanted = shards.filter((n) => !store.tokens[n]).map((n) => "t" + n + ".js");
  if (store.facets === undefined) wanted.push("facets.js");
  await Promise.all(wanted.map((name) => load(name)));
  if (!store.facetList) store.facetList = parseFacets(meta, store.facets);
  store.decoded = store.decoded || new Map();
  const postings = new Map();
  for (const tok of tokens) {
    if (!store.decoded.has(tok)) {
      const raw = store.tokens[searchHash(tok) % meta.tokenShards][tok];
      store.decoded.set(tok, raw ? decodePostings(raw) : undefined);
    }
    postings.set(tok, store.decoded.get(tok));
  }
  let hits = scoreDocuments(plan, postings, meta.count, store.facetList);
  const idf = (tok) => tokenWeight(tok, postings, meta.count);
  const counts = {};
  const filtered = [];
  for (const h of hits) {
    const facet = store.facetList[h.doc];
    if (!passesFacets(facet, { ...filters, kind: "" }, meta)) continue;
    counts[facet.kind] = (counts[facet.kind] || 0) + 1;
    if (filters && filters.kind && facet.kind !== filters.kind) continue;
    filtered.push(h);
  }
  hits = filtered.sort(byScore);
  // Weak matches are dropped only when strong ones exist: never "nothing" if something matches.
  const best = hits.length ? hits[0].cov : 0;
  const floor = Math.min(0.25, best * 0.5);
  hits = hits.filter((h) => h.cov >= floor);
  // The best candidates are re-ranked once their titles are known (document shards hold title,
  // URL and excerpt; only the shards of these candidates are loaded).
  const pool = hits.slice(0, Math.max(limit, POOL));
  const shardOf = (doc) => Math.floor(doc / meta.docsPerShard);
  store.docs = store.docs || {};
  const missing = Array.from(new Set(pool.map((h) => shardOf(h.doc)))).filter((n) => !store.docs[n]);
  await Promise.all(missing.map((n) => load("d" + n + ".js")));
  const results = pool.map((h) => {
    const row = store.docs[shardOf(h.doc)][h.doc % meta.docsPerShard];
    const info = { doc: h.doc, kind: store.facetList[h.doc].kind, title: row[0], url: row[1], excerpt: row[2] };
    return { ...info, cov: h.cov, score: refineScore(h, info, plan, idf) };
  }).sort(byScore).slice(0, limit);
  return { total: hits.length, counts, results, plan };
}

// Title split into [text, isMatch] pieces for highlighting the query's tokens.
export function highlightPieces(title, plan) {
  const wanted = new Set(planTokens(plan));
  const chars = Array.from(title);
  const mark = chars.map(() => false);
  const norm = chars.map((c) => normalizeText(c));
  for (let i = 0; i + 1 < chars.length; i++) {
    if (wanted.has(norm[i] + norm[i + 1])) mark[i] = mark[i + 1] = true;
  }
  for (let i = 0; i < chars.length; i++) if (wanted.has(norm[i])) mark[i] = true;
  const pieces = [];
  for (let i = 0; i < chars.length; i++) {
    const last = pieces[pieces.length - 1];
    if (last && last[1] === mark[i]) last[0] += chars[i];
    else pieces.push([chars[i], mark[i]]);
  }
  return pieces;
}
