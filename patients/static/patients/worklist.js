// The worklist's changes in place (htmx): the CSRF token on every request, focus kept
// near what changed, and the undo offered for a few seconds. No inline script.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  var lastChange = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    var row = event.detail.elt.closest ? event.detail.elt.closest(".wl-row") : null;
    var kindInput = form ? form.querySelector('input[name="kind"]') : null;
    lastChange = {
      row: row ? row.id : null,
      kind: kindInput ? kindInput.value : null,
      undo: form ? form.classList.contains("wl-undo") : false,
    };
  });

  function expireUndo() {
    var form = document.querySelector("#worklist-status form.wl-undo");
    if (!form) return;
    var seconds = parseInt(form.getAttribute("data-undo-seconds"), 10) || 15;
    window.clearTimeout(expireUndo.timer);
    expireUndo.timer = window.setTimeout(function () {
      if (form.isConnected) form.remove();
    }, seconds * 1000);
  }

  document.addEventListener("htmx:afterSettle", function () {
    expireUndo();
    if (!lastChange) return;
    var change = lastChange;
    lastChange = null;
    var target = null;
    if (change.row && !change.undo) {
      var row = document.getElementById(change.row);
      if (row && change.kind) {
        target = row.querySelector('.wl-item[data-kind="' + change.kind + '"] summary');
      }
      if (!target && row) target = row.querySelector("h3 a");
    }
    if (!target) target = document.getElementById("worklist-status");
    if (target && document.activeElement !== target &&
        (!document.activeElement || document.activeElement === document.body ||
         !document.activeElement.isConnected || change.undo)) {
      target.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", expireUndo);
})();
