/* Copy buttons and example filters. Plain script, no network, works with or without instant loading. */
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
    var chip = event.target.closest("button[data-kb-filter]");
    if (chip) {
      var group = chip.parentElement;
      group.querySelectorAll("button").forEach(function (b) {
        b.setAttribute("aria-pressed", b === chip ? "true" : "false");
      });
      applyFilters(chip.closest(".kb-filters"));
    }
  });

  function applyFilters(panel) {
    var role = panel.querySelector('[data-kb-filter="role"][aria-pressed="true"]');
    var persp = panel.querySelector('[data-kb-filter="perspective"][aria-pressed="true"]');
    var r = role ? role.dataset.value : "";
    var p = persp ? persp.dataset.value : "";
    var shown = 0, all = document.querySelectorAll(".kb-example");
    all.forEach(function (box) {
      var ok = (!r || box.dataset.roles.split(" ").indexOf(r) >= 0) && (!p || box.dataset.perspective === p);
      box.hidden = !ok;
      if (ok) shown += 1;
    });
    var count = panel.querySelector(".kb-count");
    if (count) count.textContent = "显示 " + shown + " / " + all.length + " 条示例";
  }

  function init() {
    document.querySelectorAll(".kb-filters").forEach(function (panel) {
      panel.hidden = false;
      applyFilters(panel);
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* Chinese phrase search. Material's search splits a Chinese query into words and ORs them, so a
 * phrase copied from an example ranks pages that merely share one common word higher. Before the
 * query reaches the search worker we require every word (Lunr's "+"), splitting punctuation and
 * script boundaries; when that finds nothing, the original query is sent again. Without this
 * script, or if the worker protocol changes, search still works with the default behaviour. */
(function () {
  "use strict";
  if (!window.Worker || !Worker.prototype.postMessage) return;
  var QUERY = 2, RESULT = 3;           // Material's SearchMessageType values
  var SENTINEL = "\u3400";            // CJK Extension A, absent from the index
  var send = Worker.prototype.postMessage;
  var fallback = new WeakMap();

  function strict(query) {
    if (!/\p{sc=Han}/u.test(query) || /["+\-*~^:]/.test(query)) return null;
    var words = query
      .replace(/[\p{P}\p{S}]/gu, " ")
      .replace(/(\p{sc=Han})(?=[A-Za-z0-9])/gu, "$1 ")
      .replace(/([A-Za-z0-9])(?=\p{sc=Han})/gu, "$1 ")
      .trim()
      // Material's segmenter never tests a word that ends at the last character of a Chinese
      // run, so "两个确立" became just "两个". A rare Han sentinel after each run lets the last
      // word be found; the sentinel itself is never part of a segment.
      .replace(/\p{sc=Han}+/gu, "$&" + SENTINEL);
    return words ? '" ' + words + '"' : null;
  }

  function watch(worker) {
    if (worker.__kbWatched) return;
    worker.__kbWatched = true;
    worker.addEventListener("message", function (event) {
      var msg = event.data;
      if (msg && msg.type === RESULT && msg.data && msg.data.items && msg.data.items.length === 0 && fallback.has(worker)) {
        var original = fallback.get(worker);
        fallback.delete(worker);
        send.call(worker, { type: QUERY, data: original });
      }
    });
  }

  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var query = strict(message.data);
      if (query !== null) {
        fallback.set(this, message.data);
        watch(this);
        return send.call(this, { type: QUERY, data: query });
      }
      fallback.delete(this);
    }
    return send.apply(this, arguments);
  };
})();
