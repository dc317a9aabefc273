import { test } from "node:test";
import assert from "node:assert/strict";
import { itemShard } from "../../docs/assets/js/shards.js";

test("itemShard is FNV-1a 32-bit", () => {
  // FNV-1a of "a" is 0xe40c292c.
  assert.equal(itemShard("a", 0x100000000), 0xe40c292c);
  assert.equal(itemShard("", 0x100000000), 0x811c9dc5);
});
