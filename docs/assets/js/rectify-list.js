// 整改清单 from 我的草稿: one row per problem of the draft, with the causes and measures that answer it,
// 完成时限 and 检验方式 taken from the measures' own text (the patterns of the self-check rules), and a
// 【请填写：……】 placeholder wherever the draft says nothing. Pure: the form (columns, widths, the text
// around the table) comes from the build (KB_DATA.rectify, made from data/forms/forms.yaml).

import { CHECK_RE, DEADLINE_RE } from "./check-rules.js";
import { cnNumber, materialTitle } from "./draft-layout.js";
import { problemThemes } from "./draft-coverage.js";

export function placeholder(what) {
  return `【请填写：${what}】`;
}

// The text up to and including the first 。！？； (or the whole text).
export function firstSentence(text) {
  const m = String(text || "").trim().match(/^[^。！？；\n]*[。！？；]?/u);
  return m ? m[0] : "";
}

// An item's headline: its 要点 (title), or the first sentence of its text; without the closing stop.
export function headline(item) {
  const title = String(item.title || "").trim();
  return (title || firstSentence(item.body)).replace(/[。！？；，、：\s]+$/u, "");
}

const LEAD_RE = /^\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])\s*/u;

// The clauses (text between ，。；！？ and line breaks) in which a pattern occurs, each once, without
// a leading 一是 / （一） / 1. number.
export function clauses(text, re) {
  const out = [];
  for (const raw of String(text || "").split(/[，。；！？\n]/u)) {
    const c = raw.replace(LEAD_RE, "").trim();
    if (c && re.test(c) && !out.includes(c)) out.push(c);
  }
  return out;
}

// Where a measure says by when, and how the result is checked: clauses of its text, or of its
// headline when the text says nothing (the headline is already in the 措施 column).
export function measureTimes(item) {
  const find = (re) => {
    const own = clauses(item.body, re);
    return own.length ? own : clauses(item.title, re);
  };
  return { deadline: find(DEADLINE_RE), check: find(CHECK_RE) };
}

// One cell listing one entry per measure (or cause): the entry alone, or numbered 1. 2. on lines of
// their own; an entry the draft does not have is a placeholder.
export function listCell(entries, what) {
  if (!entries.length) return placeholder(what);
  const texts = entries.map((x) => (x ? x : placeholder(what)));
  return texts.length === 1 ? texts[0] : texts.map((t, i) => `${i + 1}. ${t}`).join("\n");
}

function fields(problem, causes, measures) {
  const times = measures.map(measureTimes);
  return {
    problem,
    cause: listCell(causes.map(headline), "原因"),
    measure: listCell(measures.map(headline), "措施"),
    deadline: listCell(times.map((t) => t.deadline.join("；")), "完成时限"),
    check: listCell(times.map((t) => t.check.join("；")), "检验方式"),
  };
}

// How closely a measure answers a problem (records and aspectThemes as for coverage()): a cause the
// problem names and the measure answers counts most, then a cause of the draft matched to the
// problem that the measure answers, then each theme they share.
export function fitScore(problem, causes, measure, records, aspectThemes) {
  const p = records[problem.ref];
  const m = records[measure.ref];
  if (!p || !m) return 0;
  const answers = new Set(m.causes || []);
  const named = (p.causes || []).filter((c) => answers.has(c)).length;
  const chosen = causes.filter((c) => answers.has(c.ref)).length;
  const themes = problemThemes(problem, p, aspectThemes || {});
  return 4 * named + 2 * chosen + (m.themes || []).filter((t) => themes.includes(t)).length;
}

// coverage() rows with each measure kept only under the problems it fits best (a measure that fits
// several problems equally well stays under each of them).
export function bestFits(cover, records, aspectThemes) {
  const scored = cover.map((r) => ({ row: r, scores: new Map(r.measures.map((m) => [m.uid, fitScore(r.item, r.causes, m, records, aspectThemes)])) }));
  const best = new Map();
  for (const { scores } of scored) for (const [uid, v] of scores) best.set(uid, Math.max(best.get(uid) ?? -1, v));
  return scored.map(({ row, scores }) => ({ ...row, measures: row.measures.filter((m) => scores.get(m.uid) === best.get(m.uid)) }));
}

// draft: the draft (items); meeting: its meeting from KB_DATA.meta (aspects in order); cover: the
// coverage() rows of the draft (which causes and measures answer each problem), or null when the
// links could not be loaded; fit: {records, aspectThemes} to keep each measure under the problems it
// fits best (bestFits), or null to keep every measure coverage() matches.
// Returns [{item, aspect, problem, cause, measure, deadline, check}]: the problems of each aspect in
// the meeting's order (problems filed under no aspect of the meeting are left out, as in the
// material), then one row for each measure that answers no problem.
export function rectifyRows(draft, meeting, cover, fit = null) {
  const rowsOf = cover && fit ? bestFits(cover, fit.records, fit.aspectThemes) : cover || [];
  const links = new Map(rowsOf.map((r) => [r.item.uid, r]));
  const used = new Set();
  const rows = [];
  meeting.aspects.forEach((a, i) => {
    const problems = draft.items.filter((x) => x.kind === "problem" && x.aspect === a.id);
    problems.forEach((p, n) => {
      const link = links.get(p.uid);
      const measures = link?.measures || [];
      measures.forEach((m) => used.add(m.uid));
      const text = headline(p) || placeholder("问题表述");
      rows.push({ item: p.uid, aspect: a.id, ...fields(`（${cnNumber(i + 1)}）${a.short}方面问题${cnNumber(n + 1)}：${text}`, link?.causes || [], measures) });
    });
  });
  for (const m of draft.items.filter((x) => x.kind === "measure" && !used.has(x.uid))) {
    rows.push({ item: m.uid, aspect: null, ...fields(placeholder("这条措施对应的问题"), [], [m]) });
  }
  return rows;
}

// Which field of a row a column shows (by the column's name in the form); null: a placeholder.
export function columnField(name) {
  if (/问题/.test(name)) return "problem";
  if (/原因/.test(name)) return "cause";
  if (/措施/.test(name)) return "measure";
  if (/时限|期限/.test(name)) return "deadline";
  if (/检验|验收|标准/.test(name)) return "check";
  return null;
}

// A row as the cells of a table with these columns (序号 numbered from `number`).
export function rowCells(row, columns, number, numberColumn = "序号") {
  return columns.map((c) => {
    if (c === numberColumn) return String(number);
    const field = columnField(c);
    return field ? row[field] : placeholder(c);
  });
}

export function rectifyTitle(meeting, perspective, formTitle = "整改清单") {
  return materialTitle(meeting, perspective).replace(/对照检查材料$/u, formTitle);
}

// The whole 整改清单: the form's paragraphs and tables (spec = KB_DATA.rectify) with the title of the
// draft's meeting and the draft's rows before the fixed rows of the table marked `fill`.
// Returns entries for writeDocx: blocks, and {table: {columns, rows, widths, center}}.
export function rectifyContent(spec, draft, meeting, cover, fit = null) {
  const rows = rectifyRows(draft, meeting, cover, fit);
  const number = spec.number_column || "序号";
  return spec.content.map((x) => {
    if (!x.table) {
      const runs = x.style === "KbTitle" ? [{ text: rectifyTitle(meeting, draft.perspective, spec.title), style: null }] : x.runs.map((r) => ({ ...r }));
      return { style: x.style, runs, comment: x.comment || null, section: x.section || null, aspect: null, slot: null };
    }
    const t = x.table;
    const numbered = t.columns[0] === number;
    let body = t.rows.map((r) => [...r]);
    if (t.fill) {
      const fixed = body.map((r) => (numbered ? r.slice(1) : r));
      body = [...rows.map((r, i) => rowCells(r, t.columns, i + 1, number)),
        ...fixed.map((r, i) => (numbered ? [String(rows.length + i + 1), ...r] : r))];
    }
    return { table: { columns: [...t.columns], rows: body, widths: [...t.widths], center: numbered ? [0] : [], fill: !!t.fill } };
  });
}

function mdText(text) {
  return String(text).replace(/([\\`*_<>[\]])/g, "\\$1");
}

function mdCell(text) {
  return mdText(text).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function hint(text) {
  const lines = String(text).split(/\r?\n/).filter(Boolean).map((x) => `  ${x.replace(/--/g, "—")}`);
  return `<!-- 提示：\n${lines.join("\n")}\n-->`;
}

const MD_PREFIX = { KbTitle: "# ", KbH1: "## ", KbH2: "### " };

// The content as Markdown (UTF-8 with a BOM), like the downloadable form's .md: pipe tables, hints as comments.
export function contentMarkdown(content) {
  const out = [];
  for (const x of content) {
    if (x.table) {
      const { columns, rows } = x.table;
      out.push(`| ${columns.map(mdCell).join(" | ")} |`, `|${" --- |".repeat(columns.length)}`,
        ...rows.map((r) => `| ${r.map(mdCell).join(" | ")} |`), "");
      continue;
    }
    out.push((MD_PREFIX[x.style] || "") + mdText(x.runs.map((r) => r.text).join("")), "");
    if (x.comment) out.push(hint(x.comment), "");
  }
  return "\ufeff" + out.join("\n").trimEnd() + "\n";
}
