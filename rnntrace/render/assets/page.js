// rnntrace's HTML export: Next/Back buttons and the arrow keys step through the pages.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var pages = Array.prototype.slice.call(document.querySelectorAll(".page"));
  var back = document.getElementById("back"), next = document.getElementById("next");
  var where = document.getElementById("where");
  var current = 0;
  function show(k) {
    current = Math.max(0, Math.min(pages.length - 1, k));
    pages.forEach(function (p, i) { p.classList.toggle("current", i === current); });
    back.disabled = current === 0;
    next.disabled = current === pages.length - 1;
    where.textContent = (current + 1) + " / " + pages.length;
    if (history.replaceState) { history.replaceState(null, "", "#" + (current + 1)); }
    window.scrollTo(0, 0);
  }
  back.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    if (e.key === "ArrowRight" || e.key === "PageDown") { show(current + 1); e.preventDefault(); }
    else if (e.key === "ArrowLeft" || e.key === "PageUp") { show(current - 1); e.preventDefault(); }
    else if (e.key === "Home") { show(0); e.preventDefault(); }
    else if (e.key === "End") { show(pages.length - 1); e.preventDefault(); }
  });
  var start = parseInt((location.hash || "#1").slice(1), 10);
  show(isNaN(start) ? 0 : start - 1);
})();
