// Long identical runs: a material against the knowledge base's texts, and files against each other.
// Official formulations and headings every material shares are masked first. Pure: no DOM.

const GAP = "\u0000";
const GRAM = 8;
const MAX_HITS = 64;

// Only Chinese characters, letters and digits, with a map back to the original offsets.
export function normalizeForCopy(text) {
  let chars = "";
  const map = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
        || (c >= 0xff10 && c <= 0xff19)) {
      chars += text[i];
      map.push(i);
    }
  }
  return { chars, map };
}

// Phrases to ignore, normalised and longest first (so a long formulation masks before its parts).
export function preparePhrases(phrases) {
  const seen = new Set();
  for (const p of phrases || []) {
    const n = normalizeForCopy(String(p)).chars;
    if (n.length >= 4) seen.add(n);
  }
  return [...seen].sort((a, b) => b.length - a.length);
}

// Normalised text with every phrase replaced by gaps (positions kept, so offsets still map back).
export function maskedText(text, phrases) {
  const norm = normalizeForCopy(text);
  let s = norm.chars;
  for (const p of phrases) {
    if (s.includes(p)) s = s.split(p).join(GAP.repeat(p.length));
  }
  return { chars: s, map: norm.map };
}

function indexDoc(index, docNo, chars) {
  for (let i = 0; i + GRAM <= chars.length; i++) {
    const g = chars.slice(i, i + GRAM);
    if (g.includes(GAP)) continue;
    let list = index.get(g);
    if (!list) index.set(g, (list = []));
    if (list.length < MAX_HITS) list.push(docNo, i);
  }
}

// An index over documents [{key, text, ...}]; phrases are masked in them and in every query.
export function buildIndex(docs, phrases = []) {
  const prepared = preparePhrases(phrases);
  const index = new Map();
  const entries = docs.map((doc, no) => {
    const m = maskedText(doc.text, prepared);
    indexDoc(index, no, m.chars);
    return { ...doc, chars: m.chars, map: m.map };
  });
  return { docs: entries, index, phrases: prepared };
}

// Maximal runs of at least minRun identical characters between `query` (already masked) and the
// indexed documents. Returns [{doc, qStart, qEnd, dStart, dEnd}] in normalised offsets.
export function matchRuns(query, idx, minRun, skipDoc = -1) {
  const q = query.chars;
  const active = new Map();
  const runs = [];
  for (let i = 0; i + GRAM <= q.length; i++) {
    const g = q.slice(i, i + GRAM);
    const hits = idx.index.get(g);
    if (!hits) continue;
    for (let h = 0; h < hits.length; h += 2) {
      const d = hits[h];
      if (d === skipDoc) continue;
      const p = hits[h + 1];
      const key = d * 1e7 + (p - i + 5e6);
      if ((active.get(key) ?? -1) > i) continue;
      const dc = idx.docs[d].chars;
      let len = GRAM;
      while (i + len < q.length && p + len < dc.length && q[i + len] === dc[p + len] && q[i + len] !== GAP) len++;
      active.set(key, i + len);
      if (len >= minRun) runs.push({ doc: d, qStart: i, qEnd: i + len, dStart: p, dEnd: p + len });
    }
  }
  return runs;
}

// Original-text span of a normalised run.
export function spanOf(masked, start, end) {
  return { start: masked.map[start], end: masked.map[end - 1] + 1 };
}

// Runs of a material shared with knowledge-base items. items: [{id, kind, title, url, texts: [..]}].
export function kbIndex(items, phrases) {
  const docs = [];
  for (const item of items) {
    for (const text of item.texts) if (text) docs.push({ item, text });
  }
  return buildIndex(docs, phrases);
}

export function findKbCopies(text, idx, minRun = 20) {
  const masked = maskedText(text, idx.phrases);
  const out = [];
  for (const r of matchRuns(masked, idx, minRun)) {
    const span = spanOf(masked, r.qStart, r.qEnd);
    out.push({ item: idx.docs[r.doc].item, length: r.qEnd - r.qStart, ...span, shared: text.slice(span.start, span.end) });
  }
  return out;
}

// Every pair of files sharing runs of at least minRun characters.
// files: [{name, text}] -> [{a, b, runs: [{length, text, aStart, aEnd, bStart, bEnd}], total}]
export function comparePairs(files, phrases, minRun = 20) {
  const idx = buildIndex(files.map((f, i) => ({ file: i, text: f.text })), phrases);
  const pairs = new Map();
  idx.docs.forEach((doc, a) => {
    for (const r of matchRuns(doc, idx, minRun, a)) {
      if (r.doc <= a) continue;
      const other = idx.docs[r.doc];
      const sa = spanOf(doc, r.qStart, r.qEnd);
      const sb = spanOf(other, r.dStart, r.dEnd);
      const key = `${a}:${r.doc}`;
      if (!pairs.has(key)) pairs.set(key, { a, b: r.doc, runs: [], total: 0 });
      const pair = pairs.get(key);
      pair.runs.push({ length: r.qEnd - r.qStart, text: files[a].text.slice(sa.start, sa.end),
                       aStart: sa.start, aEnd: sa.end, bStart: sb.start, bEnd: sb.end });
      pair.total += r.qEnd - r.qStart;
    }
  });
  for (const pair of pairs.values()) pair.runs.sort((x, y) => y.length - x.length);
  return [...pairs.values()].sort((x, y) => y.total - x.total);
}
