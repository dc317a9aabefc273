// The 自查 page: paste or open materials, check them in the browser, show findings, export a report.
// Binds the pure check modules to the page; nothing is sent anywhere.

import { loadData, loadScript, saveFile, siteUrl } from "./dom.js";
import { checkMaterial, prepareCheck } from "./check-rules.js";
import { comparePairs } from "./check-copy.js";
import { guessMeeting } from "./check-parse.js";
import { InputError, MAX_FILES, checkSize, readMaterial } from "./check-input.js";
import { batchReportMarkdown, findingLocation, reportMarkdown } from "./check-report.js";

let preparing = null;

// Everything the check needs, loaded once per page: meta, formulations, page URLs, all item shards.
export function loadCheckContext() {
  if (!preparing) {
    preparing = (async () => {
      const meta = await loadData("meta");
      const [formulations, pages] = await Promise.all([loadData("formulations"), loadData("pages")]);
      await Promise.all(Array.from({ length: meta.shards }, (_, n) => loadScript(siteUrl(`assets/data/items/${n}.js`))));
      const items = {};
      for (const shard of Object.values(window.KB_DATA.items || {})) Object.assign(items, shard);
      const prepared = prepareCheck({ meta, formulations, items });
      const pageUrl = (path) => {
        const [page, hash] = path.split("#");
        return (pages[page] ?? page) + (hash ? `#${hash}` : "");
      };
      return { meta, prepared, pageUrl };
    })();
    preparing.catch(() => { preparing = null; });
  }
  return preparing;
}

// The check as the draft page calls it: text and {meeting: id, perspective} -> checkMaterial() result.
export async function runSelfCheck(text, meetingMeta) {
  const { meta, prepared, pageUrl } = await loadCheckContext();
  const meeting = meetingMeta?.meeting || meta.current;
  return checkMaterial(text, { meeting, perspective: meetingMeta?.perspective || "个人" }, { prepared, pageUrl });
}

function href(h) {
  return /^[a-z]+:/i.test(h) ? h : siteUrl(h);
}

function meetingLabel(m) {
  return `${m.year}年度${m.kind}${m.history ? "（历史参考）" : ""}`;
}

export function init(root) {
  const $ = (name) => root.querySelector(`[data-sc="${name}"]`);
  const ui = {
    text: $("text"), files: $("files"), drop: $("drop"), meeting: $("meeting"), perspective: $("perspective"),
    run: $("run"), exportBtn: $("export"), guess: $("guess"), status: $("status"), batch: $("batch"),
    result: $("result"), summary: $("summary"), findings: $("findings"), shown: $("shown"),
  };
  root.classList.add("kb-sc-ready");
  const state = { manual: false, fileName: "", batch: null, last: null };

  loadData("meta").then((meta) => {
    for (const m of meta.meetings.slice().sort((a, b) => b.year - a.year || a.kind.localeCompare(b.kind))) {
      const opt = document.createElement("option");
      opt.value = m.id;
      opt.textContent = meetingLabel(m);
      ui.meeting.appendChild(opt);
    }
    ui.meeting.value = meta.current;
    root.dataset.ready = "1";
    // Load the rest and build the copy index now, so the first check is as quick as the next.
    loadCheckContext().catch(() => {});
  }).catch((err) => status(`无法加载会议数据：${err.message}`, true));

  const markManual = () => { state.manual = true; ui.guess.textContent = ""; };
  ui.meeting.addEventListener("change", markManual);
  ui.perspective.addEventListener("change", markManual);
  ui.text.addEventListener("input", () => {
    state.fileName = "";
    guess(ui.text.value, "");
  });
  ui.files.addEventListener("change", () => openFiles([...ui.files.files]));
  ui.drop.addEventListener("dragover", (e) => { e.preventDefault(); ui.drop.classList.add("kb-sc-over"); });
  ui.drop.addEventListener("dragleave", () => ui.drop.classList.remove("kb-sc-over"));
  ui.drop.addEventListener("drop", (e) => {
    e.preventDefault();
    ui.drop.classList.remove("kb-sc-over");
    openFiles([...(e.dataTransfer?.files || [])]);
  });
  ui.run.addEventListener("click", () => checkPasted());
  ui.exportBtn.addEventListener("click", exportReport);

  function status(message, error = false) {
    ui.status.textContent = message;
    ui.status.classList.toggle("kb-sc-error", error);
  }

  function guess(text, fileName) {
    const meta = window.KB_DATA?.meta;
    if (!meta || state.manual) return;
    const g = guessMeeting(text, fileName, meta.meetings, meta.current);
    if (!g.sure) { ui.guess.textContent = ""; return; }
    ui.meeting.value = g.meeting;
    ui.perspective.value = g.perspective;
    const m = meta.meetings.find((x) => x.id === g.meeting);
    ui.guess.textContent = `已根据标题判断为：${meetingLabel(m)}·${g.perspective}材料（可在上面修改）。`;
  }

  async function readFile(file) {
    // Refuse oversized files before reading them into memory.
    checkSize(file.name, file.size);
    const bytes = new Uint8Array(await file.arrayBuffer());
    return readMaterial(file.name, bytes, window.fflate);
  }

  async function openFiles(files) {
    if (!files.length) return;
    let note = "";
    if (files.length > MAX_FILES) {
      note = `一次最多检查 ${MAX_FILES} 个文件，已取前 ${MAX_FILES} 个。`;
      files = files.slice(0, MAX_FILES);
    }
    if (files.length === 1) {
      try {
        const { text, note: n } = await readFile(files[0]);
        ui.text.value = text;
        state.fileName = files[0].name;
        guess(text, files[0].name);
        ui.batch.hidden = true;
        status(`已读入“${files[0].name}”。${n}`);
        await checkPasted(n);
      } catch (err) {
        if (!(err instanceof InputError)) console.error(err);
        status(err instanceof InputError ? err.message : `无法读取“${files[0].name}”：${err.message}`, true);
      }
      return;
    }
    await checkBatch(files, note);
  }

  // The check's data, loaded once; null (with the reason shown) when it cannot be loaded.
  async function context() {
    status("正在加载检查所需的数据……");
    try {
      return await loadCheckContext();
    } catch (err) {
      status(`无法加载检查所需的数据：${err.message}`, true);
      return null;
    }
  }

  async function checkPasted(note = "") {
    const text = ui.text.value;
    if (!text.trim()) {
      status("请先粘贴材料全文，或打开一个 .docx、.txt、.md 文件。", true);
      return;
    }
    const ctx = await context();
    if (!ctx) return;
    const t0 = performance.now();
    const result = checkMaterial(text, { meeting: ui.meeting.value, perspective: ui.perspective.value },
      { prepared: ctx.prepared, pageUrl: ctx.pageUrl });
    const ms = Math.round(performance.now() - t0);
    state.last = { result, name: state.fileName || "粘贴的材料", meetingTitle: result.meeting?.title || "" };
    state.batch = null;
    ui.batch.hidden = true;
    showResult(result, text);
    status(`检查完成（${ms} 毫秒）：必须修改 ${result.counts["必须修改"]} 处，建议修改 ${result.counts["建议修改"]} 处。${note}`);
    ui.exportBtn.disabled = false;
  }

  async function checkBatch(files, note) {
    const ctx = await context();
    if (!ctx) return;
    status(`正在检查 ${files.length} 个文件……`);
    const meta = ctx.meta;
    const rows = [];
    for (const file of files) {
      try {
        const { text, note: n } = await readFile(file);
        const g = guessMeeting(text, file.name, meta.meetings, meta.current);
        const meeting = g.sure ? g.meeting : ui.meeting.value;
        const perspective = g.sure ? g.perspective : ui.perspective.value;
        const result = checkMaterial(text, { meeting, perspective }, { prepared: ctx.prepared, pageUrl: ctx.pageUrl });
        const m = meta.meetings.find((x) => x.id === meeting);
        rows.push({ name: file.name, text, note: n, result, counts: result.counts, meetingTitle: m ? m.title : meeting });
      } catch (err) {
        if (!(err instanceof InputError)) console.error(err);
        rows.push({ name: file.name, error: err instanceof InputError ? err.message : `无法读取：${err.message}` });
      }
    }
    const ok = rows.map((r, i) => ({ r, i })).filter(({ r }) => !r.error);
    const t0 = performance.now();
    const pairs = comparePairs(ok.map(({ r }) => ({ name: r.name, text: r.text })), ctx.prepared.phrases)
      .map((p) => ({ ...p, a: ok[p.a].i, b: ok[p.b].i }));
    const ms = Math.round(performance.now() - t0);
    state.batch = { rows, pairs };
    renderBatch(rows, pairs);
    ui.result.hidden = true;
    const failed = rows.filter((r) => r.error).length;
    status(`已检查 ${rows.length - failed} 个文件${failed ? `，${failed} 个无法读取` : ""}；两两比对用时 ${ms} 毫秒，发现 ${pairs.length} 对材料有雷同文字。${note}`);
    ui.exportBtn.disabled = false;
  }

  function renderBatch(rows, pairs) {
    ui.batch.replaceChildren();
    const h = el("h2", "kb-sc-h", "逐份结果");
    const table = el("table", "kb-sc-files");
    table.appendChild(tr("th", ["文件", "必须修改", "建议修改", "说明", ""]));
    rows.forEach((r, i) => {
      const row = tr("td", [r.name, r.error ? "—" : String(r.counts["必须修改"]), r.error ? "—" : String(r.counts["建议修改"]),
                             r.error || r.note || r.meetingTitle, ""]);
      row.dataset.file = String(i);
      if (r.error) row.classList.add("kb-sc-error");
      else {
        const b = el("button", "md-button kb-sc-show", "查看");
        b.type = "button";
        b.addEventListener("click", () => {
          state.last = { result: r.result, name: r.name, meetingTitle: r.meetingTitle };
          showResult(r.result, r.text);
          ui.result.scrollIntoView({ block: "start" });
        });
        row.lastChild.appendChild(b);
      }
      table.appendChild(row);
    });
    const h2 = el("h2", "kb-sc-h", "雷同文字（规范提法除外）");
    const pt = el("table", "kb-sc-pairs");
    pt.appendChild(tr("th", ["文件甲", "文件乙", "相同字数", "相同的文字"]));
    for (const p of pairs) {
      const row = tr("td", [rows[p.a].name, rows[p.b].name, String(p.total), ""]);
      row.dataset.rule = "shared-text";
      const cell = row.lastChild;
      for (const run of p.runs.slice(0, 3)) cell.appendChild(el("q", "kb-sc-shared", run.text));
      pt.appendChild(row);
    }
    ui.batch.append(h, table, h2, pairs.length ? pt : el("p", "", "没有发现两份材料之间有大段相同的文字。"));
    ui.batch.hidden = false;
  }

  function showResult(result, text) {
    ui.result.hidden = false;
    ui.summary.textContent = result.findings.length
      ? `必须修改 ${result.counts["必须修改"]} 处，建议修改 ${result.counts["建议修改"]} 处。点击一条结果，可在右侧原文中定位。`
      : "没有发现问题。自查规则只能发现常见的形式问题，内容是否实事求是仍需本人把关。";
    ui.shown.replaceChildren();
    const paras = new Map();
    for (const p of result.parsed.paragraphs) {
      const node = el("p", `kb-sc-para kb-sc-${p.role || "body"}`, p.text);
      node.dataset.para = String(p.n);
      paras.set(p.n, { node, p });
      ui.shown.appendChild(node);
    }
    renderFindings(ui.findings, result.findings, (f, li) => highlight(f, paras, li));
  }

  function highlight(f, paras, li) {
    for (const x of ui.findings.querySelectorAll(".kb-sc-active")) x.classList.remove("kb-sc-active");
    li.classList.add("kb-sc-active");
    for (const { node, p } of paras.values()) {
      if (node.querySelector("mark")) node.textContent = p.text;
    }
    const hit = paras.get(f.para);
    if (!hit) return;
    const { node, p } = hit;
    const a = Math.max(0, f.start - p.start);
    const b = Math.min(p.text.length, Math.max(a + 1, f.end - p.start));
    const mark = el("mark", "kb-sc-mark", p.text.slice(a, b));
    node.replaceChildren(p.text.slice(0, a), mark, p.text.slice(b));
    mark.scrollIntoView({ block: "center" });
  }

  function exportReport() {
    const date = new Date().toLocaleString("zh-CN");
    if (state.batch) {
      saveFile("材料批量自查报告.md", batchReportMarkdown(state.batch.rows, state.batch.pairs, { date }), "text/markdown;charset=utf-8");
    } else if (state.last) {
      const base = state.last.name.replace(/\.[^.]+$/, "");
      saveFile(`${base}-自查报告.md`, reportMarkdown(state.last.result, { ...state.last, date }), "text/markdown;charset=utf-8");
    }
  }
}

// Fill a list element with findings (data-rule, severity, location, quote, reason, guidance link);
// onSelect(finding, li) runs when one is clicked or chosen with Enter. The draft page reuses this.
export function renderFindings(list, findings, onSelect) {
  list.replaceChildren();
  for (const f of findings) {
    const li = el("li", `kb-sc-finding kb-sc-${f.severity === "必须修改" ? "must" : "should"}`);
    li.dataset.rule = f.rule;
    li.dataset.para = String(f.para);
    li.dataset.severity = f.severity;
    li.tabIndex = 0;
    li.append(el("span", "kb-sc-sev", f.severity), " ", el("strong", "kb-sc-name", f.name), " ",
              el("span", "kb-sc-loc", findingLocation(f)), el("q", "kb-sc-quote", f.quote),
              el("span", "kb-sc-reason", f.reason));
    const a = el("a", "kb-sc-guide", f.item ? `查看 ${f.item}` : "怎样改");
    a.href = href(f.href);
    li.appendChild(a);
    if (onSelect) {
      li.addEventListener("click", (e) => { if (e.target !== a) onSelect(f, li); });
      li.addEventListener("keydown", (e) => { if (e.key === "Enter" && e.target === li) onSelect(f, li); });
    }
    list.appendChild(li);
  }
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function tr(cellTag, cells) {
  const row = document.createElement("tr");
  for (const c of cells) row.appendChild(el(cellTag, "", c));
  return row;
}
