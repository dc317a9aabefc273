// Small DOM helpers shared by the page modules.

import { folderLink } from "./links.js";
import { itemShard } from "./shards.js";

const loading = new Map();

// Load a classic script once (works over http and file://, where fetch() of local files fails).
export function loadScript(src) {
  const url = new URL(src, document.baseURI).href;
  if (!loading.has(url)) {
    loading.set(url, new Promise((resolve, reject) => {
      const el = document.createElement("script");
      el.src = url;
      el.onload = () => resolve();
      el.onerror = () => {
        loading.delete(url);
        reject(new Error(`无法加载 ${src}`));
      };
      document.head.appendChild(el);
    }));
  }
  return loading.get(url);
}

// URL of a file under the site root, from the page's own location (set by the theme as base_url).
export function siteUrl(path) {
  const root = document.documentElement.dataset.kbRoot
    || (document.querySelector("script[src*='assets/kb.bundle.js']")?.src || "").replace(/assets\/kb\.bundle\.js.*$/, "");
  const url = new URL(path, root || document.baseURI).href;
  // From a folder (file://) a link to a folder would show a folder listing: name its index.html.
  return url.startsWith("file:") ? folderLink(url) : url;
}

// Load the data file assets/data/<name>.js and return window.KB_DATA[name].
export async function loadData(name) {
  await loadScript(siteUrl(`assets/data/${name}.js`));
  return window.KB_DATA[name];
}

// Every item record (example, cause, measure) with the given ids, loading only the shards needed.
export async function loadItems(ids) {
  const meta = await loadData("meta");
  const wanted = new Set(ids.map((id) => itemShard(id, meta.shards)));
  await Promise.all([...wanted].map((n) => loadScript(siteUrl(`assets/data/items/${n}.js`))));
  const out = {};
  for (const id of ids) {
    const shard = window.KB_DATA.items?.[itemShard(id, meta.shards)];
    if (shard?.[id]) out[id] = shard[id];
  }
  return out;
}

// Download bytes or text as a file with the given (Chinese) name; nothing leaves the browser.
export function saveFile(name, data, type) {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
