"use strict";
// The staff desk's small enhancements. Everything works without them; they only save clicks.
(function () {
  // A state-changing form is sent once: later clicks are ignored while it is on its way.
  // Disabling happens after the submit event, so the clicked button's name/value is sent.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.method.toLowerCase() !== "post") return;
    if (form.dataset.sending === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "1";
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });
  // The page came back from the browser's cache (back button): the forms are usable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      form.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
    });
  });

  // "Tick every row" in a ticket table.
  document.addEventListener("change", function (event) {
    const master = event.target.closest("[data-select-all]");
    if (!master) return;
    const table = master.closest("table");
    table.querySelectorAll("tbody input[type=checkbox][name=elid]").forEach(function (box) {
      box.checked = master.checked;
    });
  });

  // Client autocomplete: a text box that offers matching clients and fills a hidden id.
  function setupAutocomplete(input) {
    const list = document.getElementById(input.getAttribute("list"));
    const target = document.getElementById(input.dataset.autocompleteTarget);
    let timer = null;
    let lastQuery = null;

    function chosenId() {
      const text = input.value.trim();
      if (!text) return "";
      if (/^\d{1,18}$/.test(text)) return text;
      const match = Array.from(list.options).find(function (option) {
        return option.value.toLowerCase() === text.toLowerCase();
      });
      if (match) return match.dataset.id;
      return text === input.defaultValue ? target.defaultValue : "";
    }

    function fill(results) {
      list.replaceChildren();
      results.forEach(function (found) {
        const option = document.createElement("option");
        option.value = found.name;
        option.dataset.id = String(found.id);
        option.label = "#" + found.id;
        list.appendChild(option);
      });
      target.value = chosenId();
    }

    function search() {
      const query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (!query) { list.replaceChildren(); target.value = ""; return; }
      fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(query), {
        headers: { "Accept": "application/json" }, credentials: "same-origin",
      }).then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { fill(data.results || []); })
        .catch(function () { /* the box still takes a client number */ });
    }

    input.addEventListener("input", function () {
      target.value = chosenId();
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 200);
    });
    input.addEventListener("change", function () { target.value = chosenId(); });
  }
  document.querySelectorAll("input[data-autocomplete]").forEach(setupAutocomplete);

  // Keyboard: "/" jumps to the search box, as on most sites with one.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
    const box = document.querySelector("input[data-search-box]");
    if (box) { event.preventDefault(); box.focus(); }
  });
  // Reply templates: picking one by name inserts its text, filled for this ticket, at the
  // cursor of the reply box, for editing before sending.
  function insertAtCursor(box, text) {
    const start = box.selectionStart, end = box.selectionEnd;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.selectionStart = box.selectionEnd = start + text.length;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
  }
  document.querySelectorAll("input[data-reply-picker]").forEach(function (picker) {
    const list = document.getElementById(picker.getAttribute("list"));
    const box = picker.closest("form").querySelector("textarea");
    function pick() {
      const match = Array.from(list.options).find(function (option) {
        return option.value === picker.value;
      });
      if (!match) return;
      picker.value = "";
      const url = picker.dataset.renderUrl.replace("/0/render/", "/" + match.dataset.id + "/render/");
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) insertAtCursor(box, data.text); });
    }
    picker.addEventListener("input", pick);
    picker.addEventListener("change", pick);
  });

  // Buttons acting on many tickets at once ask first.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-confirm]");
    if (!button) return;
    const ticked = button.form.querySelectorAll("input[name=elid]:checked").length;
    if (ticked > 1 && !window.confirm(button.dataset.confirm.replace("%(count)s", ticked))) {
      event.preventDefault();
    }
  });
  // Live lists: every 10 s ask whether newer tickets exist (one cheap query); if so, take
  // the rows from the same page again and swap them in, keeping ticks and scroll, with a
  // quiet "N new" notice. The filter panel is not touched.
  document.querySelectorAll("[data-live-list]").forEach(function (list) {
    const seconds = Number(list.dataset.pollSeconds || 10);
    const notice = list.querySelector("[data-live-notice]");
    let arrived = 0;

    function ticked() {
      return new Set(Array.from(list.querySelectorAll("input[name=elid]:checked"), function (box) {
        return box.value;
      }));
    }
    function refreshRows(count) {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) return;
          const fresh = new DOMParser().parseFromString(html, "text/html")
            .querySelector("[data-live-list] table.tickets tbody");
          const current = list.querySelector("table.tickets tbody");
          if (!fresh || !current) return;
          const keep = ticked();
          fresh.querySelectorAll("input[name=elid]").forEach(function (box) {
            box.checked = keep.has(box.value);
          });
          current.replaceWith(document.adoptNode(fresh));
          arrived += count;
          notice.textContent = list.dataset.notice.replace("%(count)s", arrived);
          notice.hidden = false;
        });
    }
    function poll() {
      const url = list.dataset.liveList + "&after=" + encodeURIComponent(list.dataset.newest || "0");
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && data.new > 0) {
            list.dataset.newest = String(data.newest);
            refreshRows(data.new);
          }
        })
        .catch(function () { /* try again at the next tick */ });
    }
    window.setInterval(poll, seconds * 1000);
  });
})();
