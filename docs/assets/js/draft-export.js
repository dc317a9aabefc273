// A material as Markdown text, and the backup file of all drafts. Pure.

import { FORMAT, VERSION } from "./draft-store.js";

const PREFIX = { KbTitle: "# ", KbH1: "## ", KbH2: "### " };

// Characters Markdown would read as markup at the start of a line or inline.
function mdEscape(text) {
  return text.replace(/([\\`*_<>[\]])/g, "\\$1").replace(/^(\s*)([#>+-]|\d+\.)(?=\s)/gm, "$1\\$2");
}

function hint(text) {
  const lines = String(text).split(/\r?\n/).filter(Boolean).map((x) => `  ${x.replace(/--/g, "—")}`);
  return `<!-- 提示：\n${lines.join("\n")}\n-->`;
}

// One paragraph per block; the headline after 一是 in bold; hints as comments; UTF-8 BOM so that
// Windows editors recognise the encoding.
export function blocksToMarkdown(blocks) {
  const out = [];
  for (const b of blocks) {
    const text = b.runs.map((r) => (r.style === "KbLead" ? `**${mdEscape(r.text)}**` : mdEscape(r.text))).join("");
    out.push((PREFIX[b.style] || "") + text.replace(/\r?\n/g, "  \n"), "");
    if (b.comment) out.push(hint(b.comment), "");
  }
  return "\ufeff" + out.join("\n");
}

// The backup file: every draft, readable by validateBackup.
export function backupJson(state, now = new Date()) {
  return JSON.stringify({
    format: FORMAT, version: VERSION, exported: now.toISOString(), current: state.current, drafts: state.drafts,
  }, null, 1);
}
