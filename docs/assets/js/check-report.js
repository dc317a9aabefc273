// The check's results as a Markdown report the user keeps. Pure: no DOM.

function cell(s) {
  return String(s ?? "").replace(/\|/g, "｜").replace(/\s+/g, " ").trim();
}

export function findingLocation(f) {
  if (!f.para) return "全文";
  return `${f.section ? f.section + "·" : ""}第 ${f.para} 段`;
}

// One material's report. result: checkMaterial() output; info: {name, meetingTitle, perspective, date}.
export function reportMarkdown(result, info = {}) {
  const lines = [`# 材料自查报告${info.name ? `：${info.name}` : ""}`, ""];
  if (info.meetingTitle) lines.push(`- 对照会议：${info.meetingTitle}`);
  lines.push(`- 材料视角：${result.perspective}`);
  if (info.date) lines.push(`- 检查时间：${info.date}`);
  lines.push(`- 结果：必须修改 ${result.counts["必须修改"]} 处，建议修改 ${result.counts["建议修改"]} 处`, "");
  if (!result.findings.length) {
    lines.push("没有发现问题。自查规则只能发现常见的形式问题，内容是否实事求是仍需本人把关。", "");
    return lines.join("\n");
  }
  lines.push("| 序号 | 严重程度 | 规则 | 位置 | 原文 | 说明 |", "| --- | --- | --- | --- | --- | --- |");
  result.findings.forEach((f, i) => {
    lines.push(`| ${i + 1} | ${f.severity} | ${cell(f.name)}（${f.rule}） | ${findingLocation(f)} | ${cell(f.quote)} | ${cell(f.reason)} |`);
  });
  lines.push("", "本报告由“对照检查材料写作指南”的材料自查生成，检查在本机完成，材料没有发送到任何地方。", "");
  return lines.join("\n");
}

// Report for many files: one row per file and the pairs sharing long identical runs.
export function batchReportMarkdown(rows, pairs, info = {}) {
  const lines = ["# 材料批量自查报告", ""];
  if (info.date) lines.push(`检查时间：${info.date}`, "");
  lines.push("| 文件 | 必须修改 | 建议修改 | 说明 |", "| --- | --- | --- | --- |");
  for (const r of rows) {
    lines.push(`| ${cell(r.name)} | ${r.error ? "—" : r.counts["必须修改"]} | ${r.error ? "—" : r.counts["建议修改"]} | ${cell(r.error || r.note || "")} |`);
  }
  lines.push("", "## 雷同文字", "");
  if (!pairs.length) lines.push("没有发现两份材料之间有大段相同的文字（规范提法除外）。");
  else {
    lines.push("| 文件甲 | 文件乙 | 相同字数 | 最长的相同文字 |", "| --- | --- | --- | --- |");
    for (const p of pairs) {
      lines.push(`| ${cell(rows[p.a].name)} | ${cell(rows[p.b].name)} | ${p.total} | ${cell(p.runs[0].text.slice(0, 80))} |`);
    }
  }
  lines.push("");
  for (const r of rows) {
    if (r.result) lines.push(reportMarkdown(r.result, { name: r.name, meetingTitle: r.meetingTitle }).replace(/^# /, "## "));
  }
  return lines.join("\n");
}
