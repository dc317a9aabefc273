// Starts every script feature of a page once: components bound by data-module, and page-wide
// features. Pages read well without script; what needs script is shown only under html.kb-js.

import { init as initFilterBar } from "./filter-bar.js";
import { initCopyButtons } from "./copy.js";
import { initFileLinks } from "./links.js";
import { initSearch } from "./search-ui.js";
import { init as initSelfcheck } from "./selfcheck.ui.js";
import { init as initDraft } from "./draft.ui.js";
import { initAddToDraft } from "./add-to-draft.ui.js";

const MODULES = {
  "kb-filter": initFilterBar,
  "kb-draft": initDraft,
  "kb-selfcheck": initSelfcheck,
};

const FEATURES = [
  initSearch,
  initAddToDraft,
  initFileLinks,
  initCopyButtons,
];

export function startAll(root) {
  document.documentElement.classList.add("kb-js");
  for (const feature of FEATURES) run(feature, root);
  for (const el of root.querySelectorAll("[data-module]")) {
    const init = MODULES[el.dataset.module];
    if (init && !el.dataset.kbStarted) {
      el.dataset.kbStarted = "1";
      run(init, el);
    }
  }
}

function run(fn, arg) {
  try {
    fn(arg);
  } catch (err) {
    console.error(err);
  }
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => startAll(document));
  } else {
    startAll(document);
  }
  // Material's instant navigation swaps page content without a reload.
  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(() => startAll(document));
}
