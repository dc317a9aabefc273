// Copying an example, cause or measure: the text goes to the clipboard with a reminder that it is
// inspiration, never text to hand in. Intranet sites are often plain http, where
// navigator.clipboard is unavailable, so the old selection-based copy is the fallback.

export const COPY_FAILED = "复制失败，请手动选中文字复制。";

export function toast(message) {
  document.querySelector(".kb-toast")?.remove();
  const el = document.createElement("div");
  el.className = "kb-toast";
  el.setAttribute("role", "status");
  el.textContent = message;
  document.body.appendChild(el);
  setTimeout(() => el.remove(), 4000);
}

export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch { /* fall through to the old way */ }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy failed");
}

// "Title。\nBody" as a material writes it.
export function joinTitle(title, body) {
  return `${title}${/[。！？]$/.test(title) ? "" : "。"}\n${body}`;
}

export function copied(button) {
  button.dataset.state = "done";
  button.textContent = "已复制";
  toast("已复制。请把其中的事实全部换成本人、本单位的真实情况，切勿照搬。");
}

// The copy buttons written into example renderings (button[data-kb-copy]); shown only with script.
export function initCopyButtons(root) {
  if (root.__kbCopyBound) return;
  root.__kbCopyBound = true;
  root.addEventListener("click", (event) => {
    const button = event.target.closest?.("button[data-kb-copy]");
    if (!button) return;
    const box = button.closest(".kb-example, .kb-item");
    const heading = box?.querySelector("h3");
    const body = box?.querySelector(".kb-body");
    const title = heading ? heading.textContent.replace(/[\u00b6¶]\s*$/, "").trim() : "";
    const text = body ? body.innerText.trim().replace(/\n{2,}/g, "\n") : "";
    copyText(joinTitle(title, text)).then(() => copied(button), () => toast(COPY_FAILED));
  });
}
