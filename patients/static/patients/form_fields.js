// Show only the fields that apply to the chosen value of another field (an event's
// type, a referral's status). The server marks each such field with
// data-show-when (the controlling field's name) and data-show-values (the values it
// applies to). Without JavaScript every field shows and still works; a field with an
// error is never hidden. No inline script: the CSP forbids it.
(function () {
  "use strict";
  var fields = document.querySelectorAll("[data-show-when]");
  if (!fields.length) { return; }
  function update(form) {
    fields.forEach(function (field) {
      var control = form.elements[field.getAttribute("data-show-when")];
      if (!control || !form.contains(field)) { return; }
      var value = control.value;
      var values = (field.getAttribute("data-show-values") || "").split(" ");
      var applies = !value || values.indexOf(value) !== -1;
      field.hidden = !applies && !field.classList.contains("has-error");
    });
  }
  document.querySelectorAll("form").forEach(function (form) {
    var names = {};
    fields.forEach(function (field) {
      if (form.contains(field)) { names[field.getAttribute("data-show-when")] = true; }
    });
    Object.keys(names).forEach(function (name) {
      var control = form.elements[name];
      if (control) { control.addEventListener("change", function () { update(form); }); }
    });
    update(form);
  });
})();
