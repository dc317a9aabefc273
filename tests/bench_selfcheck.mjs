// Self-check speed (not a test): one 10,000-character material, and 50 files compared pairwise.
//   node tests/bench_selfcheck.mjs [--site site]      (make bench builds the site first)
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { checkMaterial, prepareCheck } from "../docs/assets/js/check-rules.js";
import { comparePairs } from "../docs/assets/js/check-copy.js";
import { loadSiteData } from "../tools/selfcheck.mjs";

const site = process.argv.includes("--site") ? process.argv[process.argv.indexOf("--site") + 1] : "site";
const root = new URL("..", import.meta.url);
const seed = readFileSync(new URL("tests/fixtures/seed-2021-office.txt", root), "utf-8");
const clean = readFileSync(new URL("tests/fixtures/selfcheck-clean-2025.txt", root), "utf-8");

function timed(label, fn, repeat = 1) {
  let best = Infinity;
  let result;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${label.padEnd(52)} ${(best / 1000).toFixed(3).padStart(8)} s`);
  return result;
}

// A material of at least n characters: the clean material with the seed's problems and more added.
function material(n, salt = 0) {
  const extra = seed.split("\n").filter((l) => l.startsWith("一是") || l.startsWith("（"));
  const lines = clean.split("\n");
  const at = lines.indexOf("（五）扛起管党治党责任方面");
  let i = 0;
  while (lines.join("\n").length < n) {
    lines.splice(at + 1, 0, `${"二三四五六七八九"[i % 8]}是第${salt}份材料补充的问题${i}。${extra[(i + salt) % extra.length]}`);
    i++;
  }
  return lines.join("\n");
}

const data = timed("load the site's data files", () => loadSiteData(site));
const prepared = timed("prepare: formulations and copy index (once per page)", () => prepareCheck(data));
const big = material(10000);
timed(`first check after loading, ${big.length} characters (cold)`,
  () => checkMaterial(material(10000, 99), { meeting: "2025-mzsh", perspective: "个人" }, { prepared }));
const result = timed(`check one material of ${big.length} characters (best of 5)`,
  () => checkMaterial(big, { meeting: "2025-mzsh", perspective: "个人" }, { prepared }), 5);
console.log(`  findings: 必须修改 ${result.counts["必须修改"]}, 建议修改 ${result.counts["建议修改"]}`);

const files = Array.from({ length: 50 }, (_, k) => ({ name: `材料${k + 1}.txt`, text: material(6000 + (k % 5) * 1000, k) }));
const chars = files.reduce((s, f) => s + f.text.length, 0);
timed(`check 50 files (${chars} characters in all)`, () => files.map((f) =>
  checkMaterial(f.text, { meeting: "2025-mzsh", perspective: "个人" }, { prepared })));
const pairs = timed("compare 50 files pairwise", () => comparePairs(files, prepared.phrases));
console.log(`  pairs sharing long runs: ${pairs.length} of ${50 * 49 / 2}`);
