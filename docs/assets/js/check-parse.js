// Split a material into paragraphs, sentences, parts (sections) and numbered units (一是…), and
// recognise which official aspects its sub-headings cover. Pure: no DOM.

// Part headings as people write them; ids are those of data/sections.
export const SECTION_PATTERNS = [
  ["zzsh-last-rectification", /上(一)?次组织生活会.{0,10}整改/],
  ["last-year-rectification", /上(一)?年度.{0,14}整改(落实)?(情况|工作)/],
  ["eight-rules-rectification", /八项规定精神学习教育.{0,8}整改整治/],
  ["theme-education-rectification", /主题教育.{0,12}整改/],
  ["case-study", /典型案例|案例(原因)?剖析|以案为鉴/],
  ["personal-matters", /(需要|需)(向组织)?说明的(个人)?(有关)?事项|个人有关事项/],
  ["self-assessment", /个人自评|自我评价/],
  ["problems", /存在的(突出)?问题|查摆(出)?的(主要)?问题|问题查摆|检视(出)?的问题|存在问题|问题清单/],
  ["causes", /原因(剖析|分析)|(产生|存在)问题的(根源|原因)|问题(产生的)?根源|根源剖析|思想根源/],
  ["measures", /整改(措施|方向|举措|打算)|下步(措施|打算|努力方向)|下一步(整改)?(措施|打算)|努力方向|改进措施/],
];

// Parts that play the same role in different meetings: a heading found for one counts for the other
// when only the other is in the chosen meeting's structure.
const ALIASES = {
  "case-study": "typical-case", "typical-case": "case-study",
  "last-year-rectification": "zzsh-last-rectification", "zzsh-last-rectification": "last-year-rectification",
  "eight-rules-rectification": "theme-education-rectification",
  "theme-education-rectification": "eight-rules-rectification",
};

const NUMBERING_RE = /^\s*(第[一二三四五六七八九十]+部分[：:、\s]*|[一二三四五六七八九十]+[、.．]\s*|[（(][一二三四五六七八九十]+[）)]\s*|\d+[、.．]\s*|[（(]\d+[）)]\s*)/;
const UNIT_MARK_RE = /(^|[。；;！？\s])([一二三四五六七八九十]+是)/g;
const TITLE_RE = /对照检查材料|发言提纲|检视剖析材料|剖析材料|民主生活会|组织生活会/;
const SENTENCE_END = "。！？!?";

// Plain text of a material: one line per paragraph; Markdown marks (headings, quotes, bullets,
// bold, comments such as the templates' hints) are dropped, since .md files are accepted too.
export function normalizeText(text) {
  return String(text ?? "")
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/[\u00A0\u2002\u2003\u2009\u200B]/g, " ")
    .replace(/^[ \t]{0,3}(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)/gm, "")
    .replace(/\*\*|__/g, "")
    .replace(/\\([\[\]{}*_#>\\])/g, "$1");
}

// Sentences of one stretch of text, with offsets relative to `offset`.
export function splitSentences(text, offset = 0) {
  const out = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (SENTENCE_END.includes(text[i])) {
      // keep a closing quote with its sentence
      let end = i + 1;
      while (end < text.length && "”’\"）)".includes(text[end])) end++;
      push(start, end);
      start = end;
      i = end - 1;
    }
  }
  push(start, text.length);
  return out;

  function push(a, b) {
    while (a < b && /\s/.test(text[a])) a++;
    if (b > a) out.push({ text: text.slice(a, b), start: offset + a, end: offset + b });
  }
}

// Character bigrams of the Chinese text in s (used to compare headings and problems).
export function bigrams(s) {
  const out = new Set();
  const t = String(s).replace(/[^\u3400-\u9fff]/g, " ");
  for (let i = 0; i + 1 < t.length; i++) {
    if (t[i] !== " " && t[i + 1] !== " ") out.add(t.slice(i, i + 2));
  }
  return out;
}

export function stripNumbering(s) {
  return s.replace(NUMBERING_RE, "").trim();
}

// The part a heading line opens, or null. `headings` come from the data ([id, heading] pairs, the
// chosen meeting's parts first); `structure` is the chosen meeting's list of parts.
export function sectionOfHeading(paraText, headings = [], structure = []) {
  const bare = stripNumbering(paraText).replace(/[：:。]\s*$/, "");
  if (/^[一二三四五六七八九十]+是/.test(bare)) return null;
  // A heading line, or a paragraph that opens with a heading followed by a colon.
  const lead = /^([^：:。]{2,24})[：:]/.exec(bare);
  for (const candidate of [bare.length <= 30 ? bare : null, lead ? lead[1] : null]) {
    if (!candidate) continue;
    const inline = candidate !== bare;
    const own = headings.find(([, h]) => h && candidate.includes(h));
    if (own) return { id: own[0], inline };
    for (const [id, re] of SECTION_PATTERNS) {
      if (!re.test(candidate)) continue;
      const alias = ALIASES[id];
      return { id: !structure.includes(id) && alias && structure.includes(alias) ? alias : id, inline };
    }
  }
  return null;
}

// [id, heading] pairs to recognise parts by, longest first, the meeting's own parts before others.
export function sectionHeadings(sections, structure = []) {
  const pairs = (sections || []).filter((s) => s.heading).map((s) => [s.id, s.heading]);
  const mine = (p) => (structure.includes(p[0]) ? 0 : 1);
  return pairs.sort((a, b) => mine(a) - mine(b) || b[1].length - a[1].length);
}

// The aspect of `meeting` a sub-heading names, or null.
export function matchAspect(heading, meeting) {
  const bare = stripNumbering(heading).replace(/(方面|情况)?[：:。]?\s*$/, "");
  const grams = bigrams(bare);
  if (!grams.size || !meeting) return null;
  let best = null;
  for (const aspect of meeting.aspects || []) {
    const ref = bigrams(`${aspect.heading} ${aspect.short}`);
    let shared = 0;
    for (const g of grams) if (ref.has(g)) shared++;
    const score = shared / grams.size;
    if (shared >= Math.min(3, grams.size) && score >= 0.5 && (!best || score > best.score)) best = { aspect, score };
  }
  return best ? best.aspect : null;
}

// A numbered line that names an aspect: it matches one of the meeting's aspects, ends with 方面,
// or is one short clause.
function looksLikeSubheading(text, meeting) {
  const bare = stripNumbering(text);
  if (!NUMBERING_RE.test(text) || /^[一二三四五六七八九十]+是/.test(bare)) return false;
  if (/方面[：:。]?\s*$/.test(text)) return true;
  if (bare.length > 160 || /。./.test(bare)) return false;
  // Problems numbered 1. or （1） are units; short Chinese-numbered lines are sub-headings.
  const arabic = /^\s*[（(]?\d/.test(text);
  return (!arabic && bare.length <= 40) || Boolean(matchAspect(text, meeting));
}

// Parse a material. `meeting` (from KB_DATA.meta.meetings) is used to recognise aspect headings,
// `sections` (KB_DATA.meta.sections) to recognise part headings.
export function parseMaterial(raw, meeting = null, sections = []) {
  const structure = meeting?.structure || [];
  const headings = sectionHeadings(sections, structure);
  const text = normalizeText(raw);
  const paragraphs = [];
  let pos = 0;
  for (const line of text.split("\n")) {
    const lead = line.length - line.trimStart().length;
    const body = line.trim();
    if (body) paragraphs.push({ n: paragraphs.length + 1, text: body, start: pos + lead, end: pos + lead + body.length });
    pos += line.length + 1;
  }
  const parsed = { text, paragraphs, sentences: [], units: [], parts: [], aspects: [], title: null };
  if (paragraphs.length && paragraphs[0].text.length <= 60 && TITLE_RE.test(paragraphs[0].text)
      && !/[。]$/.test(paragraphs[0].text)) {
    parsed.title = paragraphs[0];
    paragraphs[0].role = "title";
  }
  let section = "opening";
  let aspect = null;
  let unit = null;
  for (const p of paragraphs) {
    if (p.role === "title") { p.section = null; continue; }
    const head = sectionOfHeading(p.text, headings, structure);
    if (head) {
      section = head.id;
      aspect = null;
      unit = null;
      parsed.parts.push({ id: section, para: p.n });
      if (!head.inline) { p.role = "heading"; p.section = section; continue; }
    }
    p.section = section;
    if (section === "opening" && !parsed.parts.some((x) => x.id === "opening")) parsed.parts.push({ id: "opening", para: p.n });
    if (section === "problems" && looksLikeSubheading(p.text, meeting)) {
      const found = matchAspect(p.text, meeting);
      p.role = "subheading";
      aspect = found ? found.id : null;
      p.aspect = aspect;
      parsed.aspects.push({ aspect, para: p.n, text: p.text });
      unit = null;
      continue;
    }
    p.aspect = aspect;
    p.role = "body";
    for (const s of splitSentences(p.text, p.start)) parsed.sentences.push({ ...s, para: p.n, section });
    if (!["problems", "causes", "measures", "case-study", "last-year-rectification"].includes(section)) continue;
    const starts = unitStarts(p.text, section);
    if (!starts.length) {
      if (unit && unit.section === section) {
        unit.end = p.end;
        unit.text = text.slice(unit.start, unit.end);
      }
      continue;
    }
    if (starts[0] > 0 && unit && unit.section === section) {
      unit.end = p.start + starts[0];
      unit.text = text.slice(unit.start, unit.end);
    }
    starts.forEach((s, i) => {
      const a = p.start + s;
      const b = i + 1 < starts.length ? p.start + starts[i + 1] : p.end;
      unit = { section, aspect, para: p.n, start: a, end: b, text: text.slice(a, b) };
      parsed.units.push(unit);
    });
  }
  for (const u of parsed.units) {
    u.text = u.text.trimEnd();
    u.end = u.start + u.text.length;
    const first = splitSentences(u.text, u.start)[0];
    u.headline = first || { text: u.text, start: u.start, end: u.end };
    u.sentences = splitSentences(u.text, u.start);
  }
  return parsed;
}

// Offsets (in the paragraph) where numbered units start: 一是/二是…, or a numbered paragraph.
function unitStarts(text, section) {
  const out = [];
  UNIT_MARK_RE.lastIndex = 0;
  let m;
  while ((m = UNIT_MARK_RE.exec(text))) out.push(m.index + m[1].length);
  if (!out.length && NUMBERING_RE.test(text)) out.push(0);
  if (out.length && out[0] > 0 && NUMBERING_RE.test(text) && section !== "problems") out.unshift(0);
  return out;
}

// The paragraph holding a text offset.
export function paragraphAt(parsed, offset) {
  const ps = parsed.paragraphs;
  let lo = 0;
  let hi = ps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ps[mid].end < offset) lo = mid + 1;
    else if (ps[mid].start > offset) hi = mid - 1;
    else return ps[mid];
  }
  return ps[Math.min(lo, ps.length - 1)] || null;
}

// Guess meeting and perspective from a title (and file name): year, 民主生活会/组织生活会, 班子.
export function guessMeeting(raw, fileName, meetings, fallbackId) {
  const text = normalizeText(raw);
  const title = text.split("\n").find((l) => l.trim()) || "";
  const head = `${fileName || ""}\n${title}\n${text.slice(0, 300)}`;
  // The first of the two meeting names to appear (file name and title first) decides.
  const at = (name) => { const i = head.indexOf(name); return i < 0 ? Infinity : i; };
  const kind = at("组织生活会") < at("民主生活会") ? "组织生活会" : at("民主生活会") < Infinity ? "民主生活会" : null;
  const ym = /(20\d\d)\s*年度/.exec(head) || /(20\d\d)\s*年/.exec(head);
  const year = ym ? Number(ym[1]) : null;
  const pick = (meetings || []).filter((m) => (!kind || m.kind === kind) && (!year || m.year === year));
  const meeting = pick.find((m) => m.kind === "民主生活会") || pick[0]
    || (meetings || []).find((m) => m.id === fallbackId) || null;
  const perspective = /领导班子|班子对照检查|班子检视|支部委员会|支委会/.test(head) && !/个人/.test(head.slice(0, 120))
    ? "班子" : "个人";
  return { meeting: meeting ? meeting.id : fallbackId, perspective, year, kind, sure: Boolean(year && kind && pick.length) };
}

// Text of a material kept as blocks (the draft page's and the .docx writer's shape): one line per block.
export function blocksToText(blocks) {
  return (blocks || []).map((b) => (b.runs || []).map((r) => r.text).join("")).join("\n");
}
