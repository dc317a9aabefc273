import { test } from "node:test";
import assert from "node:assert/strict";
import * as fflate from "fflate";
import { bestFits, clauses, columnField, contentMarkdown, firstSentence, fitScore, headline, listCell, measureTimes, rectifyContent, rectifyRows, rectifyTitle, rowCells } from "../../docs/assets/js/rectify-list.js";
import { CHECK_RE, DEADLINE_RE } from "../../docs/assets/js/check-rules.js";
import { coverage } from "../../docs/assets/js/draft-coverage.js";
import { writeDocx } from "../../docs/assets/js/docx-writer.js";
import { minimalBase } from "./docx-writer.test.mjs";

const meeting = {
  id: "2025-mzsh", year: 2025, kind: "民主生活会",
  aspects: [{ id: "a1", short: "政治忠诚" }, { id: "a2", short: "党性" }, { id: "a3", short: "担当作为" }],
};
const item = (uid, kind, aspect, title, body = "") => ({ uid, kind, ref: uid, aspect, title, body, kbTitle: title, kbBody: body, source: { title, url: "" } });
const draft = {
  id: "2025-mzsh", meeting: "2025-mzsh", perspective: "个人", next: 9,
  items: [
    item("p3", "problem", "a3", "", "遇到难题绕着走，三项改革任务推进迟缓。年初部署后一直没有复盘。"),
    item("p1", "problem", "a1", "学习停留在读原文、记笔记", "每周学习时间常被会议挤占。"),
    item("p2", "problem", "a1", "调研走过场。", "只去了两个点。"),
    item("px", "problem", "gone", "一个不在本会议下的问题", ""),
    item("c1", "cause", null, "理论学习的自觉性不够强", ""),
    item("m1", "measure", null, "每周固定半天研读原著", "本人每周三下午研读原著原文，会后1个月内列出书目；年底在民主生活会上报告学习收获。"),
    item("m2", "measure", null, "调研一次解决一个问题", "每次调研带回一个问题，由办公室建立台账跟踪。"),
    item("m3", "measure", null, "改革任务挂图作战", "按季度排出节点。"),
  ],
};
// Which causes and measures answer which problem, as coverage() says it.
const cover = [
  { item: draft.items[1], causes: [draft.items[4]], measures: [draft.items[5]] },
  { item: draft.items[2], causes: [], measures: [draft.items[5], draft.items[6]] },
  { item: draft.items[0], causes: [], measures: [] },
];

test("the self-check's patterns find 时限 and 检验方式 clauses", () => {
  assert.ok(DEADLINE_RE.test("会后1个月内") && CHECK_RE.test("年底报告"));
  assert.deepEqual(clauses("一是每周三下午研读，会后1个月内列出书目；年底报告。", DEADLINE_RE), ["每周三下午研读", "会后1个月内列出书目", "年底报告"]);
  assert.deepEqual(clauses("（二）由办公室建立台账跟踪。没有别的。", CHECK_RE), ["由办公室建立台账跟踪"]);
  assert.deepEqual(clauses("什么都没有写。", DEADLINE_RE), []);
  assert.deepEqual(measureTimes(draft.items[7]), { deadline: [], check: [] });
  assert.deepEqual(measureTimes(draft.items[5]).check, ["年底在民主生活会上报告学习收获"]);
  // The headline counts only when the text says nothing.
  assert.deepEqual(measureTimes(item("m", "measure", null, "每月报告一次", "另写一句。")), { deadline: ["每月报告一次"], check: ["每月报告一次"] });
});

test("a headline is the title, or else the body's first sentence, without its stop", () => {
  assert.equal(headline(draft.items[2]), "调研走过场");
  assert.equal(headline(draft.items[0]), "遇到难题绕着走，三项改革任务推进迟缓");
  assert.equal(firstSentence("没有句号的一句话"), "没有句号的一句话");
  assert.equal(headline({ title: "  ", body: "" }), "");
});

test("a cell lists one entry per measure, numbered when there are several", () => {
  assert.equal(listCell([], "措施"), "【请填写：措施】");
  assert.equal(listCell(["一条"], "措施"), "一条");
  assert.equal(listCell(["甲", ""], "完成时限"), "1. 甲\n2. 【请填写：完成时限】");
});

test("one row per problem in the meeting's aspect order, then the measures no problem took", () => {
  const rows = rectifyRows(draft, meeting, cover);
  assert.deepEqual(rows.map((r) => r.item), ["p1", "p2", "p3", "m3"]);
  assert.equal(rows[0].problem, "（一）政治忠诚方面问题一：学习停留在读原文、记笔记");
  assert.equal(rows[1].problem, "（一）政治忠诚方面问题二：调研走过场");
  assert.equal(rows[2].problem, "（三）担当作为方面问题一：遇到难题绕着走，三项改革任务推进迟缓");
  assert.equal(rows[0].cause, "理论学习的自觉性不够强");
  assert.equal(rows[0].measure, "每周固定半天研读原著");
  assert.equal(rows[0].deadline, "本人每周三下午研读原著原文；会后1个月内列出书目；年底在民主生活会上报告学习收获");
  assert.equal(rows[0].check, "年底在民主生活会上报告学习收获");
  // Two measures: numbered lines; the second has no 时限 of its own.
  assert.equal(rows[1].measure, "1. 每周固定半天研读原著\n2. 调研一次解决一个问题");
  assert.equal(rows[1].deadline.split("\n")[1], "2. 【请填写：完成时限】");
  assert.equal(rows[1].check.split("\n")[1], "2. 由办公室建立台账跟踪");
  assert.equal(rows[1].cause, "【请填写：原因】");
  // A problem nothing answers: placeholders; a measure no problem took: its own row.
  assert.deepEqual([rows[2].measure, rows[2].deadline, rows[2].check], ["【请填写：措施】", "【请填写：完成时限】", "【请填写：检验方式】"]);
  assert.equal(rows[3].problem, "【请填写：这条措施对应的问题】");
  assert.equal(rows[3].measure, "改革任务挂图作战");
  assert.equal(rows[3].deadline, "【请填写：完成时限】");   // “按季度” names no time the self-check accepts
  assert.equal(rows[3].cause, "【请填写：原因】");
});

test("without the links every measure gets a row of its own", () => {
  const rows = rectifyRows(draft, meeting, null);
  assert.equal(rows.filter((r) => r.aspect).length, 3);
  assert.deepEqual(rows.filter((r) => !r.aspect).map((r) => r.item), ["m1", "m2", "m3"]);
  assert.equal(rectifyRows({ ...draft, items: [] }, meeting, null).length, 0);
});

test("rows follow the coverage() of real records", () => {
  const records = {
    p1: { kind: "problem", id: "p1", themes: ["study"], causes: [] },
    p2: { kind: "problem", id: "p2", themes: ["style"], causes: [] },
    p3: { kind: "problem", id: "p3", themes: ["duty"], causes: [] },
    c1: { kind: "cause", id: "c1", themes: ["study"] },
    m1: { kind: "measure", id: "m1", themes: ["study"], causes: [] },
    m2: { kind: "measure", id: "m2", themes: ["style"], causes: [] },
    m3: { kind: "measure", id: "m3", themes: ["other"], causes: [] },
  };
  const rows = rectifyRows(draft, meeting, coverage(draft.items, records, {}));
  assert.deepEqual(rows.map((r) => [r.item, r.measure]), [["p1", "每周固定半天研读原著"], ["p2", "调研一次解决一个问题"],
    ["p3", "【请填写：措施】"], ["m3", "改革任务挂图作战"]]);
});

test("columns map to fields by name; unknown ones and 责任人 stay placeholders", () => {
  assert.deepEqual(["问题", "原因", "措施", "责任人", "完成时限", "检验方式", "检验标准", "销号情况"].map(columnField),
    ["problem", "cause", "measure", null, "deadline", "check", "check", null]);
  const row = { problem: "P", cause: "C", measure: "M", deadline: "D", check: "K" };
  assert.deepEqual(rowCells(row, ["序号", "问题", "措施", "责任人", "完成时限", "检验方式", "销号情况"], 3),
    ["3", "P", "M", "【请填写：责任人】", "D", "K", "【请填写：销号情况】"]);
});

const spec = {
  title: "整改清单", number_column: "序号",
  content: [
    { style: "KbTitle", runs: [{ text: "整改清单", style: null }], comment: "提示" },
    { style: "KbH1", runs: [{ text: "整改清单", style: null }], comment: null },
    { table: { columns: ["序号", "问题", "原因", "措施", "责任人", "完成时限", "检验方式", "销号情况"], fill: true,
      widths: [694, 2442, 1568, 1568, 1411, 1691, 1691, 1691],
      rows: [["1", "征求意见中认领的问题：【请填写：问题表述】", "【请填写：原因】", "【请填写：措施】", "【请填写：责任人】", "【请填写：完成时限】", "【请填写：检验方式】", "【请填写：销号情况】"]] } },
    { table: { columns: ["项目", "内容"], fill: false, widths: [3536, 9220], rows: [["填报人", "【请填写：填报人】"]] } },
  ],
};

test("the content: the meeting's title, the draft's rows before the form's fixed rows", () => {
  assert.equal(rectifyTitle(meeting, "班子"), "2025年度民主生活会领导班子整改清单");
  const content = rectifyContent(spec, draft, meeting, cover);
  assert.equal(content[0].runs[0].text, "2025年度民主生活会个人整改清单");
  assert.equal(content[0].comment, "提示");
  const table = content[2].table;
  assert.equal(table.rows.length, 5);
  assert.deepEqual(table.rows.map((r) => r[0]), ["1", "2", "3", "4", "5"]);
  assert.match(table.rows[4][1], /^征求意见中认领的问题/);
  assert.deepEqual(table.rows[0].slice(4), ["【请填写：责任人】", "本人每周三下午研读原著原文；会后1个月内列出书目；年底在民主生活会上报告学习收获",
    "年底在民主生活会上报告学习收获", "【请填写：销号情况】"]);
  assert.deepEqual(table.center, [0]);
  assert.deepEqual(content[3].table.rows, [["填报人", "【请填写：填报人】"]]);
  assert.deepEqual(spec.content[2].table.rows.length, 1, "the spec is left untouched");
});

test("the content as Markdown: pipe tables, escaped cells, line breaks as <br>", () => {
  const content = rectifyContent(spec, { ...draft, items: [...draft.items, item("p9", "problem", "a2", "标题里有|竖线和*星号", "")] }, meeting, cover);
  const md = contentMarkdown(content);
  assert.ok(md.startsWith("\ufeff# 2025年度民主生活会个人整改清单\n"));
  assert.match(md, /<!-- 提示：\n {2}提示\n-->/);
  assert.match(md, /\| 序号 \| 问题 \| 原因 \| 措施 \| 责任人 \| 完成时限 \| 检验方式 \| 销号情况 \|\n\| --- \| --- \|/);
  assert.match(md, /1\. 每周固定半天研读原著<br>2\. 调研一次解决一个问题/);
  assert.match(md, /标题里有\\\|竖线和\\\*星号/);
  const lines = md.split("\n").filter((l) => l.startsWith("| ") && !/^\| (序号|项目|---) /.test(l));
  assert.equal(lines.length, 7);   // 6 rows of the list (5 + the new problem) and 1 of 审核
});

test("the .docx: one table row per entry, placeholders styled, a spacer after each table", () => {
  const content = rectifyContent(spec, draft, meeting, cover);
  const bytes = writeDocx({ blocks: content, base: minimalBase(), zip: fflate });
  const xml = fflate.strFromU8(fflate.unzipSync(bytes)["word/document.xml"]);
  assert.equal((xml.match(/<w:tbl>/g) || []).length, 2);
  assert.equal((xml.match(/<w:tr>/g) || []).length, 1 + 5 + 1 + 1);
  assert.equal((xml.match(/<w:tblHeader\/>/g) || []).length, 2);
  assert.match(xml, /<w:gridCol w:w="2442"\/>/);
  assert.match(xml, /<w:tblW w:w="12756" w:type="dxa"\/>/);
  assert.match(xml, /<w:rStyle w:val="KbPlaceholder"\/><\/w:rPr><w:t xml:space="preserve">【请填写：责任人】/);
  assert.match(xml, /<w:pStyle w:val="KbTableText"\/><w:jc w:val="center"\/><\/w:pPr><w:r><w:t xml:space="preserve">1</);
  assert.match(xml, /每周固定半天研读原著<\/w:t><w:br\/><w:t xml:space="preserve">2\. 调研/);
  assert.match(xml, /<\/w:tbl><w:p><w:pPr><w:pStyle w:val="KbBody"\/><\/w:pPr><\/w:p>/);
  // The base's section (its page setup) stays last in the body.
  assert.match(xml, /<w:sectPr>[\s\S]*<\/w:sectPr><\/w:body>/);
});

test("each measure stays under the problems it fits best", () => {
  const records = {
    p1: { kind: "problem", id: "p1", themes: ["study"], causes: ["c-study"] },
    p2: { kind: "problem", id: "p2", themes: ["study", "style"], causes: [] },
    p3: { kind: "problem", id: "p3", themes: ["duty"], causes: [] },
    c1: { kind: "cause", id: "c1", themes: ["study"] },
    m1: { kind: "measure", id: "m1", themes: ["study"], causes: ["c-study"] },   // p1 names its cause
    m2: { kind: "measure", id: "m2", themes: ["study", "style"], causes: [] },   // two themes of p2
    m3: { kind: "measure", id: "m3", themes: ["duty"], causes: [] },
  };
  const fit = { records, aspectThemes: {} };
  assert.equal(fitScore(draft.items[1], [], draft.items[5], records, {}), 4 + 1);
  assert.equal(fitScore(draft.items[2], [], draft.items[5], records, {}), 1);
  // A chosen cause the measure answers counts twice a theme.
  assert.equal(fitScore(draft.items[2], [{ ref: "c-study" }], draft.items[5], records, {}), 2 + 1);
  const cover = coverage(draft.items, records, {});
  const loose = rectifyRows(draft, meeting, cover);
  assert.deepEqual(loose.map((r) => r.measure.split("\n").length), [2, 2, 1]);
  const rows = rectifyRows(draft, meeting, cover, fit);
  assert.deepEqual(rows.map((r) => [r.item, r.measure]), [
    ["p1", "每周固定半天研读原著"], ["p2", "调研一次解决一个问题"], ["p3", "改革任务挂图作战"]]);
  // Equal fits keep the measure under each problem.
  const even = bestFits([{ item: draft.items[1], causes: [], measures: [draft.items[7]] }, { item: draft.items[2], causes: [], measures: [draft.items[7]] }], {}, {});
  assert.deepEqual(even.map((r) => r.measures.length), [1, 1]);
});
