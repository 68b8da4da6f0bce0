"use strict";
// Accessibility fixes for markup that Django's admin and its Select2 widgets generate
// (axe-core finds these on stock Django 5.2): controls whose label has no `for`, empty
// table headers, aria-label on a role-less span, Select2's unnamed combobox. Widgets are
// built after load and rebuilt on change, so the fixes run again on every DOM change.
(function () {
  // In a tabular inline the column header names the cell's control.
  function columnHeaderOf(control) {
    const cell = control.closest("td");
    const table = cell && cell.closest("table");
    const header = table && table.tHead && table.tHead.rows[0];
    if (!header) return "";
    let column = 0;
    for (const each of cell.parentElement.cells) {
      if (each === cell) break;
      column += each.colSpan;
    }
    let at = 0;
    for (const th of header.cells) {
      if (at === column) return th.textContent.replace(/[:*]\s*$/, "").trim();
      at += th.colSpan;
    }
    return "";
  }

  function labelTextOf(control) {
    const inTable = control.closest("td") ? columnHeaderOf(control) : "";
    if (inTable) return inTable;
    const row = control.closest(".form-row, .fieldBox, td");
    const label = row && row.querySelector("label");
    return label ? label.textContent.replace(/[:*]\s*$/, "").trim() : "";
  }

  function hasName(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) return true;
    if (control.closest("label")) return true;
    return Boolean(control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`));
  }

  // A split date and time: "Date:" and "Time:" stand as text before each input.
  function partName(control) {
    const before = control.previousSibling;
    const text = before && before.nodeType === Node.TEXT_NODE ? before.textContent.trim() : "";
    return text.replace(/:$/, "");
  }

  function nameControls() {
    const controls = document.querySelectorAll(
      "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea");
    for (const control of controls) {
      if (hasName(control)) continue;
      const name = [labelTextOf(control), partName(control)].filter(Boolean).join(" — ");
      if (name) control.setAttribute("aria-label", name);
    }
    const search = document.getElementById("searchbar");
    if (search && !search.getAttribute("aria-label")) search.setAttribute("aria-label", search.title || "Search");
  }

  function fixSelect2() {
    for (const box of document.querySelectorAll(".select2-container")) {
      const select = box.previousElementSibling;
      const name = select && select.tagName === "SELECT" ? labelTextOf(select) : "";
      if (!name) continue;
      for (const part of box.querySelectorAll(".select2-selection[role=combobox], .select2-search__field, [role=textbox]")) {
        if (!part.getAttribute("aria-label")) part.setAttribute("aria-label", name);
      }
      for (const list of box.querySelectorAll("ul.select2-selection__rendered:not([role])")) {
        list.setAttribute("role", "list");
      }
    }
  }

  function fixMarkup() {
    for (const tip of document.querySelectorAll(".help-tooltip[aria-label]:not([role])")) {
      tip.setAttribute("role", "img");
    }
    for (const header of document.querySelectorAll("thead th")) {
      if (header.textContent.trim() === "" && !header.querySelector("input, img[alt]")) {
        const cell = document.createElement("td");
        cell.className = header.className;
        header.replaceWith(cell);
      }
    }
  }

  let queued = false;
  function fixAll() {
    queued = false;
    nameControls();
    fixSelect2();
    fixMarkup();
  }
  function queue() {
    if (queued) return;
    queued = true;
    window.queueMicrotask(fixAll);
  }
  document.addEventListener("DOMContentLoaded", () => {
    fixAll();
    new MutationObserver(queue).observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", fixAll);
})();
