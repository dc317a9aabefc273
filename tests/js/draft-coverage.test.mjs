import { test } from "node:test";
import assert from "node:assert/strict";
import { causeFits, coverage, measureFits, problemThemes } from "../../docs/assets/js/draft-coverage.js";

const records = {
  p1: { kind: "problem", id: "p1", themes: ["study"], causes: [] },
  p2: { kind: "problem", id: "p2", themes: [], causes: ["c2"] },
  c1: { kind: "cause", id: "c1", themes: ["study"], url: "causes/#c1", title: "c1" },
  c2: { kind: "cause", id: "c2", themes: ["style"], url: "causes/#c2", title: "c2" },
  c3: { kind: "cause", id: "c3", themes: ["duty"], url: "causes/#c3", title: "c3" },
  m1: { kind: "measure", id: "m1", themes: ["other"], causes: ["c2"], url: "measures/#m1", title: "m1" },
  m2: { kind: "measure", id: "m2", themes: ["duty"], causes: ["c3"], url: "measures/#m2", title: "m2" },
};
const item = (ref, kind, aspect = null) => ({ uid: ref, ref, kind, aspect });
const aspectThemes = { a1: ["duty"], a2: [] };

test("fit rules: named causes win over shared themes", () => {
  assert.deepEqual(problemThemes(item("p1", "problem", "a1"), records.p1, aspectThemes), ["study", "duty"]);
  assert.equal(causeFits(records.p1, ["study"], records.c1), true);
  assert.equal(causeFits(records.p1, ["study"], records.c2), false);
  assert.equal(causeFits(records.p2, ["style"], records.c2), true);
  assert.equal(causeFits(records.p2, ["duty"], records.c3), false, "p2 names its causes, themes do not count");
  assert.equal(measureFits([], ["c2"], records.m1), true);
  assert.equal(measureFits(["duty"], [], records.m2), true);
  assert.equal(measureFits(["study"], ["c1"], records.m1), false);
});

test("each problem: answered by the draft's causes and measures, with suggestions from the rest", () => {
  const draft = [item("p1", "problem", "a1"), item("p2", "problem", "a2"), item("c1", "cause"), item("m1", "measure")];
  const [r1, r2] = coverage(draft, records, aspectThemes);
  assert.deepEqual(r1.causes.map((x) => x.ref), ["c1"]);
  assert.deepEqual(r1.measures.map((x) => x.ref), []);
  assert.deepEqual(r1.suggest.causes.map((x) => x.id), ["c3"], "the aspect's theme brings c3");
  assert.deepEqual(r1.suggest.measures.map((x) => x.id), ["m2"]);
  assert.deepEqual(r2.causes.map((x) => x.ref), []);
  assert.deepEqual(r2.measures.map((x) => x.ref), ["m1"], "m1 answers p2's named cause");
  assert.deepEqual(r2.suggest.causes.map((x) => x.id), ["c2"]);
  assert.equal(coverage([item("c1", "cause")], records, aspectThemes).length, 0);
});
