// Filter bar of aspect and library pages: <form data-module="kb-filter"> with one <select> per facet.
import { countLabel, matchesFilter, readFilterState, writeFilterState } from "./filters.js";

function facetsOf(el, keys) {
  const facets = {};
  for (const key of keys) facets[key] = el.getAttribute("data-f-" + key) || "";
  return facets;
}

// Hide the table-of-contents links of hidden items, so the contents follow the filter.
function syncToc(items) {
  for (const el of items) {
    const id = el.getAttribute("data-kb-id");
    document.querySelectorAll('.md-nav--secondary a[href="#' + CSS.escape(id) + '"]').forEach((a) => {
      const li = a.closest("li");
      if (li) li.hidden = el.hidden;
    });
  }
}

export function init(form) {
  const selects = Array.from(form.querySelectorAll("select"));
  const keys = selects.map((s) => s.name);
  const scope = form.closest("article") || document;
  const items = Array.from(scope.querySelectorAll("[data-kb-kind][data-kb-id][data-f-role]"));
  const noun = form.getAttribute("data-kb-noun") || "条";
  const count = form.querySelector(".kb-count");

  function fromUrl() {
    const state = readFilterState(window.location.search);
    for (const s of selects) {
      const value = state[s.name] || "";
      s.value = Array.from(s.options).some((o) => o.value === value) ? value : "";
    }
  }

  function apply(updateUrl) {
    const state = {};
    for (const s of selects) if (s.value) state[s.name] = s.value;
    let shown = 0;
    for (const el of items) {
      el.hidden = !matchesFilter(facetsOf(el, keys), state);
      if (!el.hidden) shown += 1;
    }
    if (count) count.textContent = countLabel(shown, items.length, noun, Object.keys(state).length > 0);
    syncToc(items);
    if (updateUrl) {
      const search = writeFilterState(window.location.search, state);
      history.replaceState(history.state, "", window.location.pathname + search + window.location.hash);
    }
  }

  form.hidden = false;
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", () => apply(true));
  form.addEventListener("reset", () => setTimeout(() => apply(true), 0));
  window.addEventListener("popstate", () => { fromUrl(); apply(false); });
  fromUrl();
  apply(false);
}
