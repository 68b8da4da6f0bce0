"use strict";
// The client portal: small helps on top of pages that work without JavaScript.
(function () {
  // New ticket: say how many incidents are left when a paid department is chosen, and
  // offer only the services of the department's provider.
  function followDepartment() {
    var department = document.querySelector("select[name=department]");
    if (!department) { return; }
    var notes = document.querySelectorAll(".incident-note[data-provider]");
    var service = document.querySelector("select[name=service]");
    function update() {
      var chosen = department.options[department.selectedIndex];
      var paid = chosen && chosen.dataset.requiresIncident === "1";
      Array.prototype.forEach.call(notes, function (note) {
        note.hidden = !paid || note.dataset.provider !== chosen.dataset.provider;
      });
      if (service && chosen && chosen.dataset.provider) {
        Array.prototype.forEach.call(service.options, function (option) {
          var other = option.dataset.provider && option.dataset.provider !== chosen.dataset.provider;
          option.hidden = Boolean(other);
          option.disabled = Boolean(other);
          if (other && option.selected) { service.value = ""; }
        });
      }
    }
    department.addEventListener("change", update);
    update();
  }

  function labelPreviews() {
    // The label is translated in the template, on the field's wrapper.
    document.querySelectorAll(".markdown-field[data-preview-label]").forEach(function (field) {
      var preview = field.querySelector(".markdownx-preview");
      if (preview) { preview.dataset.label = field.dataset.previewLabel; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    followDepartment();
    labelPreviews();
  });
})();
