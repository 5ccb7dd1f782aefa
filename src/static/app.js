// keyworker — progressive enhancement only: every page works without this.
// Buttons marked data-confirm ask before submitting; select-all boxes.
"use strict";
document.addEventListener("submit", function (ev) {
  var b = ev.submitter;
  var msg = (b && b.dataset.confirm) || ev.target.dataset.confirm;
  if (msg && !window.confirm(msg)) ev.preventDefault();
});
document.addEventListener("change", function (ev) {
  var t = ev.target;
  if (t.dataset && t.dataset.selectAll) {
    document.querySelectorAll('input[name="' + t.dataset.selectAll + '"]').forEach(function (c) {
      c.checked = t.checked;
    });
  }
});
// The body map (bodymap.c): a click on a region of the drawing ticks its radio
// button (a concern: one region) or toggles its checkbox (an accident: several).
document.addEventListener("click", function (ev) {
  var g = ev.target.closest && ev.target.closest("svg.bodymap [data-region]");
  if (!g) return;
  var r = document.getElementById("region-" + g.dataset.region);
  if (!r) return;
  if (r.type === "checkbox") {
    r.checked = !r.checked;
    g.classList.toggle("chosen", r.checked);
    return;
  }
  r.checked = true;
  document.querySelectorAll("svg.bodymap [data-region]").forEach(function (x) {
    x.classList.toggle("chosen", x === g);
  });
});
