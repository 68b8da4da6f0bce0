"use strict";

// On a narrow screen the header folds into a Menu button (app.css hides the rest of it
// while the button says it is collapsed); without JavaScript the header wraps instead.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".menu-toggle");
  if (!toggle) return;
  const header = toggle.closest(".site-header");
  header.classList.add("has-menu");
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  });
});

// Opening a page changes nothing by itself, since any page can make a browser GET ours (an
// image in a message). What opening means (taking a ticket's block, marking it read) is
// posted once the page is actually shown.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-post-on-load]")) {
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) return;
        for (const shown of document.querySelectorAll("[data-shown-after-open]")) shown.hidden = false;
      });
  }
});

// Panels marked data-fold-when-narrow (the desk filter) start folded on a phone.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.matchMedia("(max-width: 800px)").matches) return;
  for (const details of document.querySelectorAll("details[data-fold-when-narrow]")) details.open = false;
});

// Money forms: the balance after the amount being typed, and a confirmation before the
// money moves (the server refuses nothing here: a charge may take the balance below zero).
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll("[data-balance-after]")) {
    const form = box.closest("form");
    const amount = form.querySelector("input[name=amount]");
    const output = box.querySelector("output");
    const balance = Number(box.dataset.balanceAfter);
    const asMoney = new Intl.NumberFormat(document.documentElement.lang || undefined,
      { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    if (!amount || !output || Number.isNaN(balance)) continue;
    const update = () => {
      const typed = Number(amount.value.replace(",", "."));
      output.value = Number.isNaN(typed) ? "—" : asMoney.format(balance - typed);
    };
    amount.addEventListener("input", update);
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-confirm-money]");
    if (button && !window.confirm(button.dataset.confirmMoney)) event.preventDefault();
  });
});
