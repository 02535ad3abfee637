"use strict";
// What the seat and room pages share: small DOM helpers, the live connection,
// the inject and the decision's countdown. It defines a single global, Seats,
// and both pages load it before their own script. Every piece of data is
// untrusted text, so it only ever reaches the page through textContent.
window.Seats = (() => {
  const base = location.pathname.replace(/\/+$/, "");
  const $ = (id) => document.getElementById(id);
  const STATUS = { not_started: "Not started", running: "Running", paused: "Paused", ended: "Ended" };

  const str = (v) => (typeof v === "string" ? v : v == null ? "" : String(v));
  const list = (v) => (Array.isArray(v) ? v : []);
  const obj = (v) => (v && typeof v === "object" ? v : null);
  function el(tag, cls, text, props) {
    const e = Object.assign(document.createElement(tag), props);
    if (cls) e.className = cls;
    if (text != null) e.textContent = str(text);
    return e;
  }

  // Announcements are only made for changes after the first snapshot.
  let snapshots = 0, gone = false;

  // Screen-reader announcements; several from one snapshot are read together.
  let pending = [];
  function say(text) {
    pending.push(text);
    if (pending.length > 1) return;
    $("say").textContent = "";
    setTimeout(() => {
      $("say").textContent = pending.join(" ");
      pending = [];
    }, 100);
  }

  // ---- connection ----
  // render(view) draws each snapshot; hide lists the parts a closed link no longer shows.
  function connect(render, hide) {
    const es = new EventSource(base + "/events");
    const conn = $("conn");
    function setConn(text, bad) {
      if (conn.textContent !== text) conn.textContent = text;
      conn.classList.toggle("bad", !!bad);
    }
    es.addEventListener("open", () => setConn("Connected"));
    es.addEventListener("error", () => {
      if (gone) return;
      if (es.readyState === EventSource.CONNECTING) setConn("Reconnecting…", true);
      else if (es.readyState === EventSource.CLOSED) setConn("Disconnected: reload the page to try again.", true);
    });
    es.addEventListener("view", (e) => {
      let v = null;
      try { v = JSON.parse(e.data); } catch { /* ignored: the next snapshot replaces it */ }
      if (!v || typeof v !== "object" || gone) return;
      setConn("Connected");
      snapshots += 1;
      render(v);
    });
    es.addEventListener("gone", (e) => {
      let d = null;
      try { d = JSON.parse(e.data); } catch { /* the default sentence below */ }
      const text = d && typeof d.message === "string" && d.message ? d.message : "This link no longer works.";
      gone = true;
      es.close();
      clock = null;
      stopTimer();
      for (const id of hide) $(id).hidden = true;
      $("gone").textContent = text;
      $("gone").hidden = false;
    });
  }

  // ---- header lines ----
  function exercise(v) {
    const title = str(v.exercise) || "Tabletop exercise";
    $("exercise").textContent = title;
    return title;
  }
  const where = (story, status, extra) =>
    [story ? "Story time " + str(story) : "", extra || "", STATUS[status] || ""].filter(Boolean).join(" · ");
  function notice(note) {
    const n = $("notice");
    if (n.textContent !== note) {
      n.textContent = note;
      if (note && snapshots > 1) say(note);
    }
    n.hidden = !note;
  }

  // ---- inject ----
  // Redrawn only when it changed, so a reader's place in it is kept. A seat
  // also shows whom the inject is for; the room shows only the wildcard badge.
  let itemKey = null, itemId = null;
  function inject(item, forSeat) {
    const sec = $("inject");
    sec.hidden = !item;
    if (!item) {
      sec.replaceChildren();
      itemKey = null;
      return;
    }
    const key = JSON.stringify(item);
    if (key === itemKey) return;
    itemKey = key;
    if (str(item.id) !== itemId && snapshots > 1) say("New inject: " + str(item.title));
    itemId = str(item.id);
    sec.setAttribute("aria-labelledby", "inject-h");
    sec.replaceChildren(el("h2", "inject-title", item.title || "Inject", { id: "inject-h" }));

    sec.append(...itemParts(item, forSeat));
  }

  // What follows an inject's title: badges, who it is from and to, its
  // text, artefacts and questions. The current inject and earlier ones alike.
  function itemParts(item, forSeat) {
    const out = [];
    const to = list(item.to).map(str).filter(Boolean);
    const badges = el("p", "badges");
    if (forSeat && item.private === true) badges.append(el("span", "badge private", "Only for: " + (to.length ? to.join(", ") : "the addressed roles")));
    if (item.wildcard === true) badges.append(el("span", "badge wild", "Wildcard"));
    if (forSeat && item.for_you === true && to.length) badges.append(el("span", "badge you", "For you"));
    if (badges.childNodes.length) out.push(badges);

    const meta = [];
    if (item.number != null && item.number !== "") meta.push("Inject " + str(item.number));
    if (item.from) meta.push("From: " + str(item.from));
    if (item.channel) meta.push("Via: " + str(item.channel));
    meta.push("To: " + (to.length ? to.join(", ") : "everyone"));
    out.push(el("p", "meta", meta.join(" · ")));

    for (const para of list(item.body)) out.push(el("p", null, para));
    for (const a of list(item.artefacts)) {
      if (!a || typeof a !== "object") continue;
      const kind = str(a.kind);
      const cap = [kind.charAt(0).toUpperCase() + kind.slice(1), str(a.title)].filter(Boolean).join(": ");
      const fig = el("figure");
      fig.append(el("figcaption", null, cap || "Artefact"), el("pre", null, list(a.lines).map(str).join("\n")));
      out.push(fig);
    }
    const qs = list(item.questions);
    if (qs.length) {
      const ul = el("ul");
      for (const q of qs) ul.append(el("li", null, q));
      out.push(el("h3", null, "Questions"), ul);
    }
    return out;
  }

  // ---- one timer for the countdown and the page's own ticking, pending only while either runs ----
  let clock = null, clockState = "", timer = 0;
  let also = () => Infinity; // the page's extra redraw; returns ms until it is next due
  function stopTimer() {
    if (timer) clearTimeout(timer);
    timer = 0;
  }
  function setClock(d) {
    const rem = d && Number.isFinite(d.remaining_ms) ? d.remaining_ms : null;
    $("clock").hidden = rem === null;
    if (rem === null) {
      clock = null;
      clockState = "";
    } else {
      const total = d.countdown_ms > 0 && Number.isFinite(d.countdown_ms) ? d.countdown_ms : null;
      clock = { rem: Math.max(0, rem), total, running: d.running === true, at: performance.now() };
    }
    stopTimer();
    tick();
  }
  function mmss(ms) {
    const s = Math.ceil(ms / 1000);
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function tick() {
    timer = 0;
    let wait = also();
    if (clock) {
      const ms = clock.running ? Math.max(0, clock.rem - (performance.now() - clock.at)) : clock.rem;
      const state = ms <= 0 ? "up" : clock.running ? "run" : "pause";
      const text = state === "up" ? "Time is up" : "Time left " + mmss(ms) + (state === "pause" ? " (paused)" : "");
      const t = $("clock-text");
      if (t.textContent !== text) t.textContent = text;
      const bar = $("clock-bar");
      bar.hidden = clock.total === null;
      if (clock.total) {
        bar.max = clock.total;
        bar.value = Math.min(ms, clock.total);
      }
      if (state !== clockState) {
        clockState = state;
        say(state === "up" ? "Time is up for the decision."
          : state === "pause" ? "Countdown paused with " + mmss(ms) + " left."
          : "Countdown running: " + mmss(ms) + " left.");
      }
      // Wake just after the next whole second, when the number shown changes.
      if (state === "run") wait = Math.min(wait, (ms % 1000 || 1000) + 5);
    }
    if (wait !== Infinity && !gone) timer = setTimeout(tick, wait);
  }
  const onTick = (fn) => { also = fn; };

  return Object.freeze({ base, $, str, list, obj, el, say, connect, exercise, where, notice, inject, itemParts, setClock, onTick });
})();
