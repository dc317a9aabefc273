// 问题—原因—措施对应: for each problem in a draft, which of the draft's causes and measures answer it,
// and which knowledge-base causes and measures fit it. Pure.
//
// A cause answers a problem when the problem names it (problem.causes), or, for a problem that names
// none, when they share a theme (the problem's own themes and those of the aspect it is filed under).
// A measure answers a problem when it answers one of the problem's causes, or shares a theme with it.

function overlap(a, b) {
  return a.some((x) => b.includes(x));
}

export function problemThemes(item, record, aspectThemes) {
  return [...new Set([...(record?.themes || []), ...(aspectThemes[item.aspect] || [])])];
}

export function causeFits(problem, themes, cause) {
  if (problem?.causes?.length) return problem.causes.includes(cause.id);
  return overlap(themes, cause.themes || []);
}

export function measureFits(themes, causeIds, measure) {
  return overlap(causeIds, measure.causes || []) || overlap(themes, measure.themes || []);
}

// draftItems: the draft's items; records: id -> knowledge-base record (of at least the draft's items,
// and of every cause and measure when suggestions are wanted); aspectThemes: aspect id -> theme ids.
// Returns [{item, causes: [draft items], measures: [draft items], suggest: {causes: [records], measures: [records]}}].
export function coverage(draftItems, records, aspectThemes, limit = 3) {
  const chosenCauses = draftItems.filter((x) => x.kind === "cause");
  const chosenMeasures = draftItems.filter((x) => x.kind === "measure");
  const inDraft = new Set(draftItems.map((x) => x.ref));
  const all = Object.values(records);
  return draftItems.filter((x) => x.kind === "problem").map((item) => {
    const record = records[item.ref];
    const themes = problemThemes(item, record, aspectThemes);
    const causes = chosenCauses.filter((c) => records[c.ref] && causeFits(record, themes, records[c.ref]));
    const fittingCauseIds = all.filter((r) => r.kind === "cause" && causeFits(record, themes, r)).map((r) => r.id);
    const measures = chosenMeasures.filter((m) => records[m.ref] && measureFits(themes, fittingCauseIds, records[m.ref]));
    const suggest = {
      causes: all.filter((r) => r.kind === "cause" && !inDraft.has(r.id) && causeFits(record, themes, r)).slice(0, limit),
      measures: all.filter((r) => r.kind === "measure" && !inDraft.has(r.id) && measureFits(themes, fittingCauseIds, r)).slice(0, limit),
    };
    return { item, causes, measures, suggest };
  });
}
