// Lay a draft out as a whole material in its meeting's structure. Pure.
//
// The meeting's template blocks (KB_DATA.templates, the same blocks as the downloadable .docx and .md
// templates) give sections, order and headings. Each group of numbered slots (the problems of one
// aspect, the causes, the measures) is replaced by the chosen items of that group, numbered afresh
// 一是、二是… (or （一）（二）… where the template numbers that way); groups without chosen items keep
// the template's 【请填写：……】 text.

import { identicalSpans } from "./text-diff.js";

const DIGITS = "零一二三四五六七八九";
const PLACEHOLDER_RE = /(【请填写[^】]*】)/;

export function cnNumber(n) {
  if (n < 10) return DIGITS[n];
  if (n < 20) return "十" + (n % 10 ? DIGITS[n % 10] : "");
  return DIGITS[Math.floor(n / 10)] + "十" + (n % 10 ? DIGITS[n % 10] : "");
}

// The lead of the n-th item (1-based) in the numbering the template slot uses.
export function ordinalLike(sample, n) {
  return /^（/.test(sample || "") ? `（${cnNumber(n)}）` : `${cnNumber(n)}是`;
}

// Plain text split into plain runs and 【请填写：……】 placeholder runs.
export function textRuns(text, style = null) {
  return text.split(PLACEHOLDER_RE).filter(Boolean)
    .map((part) => ({ text: part, style: /^【请填写[^】]*】$/.test(part) ? "KbPlaceholder" : style }));
}

export function materialTitle(meeting, perspective) {
  const who = meeting.kind === "组织生活会"
    ? (perspective === "个人" ? "党员个人" : "党支部委员会")
    : (perspective === "个人" ? "个人" : "领导班子");
  return `${meeting.year}年度${meeting.kind}${who}对照检查材料`;
}

// A template built from meta alone, for a site built without KB_DATA.templates.
export function fallbackTemplate(meta, meeting, perspective) {
  const sections = Object.fromEntries(meta.sections.map((s) => [s.id, s]));
  const block = (style, text, extra = {}) => ({ style, runs: textRuns(text), comment: null, section: null, aspect: null, slot: null, ...extra });
  const out = [block("KbTitle", materialTitle(meeting, perspective))];
  let number = 0;
  for (const id of meeting.structure) {
    const s = sections[id];
    if (!s || !s.perspectives.includes(perspective)) continue;
    const hint = [`本部分要写：${s.purpose}`, `必备要素：${s.must_include.join("；")}`].join("\n");
    const body = [];
    if (id === "problems") {
      meeting.aspects.forEach((a, i) => {
        body.push(block("KbH2", `（${cnNumber(i + 1)}）${a.heading}`, { section: id, aspect: a.id }));
        for (let n = 1; n <= 3; n++) body.push(block("KbBody", `${cnNumber(n)}是【请填写：问题标题和具体表现】`, { section: id, aspect: a.id, slot: "problem" }));
      });
    } else if (id === "causes" || id === "measures") {
      for (let n = 1; n <= 4; n++) {
        const lead = id === "causes" ? `（${cnNumber(n)}）` : `${cnNumber(n)}是`;
        body.push(block("KbBody", `${lead}【请填写：${s.name}】`, { section: id, slot: id === "causes" ? "cause" : "measure" }));
      }
    } else {
      body.push(block("KbBody", `【请填写：${s.name}】`, { section: id }));
    }
    if (s.heading) {
      number += 1;
      out.push(block("KbH1", `${cnNumber(number)}、${s.heading}`, { section: id, comment: hint }));
      out.push(...body);
    } else {
      out.push({ ...body[0], comment: hint }, ...body.slice(1));
    }
  }
  out.push(block("KbSignature", "【请填写：姓名或班子名称】"), block("KbSignature", "【请填写：日期】"));
  return out;
}

function groupKey(slot, aspect) {
  return `${slot}|${aspect || ""}`;
}

function itemKey(item) {
  return groupKey(item.kind, item.kind === "problem" ? item.aspect : null);
}

function endWithStop(text) {
  const t = text.trim();
  return !t || /[。！？；：]$/.test(t) ? t : t + "。";
}

// One chosen item as a block: lead (一是), headline as KbLead, then the text.
export function itemBlock(item, lead, template) {
  const same = identicalSpans(item.title, item.kbTitle).length + identicalSpans(item.body, item.kbBody).length;
  return {
    style: "KbBody",
    runs: [{ text: lead, style: null }, ...textRuns(endWithStop(item.title), "KbLead"), ...textRuns(item.body.trim())],
    comment: same ? `本段仍有 ${same} 处与知识库原文逐字相同，请改写为本人、本单位的真实情况。` : null,
    section: template.section, aspect: template.aspect, slot: template.slot, item: item.uid,
  };
}

// {title, blocks, unplaced}: blocks are the material (contract blocks; item blocks also carry `item`
// = uid, template text shown for an empty group carries `placeholder: true`); unplaced are items whose
// aspect is not one of the meeting's (the user files them again).
export function layoutMaterial(draft, meeting, template) {
  const groups = new Map();
  for (const item of draft.items) {
    const key = itemKey(item);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  const slots = new Set(template.filter((b) => b.slot).map((b) => groupKey(b.slot, b.aspect)));
  const done = new Set();
  const blocks = [];
  for (const b of template) {
    const key = b.slot ? groupKey(b.slot, b.aspect) : null;
    const chosen = key ? groups.get(key) : null;
    if (chosen?.length) {
      if (!done.has(key)) {
        done.add(key);
        const sample = b.runs[0]?.text || "";
        chosen.forEach((item, i) => blocks.push(itemBlock(item, ordinalLike(sample, i + 1), b)));
      }
      continue;
    }
    blocks.push({ ...b, runs: b.runs.map((r) => ({ ...r })), placeholder: !!b.slot || b.runs.some((r) => r.style === "KbPlaceholder") });
  }
  const unplaced = draft.items.filter((x) => !slots.has(itemKey(x)));
  const titleBlock = template.find((b) => b.style === "KbTitle");
  const title = titleBlock ? titleBlock.runs.map((r) => r.text).join("") : "对照检查材料";
  return { title, blocks, unplaced };
}

// The Chinese file name of an export, e.g. 2025年度民主生活会个人对照检查材料（草稿）.docx
export function fileName(title, ext) {
  const clean = title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "").trim() || "对照检查材料";
  return `${clean}（草稿）.${ext}`;
}
