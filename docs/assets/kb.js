/* Copy buttons. Plain script, no network, works with or without instant loading. */
(function () {
  "use strict";

  function exampleText(box) {
    var title = box.querySelector("h3");
    var body = box.querySelector(".kb-body");
    var head = title ? title.textContent.replace(/[\u00b6¶]\s*$/, "").trim() : "";
    var text = body ? body.innerText.trim().replace(/\n{2,}/g, "\n") : "";
    return head + (head && !/[。！？]$/.test(head) ? "。" : "") + "\n" + text;
  }

  function fallbackCopy(text) {
    // Intranet sites are often plain http, where navigator.clipboard is unavailable.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function toast(message) {
    var old = document.querySelector(".kb-toast");
    if (old) old.remove();
    var el = document.createElement("div");
    el.className = "kb-toast";
    el.setAttribute("role", "status");
    el.textContent = message;
    document.body.appendChild(el);
    setTimeout(function () { el.remove(); }, 4000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-kb-copy]");
    if (button) {
      var box = button.closest(".kb-example");
      copy(exampleText(box)).then(function () {
        button.dataset.state = "done";
        button.textContent = "已复制";
        toast("已复制。请把其中的事实全部换成本人、本单位的真实情况，切勿照搬。");
      }, function () {
        toast("复制失败，请手动选中文字复制。");
      });
      return;
    }
  });

})();

