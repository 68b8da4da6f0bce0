"use strict";

// The language switch works as a plain form; with JavaScript a choice applies at once.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form.language-switch")) {
    const select = form.querySelector("select");
    form.querySelector("button").hidden = true;
    select.addEventListener("change", () => form.submit());
  }
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
