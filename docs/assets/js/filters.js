// Filter state for lists of examples: kept in the URL query (?role=township&perspective=个人). Pure.

export const FILTER_KEYS = ["meeting", "aspect", "role", "perspective", "level"];

// The filter values in a query string (only known keys with a non-empty value).
export function readFilterState(search) {
  const params = new URLSearchParams(search || "");
  const state = {};
  for (const key of FILTER_KEYS) {
    const value = (params.get(key) || "").trim();
    if (value) state[key] = value;
  }
  return state;
}

// A query string with the filter values replaced by `state`, other parameters (such as q) kept.
export function writeFilterState(search, state) {
  const params = new URLSearchParams(search || "");
  for (const key of FILTER_KEYS) {
    if (state[key]) params.set(key, state[key]);
    else params.delete(key);
  }
  const text = params.toString();
  return text ? "?" + text : "";
}

// Does an entry with these facets (key -> space-separated values) pass every filter in `state`?
export function matchesFilter(facets, state) {
  for (const key of Object.keys(state)) {
    const wanted = state[key];
    if (!wanted) continue;
    const have = (facets[key] || "").split(/\s+/);
    if (!have.includes(wanted)) return false;
  }
  return true;
}

// "显示 3 / 40 条示例" or "共 40 条示例" when nothing is filtered.
export function countLabel(shown, total, noun, filtered) {
  return filtered ? "显示 " + shown + " / " + total + " " + noun : "共 " + total + " " + noun;
}
