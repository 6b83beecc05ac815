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

  // Which row and item a request came from, to put the focus back near them.
  var lastChange = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var form = elt.closest ? elt.closest("form") : null;
    if (!form) return;
    var target = form.getAttribute("hx-target") || "";
    var kindInput = form.querySelector('input[name="kind"]');
    lastChange = {
      row: target.charAt(0) === "#" ? target.slice(1) : null,
      kind: form.querySelectorAll('input[name="kind"]').length === 1 && kindInput ? kindInput.value : null,
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

  function focusTarget(change) {
    var row = change.row ? document.getElementById(change.row) : null;
    if (!row) return document.getElementById("worklist-status");
    var invalid = row.querySelector('[aria-invalid="true"]');
    if (invalid) return invalid;
    if (change.kind) {
      var summary = row.querySelector('.wl-item[data-kind="' + change.kind + '"] summary');
      if (summary) return summary;
    }
    return row.querySelector("h3 a") || document.getElementById("worklist-status");
  }

  document.addEventListener("htmx:afterSettle", function () {
    expireUndo();
    if (!lastChange) return;
    var change = lastChange;
    lastChange = null;
    var active = document.activeElement;
    // The element that had the focus was replaced: put it near what changed.
    if (!active || active === document.body || !active.isConnected ||
        active.closest("#worklist-status")) {
      var target = focusTarget(change);
      if (target) target.focus();
    } else if (active.closest(".wl-row")) {
      var invalid = active.closest(".wl-row").querySelector('[aria-invalid="true"]');
      if (invalid) invalid.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", expireUndo);
})();
