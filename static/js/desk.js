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
  // Buttons that undo something for good (deleting a reply template) ask every time.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-confirm-always]");
    if (button && !window.confirm(button.dataset.confirmAlways)) event.preventDefault();
  });

  // Polling "what changed since T" (one indexed query a time): the live lists and the
  // browser notifications listen. Each answer carries the stamp to ask from next time.
  const changeListeners = [];
  let polling = false;
  function pollChanges(url, since) {
    if (polling) return;
    polling = true;
    let next = since;
    function poll() {
      const query = next ? "?since=" + encodeURIComponent(next) : "";
      fetch(url + query, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          next = String(data.now);
          changeListeners.forEach(function (listen) { listen(data.changes || [], data.now); });
        })
        .catch(function () { /* try again at the next tick */ });
    }
    window.setInterval(poll, 10000);
    if (!since) poll();
  }

  // The ticked count beside the group actions.
  function showTickCount(form) {
    const counter = form && form.querySelector("[data-tick-count]");
    if (!counter) return;
    const count = form.querySelectorAll("input[name=elid]:checked").length;
    counter.textContent = count ? counter.dataset.text.replace("%(count)s", count) : "";
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("input[name=elid], [data-select-all]")) {
      showTickCount(event.target.closest("form"));
    }
  });

  // Live lists: when a shown row changed, or a ticket may have joined the list (into the
  // queue; a new ticket for all tickets), take the rows of the same address again and swap
  // them in, keeping ticks, the current row, the scroll and the filter panel, with a quiet
  // "N new" notice instead of a jump.
  document.querySelectorAll("[data-live-list]").forEach(function (list) {
    const kind = list.dataset.liveKind;
    const notice = list.querySelector("[data-live-notice]");
    const looked = new Map();  // not shown tickets already looked for: id → change stamp
    let arrived = 0;

    function shownRows() {
      return new Map(Array.from(list.querySelectorAll("tbody tr[data-ticket]"), function (row) {
        return [Number(row.dataset.ticket), row];
      }));
    }
    function mayJoin(change, newestShown) {
      if ((looked.get(change.id) || 0) >= change.at) return false;
      looked.set(change.id, change.at);
      if (kind === "queue") return change.in_queue;
      if (kind === "all") return change.created || change.id > newestShown;
      return false;
    }
    function needsRefresh(changes) {
      const shown = shownRows();
      const newestShown = Math.max(0, ...shown.keys());
      let refresh = false;
      changes.forEach(function (change) {
        const row = shown.get(change.id);
        if (row ? change.at > Number(row.dataset.changed) : mayJoin(change, newestShown)) {
          refresh = true;
        }
      });
      return refresh;
    }
    function refreshRows() {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) return;
          const fresh = new DOMParser().parseFromString(html, "text/html")
            .querySelector("[data-live-list] table.tickets tbody");
          const current = list.querySelector("table.tickets tbody");
          if (!fresh || !current) return;
          const before = shownRows();
          const keep = new Set(Array.from(current.querySelectorAll("input[name=elid]:checked"),
            function (box) { return box.value; }));
          const focused = current.querySelector("tr.is-current");
          let added = 0;
          fresh.querySelectorAll("tr[data-ticket]").forEach(function (row) {
            const box = row.querySelector("input[name=elid]");
            box.checked = keep.has(box.value);
            if (!before.has(Number(row.dataset.ticket))) { row.classList.add("is-new"); added += 1; }
            if (focused && row.dataset.ticket === focused.dataset.ticket) row.classList.add("is-current");
          });
          current.replaceWith(document.adoptNode(fresh));
          showTickCount(list.querySelector("form.group-form"));
          if (!added) return;
          arrived += added;
          notice.textContent = list.dataset.notice.replace("%(count)s", arrived);
          notice.hidden = false;
        });
    }
    changeListeners.push(function (changes) { if (needsRefresh(changes)) refreshRows(); });
  });

  // Keyboard on the lists: j/k move, x ticks, o or Enter opens, r replies, ? lists the
  // keys. Nothing is taken while the user types in a field or a dialog is open.
  function isTyping(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  const keysHelp = document.getElementById("keys-help");
  function showKeys() { if (keysHelp && !keysHelp.open) keysHelp.showModal(); }
  document.querySelectorAll("[data-keys-help]").forEach(function (button) {
    button.addEventListener("click", showKeys);
  });
  function listRows() {
    return Array.from(document.querySelectorAll("table.tickets tbody tr[data-ticket]"));
  }
  function currentRow() { return document.querySelector("table.tickets tbody tr.is-current"); }
  function moveTo(row) {
    if (!row) return;
    listRows().forEach(function (each) { each.classList.remove("is-current"); });
    row.classList.add("is-current");
    const link = row.querySelector("td.subject a");
    if (link) link.focus();
    row.scrollIntoView({ block: "nearest" });
  }
  function ticketLink(row, hash) {
    const link = row && row.querySelector("td.subject a");
    if (link) window.location.assign(link.href + (hash || ""));
  }
  const listKeys = {
    j: function () { const rows = listRows(); moveTo(rows[rows.indexOf(currentRow()) + 1] || rows[rows.length - 1]); },
    k: function () { const rows = listRows(); moveTo(rows[Math.max(rows.indexOf(currentRow()) - 1, 0)]); },
    x: function () {
      const row = currentRow();
      const box = row && row.querySelector("input[name=elid]");
      if (!box) return;
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    },
    o: function () { ticketLink(currentRow()); },
    Enter: function () { ticketLink(currentRow()); },
    r: function () {
      const form = document.querySelector("form.group-form");
      const groupReply = form && form.querySelector("details.group-reply");
      if (groupReply && form.querySelector("input[name=elid]:checked")) {
        groupReply.open = true;
        groupReply.querySelector("textarea").focus();
      } else {
        ticketLink(currentRow(), "#reply");
      }
    },
  };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (document.querySelector("dialog[open]")) return;
    if (event.key === "?" && keysHelp) { event.preventDefault(); showKeys(); return; }
    const action = listKeys[event.key];
    if (!action || !document.querySelector("table.tickets")) return;
    // Enter on a link or button does what it always does.
    if (event.key === "Enter" && event.target.closest("a, button")) return;
    event.preventDefault();
    action();
  });
  // Opened with "r" from a list: the cursor waits in the reply box.
  if (window.location.hash === "#reply") {
    window.addEventListener("load", function () {
      const replyBox = document.querySelector(".reply-form textarea");
      if (replyBox) replyBox.focus();
    });
  }

  // Browser notifications, only after the user turned them on with the button (the
  // browser asks once): new tickets in their departments, client answers on tickets they
  // hold. The choice is kept in this browser.
  const notifyButton = document.querySelector("[data-notify-toggle]");
  const NOTIFY_KEY = "helpdesk-desk-notifications";
  // Changes up to this stamp were notified already (in this page or an earlier one).
  const NOTIFIED_UNTIL = "helpdesk-desk-notified-until";
  function notifying() {
    return "Notification" in window && Notification.permission === "granted" &&
      window.localStorage.getItem(NOTIFY_KEY) === "on";
  }
  function showNotifyState() {
    if (!notifyButton) return;
    const state = Notification.permission === "denied" ? "blocked" : notifying() ? "on" : "off";
    notifyButton.textContent = notifyButton.dataset["label" + state[0].toUpperCase() + state.slice(1)];
    notifyButton.setAttribute("aria-pressed", state === "on" ? "true" : "false");
    notifyButton.disabled = state === "blocked";
  }
  if (notifyButton && "Notification" in window) {
    notifyButton.hidden = false;
    showNotifyState();
    notifyButton.addEventListener("click", function () {
      if (notifying()) {
        window.localStorage.setItem(NOTIFY_KEY, "off");
        showNotifyState();
        return;
      }
      Notification.requestPermission().then(function (permission) {
        if (permission === "granted") {
          window.localStorage.setItem(NOTIFY_KEY, "on");
          window.localStorage.setItem(NOTIFIED_UNTIL, String(Date.now() * 1000));
        }
        showNotifyState();
        if (notifying()) pollChanges(notifyButton.dataset.changesUrl, "");
      });
    });
  }
  const notified = new Set();
  function notify(tag, title, body, ticketId) {
    if (notified.has(tag)) return;
    notified.add(tag);
    // The tag also makes the browser show one notification when several tabs poll.
    const shown = new Notification(title, { body: body, tag: tag });
    shown.addEventListener("click", function () {
      window.focus();
      window.location.assign(notifyButton.dataset.ticketUrl.replace("/0/", "/" + ticketId + "/"));
    });
  }
  if (notifyButton) {
    changeListeners.push(function (changes, now) {
      if (!notifying()) return;
      const from = Number(window.localStorage.getItem(NOTIFIED_UNTIL) || 0);
      window.localStorage.setItem(NOTIFIED_UNTIL, String(Math.max(from, now)));
      changes.forEach(function (change) {
        if (change.at <= from) return;
        const text = function (name) { return notifyButton.dataset[name].replace("%(id)s", change.id); };
        if (change.created) notify("new-" + change.id, text("textNew"), change.subject, change.id);
        if (change.answered) notify("answer-" + change.id + "-" + change.at, text("textAnswer"), change.subject, change.id);
      });
    });
  }

  // Start polling when a live list or notifications listen.
  const liveList = document.querySelector("[data-live-list]");
  if (liveList) pollChanges(liveList.dataset.liveList, liveList.dataset.since);
  else if (notifyButton && notifying()) pollChanges(notifyButton.dataset.changesUrl, "");

  // The ticket page: every 10 s say the page is open (and whether a reply is being
  // typed), and hear who else has it open and what was written since it was shown: the
  // stale-reply guard refuses a blind send, this says so before.
  const watch = document.querySelector("[data-ticket-watch]");
  if (watch) {
    const replyForm = document.getElementById("reply");
    const replyBox = replyForm && replyForm.querySelector("textarea");
    const viewers = watch.querySelector("[data-viewers]");
    const newer = watch.querySelector("[data-new-messages]");
    let lastTyped = 0;
    if (replyBox) replyBox.addEventListener("input", function () { lastTyped = Date.now(); });
    function beat(extra) {
      const data = new FormData();
      data.append("csrfmiddlewaretoken", watch.querySelector("input[name=csrfmiddlewaretoken]").value);
      data.append("seen_message_id", replyForm ? replyForm.querySelector("input[name=seen_message_id]").value : "0");
      data.append("typing", Date.now() - lastTyped < 15000 ? "1" : "0");
      Object.keys(extra || {}).forEach(function (name) { data.append(name, extra[name]); });
      return data;
    }
    function show(answer) {
      const names = answer.viewers.map(function (each) {
        return each.typing ? watch.dataset.typing.replace("%(name)s", each.name) : each.name;
      });
      viewers.textContent = names.length ? watch.dataset.viewers.replace("%(names)s", names.join(", ")) : "";
      viewers.hidden = !names.length;
      const fromClient = answer.new_messages.some(function (m) { return m.kind === "incoming"; });
      const fromStaff = answer.new_messages.filter(function (m) { return m.kind !== "incoming"; })
        .map(function (m) { return m.author; });
      const lines = [];
      if (fromClient) lines.push(watch.dataset.clientWrote);
      if (fromStaff.length) lines.push(watch.dataset.staffWrote.replace("%(names)s", Array.from(new Set(fromStaff)).join(", ")));
      newer.querySelector("[data-new-text]").textContent = lines.join(" ");
      newer.hidden = !lines.length;
    }
    function poll() {
      fetch(watch.dataset.ticketWatch, { method: "POST", body: beat(), credentials: "same-origin",
                                         headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) { if (answer) show(answer); })
        .catch(function () { /* try again at the next tick */ });
    }
    // "Show them": the thread as it is now, read again (a GET changes nothing); the reply
    // form then counts them as seen, and the typed text stays.
    newer.querySelector("button").addEventListener("click", function () {
      fetch(window.location.pathname, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) return;
          const fresh = new DOMParser().parseFromString(html, "text/html");
          const thread = fresh.querySelector("[data-testid=thread]");
          const seen = fresh.querySelector("#reply input[name=seen_message_id]");
          if (!thread || !seen) return;
          document.querySelector("[data-testid=thread]").replaceWith(document.adoptNode(thread));
          replyForm.querySelector("input[name=seen_message_id]").value = seen.value;
          newer.hidden = true;
        });
    });
    poll();
    window.setInterval(poll, 10000);
    window.addEventListener("pagehide", function () {
      navigator.sendBeacon(watch.dataset.ticketWatch, beat({ left: "1" }));
    });
  }
})();
