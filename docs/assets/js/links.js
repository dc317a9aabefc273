// Links in the offline copy: opened from a folder (file://), a link to a folder must name its
// index.html, or the browser shows a folder listing. The twin of reviewkb.offline._folder_link.

export function folderLink(url) {
  const hash = url.indexOf("#");
  const frag = hash >= 0 ? url.slice(hash) : "";
  let path = hash >= 0 ? url.slice(0, hash) : url;
  const q = path.indexOf("?");
  const query = q >= 0 ? path.slice(q) : "";
  if (q >= 0) path = path.slice(0, q);
  const last = path.slice(path.lastIndexOf("/") + 1);
  if (last === "." || last === "..") path += "/";   // "..", "../..": the logo link two folders down
  if (path.endsWith("/")) path += "index.html";
  return path + query + frag;
}

// On file:// pages, links that scripts create are fixed when followed (those made with dom.siteUrl
// already name their index.html); the build already fixed every link written in the pages.
export function initFileLinks(root) {
  if (typeof location === "undefined" || location.protocol !== "file:") return;
  root.addEventListener("click", (event) => {
    const a = event.target.closest?.("a[href]");
    if (!a || a.hasAttribute("download")) return;
    const href = a.getAttribute("href");
    if ((/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith("file:")) || href.startsWith("#")) return;
    const fixed = folderLink(href);
    if (fixed !== href) a.setAttribute("href", fixed);
  }, true);
}
