import { test } from "node:test";
import assert from "node:assert/strict";
import { countLabel, matchesFilter, readFilterState, writeFilterState } from "../../docs/assets/js/filters.js";

test("filter state is read from the query and ignores unknown or empty keys", () => {
  assert.deepEqual(readFilterState("?role=township&perspective=%E4%B8%AA%E4%BA%BA&q=x&level="),
    { role: "township", perspective: "个人" });
  assert.deepEqual(readFilterState(""), {});
});

test("writing the state keeps other parameters and drops cleared filters", () => {
  assert.equal(writeFilterState("?q=%E5%AD%A6%E4%B9%A0&role=office", { role: "", perspective: "班子" }),
    "?q=%E5%AD%A6%E4%B9%A0&perspective=%E7%8F%AD%E5%AD%90");
  assert.equal(writeFilterState("?role=office", {}), "");
});

test("an entry matches when every chosen facet is among its values", () => {
  const facets = { role: "township office", perspective: "个人", aspect: "2025-mzsh-1 2024-mzsh-2" };
  assert.equal(matchesFilter(facets, { role: "office" }), true);
  assert.equal(matchesFilter(facets, { role: "office", aspect: "2024-mzsh-2" }), true);
  assert.equal(matchesFilter(facets, { role: "soe" }), false);
  assert.equal(matchesFilter(facets, { perspective: "班子" }), false);
  assert.equal(matchesFilter(facets, { role: "town" }), false, "no prefix matches");
  assert.equal(matchesFilter(facets, {}), true);
});

test("the count says whether anything is filtered", () => {
  assert.equal(countLabel(3, 40, "条示例", true), "显示 3 / 40 条示例");
  assert.equal(countLabel(40, 40, "条示例", false), "共 40 条示例");
});
