// 加入草稿 and copy buttons beside every example, cause and measure of a page, and the draft counter
// in the header. Items are found by data-kb-kind / data-kb-id; an example on an aspect page is filed
// under that aspect, elsewhere the user picks one (the example's own aspects first). The search
// results use addButton too; what adding does is decided in the pure module draft-add.js.

import { loadData, loadItems, siteUrl } from "./dom.js";
import { COPY_FAILED, copied, copyText, joinTitle, toast } from "./copy.js";
import { STORE_KEY, currentDraft, hasItem, itemCount, loadState, serialize, validateBackup } from "./draft-store.js";
import { ADDABLE, addOutcome, addRecord, aspectChoices, itemText, placement } from "./draft-add.js";

// The stored drafts. Stored text this version cannot read is kept aside under kb.drafts.unreadable
// before anything new is saved over it.
export function readState() {
  let text = null;
  try {
    text = localStorage.getItem(STORE_KEY);
  } catch {
    return loadState(null);
  }
  if (text && !validateBackup(text).ok) {
    try {
      localStorage.setItem(`${STORE_KEY}.unreadable`, text);
    } catch { /* nothing more can be done */ }
  }
  return loadState(text);
}

export function writeState(state) {
  localStorage.setItem(STORE_KEY, serialize(state));
  updateCounter(state);
}

// Site URL of the draft page (directory URLs over http, index.html when opened from a folder).
export function draftPageUrl() {
  return siteUrl(location.protocol === "file:" ? "draft/index.html" : "draft/");
}

export function updateCounter(state = readState()) {
  const header = document.querySelector(".md-header__inner");
  if (!header) return;
  let link = header.querySelector(".kb-draft-counter");
  if (!link) {
    link = document.createElement("a");
    link.className = "kb-draft-counter";
    link.href = draftPageUrl();
    link.title = "我的草稿：已加入的示例、原因和措施";
    const search = header.querySelector(".md-search");
    header.insertBefore(link, search || null);
  }
  const n = itemCount(state);
  link.textContent = `草稿 ${n}`;
  link.dataset.count = String(n);
}

function aspectFromPage(meta) {
  const m = location.pathname.match(/\/aspects\/([^/]+?)(?:\/(?:index\.html)?|\.html)?$/);
  return m && meta.meetings.some((x) => x.aspects.some((a) => a.id === m[1])) ? m[1] : null;
}

function picker(button, meta, record, done) {
  document.querySelector(".kb-draft-picker")?.remove();
  const state = readState();
  const meetingId = currentDraft(state)?.meeting || meta.current;
  const box = document.createElement("div");
  box.className = "kb-draft-picker";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "选择检视重点");
  const select = document.createElement("select");
  select.setAttribute("aria-label", "放在哪个检视重点下");
  for (const g of aspectChoices(meta, meetingId, record.aspects || [])) {
    const og = document.createElement("optgroup");
    og.label = g.group;
    for (const o of g.options) og.append(new Option(o.text, o.id));
    select.append(og);
  }
  const ok = document.createElement("button");
  ok.type = "button";
  ok.className = "md-button md-button--primary kb-draft-pick";
  ok.textContent = "放入草稿";
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "md-button";
  cancel.textContent = "取消";
  const text = document.createElement("span");
  text.textContent = "放在：";
  box.append(text, select, ok, cancel);
  button.insertAdjacentElement("afterend", box);
  select.focus();
  // Closing the picker gives the focus back to the button that opened it (keyboard users stay put).
  const close = () => {
    box.remove();
    button.focus();
  };
  ok.addEventListener("click", () => {
    close();
    done(select.value);
  });
  cancel.addEventListener("click", close);
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close();
    }
  });
}

function markAdded(button) {
  button.dataset.state = "done";
  button.textContent = "已在草稿中";
  if (button.dataset.kbName) button.setAttribute("aria-label", `已在草稿中：${button.dataset.kbName}`);
}

// Add item `id` to the draft, from `button`. `hints(meta)` lists the aspects an example may be filed
// under without asking (the list entry's, the page's); with none the user picks one.
export async function addToDraft(button, id, hints) {
  const meta = await loadData("meta");
  const record = (await loadItems([id]))[id];
  if (!record) {
    toast("没有找到这一条的内容，请刷新页面后再试。");
    return;
  }
  const finish = (aspect) => {
    const before = readState();
    const state = addRecord(before, meta, record, aspect);
    writeState(state);
    markAdded(button);
    // Other buttons for the same item (the page's and the search results') say so too.
    for (const other of document.querySelectorAll("button.kb-add-draft[data-kb-add]")) {
      if (other !== button && other.dataset.kbAdd === id) markAdded(other);
    }
    toast(addOutcome(meta, before, state).message);
  };
  const place = placement(meta, record, hints(meta));
  if (place.pick) picker(button, meta, record, finish);
  else finish(place.aspect);
}

// A 加入草稿 button for item `id`, shown as done when the current draft already holds it. `name` (the
// item's title) goes into the accessible name where the button stands apart from its item.
export function addButton(id, hints, { name = "", state = readState(), className = "" } = {}) {
  const button = makeButton("加入草稿", `kb-add-draft ${className}`.trim());
  button.dataset.kbAdd = id;
  if (name) {
    button.dataset.kbName = name;
    button.setAttribute("aria-label", `加入草稿：${name}`);
  }
  const draft = currentDraft(state);
  if (draft && hasItem(state, draft.id, id)) markAdded(button);
  button.addEventListener("click", () => addToDraft(button, id, hints).catch((err) => toast(`加入草稿失败：${err.message}`)));
  return button;
}

async function onCopy(button, el) {
  const id = el.dataset.kbId;
  const record = (await loadItems([id]))[id];
  const { title, body } = itemText(record);
  try {
    await copyText(joinTitle(title, body));
    copied(button);
  } catch {
    toast(COPY_FAILED);
  }
}

function makeButton(text, cls) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = `md-button ${cls}`;
  b.textContent = text;
  return b;
}

// Page-wide feature: buttons on every item of the page, once.
export function initAddToDraft(root) {
  updateCounter();
  const state = readState();
  for (const el of root.querySelectorAll("[data-kb-kind][data-kb-id]")) {
    if (el.dataset.kbDraftReady || !ADDABLE[el.dataset.kbKind]) continue;
    el.dataset.kbDraftReady = "1";
    const actions = document.createElement(el.tagName === "LI" ? "span" : "p");
    actions.className = "kb-item-actions";
    const hints = (meta) => [el.dataset.kbAspect, el.closest("[data-kb-aspect]")?.dataset.kbAspect, aspectFromPage(meta)];
    const add = addButton(el.dataset.kbId, hints, { state });
    actions.append(add);
    if (el.dataset.kbKind !== "problem") {
      const copy = makeButton(`复制${ADDABLE[el.dataset.kbKind]}文本`, "kb-copy-item");
      copy.addEventListener("click", () => onCopy(copy, el));
      actions.append(copy);
    }
    el.append(actions);
  }
  if (!window.__kbDraftStorageWatch) {
    window.__kbDraftStorageWatch = true;
    window.addEventListener("storage", (event) => {
      if (event.key === STORE_KEY) updateCounter();
    });
  }
}
