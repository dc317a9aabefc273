// Header search box and results panel, bound to the engine in search-core.js. The index is loaded
// by <script> tags from assets/search/ (works over file://) only when someone searches. An example,
// cause or measure found can be added to 我的草稿 from its result row, as from its own page.
import { KIND_LABELS, highlightPieces, runSearch } from "./search-core.js";
import { loadScript, siteUrl } from "./dom.js";
import { folderLink } from "./links.js";
import { addButton, readState } from "./add-to-draft.ui.js";
import { ADDABLE, itemIdFromUrl } from "./draft-add.js";

// The same names and "all" labels as the pages' filter bar (filters.js), so a filtered view and a
// search narrow alike.
const FACETS = ["kind", "meeting", "aspect", "role", "perspective", "level"];
const ALL_LABELS = {
  kind: "全部类别（不限）", meeting: "不限会议（全部显示）", aspect: "不限检视重点（全部显示）",
  role: "不限岗位（全部显示）", perspective: "个人和班子（全部显示）", level: "不限层级（全部显示）",
};
const FACET_NAMES = { kind: "类别", meeting: "会议", aspect: "检视重点", role: "岗位", perspective: "视角", level: "层级" };
const PAGE = 20;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function store() {
  window.KB_SEARCH = window.KB_SEARCH || {};
  return window.KB_SEARCH;
}

function loader(name) {
  return loadScript(siteUrl("assets/search/" + name));
}

function buildUi() {
  const input = el("input", {
    type: "search", class: "kb-search-input", name: "q", autocomplete: "off", spellcheck: "false",
    placeholder: "搜索：可粘贴整句问题", "aria-label": "搜索示例、原因、措施和写法指导",
    "aria-controls": "kb-search-panel",
  });
  const form = el("form", { class: "kb-search", role: "search", "data-kb-search": "" }, input);
  const status = el("p", { class: "kb-search-status", "aria-live": "polite" });
  const facets = el("div", { class: "kb-search-facets" });
  const list = el("ol", { class: "kb-search-results" });
  const more = el("button", { type: "button", class: "kb-search-more", hidden: true, text: "显示更多结果" });
  const close = el("button", { type: "button", class: "kb-search-close", text: "关闭搜索结果" });
  const panel = el("section", { id: "kb-search-panel", class: "kb-search-panel", "aria-label": "搜索结果", hidden: true },
    el("div", { class: "kb-search-bar" }, status, close), facets, list, more);
  return { form, input, panel, status, facets, list, more, close };
}

function facetSelects(ui) {
  const selects = {};
  const meta = store().meta;
  const options = {
    kind: Object.entries(KIND_LABELS),
    role: meta.roles,
    perspective: meta.perspectives.map((p) => [p, p]),
    level: (meta.levels || []).map((l) => [l, l]),
    meeting: meta.meetings,
  };
  const meetingNames = Object.fromEntries(meta.meetings);
  for (const key of FACETS) {
    const select = el("select", { name: key, "aria-label": "按" + FACET_NAMES[key] + "筛选搜索结果" },
      el("option", { value: "", text: ALL_LABELS[key] }));
    if (key === "aspect") {
      // one group per meeting, its aspects numbered as in the material
      const groups = new Map();
      for (const [value, meeting, short] of meta.aspects || []) {
        const name = meetingNames[meeting] || meeting;
        if (!groups.has(meeting)) groups.set(meeting, el("optgroup", { label: name }));
        groups.get(meeting).append(el("option", { value, text: name + "·" + short }));
      }
      for (const group of groups.values()) select.append(group);
    } else {
      for (const [value, label] of options[key]) select.append(el("option", { value, text: label }));
    }
    selects[key] = select;
    ui.facets.append(el("label", {}, el("span", { text: FACET_NAMES[key] }), select));
  }
  return selects;
}

// Search results never take the aspect of the page they are shown on: an example is filed as from
// its own page in the library, where the user picks the aspect (its own aspects offered first).
const NO_ASPECT_HINTS = () => [];

function renderResults(ui, outcome, shown) {
  ui.list.replaceChildren();
  let state = null;
  for (const r of outcome.results.slice(0, shown)) {
    const title = el("span", { class: "kb-search-title" });
    for (const [text, hit] of highlightPieces(r.title, outcome.plan)) title.append(hit ? el("mark", { text }) : text);
    // Opened from a folder (file://), a link to a folder must name its index.html.
    const href = window.location.protocol === "file:" ? folderLink(siteUrl(r.url)) : siteUrl(r.url);
    const link = el("a", { href, "data-kb-doc": String(r.doc) },
      el("span", { class: "kb-search-kind", text: KIND_LABELS[r.kind] }), title);
    const row = el("li", {}, el("div", { class: "kb-search-hit" }, link, el("p", { class: "kb-search-excerpt", text: r.excerpt + "…" })));
    const id = ADDABLE[r.kind] ? itemIdFromUrl(r.url) : null;
    if (id) {
      state = state || readState();
      row.classList.add("kb-search-addable");
      row.append(addButton(id, NO_ASPECT_HINTS, { name: r.title, state, className: "kb-search-add" }));
    }
    ui.list.append(row);
  }
}

export function initSearch() {
  const header = document.querySelector(".md-header__inner");
  if (!header || header.querySelector("[data-kb-search]")) return;
  const ui = buildUi();
  const spot = header.querySelector(".md-header__source") || null;
  header.insertBefore(ui.form, spot);
  const main = document.querySelector(".md-main") || document.body;
  main.parentNode.insertBefore(ui.panel, main);
  let selects = null;
  let seq = 0;
  let shown = PAGE;
  let timer = 0;

  function filters() {
    const out = {};
    if (selects) for (const key of FACETS) if (selects[key].value) out[key] = selects[key].value;
    return out;
  }

  function writeUrl(query) {
    const params = new URLSearchParams(window.location.search);
    if (query) params.set("q", query); else params.delete("q");
    // The other facets share their names with the page's filter bar and stay as they are; the
    // kind of result is the search's own (left alone until the selects exist).
    if (selects) {
      if (selects.kind.value) params.set("kind", selects.kind.value); else params.delete("kind");
    }
    const search = params.toString();
    history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
  }

  async function search(limit) {
    const query = ui.input.value.trim();
    const mine = ++seq;
    writeUrl(query);
    if (!query) {
      ui.panel.hidden = true;
      return;
    }
    ui.panel.hidden = false;
    ui.status.textContent = "正在搜索……";
    let outcome;
    try {
      if (!store().meta) await loader("meta.js");
      if (!selects) {
        selects = facetSelects(ui);
        const params = new URLSearchParams(window.location.search);
        for (const key of FACETS) {
          const v = params.get(key) || "";
          if (Array.from(selects[key].options).some((o) => o.value === v)) selects[key].value = v;
        }
      }
      outcome = await runSearch(query, filters(), store(), loader, limit);
    } catch (err) {
      if (mine === seq) ui.status.textContent = "搜索索引加载失败，请刷新页面重试。";
      throw err;
    }
    if (mine !== seq) return;
    for (const key of ["kind"]) {
      for (const option of selects[key].options) {
        if (option.value) option.textContent = KIND_LABELS[option.value] + "（" + (outcome.counts[option.value] || 0) + "）";
      }
    }
    ui.status.textContent = outcome.total
      ? "找到 " + outcome.total + " 条相关结果" + (outcome.total > outcome.results.length ? "，按相关程度显示前 " + outcome.results.length + " 条" : "")
      : "没有找到相关内容。可以换个说法，或减少筛选条件。";
    renderResults(ui, outcome, limit);
    ui.more.hidden = outcome.total <= outcome.results.length;
    document.documentElement.dataset.kbSearchDone = String(mine);
  }

  // The first keystroke (or paste) searches at once; further typing is gathered for a moment.
  let last = 0;
  function schedule() {
    clearTimeout(timer);
    shown = PAGE;
    const now = Date.now();
    const wait = now - last > 400 ? 0 : 80;
    last = now;
    timer = setTimeout(() => search(shown), wait);
  }

  // The index description (counts, thesaurus, labels) is small: fetch it now, so the first query
  // only waits for its own postings. Nothing else of the index loads until someone searches.
  if (!store().meta) loader("meta.js").catch(() => {});

  ui.form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); search(shown); });
  ui.input.addEventListener("input", schedule);      // typing and pasting both fire input
  ui.facets.addEventListener("change", () => { shown = PAGE; search(shown); });
  ui.more.addEventListener("click", () => { shown += PAGE; search(shown); });
  ui.close.addEventListener("click", () => { ui.panel.hidden = true; ui.input.focus(); });
  ui.input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") ui.panel.hidden = true;
  });
  const q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    ui.input.value = q;
    search(shown);
  }
}
