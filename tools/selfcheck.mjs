#!/usr/bin/env node
// Batch self-check under Node with the same modules as the 自查 page:
//   node tools/selfcheck.mjs [--site site] [--meeting ID] [--perspective 个人|班子] [--json] FILE…
// Reads the data files of a built site (make build), so the rules see exactly what the page sees.

import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import vm from "node:vm";
import * as fflate from "fflate";
import { checkMaterial, prepareCheck } from "../docs/assets/js/check-rules.js";
import { comparePairs } from "../docs/assets/js/check-copy.js";
import { guessMeeting } from "../docs/assets/js/check-parse.js";
import { InputError, MAX_FILES, readMaterial } from "../docs/assets/js/check-input.js";
import { batchReportMarkdown, reportMarkdown } from "../docs/assets/js/check-report.js";

export function loadSiteData(site) {
  const window = {};
  const context = vm.createContext({ window });
  const dir = join(site, "assets", "data");
  const files = ["meta.js", "formulations.js", "pages.js"];
  for (const name of readdirSync(join(dir, "items"))) files.push(join("items", name));
  for (const f of files) vm.runInContext(readFileSync(join(dir, f), "utf-8"), context, { filename: f });
  const data = window.KB_DATA;
  const items = {};
  for (const shard of Object.values(data.items || {})) Object.assign(items, shard);
  return { meta: data.meta, formulations: data.formulations, pages: data.pages, items };
}

function parseArgs(argv) {
  const opts = { site: "site", files: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--site") opts.site = argv[++i];
    else if (a === "--meeting") opts.meeting = argv[++i];
    else if (a === "--perspective") opts.perspective = argv[++i];
    else if (a === "--json") opts.json = true;
    else opts.files.push(a);
  }
  return opts;
}

export function runCheck(opts) {
  const data = loadSiteData(opts.site);
  const prepared = prepareCheck(data);
  const pageUrl = (p) => data.pages[p.split("#")[0]] ?? p;
  const rows = [];
  for (const file of opts.files.slice(0, MAX_FILES)) {
    const name = basename(file);
    try {
      const { text, note } = readMaterial(name, readFileSync(file), fflate);
      const guess = guessMeeting(text, name, data.meta.meetings, data.meta.current);
      const meeting = opts.meeting || guess.meeting;
      const perspective = opts.perspective || guess.perspective;
      const result = checkMaterial(text, { meeting, perspective }, { prepared, pageUrl });
      const m = data.meta.meetings.find((x) => x.id === meeting);
      rows.push({ name, text, note, meeting, perspective, meetingTitle: m ? m.title : meeting, result, counts: result.counts });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      rows.push({ name, error: err.message });
    }
  }
  const ok = rows.map((r, i) => ({ r, i })).filter(({ r }) => !r.error);
  const pairs = comparePairs(ok.map(({ r }) => ({ name: r.name, text: r.text })), prepared.phrases)
    .map((p) => ({ ...p, a: ok[p.a].i, b: ok[p.b].i }));
  return { rows, pairs };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.files.length) {
    console.error("用法：node tools/selfcheck.mjs [--site site] [--meeting 会议id] [--perspective 个人|班子] [--json] 文件…");
    process.exit(2);
  }
  const { rows, pairs } = runCheck(opts);
  if (opts.json) {
    const plain = rows.map(({ result, text, ...r }) => ({ ...r, findings: result ? result.findings : [] }));
    console.log(JSON.stringify({ rows: plain, pairs }, null, 1));
  } else if (rows.length === 1 && !rows[0].error) {
    console.log(reportMarkdown(rows[0].result, rows[0]));
  } else {
    console.log(batchReportMarkdown(rows, pairs));
  }
  // exitCode, not exit(): a large report written to a pipe must be flushed first.
  process.exitCode = rows.some((r) => r.error || r.counts["必须修改"]) ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
