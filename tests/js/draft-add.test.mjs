import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ADDABLE, addOutcome, addRecord, aspectChoices, itemIdFromUrl, itemText, placement,
} from "../../docs/assets/js/draft-add.js";
import { currentDraft, emptyState, openDraft } from "../../docs/assets/js/draft-store.js";

const meta = {
  current: "2025-mzsh",
  meetings: [
    { id: "2025-mzsh", year: 2025, kind: "民主生活会", aspects: [{ id: "2025-mzsh-1", short: "学习" }, { id: "2025-mzsh-2", short: "担当" }, { id: "2025-mzsh-3", short: "作风" }] },
    { id: "2024-mzsh", year: 2024, kind: "民主生活会", aspects: [{ id: "2024-mzsh-1", short: "理论" }] },
  ],
};
const problem = { kind: "problem", id: "office-001", title: "调研走过场", body: "只看点位。", cases: ["例如某次调研。", ""], aspects: ["2025-mzsh-3", "2024-mzsh-1"], url: "examples/work-style/#office-001" };
const cause = { kind: "cause", id: "c-01", title: "宗旨意识淡化", body: "根子在思想。", url: "causes/#c-01" };

test("the item id is the URL's anchor", () => {
  assert.equal(itemIdFromUrl("examples/work-style/#office-001"), "office-001");
  assert.equal(itemIdFromUrl("https://x/causes/index.html#c-01"), "c-01");
  assert.equal(itemIdFromUrl("guides/how/"), null);
  assert.equal(itemIdFromUrl("a/#%E4%B8%80"), "一");
  assert.deepEqual(Object.keys(ADDABLE), ["problem", "cause", "measure"]);
});

test("an example's text is its body followed by its cases", () => {
  assert.deepEqual(itemText(problem), { title: "调研走过场", body: "只看点位。例如某次调研。" });
  assert.deepEqual(itemText(cause), { title: "宗旨意识淡化", body: "根子在思想。" });
});

test("causes and measures need no aspect; an example takes the first known hint or asks", () => {
  assert.deepEqual(placement(meta, cause, ["2025-mzsh-1"]), { aspect: null });
  assert.deepEqual(placement(meta, problem, [undefined, "nope", "2025-mzsh-2", "2025-mzsh-1"]), { aspect: "2025-mzsh-2" });
  assert.deepEqual(placement(meta, problem, []), { pick: true });
  assert.deepEqual(placement(meta, problem, [null, "unknown-aspect"]), { pick: true });
});

test("the picker offers the example's own aspects first, then the rest, then other years", () => {
  const groups = aspectChoices(meta, "2025-mzsh", problem.aspects);
  assert.deepEqual(groups.map((g) => g.group), ["本示例对应（2025年度民主生活会）", "2025年度民主生活会", "本示例对应的其他年度"]);
  assert.deepEqual(groups[0].options, [{ id: "2025-mzsh-3", text: "（3）作风" }]);
  assert.deepEqual(groups[1].options.map((o) => o.id), ["2025-mzsh-1", "2025-mzsh-2"]);
  assert.deepEqual(groups[2].options, [{ id: "2024-mzsh-1", text: "2024年度民主生活会·理论" }]);
});

test("adding files an example under its aspect's meeting and a cause in the current draft", () => {
  const empty = emptyState();
  const s1 = addRecord(empty, meta, cause, null);
  assert.equal(s1.current, "2025-mzsh", "no draft yet: one is opened for the current meeting");
  assert.deepEqual(currentDraft(s1).items.map((x) => [x.kind, x.ref, x.aspect, x.source.url]), [["cause", "c-01", null, "causes/#c-01"]]);
  assert.equal(currentDraft(s1).perspective, "个人");
  assert.equal(empty.current, null, "the old state is left alone");

  const team = openDraft(s1, "2025-mzsh", "班子");
  const s2 = addRecord(team, meta, problem, "2024-mzsh-1");
  assert.equal(s2.current, "2024-mzsh");
  assert.equal(currentDraft(s2).perspective, "班子", "the perspective follows the draft in use");
  assert.deepEqual(currentDraft(s2).items.map((x) => [x.ref, x.aspect, x.body]), [["office-001", "2024-mzsh-1", "只看点位。例如某次调研。"]]);

  const o1 = addOutcome(meta, team, s2);
  assert.equal(o1.added, true);
  assert.match(o1.message, /^已加入2024年度民主生活会草稿（共 1 条）/);
  const again = addRecord(s2, meta, problem, "2024-mzsh-1");
  assert.equal(currentDraft(again).items.length, 1);
  const o2 = addOutcome(meta, s2, again);
  assert.deepEqual(o2, { added: false, message: "这一条已在2024年度民主生活会草稿中。" });
});
