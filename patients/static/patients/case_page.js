// The case page's small behaviours (no inline script: the CSP forbids it).
// Print button; timeline zoom (whole history / current episode).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
