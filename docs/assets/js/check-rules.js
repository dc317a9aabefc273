// The self-check rules: each finds one kind of fault reviewers send materials back for.
// Pure: no DOM. checkMaterial() is what the 自查 page, the draft page and tools/selfcheck.mjs call.

import { bigrams, paragraphAt, parseMaterial, splitSentences } from "./check-parse.js";
import { findKbCopies, kbIndex } from "./check-copy.js";

// One rule a line, in this exact shape: the build reads this list for the rule tables
// (hooks/reviewkb/checkrules.py). guide: the docs page that explains how to fix it.
export const RULES = [
  { id: "blank", severity: "必须修改", name: "未填写的占位", guide: "downloads/index.md", help: "模板中的【请填写…】【某…】、××、XXX、202X 等占位符没有换成实际内容。" },
  { id: "missing-part", severity: "必须修改", name: "缺少必备部分", guide: "sections/index.md", help: "所选会议要求的部分（如上年度整改落实情况、反面典型案例剖析、需要说明的个人事项）没有写。" },
  { id: "missing-aspect", severity: "必须修改", name: "缺少检视重点", guide: "meetings/index.md", help: "问题部分没有按所选会议的某个检视重点分设小标题查摆问题。" },
  { id: "no-case", severity: "建议修改", name: "问题没有具体事例", guide: "sections/problems.md", help: "一条问题通篇没有时间、数字、文件名或“比如”事例，看不出具体是哪件事。" },
  { id: "abstract-case", severity: "建议修改", name: "“比如”后仍是抽象表述", guide: "sections/problems.md", help: "“比如”后面没有时间、地点、数字或具体工作，举例仍是概括。" },
  { id: "stock-phrase", severity: "建议修改", name: "套话代替事实", guide: "sections/problems.md", help: "用“有待进一步加强”“还不够到位”“存在一定差距”等套话代替事实，前后没有具体内容。" },
  { id: "praise-first", severity: "建议修改", name: "先讲成绩再讲问题", guide: "sections/problems.md", help: "查摆问题时先肯定成绩、再用“但”转入不足，冲淡了问题。" },
  { id: "collective-voice", severity: "必须修改", name: "以班子问题代替个人问题", guide: "sections/problems.md", help: "个人材料中的问题用“班子”“我们”“单位”作主语，看不出本人的责任。" },
  { id: "others-faults", severity: "必须修改", name: "以他人问题代替自身问题", guide: "sections/problems.md", help: "问题写的是“个别同志”“有的干部”“下属”的不足，而不是自己的。" },
  { id: "cause-restates", severity: "建议修改", name: "原因复述问题", guide: "sections/causes.md", help: "原因只是把问题换个说法，或没有落到理想信念、党性修养、宗旨意识、纪律规矩等思想根源上。" },
  { id: "cause-angles", severity: "建议修改", name: "原因剖析角度不全", guide: "sections/causes.md", help: "原因剖析缺少理想信念、党性修养、宗旨意识、纪律规矩中的两个以上角度。" },
  { id: "unanswered-problem", severity: "建议修改", name: "问题没有对应措施", guide: "sections/measures.md", help: "查摆的某个问题在整改措施中找不到回应。" },
  { id: "measure-deadline", severity: "建议修改", name: "措施没有时限", guide: "sections/measures.md", help: "整改措施没有写完成时限或频次，年底无从核对。" },
  { id: "measure-check", severity: "建议修改", name: "措施没有检验标准", guide: "sections/measures.md", help: "整改措施没有写由谁、用什么方式检验，或做到什么程度。" },
  { id: "kb-copy", severity: "必须修改", name: "照抄知识库示例", guide: "sections/problems.md", help: "有一长段文字与本知识库的示例、原因或措施逐字相同（规范提法除外）。" },
  { id: "formulation", severity: "必须修改", name: "提法不规范", guide: "formulations.md", help: "官方提法写错或写成了近似说法，如把“习近平新时代中国特色社会主义思想”误录为“学习近平新时代……”。" },
  { id: "shared-text", severity: "必须修改", name: "多份材料雷同", guide: "sections/problems.md", help: "同时检查多份材料时，两份材料有一长段文字逐字相同（规范提法除外）。" },
];

const RULE_BY_ID = Object.fromEntries(RULES.map((r) => [r.id, r]));

// ---------------------------------------------------------------- text signals

const BLANK_RE = /【[^】\n]{0,40}】|[×ＸxX]{2,}|[＊*]{3,}|20[0-9][XxＸ×]|[XxＸ]月[XxＸ]日|某某|○○|□□|……年……月/g;
const CN_COUNT_RE = /[零一二两三四五六七八九十百千万几数]+(余|多)?(次|件|个月|天|周|名|人次|户|家|条|项|份|篇|场|期|批|小时|分钟|个百分点|万元|元|公里|处|所|起|笔|张|轮|遍|页|套|台)/;
const TIME_RE = /(今|去|上|本|前)年|上半年|下半年|年初|年底|年末|[一二三四]季度|[一二三四五六七八九十]+月|月(初|底|中旬|上旬|下旬)|春节|国庆|汛期|节前|节后|当天|当晚|次日/;
const CONCRETE_RES = [/[0-9０-９]/, CN_COUNT_RE, TIME_RE, /《[^》]{2,}》/, /【[^】]*】/];
const EXAMPLE_RE = /(再|又)?(比如|例如|譬如)|又如|如：/g;
const STOCK_RE = /有待(进一步)?(加强|提高|提升|增强|改进|深化)|(还|仍)?不够到位|不到位|存在(一定)?差距|(还|仍)有(一定)?差距|有所(欠缺|放松|淡化|弱化|减弱|懈怠)|(还|仍)有欠缺|不够深入|不够扎实|不够全面|不够有力|力度不够|做得不够|(还|仍)需(进一步)?加强|效果不(够)?明显/;
const PRAISE_TURN_RE = /(虽然|虽|尽管|总体(上|来看|而言)|整体(上|来看)|总的来看)[^。！？]{0,60}(能够|能按|取得|较好|良好|明显|积极|认真|圆满|显著|成效|成绩|进步)[^。！？]{0,60}(但|然而|不过|只是|可是)/;
const PRAISE_RE = /取得了?[^。！？]{0,12}(成绩|成效|进步)|(成绩|成效)(是)?(主要|明显|显著)的/;
const CLAUSE = "(?:^|[，。；：！？\\n]|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)])\\s*";
const COLLECTIVE_RE = new RegExp(CLAUSE + "(领导班子|班子(?!成员)|我们(?!党)|我(?:单位|局|委|办|院|校|公司|中心|厅|部|处|科|所|站)|本单位|全(?:局|单位|系统|院|校|委)|单位(?!负责人))");
const PERSONAL_RE = /本人|自己|自身|我(?!们|单位|局|委|办|院|校|公司|中心|厅|部|处|科|所|站|国|党|省|市|区|县)/;
const OTHERS_RE = new RegExp(CLAUSE + "(个别同志|有的同志|有些同志|部分同志|少数同志|一些同志|个别干部|有的干部|有些干部|部分干部|少数干部|一些干部|个别党员|有的党员|部分党员|下属|下级|有的科室|个别科室|部分科室|有的单位|个别单位)");
const ROOT_RE = /理想信念|信仰|信念|党性|宗旨|纪律|规矩|世界观|人生观|价值观|权力观|地位观|利益观|政绩观|事业观|政治|理论|初心|使命|思想|修养|觉悟|敬畏|群众观点|公仆|担当|斗争精神|作风|道德|本领/;
const CAUSE_ANGLES = [
  ["理想信念", /理想信念|信仰|信念|世界观|人生观|价值观/],
  ["党性修养", /党性|修养|自我革命/],
  ["宗旨意识", /宗旨|群众观点|群众路线|人民立场|为民/],
  ["纪律规矩", /纪律|规矩|规定|法纪|制度意识/],
];
export const DEADLINE_RE = /[0-9０-９一二三四五六七八九十两半]+个?(月|周|天|日|年|季度|工作日)(内|底|前|以内|之内)|年底|年内|年前|月底|季度末|会后|(之|以)前|前完成|每(周|月|季度|半年|年|学期)|截至|期限|时限|20\d\d年|[0-9]+月/;
export const CHECK_RE = /检验|考核|核查|督查|通报|报告|汇报|接受[^。]{0,8}监督|评议|回访|满意(率|度)|办结率|台账|销号|抽查|验收|公示|评估|测评|不少于|不超过|不低于|达到|压减|降至|提高到|缩短到|为准/;
const STOP_CHARS = "的了不够是有和与对在时还较很等把被之其也都就而及或一";
const STOP_GRAMS = new Set(["方面", "问题", "存在", "工作", "没有", "进一", "一步", "加强", "提高", "能力", "意识", "有时", "情况", "进行", "开展"]);

function concrete(text) {
  return CONCRETE_RES.some((re) => re.test(text));
}

// Text with every standard formulation blanked out (so “四个意识” or 八项 do not count as facts).
function withoutFormulations(text, ctx) {
  let t = text;
  for (const f of ctx.standards) if (t.includes(f)) t = t.split(f).join(" ".repeat(f.length));
  return t;
}

function contentGrams(s) {
  const out = new Set();
  for (const g of bigrams(s)) {
    if (STOP_CHARS.includes(g[0]) || STOP_CHARS.includes(g[1]) || STOP_GRAMS.has(g)) continue;
    out.add(g);
  }
  return out;
}

function contentChars(s) {
  return new Set([...String(s).replace(/[^\u3400-\u9fff]/g, "")].filter((c) => !STOP_CHARS.includes(c) && !"方面问题存在工作方位".includes(c)));
}

// ---------------------------------------------------------------- rules
// Each takes the context and returns raw findings {rule, start, end, reason, [link], [item]}.

function ruleBlank(ctx) {
  const out = [];
  BLANK_RE.lastIndex = 0;
  let m;
  while ((m = BLANK_RE.exec(ctx.text))) {
    out.push({ rule: "blank", start: m.index, end: m.index + m[0].length,
               reason: `“${m[0].slice(0, 20)}”是没有填写的占位，请换成实际内容。` });
  }
  return out;
}

function ruleParts(ctx) {
  const { parsed, meeting, perspective, sections } = ctx;
  if (!meeting) return [];
  const found = new Set(parsed.parts.map((p) => p.id));
  const out = [];
  const order = meeting.structure || [];
  order.forEach((id, i) => {
    const section = sections.find((s) => s.id === id);
    if (!section || found.has(id)) return;
    if (section.perspectives && !section.perspectives.includes(perspective)) return;
    // Anchor at the next part that is there: the place where the missing part belongs.
    const next = order.slice(i + 1).map((x) => parsed.parts.find((p) => p.id === x)).find(Boolean);
    const para = next ? parsed.paragraphs[next.para - 1] : parsed.paragraphs[parsed.paragraphs.length - 1];
    out.push({ rule: "missing-part", start: para ? para.start : 0, end: para ? para.start : 0,
               reason: `${meeting.year}年度${meeting.kind}材料应有“${section.name}”部分，没有找到${next ? "，应写在此处之前" : ""}。`,
               link: `sections/${id}.md` });
  });
  return out;
}

function ruleAspects(ctx) {
  const { parsed, meeting } = ctx;
  const problems = parsed.parts.find((p) => p.id === "problems");
  if (!meeting || !problems) return [];
  const covered = new Set(parsed.aspects.map((a) => a.aspect).filter(Boolean));
  const para = parsed.paragraphs[problems.para - 1];
  return (meeting.aspects || []).filter((a) => !covered.has(a.id)).map((a) => ({
    rule: "missing-aspect", start: para.start, end: para.start,
    reason: `问题部分没有“${a.short}”这一检视重点的小标题和问题（${meeting.year}年度${meeting.kind}）。`,
    link: `aspects/${a.id}.md`,
  }));
}

function problemUnits(ctx) {
  return ctx.parsed.units.filter((u) => u.section === "problems");
}

function ruleCases(ctx) {
  const out = [];
  for (const u of problemUnits(ctx)) {
    const plain = withoutFormulations(u.text, ctx);
    EXAMPLE_RE.lastIndex = 0;
    const examples = [...plain.matchAll(EXAMPLE_RE)];
    for (const m of examples) {
      const rest = plain.slice(m.index);
      const sentence = splitSentences(rest)[0]?.text || rest;
      if (!concrete(sentence)) {
        out.push({ rule: "abstract-case", start: u.start + m.index, end: u.start + m.index + sentence.length,
                   reason: "“比如”后面仍是概括的说法，请写出时间、地点、数字或具体是哪项工作。" });
      }
    }
    if (!examples.length && !concrete(plain)) {
      u.abstract = true;
      out.push({ rule: "no-case", start: u.headline.start, end: u.headline.end,
                 reason: "这条问题没有任何时间、数字或具体事例，建议补一个“比如……”写清是哪件事。" });
    }
  }
  return out;
}

function ruleStock(ctx) {
  const out = [];
  for (const u of problemUnits(ctx)) {
    if (u.abstract) continue;
    const ss = u.sentences;
    for (let i = 0; i < ss.length; i++) {
      const m = STOCK_RE.exec(ss[i].text);
      if (!m) continue;
      const around = [ss[i - 1], ss[i], ss[i + 1]].filter(Boolean).map((s) => withoutFormulations(s.text, ctx)).join("");
      if (concrete(around)) continue;
      out.push({ rule: "stock-phrase", start: ss[i].start, end: ss[i].end,
                 reason: `“${m[0]}”是套话，前后没有具体事实支撑，请写明差在哪里、差多少。` });
      break;
    }
  }
  return out;
}

function rulePraise(ctx) {
  const out = [];
  const seen = new Set();
  for (const s of ctx.parsed.sentences) {
    if (s.section !== "problems") continue;
    const m = PRAISE_TURN_RE.exec(s.text) || (PRAISE_RE.test(s.text) ? /./.exec(s.text) : null);
    if (!m) continue;
    const unit = ctx.parsed.units.find((u) => u.start <= s.start && s.start < u.end);
    const key = unit ? unit.start : `p${s.para}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ rule: "praise-first", start: s.start, end: s.end,
               reason: "查摆问题时先讲成绩、再用“但”转折，冲淡了问题；请直接写问题本身。" });
  }
  return out;
}

function ruleVoice(ctx) {
  const out = [];
  for (const u of problemUnits(ctx)) {
    if (ctx.perspective === "个人") {
      const m = COLLECTIVE_RE.exec(u.text);
      if (m && !PERSONAL_RE.test(u.text)) {
        const at = u.start + m.index + m[0].length - m[1].length;
        out.push({ rule: "collective-voice", start: at, end: sentenceEnd(ctx, at),
                   reason: `个人材料中这条问题以“${m[1]}”为主语，看不出本人的责任；请写清“我”在其中做了什么、差在哪里。` });
      }
    }
    for (const s of u.sentences) {
      const m = OTHERS_RE.exec(s.text);
      if (m && !PERSONAL_RE.test(s.text)) {
        out.push({ rule: "others-faults", start: s.start, end: s.end,
                   reason: `这里写的是“${m[1]}”的不足，而不是自己的；请改为本人在其中的责任。` });
        break;
      }
    }
  }
  return out;
}

function sentenceEnd(ctx, at) {
  const s = ctx.parsed.sentences.find((x) => x.start <= at && at < x.end);
  return s ? s.end : at + 1;
}

function ruleCauses(ctx) {
  const out = [];
  const causes = ctx.parsed.units.filter((u) => u.section === "causes");
  const heads = problemUnits(ctx).map((u) => u.headline.text);
  for (const c of causes) {
    const mine = contentChars(c.headline.text);
    let restated = null;
    if (mine.size >= 4) {
      for (const h of heads) {
        const theirs = contentChars(h);
        let shared = 0;
        for (const ch of mine) if (theirs.has(ch)) shared++;
        if (shared / mine.size >= 0.75) { restated = h; break; }
      }
    }
    if (restated || !ROOT_RE.test(c.text)) {
      out.push({ rule: "cause-restates", start: c.headline.start, end: c.headline.end,
                 reason: restated ? `这条原因与问题“${restated.slice(0, 20)}”几乎是同一句话，只换了说法，没有回答“为什么”。`
                   : "这条原因没有落到理想信念、党性修养、宗旨意识、纪律规矩等思想根源上。" });
    }
  }
  if (causes.length) {
    const all = causes.map((c) => c.text).join("\n");
    const missing = CAUSE_ANGLES.filter(([, re]) => !re.test(all)).map(([name]) => name);
    if (missing.length >= 2) {
      const part = ctx.parsed.parts.find((p) => p.id === "causes");
      const para = ctx.parsed.paragraphs[part.para - 1];
      out.push({ rule: "cause-angles", start: para.start, end: para.end,
                 reason: `原因剖析没有涉及${missing.join("、")}等角度，建议补充或说明。` });
    }
  }
  return out;
}

function ruleMeasures(ctx) {
  const out = [];
  const measures = ctx.parsed.units.filter((u) => u.section === "measures");
  for (const m of measures) {
    if (!DEADLINE_RE.test(m.text)) {
      out.push({ rule: "measure-deadline", start: m.headline.start, end: m.headline.end,
                 reason: "这条措施没有完成时限或频次（如“会后1个月内”“每季度1次”），年底无法核对。" });
    }
    if (!CHECK_RE.test(m.text)) {
      out.push({ rule: "measure-check", start: m.headline.start, end: m.headline.end,
                 reason: "这条措施没有写怎样检验（由谁核查、在什么会上报告、达到什么标准）。" });
    }
  }
  if (!measures.length) return out;
  const grams = measures.map((m) => contentGrams(m.text));
  for (const u of problemUnits(ctx)) {
    const mine = contentGrams(u.headline.text);
    if (mine.size < 2) continue;
    const need = Math.min(2, mine.size);
    const answered = grams.some((g) => {
      let shared = 0;
      for (const x of mine) if (g.has(x)) shared++;
      return shared >= need;
    });
    if (!answered) {
      out.push({ rule: "unanswered-problem", start: u.headline.start, end: u.headline.end,
                 reason: "整改措施中找不到回应这条问题的内容，请补一条对应的措施。" });
    }
  }
  return out;
}

function ruleCopies(ctx) {
  if (!ctx.kbIndex) return [];
  const best = new Map();
  for (const c of findKbCopies(ctx.text, ctx.kbIndex, ctx.minRun)) {
    const para = paragraphAt(ctx.parsed, c.start);
    const key = `${para ? para.n : 0}:${c.item.id}`;
    if (!best.has(key) || best.get(key).length < c.length) best.set(key, c);
  }
  return [...best.values()].map((c) => ({
    rule: "kb-copy", start: c.start, end: c.end, item: c.item.id, url: c.item.url,
    reason: `有 ${c.length} 字与知识库${KIND_NAMES[c.item.kind] || "条目"} ${c.item.id}“${c.item.title.slice(0, 24)}”逐字相同，请用本人的事实重写。`,
  }));
}

const KIND_NAMES = { problem: "示例", cause: "原因", measure: "措施" };

function ruleFormulations(ctx) {
  const out = [];
  const { text } = ctx;
  for (const f of ctx.formulations) {
    const allowed = [];
    for (const ok of f.allowed || []) {
      for (let i = text.indexOf(ok); i >= 0; i = text.indexOf(ok, i + 1)) allowed.push([i, i + ok.length]);
    }
    for (const wrong of [...(f.variants || []), ...(f.near_misses || [])]) {
      for (let i = text.indexOf(wrong); i >= 0; i = text.indexOf(wrong, i + wrong.length)) {
        if (allowed.some(([a, b]) => a <= i && i + wrong.length <= b)) continue;
        out.push({ rule: "formulation", start: i, end: i + wrong.length, formulation: f.id, url: f.url_page,
                   reason: `“${wrong}”与规范提法“${f.text}”不符，请核对后改正。` });
      }
    }
  }
  // A quoted short phrase one character away from a standard one (e.g. “四个自性”).
  const shortOnes = ctx.formulations.filter((f) => f.text.length >= 3 && f.text.length <= 8 && !/[“”、，]/.test(f.text));
  for (const m of text.matchAll(/“([^”\n]{3,8})”/g)) {
    const q = m[1];
    if (ctx.standardSet.has(q)) continue;
    const f = shortOnes.find((x) => x.text.length === q.length && hamming(x.text, q) === 1);
    const start = m.index + 1;
    if (f && !out.some((o) => o.start <= start && start < o.end)) {
      out.push({ rule: "formulation", start, end: start + q.length, formulation: f.id, url: f.url_page,
                 reason: `“${q}”疑为规范提法“${f.text}”的误写，请核对。` });
    }
  }
  return out;
}

// Differences between same-length strings; a differing numeral (两个/三个务必) names another
// formulation rather than a typo, so it counts as far apart.
function hamming(a, b) {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    d += NUMERALS.includes(a[i]) && NUMERALS.includes(b[i]) ? 9 : 1;
  }
  return d;
}

const NUMERALS = "一二两三四五六七八九十";

const RULE_FUNCTIONS = [ruleBlank, ruleParts, ruleAspects, ruleCases, ruleStock, rulePraise, ruleVoice,
  ruleCauses, ruleMeasures, ruleCopies, ruleFormulations];

// ---------------------------------------------------------------- entry points

// Phrases every material may share: formulations, meeting titles, themes, aspect and part headings.
export function sharedPhrases(data) {
  const out = [];
  for (const f of data.formulations || []) out.push(f.text, f.meaning || "");
  for (const m of data.meta?.meetings || []) {
    out.push(m.title, m.theme);
    for (const a of m.aspects || []) out.push(a.heading, a.short);
  }
  for (const s of data.meta?.sections || []) out.push(s.heading || "", s.name);
  return out.filter(Boolean);
}

// Knowledge-base items as documents for the copy index: items = {id: record} or a list of records.
export function itemsForIndex(items) {
  const list = Array.isArray(items) ? items : Object.values(items || {});
  return list.map((r) => ({ id: r.id, kind: r.kind, title: r.title, url: r.url,
                            texts: [r.title, r.body, ...(r.cases || []), r.deadline, r.check] }));
}

// Prepare what checks need once per page load: formulations and the copy index.
export function prepareCheck(data) {
  const formulations = (data.formulations || []).map((f) => ({ ...f, url_page: f.page || "" }));
  return {
    formulations,
    standards: formulations.map((f) => f.text).sort((a, b) => b.length - a.length),
    standardSet: new Set(formulations.map((f) => f.text)),
    kbIndex: data.items ? kbIndex(itemsForIndex(data.items), sharedPhrases(data)) : null,
    sections: data.meta?.sections || [],
    meetings: data.meta?.meetings || [],
    phrases: sharedPhrases(data),
  };
}

// Check one material. meetingMeta: {meeting (a meta.meetings entry or its id), perspective};
// options: the result of prepareCheck(data) plus {pageUrl(docsPath) -> href, minRun}.
export function checkMaterial(text, meetingMeta, options) {
  const prepared = options.prepared || options;
  const meeting = typeof meetingMeta.meeting === "string"
    ? prepared.meetings.find((m) => m.id === meetingMeta.meeting) : meetingMeta.meeting;
  const sections = meetingMeta.sections || prepared.sections;
  const parsed = parseMaterial(text, meeting, sections);
  const ctx = {
    ...prepared, text: parsed.text, parsed, meeting, perspective: meetingMeta.perspective || "个人",
    sections, minRun: options.minRun || 20,
  };
  const pageUrl = options.pageUrl || ((p) => p);
  const findings = [];
  for (const fn of RULE_FUNCTIONS) {
    for (const f of fn(ctx)) findings.push(finish(f, ctx, pageUrl));
  }
  findings.sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule));
  const counts = { 必须修改: 0, 建议修改: 0 };
  for (const f of findings) counts[f.severity]++;
  return { findings, counts, parsed, meeting, perspective: ctx.perspective };
}

const SECTION_NAMES = {
  opening: "开头", "zzsh-last-rectification": "上次组织生活会整改落实情况", "self-assessment": "个人自评",
  "theme-education-rectification": "主题教育整改整治情况", "typical-case": "典型案例剖析", "last-year-rectification": "上年度整改落实情况", "eight-rules-rectification": "学习教育整改整治情况",
  problems: "存在的问题", "case-study": "反面典型案例剖析", "personal-matters": "需要说明的个人事项",
  causes: "原因剖析", measures: "整改措施",
};

function finish(f, ctx, pageUrl) {
  const rule = RULE_BY_ID[f.rule];
  const para = paragraphAt(ctx.parsed, f.start);
  const sentence = ctx.parsed.sentences.find((s) => s.start <= f.start && f.start < s.end);
  const from = sentence ? sentence.start : para ? para.start : 0;
  const to = sentence ? sentence.end : para ? para.end : from;
  const quoteText = ctx.parsed.text.slice(from, to);
  const named = (id) => SECTION_NAMES[id] || ctx.sections.find((s) => s.id === id)?.name || id || "";
  const section = para ? (para.role === "title" ? "标题" : named(para.section)) : "";
  let href;
  if (f.url) href = f.url;
  else if (f.formulation) href = `${pageUrl("formulations.md")}#${f.formulation}`;
  else href = pageUrl(f.link || rule.guide);
  return {
    rule: f.rule, severity: rule.severity, name: rule.name, reason: f.reason,
    start: f.start, end: Math.max(f.end, f.start), para: para ? para.n : 0, section,
    quote: quoteText.slice(0, 24) + (quoteText.length > 24 ? "……" : ""), href,
    ...(f.item ? { item: f.item } : {}), ...(f.formulation ? { formulation: f.formulation } : {}),
  };
}

export function ruleInfo(id) {
  return RULE_BY_ID[id];
}
