// "Print this page" buttons (data-print): shown, and wired, only when scripts run,
// since the Content-Security-Policy allows no inline onclick.
(function () {
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
