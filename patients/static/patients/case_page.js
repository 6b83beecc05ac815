// The case page's small behaviours (no inline script: the CSP forbids it).
// Print button; timeline zoom between the whole history and the current episode.
// Without JavaScript both timelines are shown, one under the other.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var zoom = document.querySelector("[data-zoom]");
  if (!zoom) { return; }
  var views = document.querySelectorAll("figure[data-view]");
  var buttons = zoom.querySelectorAll("button[data-zoom-to]");
  function show(name) {
    views.forEach(function (view) {
      view.classList.toggle("js-hidden", view.getAttribute("data-view") !== name);
    });
    buttons.forEach(function (button) {
      var on = button.getAttribute("data-zoom-to") === name;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      show(button.getAttribute("data-zoom-to"));
    });
  });
  zoom.hidden = false;
  show("whole");
})();
