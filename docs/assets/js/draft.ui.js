// The 我的草稿 page (data-module="kb-draft"): the chosen items laid out as a whole material, edited in
// place, saved in localStorage on every change, exported as .docx / .md / backup .json, and its
// problems and measures exported as a 整改清单 (.docx on landscape pages / .md).

import { loadData, loadScript, saveFile, siteUrl } from "./dom.js";
import { PERSPECTIVES, clearDraft, currentDraft, editItem, moveItem, openDraft, removeItem, setAspect, setPerspective, validateBackup } from "./draft-store.js";
import { fallbackTemplate, fileName, layoutMaterial } from "./draft-layout.js";
import { markPieces } from "./text-diff.js";
import { backupJson, blocksToMarkdown } from "./draft-export.js";
import { blocksToText } from "./check-parse.js";
import { renderFindings, runSelfCheck } from "./selfcheck.ui.js";
import { writeDocx } from "./docx-writer.js";
import { coverage } from "./draft-coverage.js";
import { readState, writeState } from "./add-to-draft.ui.js";
import { contentMarkdown, rectifyContent, rectifyTitle } from "./rectify-list.js";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const KIND_NAME = { problem: "示例", cause: "原因", measure: "措施" };
const LOADING = "正在载入本会议的模板……";

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

function runsTo(el, runs) {
  for (const r of runs) {
    if (r.style === "KbPlaceholder") el.append(h("mark", { class: "kb-d-ph", text: r.text }));
    else if (r.style === "KbLead") el.append(h("strong", { text: r.text }));
    else el.append(r.text);
  }
  return el;
}

function base64Bytes(text) {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

let baseBytes = null;

// The styled empty .docx: fetched over http, read from its data script when opened from a folder.
async function loadBase() {
  if (baseBytes) return baseBytes;
  if (location.protocol.startsWith("http")) {
    try {
      const res = await fetch(siteUrl("assets/gongwen-base.docx"));
      if (res.ok) baseBytes = new Uint8Array(await res.arrayBuffer());
    } catch { /* try the data script */ }
  }
  if (!baseBytes) baseBytes = base64Bytes(await loadData("docx-base"));
  return baseBytes;
}

// One meeting's template blocks ({个人, 班子}) from assets/data/templates/<id>.js: the page loads the file
// of the meeting it shows, and another meeting's when the user switches to it.
async function loadTemplates(meetingId) {
  await loadScript(siteUrl(`assets/data/templates/${meetingId}.js`));
  const blocks = window.KB_DATA?.templates?.[meetingId];
  if (!blocks) throw new Error(`模板文件中没有会议 ${meetingId}`);
  return blocks;
}

// Kind, themes and named causes of every item (assets/data/links.js, without the texts): the side
// panel matches the draft's items and suggests causes and measures from the whole knowledge base.
async function loadLinks() {
  const links = await loadData("links");
  return Object.fromEntries(Object.entries(links).map(([id, rec]) => [id, { id, ...rec }]));
}

export function init(el) {
  el.replaceChildren(h("p", { class: "kb-d-loading", text: "正在打开草稿……" }));
  start(el).catch((err) => {
    console.error(err);
    el.replaceChildren(h("p", { class: "kb-d-error", role: "alert", text: `草稿无法打开：${err.message}` }));
  });
}

async function start(el) {
  const meta = await loadData("meta");
  // Meeting id -> its template blocks, once loaded. A meeting whose file is missing or fails is laid out
  // from meta alone (fallbackTemplate) and named in `failed`; choosing that meeting again retries.
  const templates = {};
  const failed = new Map();
  let loads = 0;   // counts show() calls: a template load that finishes after a newer call does not render
  async function fetchTemplates(id) {
    try {
      templates[id] = await loadTemplates(id);
    } catch (err) {
      console.error(err);
      failed.set(id, err.message);
    }
  }
  const known = {
    meetings: new Set(meta.meetings.map((m) => m.id)),
    aspects: new Set(meta.meetings.flatMap((m) => m.aspects.map((a) => a.id))),
  };
  const aspectThemes = Object.fromEntries(meta.meetings.flatMap((m) => m.aspects.map((a) => [a.id, a.themes || []])));
  let state = readState();
  // A draft of a meeting the site no longer lists stays stored; the page opens the current meeting.
  if (!currentDraft(state) || !known.meetings.has(currentDraft(state).meeting)) {
    state = openDraft(state, el.dataset.kbCurrent || meta.current, currentDraft(state)?.perspective || "个人");
  }
  await fetchTemplates(currentDraft(state).meeting);
  let layout = null;
  let records = null;

  const status = h("p", { class: "kb-d-status", role: "status", "aria-live": "polite" });
  const meetingSelect = h("select", { name: "meeting", "aria-label": "会议", onchange: () => {
    failed.delete(meetingSelect.value);
    commit(openDraft(state, meetingSelect.value), true);
  } });
  const perspectiveSelect = h("select", { name: "perspective", "aria-label": "视角", onchange: () => commit(setPerspective(state, state.current, perspectiveSelect.value), true) });
  for (const p of PERSPECTIVES) perspectiveSelect.append(new Option(p, p));
  const fileInput = h("input", { type: "file", accept: ".json,application/json", hidden: true, class: "kb-d-import-file", onchange: () => importFile() });
  const material = h("div", { class: "kb-d-material" });
  const side = h("aside", { class: "kb-d-side", "aria-label": "问题—原因—措施对应" });
  const dialog = h("dialog", { class: "kb-d-dialog" });
  const toolbar = h("div", { class: "kb-d-toolbar" },
    h("label", {}, "会议 ", meetingSelect), h("label", {}, "视角 ", perspectiveSelect),
    h("span", { class: "kb-d-buttons" },
      h("button", { type: "button", class: "md-button md-button--primary", "data-kb-export": "docx", text: "导出 Word", onclick: () => exportDocx() }),
      h("button", { type: "button", class: "md-button", "data-kb-export": "md", text: "导出 Markdown", onclick: () => exportMd() }),
      // Only when the build made the 整改清单 form (assets/data/rectify.js).
      "kbRectify" in el.dataset ? h("button", { type: "button", class: "md-button", "data-kb-export": "rectify-docx", text: "导出整改清单（Word）", onclick: () => exportRectify("docx") }) : null,
      "kbRectify" in el.dataset ? h("button", { type: "button", class: "md-button", "data-kb-export": "rectify-md", text: "导出整改清单（Markdown）", onclick: () => exportRectify("md") }) : null,
      h("button", { type: "button", class: "md-button", "data-kb-export": "json", text: "导出备份", onclick: () => exportBackup() }),
      h("button", { type: "button", class: "md-button", "data-kb-action": "check", text: "自查", onclick: () => selfCheck() }),
      h("button", { type: "button", class: "md-button", "data-kb-action": "import", text: "导入备份", onclick: () => fileInput.click() }),
      h("button", { type: "button", class: "md-button kb-d-danger", "data-kb-action": "clear", text: "清空草稿", onclick: () => clear() })),
    fileInput);
  const findings = h("ol", { class: "kb-sc-findings kb-d-findings" });
  const checkPanel = h("section", { class: "kb-d-check", hidden: true, "aria-label": "自查结果" },
    h("h3", { text: "自查结果" }), h("p", { class: "kb-d-check-status", role: "status" }), findings);
  el.replaceChildren(toolbar, status, checkPanel, h("div", { class: "kb-d-layout" }, material, side), dialog);

  function say(message, alert = false) {
    status.textContent = message;
    status.setAttribute("role", alert ? "alert" : "status");
    status.classList.toggle("kb-d-alert", alert);
  }

  function commit(next, rerender) {
    if (next === state) return;
    state = next;
    try {
      writeState(state);
      say(`已自动保存（${new Date().toLocaleTimeString("zh-CN", { hour12: false })}）`);
    } catch (err) {
      say(`浏览器拒绝保存草稿（${err.name}），请立即导出备份，以免关闭页面后丢失。`, true);
    }
    if (rerender) show();
  }

  // Render the current draft once its meeting's template is at hand. While another meeting's file
  // loads, the material on screen can be neither edited nor exported, so no keystroke goes astray.
  async function show() {
    const id = currentDraft(state).meeting;
    const mine = ++loads;
    if (!templates[id] && !failed.has(id)) {
      layout = null;
      material.inert = true;
      material.setAttribute("aria-busy", "true");
      say(LOADING);
      await fetchTemplates(id);
      if (mine !== loads) return;   // the user moved on; the newer call renders
      if (status.textContent === LOADING) say("");
      if (failed.has(id)) sayFailed(id);
    }
    material.inert = false;
    material.removeAttribute("aria-busy");
    render();
  }

  function sayFailed(id) {
    say(`本会议的模板文件未能加载（${failed.get(id)}），草稿暂按基本结构排版，已写的内容都在。可刷新页面重试。`, true);
  }

  function meeting() {
    return meta.meetings.find((m) => m.id === currentDraft(state).meeting);
  }

  function template() {
    const d = currentDraft(state);
    return templates[d.meeting]?.[d.perspective] || fallbackTemplate(meta, meeting(), d.perspective);
  }

  function render() {
    const draft = currentDraft(state);
    const m = meeting();
    meetingSelect.replaceChildren(...[...meta.meetings].sort((a, b) => b.year - a.year || a.kind.localeCompare(b.kind)).map((x) => {
      const n = state.drafts[x.id]?.items.length;
      return new Option(`${x.year}年度${x.kind}${n ? `（草稿 ${n} 条）` : ""}`, x.id, false, x.id === draft.meeting);
    }));
    perspectiveSelect.value = draft.perspective;
    layout = layoutMaterial(draft, m, template());
    material.replaceChildren(...materialNodes(draft, m));
    renderSide();
  }

  function materialNodes(draft, m) {
    const nodes = [];
    if (!draft.items.length) {
      nodes.push(h("div", { class: "admonition info kb-d-empty" },
        h("p", { class: "admonition-title", text: "草稿还是空的" }),
        h("p", {}, "到", h("a", { href: siteUrl(`aspects/${m.aspects[0]?.id}/`), text: "检视重点" }), "、",
          h("a", { href: siteUrl("causes/"), text: "原因剖析" }), "和", h("a", { href: siteUrl("measures/"), text: "整改措施" }),
          "页面点击“加入草稿”，选中的内容会按下面的结构排好。")));
    }
    if (failed.has(draft.meeting)) {
      nodes.push(h("div", { class: "admonition warning kb-d-fallback" },
        h("p", { class: "admonition-title", text: "模板未能加载" }),
        h("p", { text: "本会议的模板文件没有加载成功，下面按会议的基本结构排版，标题和提示比正式模板简略。您的内容都已保存；刷新页面或重新选择会议可再试一次。" })));
    }
    if (layout.unplaced.length) {
      nodes.push(h("div", { class: "kb-d-unplaced" }, h("p", { text: "下列示例还没有放到本会议的检视重点下，导出时不包括它们。请为每条选择位置：" }),
        ...layout.unplaced.map((item) => itemCard(item, "", m))));
    }
    const filled = new Set(layout.blocks.filter((b) => b.item).map((b) => b.section));
    let section = null;
    for (const b of layout.blocks) {
      const starts = b.section && b.section !== section;
      section = b.section || section;
      if (b.item) {
        nodes.push(itemCard(draft.items.find((x) => x.uid === b.item), b.runs[0].text, m));
        continue;
      }
      const tag = { KbTitle: "h2", KbH1: "h3", KbH2: "h4" }[b.style] || "p";
      nodes.push(runsTo(h(tag, { class: `kb-d-block kb-d-${b.style}${b.placeholder ? " kb-d-placeholder" : ""}`, "data-section": b.section, "data-aspect": b.aspect }), b.runs));
      // The guidance of a section without chosen items follows its heading (or its first paragraph).
      if (starts && !filled.has(b.section)) nodes.push(guidance(b.section));
    }
    return nodes;
  }

  function guidance(sectionId) {
    const s = meta.sections.find((x) => x.id === sectionId);
    if (!s) return null;
    return h("aside", { class: "kb-d-guide", "data-section": sectionId },
      h("p", {}, h("strong", { text: `${s.name}：` }), s.purpose),
      s.must_include.length ? h("p", { text: `必须写到：${s.must_include.join("；")}` }) : null,
      s.pitfalls.length ? h("p", { text: `常见问题：${s.pitfalls.join("；")}` }) : null);
  }

  function itemCard(item, lead, m) {
    const draftId = state.current;   // edits go to the card's own draft, whatever happens meanwhile
    const title = h("input", { type: "text", class: "kb-d-title", "aria-label": "要点（标题句）" });
    title.value = item.title;
    const body = h("textarea", { class: "kb-d-body", rows: String(Math.min(12, Math.max(3, Math.ceil(item.body.length / 45)))), "aria-label": "正文" });
    body.value = item.body;
    const same = h("div", { class: "kb-d-same" });
    const card = h("div", { class: `kb-d-item kb-d-${item.kind}`, "data-uid": item.uid, "data-ref": item.ref },
      h("div", { class: "kb-d-item-head" }, lead ? h("span", { class: "kb-d-lead", text: lead }) : null,
        h("span", { class: "kb-d-src" }, `来自${KIND_NAME[item.kind]}：`, item.source.url
          ? h("a", { href: siteUrl(item.source.url), text: item.source.title }) : item.source.title)),
      title, body, same, tools(item, m, draftId));
    const edit = () => {
      commit(editItem(state, draftId, item.uid, { title: title.value, body: body.value }), false);
      showSame(same, title.value, body.value, item);
      layout = layoutMaterial(currentDraft(state), meeting(), template());
    };
    title.addEventListener("input", edit);
    body.addEventListener("input", edit);
    showSame(same, item.title, item.body, item);
    return card;
  }

  function showSame(box, title, body, item) {
    const pieces = [...markPieces(title, item.kbTitle), { text: "\n", same: false }, ...markPieces(body, item.kbBody)];
    if (!pieces.some((p) => p.same)) {
      box.replaceChildren(h("p", { class: "kb-d-rewritten", text: "已改写：没有与知识库原文逐字相同的长句。" }));
      return;
    }
    const text = h("p", { class: "kb-d-same-text" });
    for (const p of pieces) text.append(p.same ? h("mark", { text: p.text }) : p.text);
    box.replaceChildren(h("p", { class: "kb-d-same-note", text: "标出的文字与知识库原文逐字相同，请改写为本人、本单位的事实：" }), text);
  }

  function tools(item, m, draftId) {
    const out = h("div", { class: "kb-d-tools" },
      h("button", { type: "button", class: "md-button", "data-kb-move": "up", text: "上移", onclick: () => commit(moveItem(state, draftId, item.uid, -1), true) }),
      h("button", { type: "button", class: "md-button", "data-kb-move": "down", text: "下移", onclick: () => commit(moveItem(state, draftId, item.uid, 1), true) }));
    if (item.kind === "problem") {
      const select = h("select", { class: "kb-d-aspect", "aria-label": "放在哪个检视重点下",
        onchange: () => commit(setAspect(state, draftId, item.uid, select.value), true) });
      if (!m.aspects.some((a) => a.id === item.aspect)) select.append(new Option("请选择检视重点", "", true, true));
      m.aspects.forEach((a, i) => select.append(new Option(`（${i + 1}）${a.short}`, a.id, false, a.id === item.aspect)));
      out.append(h("label", {}, "移到 ", select));
    }
    out.append(h("button", { type: "button", class: "md-button kb-d-danger", "data-kb-remove": item.uid, text: "删除",
      onclick: () => commit(removeItem(state, draftId, item.uid), true) }));
    return out;
  }

  async function renderSide() {
    const draft = currentDraft(state);
    side.replaceChildren(h("h3", { text: "问题—原因—措施对应" }));
    const problems = draft.items.filter((x) => x.kind === "problem");
    if (!problems.length) {
      side.append(h("p", { text: "加入示例后，这里逐条检查每个问题有没有对应的原因和措施。" }));
      return;
    }
    try {
      records = records || await loadLinks();
    } catch (err) {
      side.append(h("p", { text: `对应关系暂时无法检查：${err.message}` }));
      return;
    }
    if (draft !== currentDraft(state)) return;   // a newer render took over
    const list = h("ol", { class: "kb-d-cover" });
    for (const row of coverage(draft.items, records, aspectThemes)) {
      const mark = (ok, what) => h("span", { class: ok ? "kb-d-ok" : "kb-d-missing", text: `${ok ? "✓" : "✗"} ${what}` });
      const li = h("li", { "data-uid": row.item.uid }, h("span", { class: "kb-d-cover-title", text: row.item.title }), " ",
        mark(row.causes.length, "原因"), " ", mark(row.measures.length, "措施"));
      const hints = [];
      if (!row.causes.length) hints.push(...row.suggest.causes);
      if (!row.measures.length) hints.push(...row.suggest.measures);
      if (hints.length) {
        li.append(h("p", { class: "kb-d-suggest" }, "可参考：",
          ...hints.flatMap((r, i) => [i ? "；" : "", h("a", { href: siteUrl(r.url), text: r.title })])));
      }
      list.append(li);
    }
    side.append(list);
  }

  function ask(message, offerBackup) {
    return new Promise((resolve) => {
      const done = (answer) => {
        dialog.close();
        resolve(answer);
      };
      dialog.replaceChildren(h("p", { text: message }), h("div", { class: "kb-d-dialog-buttons" },
        offerBackup ? h("button", { type: "button", class: "md-button md-button--primary", "data-kb-dialog": "backup", text: "先导出备份", onclick: () => exportBackup() }) : null,
        h("button", { type: "button", class: "md-button kb-d-danger", "data-kb-dialog": "yes", text: "确定", onclick: () => done(true) }),
        h("button", { type: "button", class: "md-button", "data-kb-dialog": "no", text: "取消", onclick: () => done(false) })));
      dialog.onclose = () => resolve(false);
      dialog.showModal();
    });
  }

  async function clear() {
    const draft = currentDraft(state);
    if (!draft.items.length) return say("草稿本来就是空的。");
    if (await ask(`清空后，这份草稿的 ${draft.items.length} 条内容和您的改写都将删除，无法恢复。建议先导出备份。确定清空吗？`, true)) {
      commit(clearDraft(state, draft.id), true);
      say("草稿已清空。");
    }
  }

  // False (and says so) while a meeting's template is still loading and nothing is laid out.
  function laidOut() {
    if (!layout) say("本会议的模板还在载入，请稍候再试。");
    return Boolean(layout);
  }

  function blocksForExport() {
    return layout.blocks.map(({ style, runs, comment, section, aspect, slot }) => ({ style, runs, comment, section, aspect, slot }));
  }

  async function exportDocx() {
    if (!laidOut()) return;
    const t0 = performance.now();
    try {
      const base = await loadBase();
      const bytes = writeDocx({ blocks: blocksForExport(), base, zip: window.fflate });
      const name = fileName(layout.title, "docx");
      saveFile(name, bytes, DOCX_TYPE);
      const ms = Math.round(performance.now() - t0);
      el.dataset.kbExportMs = String(ms);
      say(`已导出《${name}》（${ms} 毫秒）。`);
    } catch (err) {
      say(`导出 Word 失败：${err.message}`, true);
    }
  }

  // The same check as the 自查 page, run on the draft as it would be exported; nothing leaves the page.
  async function selfCheck() {
    if (!laidOut()) return;
    const d = currentDraft(state);
    const line = checkPanel.querySelector(".kb-d-check-status");
    checkPanel.hidden = false;
    line.textContent = "正在检查……";
    try {
      const result = await runSelfCheck(blocksToText(blocksForExport()), { meeting: d.meeting, perspective: d.perspective });
      const must = result.findings.filter((f) => f.severity === "必须修改").length;
      line.textContent = result.findings.length
        ? `发现 ${result.findings.length} 处问题，其中必须修改 ${must} 处。点击一条可定位到草稿中的文字。`
        : "没有发现问题。";
      renderFindings(findings, result.findings, (f) => locate(f.quote));
      checkPanel.scrollIntoView({ block: "start" });
    } catch (err) {
      line.textContent = `自查失败：${err.message}`;
    }
  }

  // Scroll to the first field of the draft that holds the quoted start of a finding, and mark it.
  function locate(quote) {
    const needle = (quote || "").replace(/[…\s]+$/u, "").slice(0, 12);
    for (const field of material.querySelectorAll("input, textarea, p, h3, h4")) {
      const text = "value" in field && field.value !== undefined && field.tagName !== "P" ? field.value : field.textContent;
      if (needle && text.includes(needle)) {
        material.querySelectorAll(".kb-d-located").forEach((x) => x.classList.remove("kb-d-located"));
        field.classList.add("kb-d-located");
        field.scrollIntoView({ block: "center" });
        if (field.focus) field.focus({ preventScroll: true });
        return;
      }
    }
  }

  // The 整改清单: one row per problem of the draft, with the causes the side panel matches to it and the
  // measures it matches, each under the problems it fits best; the form's text, columns and landscape
  // page come from the build (assets/data/rectify.js).
  async function exportRectify(ext) {
    const t0 = performance.now();
    try {
      const spec = await loadData("rectify");
      const draft = currentDraft(state);
      let cover = null;
      try {
        records = records || await loadLinks();
        cover = coverage(draft.items, records, aspectThemes);
      } catch {
        cover = null;   // without the links every measure gets a row of its own
      }
      const content = rectifyContent(spec, draft, meeting(), cover, cover ? { records, aspectThemes } : null);
      const name = fileName(rectifyTitle(meeting(), draft.perspective, spec.title), ext);
      if (ext === "md") {
        saveFile(name, contentMarkdown(content), "text/markdown;charset=utf-8");
      } else {
        const bytes = writeDocx({ blocks: content, base: base64Bytes(spec.base), zip: window.fflate, look: spec.look });
        saveFile(name, bytes, DOCX_TYPE);
      }
      const rows = (content.find((x) => x.table?.fill)?.table.rows.length ?? 0)
        - (spec.content.find((x) => x.table?.fill)?.table.rows.length ?? 0);
      const ms = Math.round(performance.now() - t0);
      el.dataset.kbRectifyMs = String(ms);
      say(rows
        ? `已导出《${name}》：草稿中的问题和措施列为 ${rows} 行（${ms} 毫秒），黄色的【请填写：……】处请补全。`
        : `已导出《${name}》，但草稿中还没有问题和措施，清单中只有模板的空行。`);
    } catch (err) {
      say(`导出整改清单失败：${err.message}`, true);
    }
  }

  function exportMd() {
    if (!laidOut()) return;
    const name = fileName(layout.title, "md");
    saveFile(name, blocksToMarkdown(blocksForExport()), "text/markdown;charset=utf-8");
    say(`已导出《${name}》。`);
  }

  function exportBackup() {
    const day = new Date().toISOString().slice(0, 10);
    const name = `我的草稿备份（${day}）.json`;
    saveFile(name, backupJson(state), "application/json");
    say(`已导出备份《${name}》，可用“导入备份”恢复。`);
  }

  async function importFile() {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    const result = validateBackup(await file.text(), known);
    if (!result.ok) {
      say(`导入失败：${result.error}当前草稿没有任何改动。`, true);
      return;
    }
    const count = Object.keys(state.drafts).filter((k) => state.drafts[k].items.length).length;
    if (count && !(await ask(`导入会用备份替换本浏览器中现有的 ${count} 份草稿。确定导入吗？`, true))) return;
    commit(result.state.current ? result.state : openDraft(result.state, meta.current, "个人"), true);
    say(`已导入备份《${file.name}》。`);
  }

  window.addEventListener("storage", (event) => {
    if (event.key !== "kb.drafts") return;
    state = readState();
    if (!currentDraft(state)) state = openDraft(state, meta.current, "个人");
    show();
  });

  render();
  if (failed.has(currentDraft(state).meeting)) sayFailed(currentDraft(state).meeting);
}
