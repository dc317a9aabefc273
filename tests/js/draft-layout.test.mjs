import { test } from "node:test";
import assert from "node:assert/strict";
import { cnNumber, fallbackTemplate, fileName, layoutMaterial, materialTitle, ordinalLike, textRuns } from "../../docs/assets/js/draft-layout.js";
import { addItem, currentDraft, editItem, emptyState, openDraft } from "../../docs/assets/js/draft-store.js";
import { blocksToMarkdown } from "../../docs/assets/js/draft-export.js";

const meta = {
  sections: [
    { id: "opening", name: "会前准备开头", heading: "", purpose: "交代学习", must_include: ["学习篇目"], pitfalls: [], perspectives: ["个人", "班子"] },
    { id: "problems", name: "查摆问题", heading: "存在的问题", purpose: "查问题", must_include: ["事例"], pitfalls: [], perspectives: ["个人", "班子"] },
    { id: "personal-matters", name: "个人事项", heading: "", purpose: "说明", must_include: ["报告"], pitfalls: [], perspectives: ["个人"] },
    { id: "causes", name: "原因剖析", heading: "原因剖析", purpose: "找根源", must_include: ["思想"], pitfalls: [], perspectives: ["个人", "班子"] },
    { id: "measures", name: "整改措施", heading: "整改措施", purpose: "改", must_include: ["时限"], pitfalls: [], perspectives: ["个人", "班子"] },
  ],
};
const meeting = {
  id: "m", year: 2025, kind: "民主生活会", structure: ["opening", "problems", "personal-matters", "causes", "measures"],
  aspects: [{ id: "m-1", heading: "在政治忠诚方面" }, { id: "m-2", heading: "在担当作为方面" }],
};
const text = (b) => b.runs.map((r) => r.text).join("");

function draft() {
  let s = openDraft(emptyState(), "m", "个人");
  const add = (ref, kind, aspect) => { s = addItem(s, "m", { kind, ref, aspect, title: `标题${ref}`, body: `正文${ref}【请填写：某事】`, source: {} }); };
  add("p1", "problem", "m-1"); add("p2", "problem", "m-1"); add("p3", "problem", "m-1"); add("c1", "cause", null); add("x", "measure", null);
  add("p9", "problem", "other-aspect");
  return s;
}

test("numbers and leads", () => {
  assert.deepEqual([1, 2, 9, 10, 11, 20, 23].map(cnNumber), ["一", "二", "九", "十", "十一", "二十", "二十三"]);
  assert.equal(ordinalLike("（一）【请填写】", 3), "（三）");
  assert.equal(ordinalLike("一是", 2), "二是");
  assert.deepEqual(textRuns("甲【请填写：乙】丙", "KbLead").map((r) => r.style), ["KbLead", "KbPlaceholder", "KbLead"]);
  assert.equal(materialTitle(meeting, "班子"), "2025年度民主生活会领导班子对照检查材料");
  assert.equal(fileName("2025年度民主生活会个人对照检查材料", "docx"), "2025年度民主生活会个人对照检查材料（草稿）.docx");
  assert.equal(fileName("a/b:c", "md"), "abc（草稿）.md");
});

test("chosen items replace the slots of their group, renumbered; empty groups keep placeholders", () => {
  const s = draft();
  const template = fallbackTemplate(meta, meeting, "个人");
  const { title, blocks, unplaced } = layoutMaterial(currentDraft(s), meeting, template);
  assert.equal(title, "2025年度民主生活会个人对照检查材料");
  const heads = blocks.filter((b) => b.style === "KbH1" || b.style === "KbH2").map(text);
  assert.deepEqual(heads, ["一、存在的问题", "（一）在政治忠诚方面", "（二）在担当作为方面", "二、原因剖析", "三、整改措施"]);
  const aspect1 = blocks.filter((b) => b.aspect === "m-1" && b.slot);
  assert.deepEqual(aspect1.map((b) => b.runs[0].text), ["一是", "二是", "三是"]);
  assert.deepEqual(aspect1.map((b) => b.item), ["i1", "i2", "i3"]);
  assert.equal(aspect1[0].runs[1].style, "KbLead");
  assert.equal(aspect1[0].runs[1].text, "标题p1。");
  assert.ok(aspect1[0].runs.some((r) => r.style === "KbPlaceholder" && r.text === "【请填写：某事】"));
  const aspect2 = blocks.filter((b) => b.aspect === "m-2" && b.slot);
  assert.equal(aspect2.length, 3);
  assert.ok(aspect2.every((b) => b.placeholder && !b.item));
  const causes = blocks.filter((b) => b.slot === "cause");
  assert.deepEqual(causes.map((b) => b.runs[0].text), ["（一）"]);
  assert.deepEqual(unplaced.map((x) => x.ref), ["p9"]);
  assert.ok(blocks.some((b) => b.section === "personal-matters" && b.placeholder), "个人 keeps personal matters");
  const team = layoutMaterial(currentDraft(s), meeting, fallbackTemplate(meta, meeting, "班子"));
  assert.ok(!team.blocks.some((b) => b.section === "personal-matters"));
});

test("an unchanged item carries a rewrite comment; a rewritten one does not", () => {
  let s = draft();
  const template = fallbackTemplate(meta, meeting, "个人");
  let b = layoutMaterial(currentDraft(s), meeting, template).blocks.find((x) => x.item === "i1");
  assert.match(b.comment, /逐字相同/);
  s = editItem(s, "m", "i1", { title: "我的标题完全不同啦", body: "这是本人去年亲历的一件事情" });
  b = layoutMaterial(currentDraft(s), meeting, template).blocks.find((x) => x.item === "i1");
  assert.equal(b.comment, null);
  assert.equal(text(b), "一是我的标题完全不同啦。这是本人去年亲历的一件事情");
});

test("Markdown export: headings, bold headline, hints as comments, escaped markup", () => {
  const blocks = [
    { style: "KbTitle", runs: [{ text: "标题", style: null }], comment: null },
    { style: "KbH1", runs: [{ text: "一、存在的问题", style: null }], comment: "提示一\n提示二" },
    { style: "KbBody", runs: [{ text: "一是", style: null }, { text: "要点。", style: "KbLead" }, { text: "<b>正文</b>", style: null }], comment: null },
  ];
  const md = blocksToMarkdown(blocks);
  assert.ok(md.startsWith("\ufeff# 标题\n"));
  assert.ok(md.includes("## 一、存在的问题\n\n<!-- 提示：\n  提示一\n  提示二\n-->"));
  assert.ok(md.includes("一是**要点。**\\<b\\>正文\\</b\\>"));
});

test("a template in the build's shape: leads from the slot, closing and signature kept, feedback text untouched", () => {
  const ph = (text) => ({ text, style: "KbPlaceholder" });
  const plain = (text) => ({ text, style: null });
  const tpl = [
    { style: "KbTitle", runs: [plain("2025年度民主生活会个人对照检查材料")], comment: "提示", section: null, aspect: null, slot: null },
    { style: "KbName", runs: [ph("【请填写：单位和职务】")], comment: null, section: null, aspect: null, slot: null },
    { style: "KbH1", runs: [plain("三、存在的问题")], comment: "本部分要写", section: "problems", aspect: null, slot: null },
    { style: "KbBody", runs: [plain("会前征求到的意见建议中，涉及本人的有"), ph("【请填写：条数】"), plain("条。")], comment: null, section: "problems", aspect: null, slot: null },
    { style: "KbH2", runs: [plain("（一）在带头强化政治忠诚方面")], comment: "官方表述", section: "problems", aspect: "m-1", slot: null },
    ...[1, 2, 3].map((n) => ({ style: "KbBody", runs: [plain(`${cnNumber(n)}是`), ph("【请填写：问题标题】")], comment: null, section: "problems", aspect: "m-1", slot: "problem" })),
    { style: "KbH1", runs: [plain("四、原因剖析")], comment: null, section: "causes", aspect: null, slot: null },
    ...[1, 2].map((n) => ({ style: "KbBody", runs: [plain(`（${cnNumber(n)}）`), ph("【请填写：原因标题】")], comment: null, section: "causes", aspect: null, slot: "cause" })),
    { style: "KbClosing", runs: [plain("以上对照检查，恳请批评指正。")], comment: null, section: null, aspect: null, slot: null },
    { style: "KbSignature", runs: [ph("【请填写：姓名】")], comment: null, section: null, aspect: null, slot: null },
  ];
  let s = openDraft(emptyState(), "m", "个人");
  for (const ref of ["c1", "c2", "c3"]) s = addItem(s, "m", { kind: "cause", ref, aspect: null, title: ref, body: "正文", source: {} });
  const { title, blocks } = layoutMaterial(currentDraft(s), meeting, tpl);
  assert.equal(title, "2025年度民主生活会个人对照检查材料");
  assert.deepEqual(blocks.filter((b) => b.slot === "cause").map((b) => b.runs[0].text), ["（一）", "（二）", "（三）"]);
  assert.equal(blocks.filter((b) => b.slot === "problem").length, 3, "no examples: the three slots stay");
  assert.deepEqual(blocks.map((b) => b.style).slice(-2), ["KbClosing", "KbSignature"]);
  assert.equal(text(blocks[3]), "会前征求到的意见建议中，涉及本人的有【请填写：条数】条。");
  assert.ok(blocks[3].placeholder && !blocks[3].item);
  assert.equal(blocks[2].comment, "本部分要写");
});
