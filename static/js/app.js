// popshop progressive enhancement. Every page works without this file.
"use strict";

// The page's words for what this script writes, in the page's language
// (a JSON block base.html fills from the same Fluent messages as the page).
// After a form came back with mistakes, focus its summary, which links
// each field (without JavaScript the summary is announced as an alert).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});

const MESSAGES = (() => {
  try {
    return JSON.parse(document.getElementById("messages").textContent);
  } catch (e) {
    return {};
  }
})();
function msg(id, fallback) {
  return MESSAGES[id] || fallback;
}
const LANG = document.documentElement.lang || undefined;

// Create form: browser time zone for the end time, live preview while typing.
(function studio() {
  const form = document.getElementById("drop-form");
  if (!form) return;
  const tz = document.getElementById("tz_offset");
  if (tz) tz.value = String(new Date().getTimezoneOffset());
  const zone = document.getElementById("ends_at-zone");
  if (zone) zone.textContent = msg("js-local-time", "(optional; your local time)");
  const preview = document.getElementById("preview");
  const look = document.getElementById("preview-look");
  let timer = null;
  let seq = 0;
  function refresh() {
    const data = new FormData(form);
    const colour = data.getAll("colours")[0] || "";
    const params = new URLSearchParams({ slogan: data.get("slogan") || "", theme: data.get("theme") || "auto", colour });
    const mine = ++seq;
    fetch("/preview.svg?" + params.toString())
      .then((r) => (r.ok ? r.blob().then((svg) => ({ svg, theme: r.headers.get("X-Theme") })) : null))
      .then((res) => {
        if (!res || mine !== seq) return;
        const img = preview.querySelector("img");
        if (img.src.startsWith("blob:")) URL.revokeObjectURL(img.src);
        img.src = URL.createObjectURL(res.svg);
        img.alt = msg("js-preview-alt", "Preview: T-shirt printed with “{slogan}”").replace("{slogan}", data.get("slogan") || "");
        const chosen = form.querySelector('input[name=theme][value="' + res.theme + '"]');
        if (look && chosen) look.textContent = msg("js-look", "Look:") + " " + chosen.parentElement.textContent.trim();
      })
      .catch(() => {});
  }
  // Preview redraws in place: nothing is submitted, nothing typed is lost.
  const previewButton = document.getElementById("preview-button");
  if (previewButton) {
    previewButton.addEventListener("click", (e) => {
      e.preventDefault();
      refresh();
      refreshLooks();
    });
  }
  const shuffle = document.getElementById("shuffle");
  if (shuffle) {
    shuffle.addEventListener("click", (e) => {
      e.preventDefault();
      const radios = Array.from(form.querySelectorAll("input[name=theme]")).filter((r) => r.value !== "auto");
      const shown = look ? look.textContent.replace(msg("js-look", "Look:") + " ", "") : "";
      const current = radios.findIndex((r) => r.checked || r.parentElement.textContent.trim() === shown);
      radios[(current + 1) % radios.length].checked = true;
      refresh();
    });
  }
  // The look picker's thumbnails: one sheet of every look (its views are
  // #poster, #zine, … and #auto), redrawn after a longer pause in the typing.
  const thumbs = form.querySelectorAll("img[data-look]");
  let thumbTimer = null;
  function refreshLooks() {
    const data = new FormData(form);
    const params = new URLSearchParams({ slogan: data.get("slogan") || "", colour: data.getAll("colours")[0] || "" });
    thumbs.forEach((img) => (img.src = "/looks.svg?" + params.toString() + "#" + img.dataset.look));
  }
  form.addEventListener("input", (e) => {
    if (!["slogan", "theme", "colours"].includes(e.target.name)) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
    if (e.target.name === "theme") return;
    clearTimeout(thumbTimer);
    thumbTimer = setTimeout(refreshLooks, 500);
  });
})();

// Copy buttons and the native share sheet.
document.querySelectorAll("[data-copy]").forEach((button) => {
  button.addEventListener("click", () => {
    const input = document.querySelector(button.dataset.copy);
    if (!input) return;
    const done = () => {
      button.textContent = msg("js-copied", "Copied!");
      setTimeout(() => (button.textContent = msg("js-copy-link", "Copy link")), 2000);
    };
    if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(done, () => { input.select(); });
    else { input.select(); document.execCommand("copy"); done(); }
  });
});
document.querySelectorAll("[data-share]").forEach((button) => {
  if (!navigator.share) return;
  button.hidden = false;
  button.addEventListener("click", () => navigator.share({ url: button.dataset.share }).catch(() => {}));
});

// Confirm destructive forms.
document.querySelectorAll("form[data-confirm]").forEach((form) => {
  form.addEventListener("submit", (e) => {
    if (!window.confirm(form.dataset.confirm)) return e.preventDefault();
    // Confirmed here: the server need not ask again (it does without JavaScript).
    const confirmed = form.querySelector("input[name=confirmed]");
    if (confirmed) confirmed.value = "yes";
  });
});

// Storefront gallery: the view buttons scroll the row of pictures (without
// moving the page) and mark the one shown; a picture opens full size in a
// dialog. Without this file the buttons are anchors and a picture is a link
// to itself at full size.
document.querySelectorAll(".gallery").forEach((gallery) => {
  const row = gallery.querySelector(".views");
  const buttons = Array.from(gallery.querySelectorAll(".view-picker a"));
  const mark = (i) => buttons.forEach((b, j) => (j === i ? b.setAttribute("aria-current", "true") : b.removeAttribute("aria-current")));
  mark(0);
  buttons.forEach((button, i) => {
    button.addEventListener("click", (e) => {
      e.preventDefault();
      row.scrollTo({ left: row.clientWidth * i });
      mark(i);
    });
  });
  row.addEventListener("scroll", () => mark(Math.round(row.scrollLeft / Math.max(1, row.clientWidth))), { passive: true });
  gallery.querySelectorAll("a.zoom").forEach((link) => {
    link.addEventListener("click", (e) => {
      if (!window.HTMLDialogElement) return;
      e.preventDefault();
      const dialog = document.createElement("dialog");
      dialog.className = "zoom-dialog";
      dialog.setAttribute("aria-label", msg("js-zoom", "Picture at full size"));
      const img = document.createElement("img");
      img.src = link.href;
      img.alt = link.querySelector("img").alt;
      const form = document.createElement("form");
      form.method = "dialog";
      const close = document.createElement("button");
      close.className = "button";
      close.textContent = msg("js-close", "Close");
      form.append(close);
      dialog.append(form, img);
      dialog.addEventListener("close", () => dialog.remove());
      dialog.addEventListener("click", (ev) => { if (ev.target === dialog || ev.target === img) dialog.close(); });
      document.body.append(dialog);
      dialog.showModal();
    });
  });
});

// Times: local rendering of absolute times, and ticking countdowns.
function localTimes(root) {
  root.querySelectorAll("time[data-local-time]").forEach((t) => {
    t.textContent = new Date(Number(t.dataset.localTime)).toLocaleString(LANG);
  });
  // Chart labels: the clock time only.
  root.querySelectorAll("time[data-local-clock]").forEach((t) => {
    t.textContent = new Date(Number(t.dataset.localClock)).toLocaleTimeString(LANG, { hour: "2-digit", minute: "2-digit" });
  });
}
localTimes(document);
(function countdowns() {
  const clocks = document.querySelectorAll("time[data-ends-at]");
  if (!clocks.length) return;
  // "{d}d {h}h|{h}h {m}m|{m}m {s}s|now", in the page's language.
  const forms = msg("js-time-left", "{d}d {h}h|{h}h {m}m|{m}m {s}s|now").split("|");
  function label(ms) {
    const s = Math.floor(ms / 1000), d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    const fill = (f) => f.replace("{d}", d).replace("{h}", h).replace("{m}", m).replace("{s}", String(sec).padStart(2, "0"));
    if (s <= 0) return forms[3];
    if (d > 0) return fill(forms[0]);
    if (h > 0) return fill(forms[1]);
    return fill(forms[2]);
  }
  function tick() {
    const now = Date.now();
    clocks.forEach((t) => { t.textContent = label(Number(t.dataset.endsAt) - now); });
  }
  tick();
  setInterval(tick, 1000);
})();

// Storefront: live totals (the page is correct without this), over one
// stream per browser (`follow`, below).
(function live() {
  const shop = document.querySelector("[data-events]");
  if (!shop) return;
  const labels = {
    live: msg("state-live", "Live"),
    "sold-out": msg("state-sold-out", "Sold out"),
    ended: msg("state-ended", "Ended"),
    "taken-down": msg("state-taken-down", "Taken down"),
  };
  let version = -1;
  function show(t) {
    if (t.version < version) return;
    version = t.version;
    // The artist opened a new wave: the page needs its buy form back. Once
    // per 30 s at most (a proxy may still serve the old page for a moment),
    // spread over 3 s (thousands may watch).
    if (t.state === "live" && !shop.classList.contains("state-live")) {
      const key = "popshop-reloaded " + location.pathname;
      const last = Number(sessionStorage.getItem(key) || 0);
      if (Date.now() - last > 30000) {
        sessionStorage.setItem(key, String(Date.now()));
        setTimeout(() => location.reload(), Math.random() * 3000);
      }
    }
    shop.querySelectorAll("[data-live=sold], [data-live=goal-sold]").forEach((el) => (el.textContent = t.sold));
    const soldItem = shop.querySelector("[data-live=sold-item]");
    if (soldItem && t.sold > 0) soldItem.hidden = false;
    const goalLabel = shop.querySelector("[data-live=goal-label]");
    if (goalLabel && t.goal !== null && t.sold >= t.goal && !goalLabel.dataset.reached) {
      goalLabel.dataset.reached = "1";
      goalLabel.textContent = msg("js-goal-reached", "Goal reached —") + " ";
      const n = document.createElement("span");
      n.dataset.live = "goal-sold";
      n.textContent = t.sold;
      goalLabel.append(n, " " + msg("js-sold", "sold"));
    }
    const ends = shop.querySelector("[data-live=ends]");
    if (ends && t.state !== "live") ends.hidden = true;
    const raised = shop.querySelector("[data-live=raised]");
    if (raised && t.raised) raised.textContent = t.raised;
    const left = shop.querySelector("[data-live=left]");
    if (left && t.left !== null) left.textContent = t.left;
    // A product of the merch table sold out: its card says so and can no
    // longer be picked.
    for (const key of t.sold_out || []) {
      const input = shop.querySelector(`input[name=product][value="${key}"]`);
      if (!input || input.disabled) continue;
      input.disabled = true;
      input.checked = false;
      const card = input.closest(".product-card");
      card.classList.add("sold-out");
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = msg("js-buy-sold-out", "Sold out");
      card.append(" ", badge);
      const next = shop.querySelector("input[name=product]:not(:disabled)");
      if (next && !shop.querySelector("input[name=product]:checked")) next.checked = true;
    }
    const bar = document.getElementById("goal-progress");
    if (bar && t.goal_percent !== null) {
      bar.value = t.goal_percent;
      bar.textContent = t.goal_percent + "%";
    }
    const badge = shop.querySelector("[data-live=state]");
    if (badge) {
      badge.textContent = labels[t.state];
      badge.classList.toggle("live", t.state === "live");
    }
    const buy = document.getElementById("buy");
    if (buy && t.state !== "live") {
      buy.disabled = true;
      buy.textContent =
        t.state === "taken-down"
          ? msg("js-buy-taken-down", "This shop was taken down")
          : t.state === "ended"
            ? msg("js-buy-ended", "This drop has ended")
            : msg("js-buy-sold-out", "Sold out");
    }
    // Taken down by popshop's operators: said at the top, with their
    // reason, and nothing on the page can be bought any more.
    if (t.state === "taken-down" && !shop.querySelector("[data-live=taken-down]")) {
      const note = document.createElement("p");
      note.className = "banner warning";
      note.setAttribute("role", "alert");
      note.dataset.live = "taken-down";
      note.textContent = msg("js-taken-down", "popshop's operators took this shop down:") + " " + (t.reason || "");
      shop.prepend(note);
      shop.querySelectorAll("form button, form input, form select").forEach((el) => (el.disabled = true));
    }
    shop.className = shop.className.replace(/state-[a-z-]+/, "state-" + t.state);
  }

  follow(shop.dataset.events, shop.dataset.totals, "totals", show);
})();

// Follows a live stream of `event`s at `events`, calling show(data) with
// each: the storefront's totals, an open call's board.
//
// Venue Wi-Fi: hundreds of fans may share one address, and the server lets
// one address hold a limited number of streams. So:
// - Tabs of one browser share one stream: the tab holding the Web Lock
//   streams and passes every update to the others over a BroadcastChannel;
//   when it closes, the next tab takes the lock and the stream. (HTTP/1.1
//   allows six connections per host: without this a seventh tab never loads.)
// - A refused or broken stream is retried with growing pauses (2 s, 4 s, …
//   up to a minute, with jitter); after the second failure the page polls
//   `pollUrl` every 5 s meanwhile, and stops once a stream is back.
function follow(events, pollUrl, event, show) {
  const name = "popshop " + events;
  const channel = window.BroadcastChannel ? new BroadcastChannel(name) : null;
  let latest = null;
  let leading = false;
  let source = null;
  // A drop taken down by popshop's operators: its last frame says so, and
  // there is nothing more to follow.
  let over = false;
  function publish(t) {
    latest = t;
    show(t);
    if (channel) channel.postMessage({ data: t });
    if (t.state === "taken-down") {
      over = true;
      if (source) source.close();
      polling(false);
    }
  }
  if (channel) {
    channel.onmessage = (e) => {
      if (e.data.data) show(e.data.data);
      // A new tab asks for the latest data; the streaming tab answers.
      if (e.data.ask && leading && latest) channel.postMessage({ data: latest });
    };
  }

  let failures = 0;
  let poller = null;
  function poll() {
    fetch(pollUrl, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null))
      .then((t) => t && publish(t))
      .catch(() => {});
  }
  function polling(on) {
    if (on && !poller) {
      poll();
      poller = setInterval(poll, 4000 + Math.random() * 2000);
    } else if (!on && poller) {
      clearInterval(poller);
      poller = null;
    }
  }
  function stream() {
    leading = true;
    if (over) return;
    if (!window.EventSource) return polling(true);
    source = new EventSource(events);
    source.addEventListener("open", () => {
      failures = 0;
      polling(false);
    });
    source.addEventListener(event, (e) => publish(JSON.parse(e.data)));
    source.addEventListener("error", () => {
      // While CONNECTING the browser retries by itself; CLOSED means refused.
      if (over || source.readyState !== EventSource.CLOSED) return;
      failures += 1;
      if (failures >= 2) polling(true);
      const pause = Math.min(60000, 1000 * 2 ** failures) * (0.75 + Math.random() / 2);
      setTimeout(stream, pause);
    });
  }
  if (navigator.locks && channel) {
    channel.postMessage({ ask: true });
    // Held until this tab closes (the promise never settles).
    navigator.locks.request(name, () => new Promise(() => stream()));
  } else {
    stream();
  }
}

// Open call: the board follows every idea, vote and moderation live (the
// page is correct without this: form posts and a reload). Ideas keep their
// elements (and this fan's vote buttons) and move into the new order; new
// ideas are made from the page's blank idea; when the call ends or its
// winner becomes a shirt, the page reloads once to show it.
(function liveBoard() {
  const call = document.querySelector("[data-board-events]");
  if (!call) return;
  const list = call.querySelector("ol.ideas");
  const blank = document.getElementById("idea-template");
  const empty = call.querySelector("[data-empty]");
  const tab = list.dataset.board;
  let version = Number(call.dataset.version);
  let reloading = false;
  function reload() {
    if (reloading) return;
    reloading = true;
    // Thousands of fans watch one call: spread their reloads over 3 s.
    setTimeout(() => location.reload(), Math.random() * 3000);
  }
  function card(idea) {
    const existing = document.getElementById("idea-" + idea.id);
    if (existing || !blank) return existing;
    const li = blank.content.firstElementChild.cloneNode(true);
    for (const el of [li, ...li.querySelectorAll("*")]) {
      for (const attr of el.attributes) {
        if (attr.value.includes("__ID__")) attr.value = attr.value.split("__ID__").join(idea.id);
      }
    }
    li.querySelector("[data-text]").textContent = idea.text;
    const img = li.querySelector("img");
    if (img) img.alt = idea.alt;
    li.classList.add("fresh");
    return li;
  }
  function show(b) {
    if (b.version < version) return;
    version = b.version;
    if ((b.drop || "") !== call.dataset.drop || String(b.open) !== call.dataset.open) return reload();
    const ideas = new Map(b.ideas.map((i) => [i.id, i]));
    const order = b[tab] || [];
    const keep = new Set(order);
    const focused = list.contains(document.activeElement) ? document.activeElement : null;
    // Ideas that left the board go (the artist's own hidden ones stay, for them).
    list.querySelectorAll(":scope > li").forEach((li) => {
      if (!keep.has(li.dataset.id) && !li.dataset.hidden) li.remove();
    });
    let before = list.firstElementChild;
    for (const id of order) {
      const idea = ideas.get(id);
      const li = idea && card(idea);
      if (!li) continue;
      li.querySelector("[data-votes]").textContent = idea.votes_label;
      const credit = li.querySelector("[data-credit]");
      credit.textContent = idea.credit;
      credit.hidden = !idea.credit;
      li.querySelector("[data-pinned]").hidden = !idea.pinned;
      if (li !== before) list.insertBefore(li, before);
      else before = before.nextElementSibling;
    }
    if (empty) empty.hidden = list.children.length > 0;
    if (focused && focused.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
  }
  follow(call.dataset.boardEvents, call.dataset.poll, "board", show);
  // A call that runs out while watched: show it closed.
  const ends = Number(call.dataset.ends);
  if (call.dataset.open === "true" && ends > Date.now()) setTimeout(reload, Math.min(ends - Date.now() + 500, 2 ** 31 - 1));
})();

// Storefront: *Apply code* in place. The form posts as without JavaScript
// (the server checks the code and renders the page); the price (struck
// through when the code lowers it), the code field with its note or error
// (and the applied code's seal), the cart, the Buy button and the pay note
// are taken from that page, and the live
// region says what happened. Anything unexpected: the form posts normally.
(function applyCodeInPlace() {
  const form = document.getElementById("buy-form");
  const live = document.getElementById("code-live");
  if (!form || !live || !window.fetch || !window.DOMParser) return;
  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!button || button.name !== "apply" || form.dataset.plain) return;
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    const body = new URLSearchParams(new FormData(form));
    body.set("apply", "1");
    const action = (button.getAttribute("formaction") || form.action).split("#")[0];
    fetch(action, { method: "POST", body, headers: { Accept: "text/html" } })
      // A refused code comes back 409 (or 422, 429) with the same page and
      // its message; any other page (sold out meanwhile, …) is shown whole.
      .then((r) => ((r.headers.get("content-type") || "").startsWith("text/html") ? r.text() : Promise.reject(r)))
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        const parts = ["shop-price", "promo-field", "buy"];
        if (!parts.every((id) => page.getElementById(id) && document.getElementById(id))) throw new Error("page");
        for (const id of parts) document.getElementById(id).replaceWith(document.importNode(page.getElementById(id), true));
        // A cart so far: its lines and total with the code.
        const cart = page.getElementById("cart");
        const shown = document.getElementById("cart");
        if (cart && shown) shown.replaceWith(document.importNode(cart, true));
        const note = page.querySelector(".pay-note");
        const here = document.querySelector(".pay-note");
        if (note && here) here.replaceWith(document.importNode(note, true));
        const said = page.querySelector("#code-error, #code-note");
        live.textContent = said ? said.textContent : "";
        const input = document.getElementById("code");
        if (input) input.focus({ preventScroll: true });
      })
      .catch(() => {
        button.disabled = false;
        form.dataset.plain = "1";
        if (form.requestSubmit && button.isConnected) form.requestSubmit(button);
        else form.submit();
      });
  });
})();

// Storefront: *Add to cart* and *Remove* in place. The form posts as
// without JavaScript (the server checks the pick and renders the page with
// the cart in hidden fields); the cart's fields, the code's field, the
// cart, the message and the Buy button are taken from that page, and the live region reads the
// cart's total. Anything unexpected: the form posts normally.
(function cartInPlace() {
  const form = document.getElementById("buy-form");
  const live = document.getElementById("cart-live");
  if (!form || !live || !window.fetch || !window.DOMParser) return;
  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!button || (button.name !== "add" && button.name !== "remove") || form.dataset.plain) return;
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    const body = new URLSearchParams(new FormData(form));
    body.set(button.name, button.value);
    const action = (button.getAttribute("formaction") || form.action).split("#")[0];
    fetch(action, { method: "POST", body, headers: { Accept: "text/html" } })
      .then((r) => ((r.headers.get("content-type") || "").startsWith("text/html") ? r.text() : Promise.reject(r)))
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        const theirs = page.getElementById("buy-form");
        if (!theirs || !page.getElementById("buy") || !document.getElementById("buy")) throw new Error("page");
        form.querySelectorAll("input[name=line]").forEach((old) => old.remove());
        const anchor = form.firstElementChild;
        theirs.querySelectorAll("input[name=line]").forEach((line) => form.insertBefore(document.importNode(line, true), anchor));
        // The code's field, with the applied code's seal: the cart is priced
        // with the code while it holds (one that ended meanwhile says so).
        const promo = page.getElementById("promo-field");
        const promoHere = document.getElementById("promo-field");
        if (promo && promoHere) promoHere.replaceWith(document.importNode(promo, true));
        const error = page.getElementById("buy-error");
        const here = document.getElementById("buy-error");
        if (here) here.remove();
        if (error) form.append(document.importNode(error, true));
        const cart = page.getElementById("cart");
        const shown = document.getElementById("cart");
        if (shown) shown.remove();
        if (cart) form.after(document.importNode(cart, true));
        document.getElementById("buy").replaceWith(document.importNode(page.getElementById("buy"), true));
        const total = page.querySelector(".cart-total");
        // A code that stopped working meanwhile is said too.
        const codeError = page.getElementById("code-error");
        live.textContent = [error || total, codeError].filter(Boolean).map((e) => e.textContent).join(" ");
        button.disabled = false;
        // A Remove pressed went with the old cart: keyboard focus goes to
        // the line now in its place, else the last line, else Add to cart.
        if (button.name === "remove") {
          const removes = [...document.querySelectorAll("#cart button[name=remove]")];
          const next = removes[Number(button.value)] || removes[removes.length - 1] || document.getElementById("add-to-cart");
          if (next) next.focus();
        }
      })
      .catch(() => {
        button.disabled = false;
        form.dataset.plain = "1";
        if (form.requestSubmit && button.isConnected) form.requestSubmit(button);
        else form.submit();
      });
  });
})();

// Storefront: a product picked whose blank lacks the colour or size picked
// (the page's style hides that chip: a poster is white, a hoodie has no
// XS) gets its own first one checked, so the fan sees what they will get.
(function pickersFollowProduct() {
  const form = document.getElementById("buy-form");
  if (!form || !form.querySelector("input[name=product]")) return;
  // A drop of one colour has it as a hidden field, without a chip.
  const visible = (input) => {
    const chip = input.closest(".chip");
    return !chip || chip.offsetParent !== null;
  };
  form.addEventListener("change", (event) => {
    if (event.target.name !== "product") return;
    for (const name of ["colour", "size"]) {
      const picked = form.querySelector(`input[name=${name}]:checked`);
      if (picked && visible(picked)) continue;
      const shown = [...form.querySelectorAll(`input[name=${name}]`)].find(visible);
      if (shown) shown.checked = true;
    }
  });
})();

// Call board: a vote (or taking it back) counts in place, without the
// reload that jumped the page; the button turns and a live region says so.
// Without this (or when anything goes wrong) the form posts and the page
// comes back at the idea.
(function voteInPlace() {
  const status = document.querySelector("[data-vote-status]");
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-vote") || !window.fetch) return;
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    if (button.disabled) return;
    button.disabled = true;
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), headers: { Accept: "application/json" } })
      .then((r) => (r.ok && (r.headers.get("content-type") || "").includes("json") ? r.json() : Promise.reject(r)))
      .then((answer) => {
        const card = form.closest("li");
        card.querySelector("[data-votes]").textContent = answer.votes_label;
        form.querySelector("input[name=vote]").value = answer.voted ? "back" : "up";
        button.textContent = answer.voted ? form.dataset.back : form.dataset.up;
        button.classList.toggle("primary", !answer.voted);
        if (status) {
          const text = card.querySelector("[data-text]");
          status.textContent = `${answer.said} ${text ? text.textContent : ""}: ${answer.votes_label}`;
        }
        button.disabled = false;
        button.focus({ preventScroll: true });
      })
      .catch(() => { button.disabled = false; form.submit(); });
  });
})();

// Artist's drop page: when the drop's totals move, re-render the numbers,
// chart and orders from the server (the page is complete without this).
(function liveStats() {
  const box = document.getElementById("live-stats");
  if (!box || !window.EventSource) return;
  let lastVersion = null;
  new EventSource(box.dataset.liveSource).addEventListener("totals", (e) => {
    const version = JSON.parse(e.data).version;
    if (lastVersion === null) { lastVersion = version; return; }
    if (version === lastVersion) return;
    lastVersion = version;
    fetch(window.location.pathname, { headers: { Accept: "text/html" } })
      .then((r) => (r.ok ? r.text() : null))
      .then((html) => {
        if (!html) return;
        const page = new DOMParser().parseFromString(html, "text/html");
        ["live-stats", "live-orders"].forEach((id) => {
          const fresh = page.getElementById(id);
          const here = document.getElementById(id);
          if (fresh && here) here.innerHTML = fresh.innerHTML;
        });
        localTimes(document);
      })
      .catch(() => {});
  });
})();

// Dashboard: refresh the drops table every 10 seconds.
(function liveDashboard() {
  const table = document.getElementById("drops-table");
  if (!table) return;
  setInterval(() => {
    fetch("/dashboard").then((r) => (r.ok ? r.text() : null)).then((html) => {
      const fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById("drops-table");
      if (fresh) table.innerHTML = fresh.innerHTML;
    }).catch(() => {});
  }, 10000);
})();
