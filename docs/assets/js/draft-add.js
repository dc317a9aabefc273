// What 加入草稿 does with an example, cause or measure, wherever its button is (beside the item on a
// page, or on a search result). Pure: the DOM module add-to-draft.ui.js reads and saves the state,
// asks for an aspect when one is needed and shows the outcome.

import { addItem, currentDraft, openDraft } from "./draft-store.js";

// Kinds of item a draft takes, with the word used on buttons.
export const ADDABLE = { problem: "示例", cause: "原因", measure: "措施" };

// The text an item contributes to a draft: the example's cases follow its body.
export function itemText(record) {
  const body = [record.body, ...(record.cases || [])].map((x) => String(x || "").trim()).filter(Boolean).join("");
  return { title: record.title, body };
}

// The item id of a search result or link: its URL's anchor ("examples/x/#office-001" -> "office-001").
export function itemIdFromUrl(url) {
  const hash = String(url || "").split("#")[1];
  if (!hash) return null;
  try {
    return decodeURIComponent(hash);
  } catch {
    return hash;
  }
}

export function meetingOf(meta, aspect) {
  return meta.meetings.find((m) => m.aspects.some((a) => a.id === aspect)) || null;
}

export function meetingLabel(meeting) {
  return `${meeting.year}年度${meeting.kind}`;
}

// Where an item goes: causes and measures have no aspect ({aspect: null}); an example goes under the
// first known aspect among the hints (the list entry's, the page's), otherwise the user picks one
// ({pick: true}).
export function placement(meta, record, hints) {
  if (record.kind !== "problem") return { aspect: null };
  const aspect = (hints || []).find((id) => id && meetingOf(meta, id));
  return aspect ? { aspect } : { pick: true };
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
    if (own.length) groups.push({ group: `本示例对应（${meetingLabel(here)}）`, options: own.map((a) => ({ id: a.id, text: `（${n(a)}）${a.short}` })) });
    groups.push({ group: meetingLabel(here), options: rest.map((a) => ({ id: a.id, text: `（${n(a)}）${a.short}` })) });
  }
  const elsewhere = ownAspects.filter((id) => !here?.aspects.some((a) => a.id === id));
  const other = elsewhere.map((id) => ({ id, meeting: meetingOf(meta, id) })).filter((x) => x.meeting);
  if (other.length) {
    groups.push({ group: "本示例对应的其他年度", options: other.map(({ id, meeting }) => ({ id, text: `${meetingLabel(meeting)}·${meeting.aspects.find((a) => a.id === id).short}` })) });
  }
  return groups;
}

// The state with the item added: an example goes to the draft of its aspect's meeting (keeping the
// current perspective), a cause or measure to the current draft (a new personal draft for the
// current meeting when there is none).
export function addRecord(state, meta, record, aspect) {
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

// What to tell the user after addRecord: {added, message}.
export function addOutcome(meta, before, after) {
  const draft = currentDraft(after);
  const meeting = meta.meetings.find((m) => m.id === draft.meeting);
  const name = meeting ? meetingLabel(meeting) : "当前";
  const added = draft.items.length !== (before.drafts[draft.id]?.items.length || 0);
  return {
    added,
    message: added
      ? `已加入${name}草稿（共 ${draft.items.length} 条）。请到“我的草稿”中改写为本人本单位的事实。`
      : `这一条已在${name}草稿中。`,
  };
}
