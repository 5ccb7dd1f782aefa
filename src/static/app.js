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
// Passwords (ASVS 2.1.8, 2.1.12): a "Show" button beside every password
// field, and on the new-password field (data-meter) a meter of its length in
// characters (a run of spaces counts as one, as on the server) with a warning
// for the commonest patterns. The server's check (zxcvbn) has the last word.
(function () {
  var common = ["password", "passw0rd", "qwerty", "123456", "abc123", "letmein", "welcome",
    "iloveyou", "monkey", "dragon", "football", "admin", "sunshine", "princess", "nursery",
    "keyworker", "changeme", "secret", "1q2w3e"];
  function chars(v) {
    return Array.from(v.replace(/ {2,}/g, " ")).length;
  }
  function warning(v) {
    var low = v.toLowerCase(), i;
    for (i = 0; i < common.length; i++)
      if (low.indexOf(common[i]) >= 0 && low.replace(common[i], "").replace(/[^a-z]/g, "").length < 4)
        return "a very common password with a little added";
    if (new Set(Array.from(v)).size <= 3) return "too few different characters";
    if (/^\d+$/.test(v)) return "only digits";
    if (/(.)\1\1\1/.test(v)) return "a character repeated";
    return "";
  }
  function rate(v) {
    var n = chars(v), words = v.trim().split(/\s+/).filter(Boolean).length, w = warning(v);
    if (!v) return { value: 0, text: "" };
    if (n < 12) return { value: 1, text: n + " of at least 12 characters" };
    if (w) return { value: 1, text: n + " characters, but " + w };
    if (words >= 3 || n >= 20) return { value: 4, text: n + " characters: strong" };
    if (n >= 16) return { value: 3, text: n + " characters: good; three or four words are better" };
    return { value: 2, text: n + " characters: fair; three or four unrelated words are stronger" };
  }
  function setUp() {
    document.querySelectorAll('input[type="password"]').forEach(function (input) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "secondary reveal";
      b.textContent = "Show";
      b.setAttribute("aria-controls", input.id);
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", function () {
        var show = input.type === "password";
        input.type = show ? "text" : "password";
        b.textContent = show ? "Hide" : "Show";
        b.setAttribute("aria-pressed", show ? "true" : "false");
        input.focus();
      });
      input.insertAdjacentElement("afterend", b);
      if (input.dataset.meter === undefined) return;
      var m = document.createElement("meter"), p = document.createElement("p");
      m.min = 0; m.max = 4; m.low = 2; m.high = 3; m.optimum = 4; m.value = 0;
      m.id = input.id + "-meter";
      m.setAttribute("aria-label", "Password strength");
      p.id = input.id + "-strength";
      p.className = "hint";
      p.setAttribute("aria-live", "polite");
      b.insertAdjacentElement("afterend", p);
      b.insertAdjacentElement("afterend", m);
      input.setAttribute("aria-describedby", p.id);
      input.addEventListener("input", function () {
        var r = rate(input.value);
        m.value = r.value;
        p.textContent = r.text;
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
