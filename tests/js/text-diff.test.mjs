import { test } from "node:test";
import assert from "node:assert/strict";
import { identicalSpans, markPieces, MIN_SPAN } from "../../docs/assets/js/text-diff.js";

const kb = "本人对分管领域的风险隐患排查不够深入，满足于听汇报、看台账，很少到一线实地察看。";

test("an unchanged text is one span", () => {
  assert.deepEqual(identicalSpans(kb, kb), [{ start: 0, end: kb.length }]);
});

test("rewritten text has no span; a kept stretch of 8 or more is marked", () => {
  assert.deepEqual(identicalSpans("我去年三次到车间检查，发现两处隐患没有及时整改。", kb), []);
  const edited = "去年我满足于听汇报、看台账，只去过一次现场。";
  const spans = identicalSpans(edited, kb);
  assert.equal(spans.length, 1);
  assert.equal(edited.slice(spans[0].start, spans[0].end), "满足于听汇报、看台账，");
  assert.equal(identicalSpans("听汇报、看台", kb).length, 0, "shorter than the minimum");
  assert.equal(MIN_SPAN, 8);
});

test("shared official wording is not counted and does not join copied stretches", () => {
  const original = "深入学习习近平新时代中国特色社会主义思想还不够系统";
  assert.deepEqual(identicalSpans("我学习习近平新时代中国特色社会主义思想时偏重摘抄", original), []);
  const a = "坚持以人民为中心的发展思想";
  assert.deepEqual(identicalSpans(a, a), []);
});

test("pieces cover the whole edited text in order", () => {
  const edited = "开头不同。满足于听汇报、看台账，结尾也不同。";
  const pieces = markPieces(edited, kb);
  assert.equal(pieces.map((p) => p.text).join(""), edited);
  assert.deepEqual(pieces.map((p) => p.same), [false, true, false]);
  assert.deepEqual(markPieces("", kb), []);
});
