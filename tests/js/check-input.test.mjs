// Reading materials from files, guessing the meeting, and the Markdown report.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fflate from "fflate";
import { InputError, MAX_BYTES, decodeText, documentXmlText, readMaterial } from "../../docs/assets/js/check-input.js";
import { blocksToText, guessMeeting, parseMaterial } from "../../docs/assets/js/check-parse.js";
import { checkMaterial } from "../../docs/assets/js/check-rules.js";
import { batchReportMarkdown, reportMarkdown } from "../../docs/assets/js/check-report.js";
import { META, PREPARED, material } from "./check-fixture.mjs";

const enc = (s) => new TextEncoder().encode(s);
// "对照检查" in GBK
const GBK = new Uint8Array([0xb6, 0xd4, 0xd5, 0xd5, 0xbc, 0xec, 0xb2, 0xe9]);

function docx(paragraphs) {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join("");
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body>${body}<w:sectPr/></w:body></w:document>`;
  return fflate.zipSync({ "[Content_Types].xml": enc("<Types/>"), "word/document.xml": enc(xml) });
}

test("UTF-8 text is read as is", () => {
  assert.deepEqual(readMaterial("a.txt", enc("对照检查"), fflate), { text: "对照检查", note: "" });
});

test("a GBK .txt is decoded as GB18030 and the user is told", () => {
  const { text, encoding, note } = decodeText(GBK);
  assert.equal(text, "对照检查");
  assert.equal(encoding, "GB18030");
  assert.match(note, /GBK/);
});

test("a .docx is read through fflate, one line per paragraph, entities decoded", () => {
  const { text } = readMaterial("材料.docx", docx(["一、存在的问题", "一是A&amp;B。"]), fflate);
  assert.equal(text, "一、存在的问题\n一是A&B。");
  assert.equal(documentXmlText("<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:tab/><w:t>乙</w:t></w:r></w:p>"), "甲\t乙");
});

for (const [label, name, bytes, pattern] of [
  ["an empty file", "空.txt", new Uint8Array(0), /空文件/],
  ["a .docx that is not a zip", "假.docx", enc("这不是压缩包"), /不是有效的 \.docx/],
  ["a 20 MB file", "大.txt", new Uint8Array(20 * 1024 * 1024).fill(0x41), /超过 5 MB/],
  ["a .docx without document.xml", "缺.docx", fflate.zipSync({ "a.txt": enc("x") }), /缺少 word\/document\.xml/],
  ["binary bytes", "图.txt", new Uint8Array([1, 2, 3, 4, 5, 6]), /不是文本文件/],
]) {
  test(`${label} gets a clear Chinese message`, () => {
    assert.throws(() => readMaterial(name, bytes, fflate), (err) => err instanceof InputError && pattern.test(err.message));
  });
}

test("the size limit is a few megabytes", () => {
  assert.equal(MAX_BYTES, 5 * 1024 * 1024);
});

test("meeting and perspective are guessed from the title", () => {
  const g = guessMeeting("2025年度民主生活会个人对照检查材料\n正文", "", META.meetings, "t-mzsh");
  assert.deepEqual([g.meeting, g.perspective, g.sure], ["t-mzsh", "个人", true]);
  const z = guessMeeting("2025年度组织生活会发言提纲", "", META.meetings, "t-mzsh");
  assert.equal(z.meeting, "t-zzsh");
  const team = guessMeeting("某局领导班子2025年度民主生活会对照检查材料", "", META.meetings, "t-mzsh");
  assert.equal(team.perspective, "班子");
  const none = guessMeeting("没有标题的正文", "", META.meetings, "t-mzsh");
  assert.equal(none.sure, false);
});

test("parts, aspects and numbered units are recognised", () => {
  const parsed = parseMaterial(material(), META.meetings[0]);
  assert.deepEqual(parsed.parts.map((p) => p.id), ["opening", "problems", "personal-matters", "causes", "measures"]);
  assert.deepEqual(parsed.aspects.map((a) => a.aspect), ["t-1", "t-2"]);
  assert.deepEqual(parsed.units.map((u) => u.section), ["problems", "problems", "causes", "causes", "measures", "measures"]);
  assert.equal(parsed.title.text, "2025年度民主生活会个人对照检查材料");
});

test("the report lists every finding with its location", () => {
  const result = checkMaterial(material({ personal: null, p2: "一是信访积案化解等待上级协调。个别同志接待群众时态度生硬，今年被通报2次。" }),
    { meeting: "t-mzsh", perspective: "个人" }, { prepared: PREPARED });
  const md = reportMarkdown(result, { name: "甲.docx" });
  assert.match(md, /^# 材料自查报告：甲\.docx/);
  assert.match(md, /以他人问题代替自身问题（others-faults） \| 存在的问题·第 7 段 \| 个别同志/);
  assert.match(md, /缺少必备部分（missing-part）/);
  const batch = batchReportMarkdown([{ name: "甲", result, counts: result.counts }, { name: "乙", error: "空文件" }], []);
  assert.match(batch, /\| 乙 \| — \| — \| 空文件 \|/);
});

test("a draft kept as blocks is checked as text, its placeholders as blanks", () => {
  const blocks = [
    { style: "KbTitle", runs: [{ text: "2025年度民主生活会个人对照检查材料", style: null }] },
    { style: "KbBody", runs: [{ text: "一是", style: null }, { text: "【请填写：问题标题】", style: "KbPlaceholder" }] },
  ];
  const text = blocksToText(blocks);
  assert.equal(text, "2025年度民主生活会个人对照检查材料\n一是【请填写：问题标题】");
  const r = checkMaterial(text, { meeting: "t-mzsh", perspective: "个人" }, { prepared: PREPARED });
  assert.equal(r.findings.filter((f) => f.rule === "blank").length, 1);
});

test("problems numbered 1. are units; a Chinese-numbered short line is an aspect heading", () => {
  const parsed = parseMaterial("一、存在的问题\n（一）担当作为方面\n1.调研不深入\n2.回应群众诉求慢，今年超期5件。", META.meetings[0]);
  assert.deepEqual(parsed.aspects.map((a) => a.aspect), ["t-2"]);
  assert.deepEqual(parsed.units.map((u) => [u.aspect, u.text]), [["t-2", "1.调研不深入"], ["t-2", "2.回应群众诉求慢，今年超期5件。"]]);
});
