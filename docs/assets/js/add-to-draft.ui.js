// 加入草稿 and copy buttons beside every example, cause and measure of a page, and the draft counter
// in the header. Items are found by data-kb-kind / data-kb-id; an example on an aspect page is filed
// under that aspect, elsewhere the user picks one (the example's own aspects first).

import { loadData, loadItems, siteUrl } from "./dom.js";
import { COPY_FAILED, copied, copyText, joinTitle, toast } from "./copy.js";
import { STORE_KEY, addItem, currentDraft, hasItem, itemCount, loadState, openDraft, serialize, validateBackup } from "./draft-store.js";

const KIND_NAME = { problem: "示例", cause: "原因", measure: "措施" };

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

// The text an item contributes to a draft: the example's cases follow its body.
export function itemText(record) {
  const body = [record.body, ...(record.cases || [])].map((x) => String(x || "").trim()).filter(Boolean).join("");
  return { title: record.title, body };
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

function meetingOf(meta, aspect) {
  return meta.meetings.find((m) => m.aspects.some((a) => a.id === aspect));
}

function label(meeting) {
  return `${meeting.year}年度${meeting.kind}`;
}

// Options for filing an example: own aspects in the draft's meeting, the rest of that meeting, then
// own aspects of other meetings. Returns [{group, options: [{id, text}]}].
export function aspectChoices(meta, meetingId, ownAspects) {
  const here = meta.meetings.find((m) => m.id === meetingId);
  const groups = [];
  if (here) {
    const own = here.aspects.filter((a) => ownAspects.includes(a.id));
    const rest = here.aspects.filter((a) => !ownAspects.includes(a.id));
    const n = (a) => here.aspects.indexOf(a) + 1;
    if (own.length) groups.push({ group: `本示例对应（${label(here)}）`, options: own.map((a) => ({ id: a.id, text: `（${n(a)}）${a.short}` })) });
    groups.push({ group: label(here), options: rest.map((a) => ({ id: a.id, text: `（${n(a)}）${a.short}` })) });
  }
  const elsewhere = ownAspects.filter((id) => !here?.aspects.some((a) => a.id === id));
  const other = elsewhere.map((id) => ({ id, meeting: meetingOf(meta, id) })).filter((x) => x.meeting);
  if (other.length) {
    groups.push({ group: "本示例对应的其他年度", options: other.map(({ id, meeting }) => ({ id, text: `${label(meeting)}·${meeting.aspects.find((a) => a.id === id).short}` })) });
  }
  return groups;
}

function add(state, meta, record, aspect) {
  let next = state;
  if (aspect) {
    next = openDraft(next, meetingOf(meta, aspect).id, currentDraft(next)?.perspective);
  } else if (!currentDraft(next)) {
    next = openDraft(next, meta.current, "个人");
  }
  const text = itemText(record);
  return addItem(next, next.current, {
    kind: record.kind, ref: record.id, aspect, title: text.title, body: text.body,
    source: { title: record.title, url: record.url },
  });
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
  ok.addEventListener("click", () => {
    box.remove();
    done(select.value);
  });
  cancel.addEventListener("click", () => box.remove());
}

function markAdded(button) {
  button.dataset.state = "done";
  button.textContent = "已在草稿中";
}

async function onAdd(button, el) {
  const meta = await loadData("meta");
  const id = el.dataset.kbId;
  const record = (await loadItems([id]))[id];
  if (!record) {
    toast("没有找到这一条的内容，请刷新页面后再试。");
    return;
  }
  const finish = (aspect) => {
    const before = readState();
    const state = add(before, meta, record, aspect);
    writeState(state);
    markAdded(button);
    const draft = currentDraft(state);
    const meeting = meta.meetings.find((m) => m.id === draft.meeting);
    toast(draft.items.length === (before.drafts[draft.id]?.items.length || 0)
      ? `这一条已在${label(meeting)}草稿中。`
      : `已加入${label(meeting)}草稿（共 ${draft.items.length} 条）。请到“我的草稿”中改写为本人本单位的事实。`);
  };
  if (record.kind !== "problem") return finish(null);
  const aspect = el.dataset.kbAspect || el.closest("[data-kb-aspect]")?.dataset.kbAspect || aspectFromPage(meta);
  if (aspect) return finish(aspect);
  picker(button, meta, record, finish);
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
  const draftId = currentDraft(state)?.id;
  for (const el of root.querySelectorAll("[data-kb-kind][data-kb-id]")) {
    if (el.dataset.kbDraftReady || !KIND_NAME[el.dataset.kbKind]) continue;
    el.dataset.kbDraftReady = "1";
    const actions = document.createElement(el.tagName === "LI" ? "span" : "p");
    actions.className = "kb-item-actions";
    const addButton = makeButton("加入草稿", "kb-add-draft");
    addButton.dataset.kbAdd = el.dataset.kbId;
    if (draftId && hasItem(state, draftId, el.dataset.kbId)) markAdded(addButton);
    addButton.addEventListener("click", () => onAdd(addButton, el).catch((err) => toast(`加入草稿失败：${err.message}`)));
    actions.append(addButton);
    if (el.dataset.kbKind !== "problem") {
      const copy = makeButton(`复制${KIND_NAME[el.dataset.kbKind]}文本`, "kb-copy-item");
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
