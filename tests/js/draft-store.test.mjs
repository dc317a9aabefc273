import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addItem, clearDraft, currentDraft, editItem, emptyState, itemCount, loadState, moveItem, openDraft,
  removeItem, serialize, setAspect, setPerspective, validateBackup,
} from "../../docs/assets/js/draft-store.js";
import { backupJson } from "../../docs/assets/js/draft-export.js";

const item = (ref, kind = "problem", aspect = "m-1") => ({ kind, ref, aspect, title: `标题${ref}`, body: `正文${ref}`, source: { title: `标题${ref}`, url: `x/#${ref}` } });

function sample() {
  let s = openDraft(emptyState(), "m", "个人");
  for (const [ref, kind, aspect] of [["p1", "problem", "m-1"], ["p2", "problem", "m-1"], ["c1", "cause", null], ["p3", "problem", "m-2"], ["p4", "problem", "m-1"]]) {
    s = addItem(s, "m", item(ref, kind, aspect));
  }
  return s;
}

const refs = (s) => currentDraft(s).items.map((x) => x.ref);

test("adding keeps order, ignores the same item twice and leaves the old state alone", () => {
  const before = openDraft(emptyState(), "m", "个人");
  const s = sample();
  assert.equal(before.drafts.m.items.length, 0);
  assert.deepEqual(refs(s), ["p1", "p2", "c1", "p3", "p4"]);
  assert.equal(itemCount(s), 5);
  assert.equal(addItem(s, "m", item("p1")), s);
  assert.equal(currentDraft(addItem(s, "m", item("p1", "problem", "m-2"))).items.length, 6);
  assert.equal(currentDraft(s).items[2].aspect, null, "causes carry no aspect");
  assert.throws(() => addItem(s, "nope", item("p9")), /没有这份草稿/);
});

test("move up and down stays inside the item's own group", () => {
  const s = sample();
  const uid = (ref) => currentDraft(s).items.find((x) => x.ref === ref).uid;
  assert.deepEqual(refs(moveItem(s, "m", uid("p4"), -1)), ["p1", "p4", "c1", "p3", "p2"]);
  assert.deepEqual(refs(moveItem(s, "m", uid("p1"), -1)), refs(s));
  assert.deepEqual(refs(moveItem(s, "m", uid("p2"), 1)), ["p1", "p4", "c1", "p3", "p2"]);
  const moved = setAspect(s, "m", uid("p1"), "m-2");
  assert.deepEqual(refs(moved), ["p2", "c1", "p3", "p4", "p1"]);
  assert.equal(currentDraft(moved).items.at(-1).aspect, "m-2");
});

test("edit, remove, clear and perspective", () => {
  const s = sample();
  const uid = currentDraft(s).items[0].uid;
  const edited = editItem(s, "m", uid, { body: "我自己的事实" });
  assert.equal(currentDraft(edited).items[0].body, "我自己的事实");
  assert.equal(currentDraft(edited).items[0].kbBody, "正文p1");
  assert.equal(currentDraft(s).items[0].body, "正文p1");
  assert.deepEqual(refs(removeItem(s, "m", uid)), ["p2", "c1", "p3", "p4"]);
  assert.equal(itemCount(clearDraft(s, "m")), 0);
  assert.equal(setPerspective(s, "m", "班子").drafts.m.perspective, "班子");
  assert.throws(() => setPerspective(s, "m", "别的"));
});

test("several drafts: one per meeting", () => {
  let s = sample();
  s = openDraft(s, "n", "班子");
  assert.equal(s.current, "n");
  assert.equal(itemCount(s), 0);
  s = openDraft(s, "m");
  assert.equal(itemCount(s), 5);
  assert.deepEqual(Object.keys(s.drafts).sort(), ["m", "n"]);
});

test("a backup round-trips to the same state", () => {
  const s = editItem(sample(), "m", "i2", { title: "改过的标题" });
  const r = validateBackup(backupJson(s), { meetings: new Set(["m"]), aspects: new Set(["m-1", "m-2"]) });
  assert.equal(r.ok, true, r.error);
  assert.deepEqual(r.state, JSON.parse(serialize(s)));
  assert.deepEqual(loadState(serialize(s)), r.state);
});

test("corrupt or foreign backups are refused with a Chinese message", () => {
  const good = JSON.parse(backupJson(sample()));
  const bad = (f) => { const d = structuredClone(good); f(d); return JSON.stringify(d); };
  const cases = [
    "{not json",
    "",
    JSON.stringify([1, 2]),
    JSON.stringify({ name: "something else", drafts: {} }),
    bad((d) => { d.version = 9; }),
    bad((d) => { d.drafts.m.items[0].kind = "script"; }),
    bad((d) => { d.drafts.m.items[0].body = 5; }),
    bad((d) => { d.drafts.m.items[1].uid = d.drafts.m.items[0].uid; }),
    bad((d) => { d.drafts.m.perspective = "全体"; }),
    bad((d) => { d.drafts.m.items[2].aspect = "m-1"; }),
    bad((d) => { d.drafts.m.meeting = "other"; }),
    bad((d) => { d.current = "zz"; }),
    bad((d) => { d.drafts.m.items[0].source = null; }),
    '{"format":"reviewkb-draft","version":1,"current":null,"drafts":{"__proto__":{"id":"__proto__"}}}',
  ];
  for (const text of cases) {
    const r = validateBackup(text, { meetings: new Set(["m"]), aspects: new Set(["m-1", "m-2"]) });
    assert.equal(r.ok, false, text);
    assert.match(r.error, /[\u4e00-\u9fff]/);
  }
  assert.deepEqual(loadState("{broken"), emptyState());
  assert.equal(Object.getPrototypeOf(loadState(backupJson(sample())).drafts), Object.prototype);
});
