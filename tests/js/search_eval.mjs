// Run queries against a built search index with the real engine (docs/assets/js/search-core.js).
// Usage: node tests/js/search_eval.mjs INDEX_DIR QUERIES.json  -> JSON lines on stdout.
// QUERIES.json: [{"q": "…", "filters": {…}}]; each output: {q, total, top: [{kind, title, url, excerpt}]}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { runSearch } from "../../docs/assets/js/search-core.js";

const [dir, file] = process.argv.slice(2);
const context = vm.createContext({ window: {} });
let loaded = 0;
const load = async (name) => {
  vm.runInContext(readFileSync(join(dir, name), "utf-8"), context);
  loaded += 1;
};
const queries = JSON.parse(readFileSync(file, "utf-8"));
for (const item of queries) {
  const store = context.window.KB_SEARCH || (context.window.KB_SEARCH = {});
  const out = await runSearch(item.q, item.filters || {}, store, load, item.limit || 10);
  process.stdout.write(JSON.stringify({ q: item.q, total: out.total,
    top: out.results.map((r) => ({ kind: r.kind, title: r.title, url: r.url, excerpt: r.excerpt })) }) + "\n");
}
