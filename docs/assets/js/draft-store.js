// The draft model: several drafts (one per meeting by default), each a list of chosen items that the
// user edits. Pure: every change returns a new state and leaves the old one untouched, so a failed
// change or a rejected import never half-applies. The DOM modules save the state to localStorage.

export const STORE_KEY = "kb.drafts";
export const FORMAT = "reviewkb-draft";
export const VERSION = 1;
export const KINDS = ["problem", "cause", "measure"];
export const PERSPECTIVES = ["个人", "班子"];
// Which section of a material each kind of item fills.
export const SECTION_OF = { problem: "problems", cause: "causes", measure: "measures" };

const ID_RE = /^[A-Za-z0-9_.-]{1,80}$/;
const MAX_ITEMS = 500;
const MAX_TEXT = 20000;

export function emptyState() {
  return { format: FORMAT, version: VERSION, current: null, drafts: {} };
}

// The draft for a meeting (id = meeting id), created when missing; it becomes the current draft.
export function openDraft(state, meeting, perspective) {
  const existing = state.drafts[meeting];
  if (existing) {
    const draft = perspective && perspective !== existing.perspective ? { ...existing, perspective } : existing;
    return { ...state, current: meeting, drafts: { ...state.drafts, [meeting]: draft } };
  }
  const draft = { id: meeting, meeting, perspective: perspective || "个人", items: [], next: 1 };
  return { ...state, current: meeting, drafts: { ...state.drafts, [meeting]: draft } };
}

export function currentDraft(state) {
  return (state.current && state.drafts[state.current]) || null;
}

export function itemCount(state) {
  const draft = currentDraft(state);
  return draft ? draft.items.length : 0;
}

function withDraft(state, draftId, change) {
  const draft = state.drafts[draftId];
  if (!draft) throw new Error(`没有这份草稿：${draftId}`);
  const next = change(draft);
  if (next === draft) return state;
  return { ...state, drafts: { ...state.drafts, [draftId]: next } };
}

function sameGroup(a, b) {
  return a.kind === b.kind && (a.kind !== "problem" || a.aspect === b.aspect);
}

// Add a knowledge-base item: {kind, ref, aspect, title, body, source: {title, url}}. The same item
// under the same aspect is added once; returns the state unchanged when it is already there.
export function addItem(state, draftId, item) {
  if (!KINDS.includes(item.kind)) throw new Error(`未知的条目类型：${item.kind}`);
  return withDraft(state, draftId, (draft) => {
    const aspect = item.kind === "problem" ? item.aspect || null : null;
    if (draft.items.some((x) => x.ref === item.ref && x.aspect === aspect)) return draft;
    const entry = {
      uid: `i${draft.next}`, kind: item.kind, ref: item.ref, aspect,
      title: item.title, body: item.body, kbTitle: item.title, kbBody: item.body,
      source: { title: item.source?.title || item.title, url: item.source?.url || "" },
    };
    return { ...draft, next: draft.next + 1, items: [...draft.items, entry] };
  });
}

export function hasItem(state, draftId, ref) {
  return !!state.drafts[draftId]?.items.some((x) => x.ref === ref);
}

export function removeItem(state, draftId, uid) {
  return withDraft(state, draftId, (draft) => ({ ...draft, items: draft.items.filter((x) => x.uid !== uid) }));
}

export function editItem(state, draftId, uid, fields) {
  return withDraft(state, draftId, (draft) => ({
    ...draft,
    items: draft.items.map((x) => (x.uid === uid ? {
      ...x,
      title: typeof fields.title === "string" ? fields.title : x.title,
      body: typeof fields.body === "string" ? fields.body : x.body,
    } : x)),
  }));
}

// Move an item one place up (delta -1) or down (+1) among the items of its own group.
export function moveItem(state, draftId, uid, delta) {
  return withDraft(state, draftId, (draft) => {
    const items = [...draft.items];
    const i = items.findIndex((x) => x.uid === uid);
    if (i < 0) return draft;
    let j = i + delta;
    while (j >= 0 && j < items.length && !sameGroup(items[j], items[i])) j += delta;
    if (j < 0 || j >= items.length) return draft;
    [items[i], items[j]] = [items[j], items[i]];
    return { ...draft, items };
  });
}

// File an example under another aspect: it goes to the end of that aspect's items.
export function setAspect(state, draftId, uid, aspect) {
  return withDraft(state, draftId, (draft) => {
    const item = draft.items.find((x) => x.uid === uid);
    if (!item || item.kind !== "problem" || item.aspect === aspect) return draft;
    return { ...draft, items: [...draft.items.filter((x) => x.uid !== uid), { ...item, aspect }] };
  });
}

export function setPerspective(state, draftId, perspective) {
  if (!PERSPECTIVES.includes(perspective)) throw new Error(`未知的视角：${perspective}`);
  return withDraft(state, draftId, (draft) => (draft.perspective === perspective ? draft : { ...draft, perspective }));
}

// Empty one draft (its meeting and perspective stay).
export function clearDraft(state, draftId) {
  return withDraft(state, draftId, (draft) => ({ ...draft, items: [] }));
}

export function serialize(state) {
  return JSON.stringify(state);
}

// State from localStorage text; anything unreadable gives an empty state (never throws).
export function loadState(text) {
  if (!text) return emptyState();
  const result = validateBackup(text);
  return result.ok ? result.state : emptyState();
}

// Check a backup file (or stored text) completely before anything is replaced.
// Returns {ok: true, state} with a fresh, normalized state, or {ok: false, error} in Chinese.
export function validateBackup(text, known) {
  let data;
  try {
    data = JSON.parse(typeof text === "string" ? text.replace(/^\ufeff/, "") : "");
  } catch {
    return fail("文件不是有效的 JSON 格式，可能已损坏或不是草稿备份。");
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
    return fail("这不是本站导出的草稿备份文件（缺少草稿备份标记）。");
  }
  if (data.version !== VERSION) return fail(`备份文件的版本（${String(data.version)}）本站无法识别。`);
  if (!data.drafts || typeof data.drafts !== "object" || Array.isArray(data.drafts)) {
    return fail("备份文件中没有草稿内容。");
  }
  const drafts = [];
  for (const [key, d] of Object.entries(data.drafts)) {
    const checked = checkDraft(key, d, known);
    if (typeof checked === "string") return fail(checked);
    drafts.push([key, checked]);
  }
  const current = data.current === null || data.current === undefined ? null : data.current;
  if (current !== null && !drafts.some(([k]) => k === current)) return fail("备份文件中的当前草稿不存在。");
  return { ok: true, state: { format: FORMAT, version: VERSION, current, drafts: Object.fromEntries(drafts) } };
}

function fail(error) {
  return { ok: false, error };
}

function isText(v, max = MAX_TEXT) {
  return typeof v === "string" && v.length <= max;
}

function checkDraft(key, d, known) {
  if (!ID_RE.test(key) || !d || typeof d !== "object" || d.id !== key) return `备份中有一份草稿的编号“${String(key).slice(0, 40)}”无效。`;
  if (!isText(d.meeting, 80) || !ID_RE.test(d.meeting)) return `草稿“${key}”的会议无效。`;
  if (known?.meetings && !known.meetings.has(d.meeting)) return `草稿“${key}”所属的会议“${d.meeting}”在本站中不存在。`;
  if (!PERSPECTIVES.includes(d.perspective)) return `草稿“${key}”的视角无效（应为个人或班子）。`;
  if (!Array.isArray(d.items) || d.items.length > MAX_ITEMS) return `草稿“${key}”的条目列表无效。`;
  if (!Number.isInteger(d.next) || d.next < 1) return `草稿“${key}”的编号计数无效。`;
  const items = [];
  const uids = new Set();
  for (const [n, x] of d.items.entries()) {
    const where = `草稿“${key}”第 ${n + 1} 条`;
    if (!x || typeof x !== "object" || !isText(x.uid, 20) || !/^i\d+$/.test(x.uid) || uids.has(x.uid)) return `${where}的编号无效。`;
    uids.add(x.uid);
    if (!KINDS.includes(x.kind)) return `${where}的类型无效。`;
    if (!isText(x.ref, 120) || !ID_RE.test(x.ref)) return `${where}的来源编号无效。`;
    if (x.kind === "problem" ? !(x.aspect === null || (isText(x.aspect, 80) && ID_RE.test(x.aspect))) : x.aspect !== null) {
      return `${where}的检视重点无效。`;
    }
    if (known?.aspects && x.aspect !== null && !known.aspects.has(x.aspect)) return `${where}的检视重点“${x.aspect}”在本站中不存在。`;
    for (const f of ["title", "body", "kbTitle", "kbBody"]) if (!isText(x[f])) return `${where}的文字内容无效。`;
    if (!x.source || typeof x.source !== "object" || !isText(x.source.title, 2000) || !isText(x.source.url, 2000)) {
      return `${where}的出处无效。`;
    }
    items.push({
      uid: x.uid, kind: x.kind, ref: x.ref, aspect: x.aspect, title: x.title, body: x.body,
      kbTitle: x.kbTitle, kbBody: x.kbBody, source: { title: x.source.title, url: x.source.url },
    });
  }
  return { id: key, meeting: d.meeting, perspective: d.perspective, items, next: Math.max(d.next, ...items.map((x) => Number(x.uid.slice(1)) + 1)) };
}
