"use strict";

// The language switch works as a plain form; with JavaScript a choice applies at once.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form.language-switch")) {
    const select = form.querySelector("select");
    form.querySelector("button").hidden = true;
    select.addEventListener("change", () => form.submit());
  }
});
