"use strict";
// The room's read-only view for a projector: the current inject, the open
// decision and its countdown. Data is untrusted text: textContent only.
(() => {
  const base = location.pathname.replace(/\/+$/, "");
  const $ = (id) => document.getElementById(id);
  const STATUS = { not_started: "Not started", running: "Running", paused: "Paused", ended: "Ended" };

  const str = (v) => (typeof v === "string" ? v : v == null ? "" : String(v));
  const list = (v) => (Array.isArray(v) ? v : []);
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = str(text);
    return e;
  }
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

  let snapshots = 0;
  let gone = false;
  let itemKey = null;
  let itemId = null;
  let decKey = null;
  let lastStory = ""; // kept for the elapsed time's redraws between snapshots
  let lastStatus = "";

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
    render(v);
  });
  es.addEventListener("gone", (e) => {
    let d = null;
    try { d = JSON.parse(e.data); } catch { /* the default sentence below */ }
    const text = d && typeof d.message === "string" && d.message ? d.message : "This link no longer works.";
    gone = true;
    es.close();
    clock = null;
    elapsed = null;
    stopTimer();
    for (const id of ["inject", "decision", "notice", "conn"]) $(id).hidden = true;
    $("gone").textContent = text;
    $("gone").hidden = false;
  });

  function render(v) {
    snapshots += 1;
    const status = str(v.status);
    lastStory = v.story;
    lastStatus = status;
    const item = v.item && typeof v.item === "object" && status !== "not_started" ? v.item : null;
    const title = str(v.exercise) || "Tabletop exercise";
    $("exercise").textContent = title;
    document.title = title + ": room";
    setElapsed(v.elapsed, status === "running");
    $("where").textContent = whereLine(v.story, status);

    let note = "";
    if (status === "not_started") note = "Waiting for the facilitator to start.";
    else if (status === "ended") note = "The exercise has ended.";
    else if (!item) note = "Nothing yet: the first inject will appear here.";
    else if (status === "paused") note = "Paused.";
    const n = $("notice");
    if (n.textContent !== note) {
      n.textContent = note;
      if (note && snapshots > 1) say(note);
    }
    n.hidden = !note;

    renderItem(item);
    const d = v.decision && typeof v.decision === "object" && status !== "not_started" ? v.decision : null;
    renderDecision(d);
    document.querySelector("main").classList.toggle("split", !!item && !!d);
  }

  function whereLine(story, status) {
    return [
      story ? "Story time " + str(story) : "",
      elapsed ? "Elapsed " + fmtElapsed() : "",
      STATUS[status] || "",
    ].filter(Boolean).join(" · ");
  }

  function renderItem(item) {
    const sec = $("inject");
    if (!item) {
      sec.hidden = true;
      sec.replaceChildren();
      itemKey = null;
      return;
    }
    sec.hidden = false;
    const key = JSON.stringify(item);
    if (key === itemKey) return;
    itemKey = key;
    if (str(item.id) !== itemId && snapshots > 1) say("New inject: " + str(item.title));
    itemId = str(item.id);
    sec.replaceChildren();
    const h = el("h2", "inject-title", item.title || "Inject");
    h.id = "inject-h";
    sec.setAttribute("aria-labelledby", "inject-h");
    sec.append(h);
    if (item.wildcard === true) {
      const b = el("p", "badges");
      b.append(el("span", "badge wild", "Wildcard"));
      sec.append(b);
    }
    const to = list(item.to).map(str).filter(Boolean);
    const meta = [];
    if (item.number != null && item.number !== "") meta.push("Inject " + str(item.number));
    if (item.from) meta.push("From: " + str(item.from));
    if (item.channel) meta.push("Via: " + str(item.channel));
    meta.push("To: " + (to.length ? to.join(", ") : "everyone"));
    sec.append(el("p", "meta", meta.join(" · ")));
    for (const para of list(item.body)) sec.append(el("p", null, para));
    for (const a of list(item.artefacts)) {
      if (!a || typeof a !== "object") continue;
      const fig = el("figure");
      const kind = str(a.kind);
      const cap = [kind ? kind.charAt(0).toUpperCase() + kind.slice(1) : "", str(a.title)].filter(Boolean).join(": ");
      fig.append(el("figcaption", null, cap || "Artefact"), el("pre", null, list(a.lines).map(str).join("\n")));
      sec.append(fig);
    }
    const qs = list(item.questions);
    if (qs.length) {
      sec.append(el("h3", null, "Questions"));
      const ul = el("ul");
      for (const q of qs) ul.append(el("li", null, q));
      sec.append(ul);
    }
  }

  function renderDecision(d) {
    const sec = $("decision");
    if (!d) {
      sec.hidden = true;
      decKey = null;
      setClock(null);
      return;
    }
    sec.hidden = false;
    const opts = list(d.options).filter((o) => o && typeof o === "object");
    const key = JSON.stringify([d.prompt, d.owners, opts]);
    if (key !== decKey) {
      decKey = key;
      $("dec-prompt").textContent = str(d.prompt) || "Decision";
      const owners = list(d.owners).map(str).filter(Boolean);
      $("dec-owners").textContent = owners.length ? "Decided by: " + owners.join(", ") : "";
      $("dec-owners").hidden = !owners.length;
      $("dec-options").replaceChildren(...opts.map((o) => el("li", null, o.label)));
    }
    setClock(d);
  }

  // ---- one timer for the countdown and the elapsed time, only while either runs ----
  let clock = null;
  let clockState = "";
  let elapsed = null; // {secs, hours, running, at}
  let timer = 0;
  function stopTimer() {
    if (timer) clearTimeout(timer);
    timer = 0;
  }
  function setElapsed(text, running) {
    const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(str(text));
    if (!m) {
      // A shape not understood is shown as sent, without ticking.
      elapsed = str(text) ? { running: false, raw: str(text) } : null;
      return;
    }
    const secs = Number(m[1] || 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    elapsed = { secs, hours: m[1] != null, running, at: performance.now(), raw: str(text) };
  }
  function fmtElapsed() {
    if (!elapsed.running) return elapsed.raw;
    const s = elapsed.secs + Math.floor((performance.now() - elapsed.at) / 1000);
    const mm = Math.floor(s / 60) % 60;
    const ss = String(s % 60).padStart(2, "0");
    const h = Math.floor(s / 3600);
    return elapsed.hours || h ? h + ":" + String(mm).padStart(2, "0") + ":" + ss : Math.floor(s / 60) + ":" + ss;
  }
  function setClock(d) {
    const rem = d && Number.isFinite(d.remaining_ms) ? d.remaining_ms : null;
    if (rem === null) {
      clock = null;
      clockState = "";
      $("clock").hidden = true;
    } else {
      const total = d.countdown_ms > 0 && Number.isFinite(d.countdown_ms) ? d.countdown_ms : null;
      clock = { rem: Math.max(0, rem), total, running: d.running === true, at: performance.now() };
      $("clock").hidden = false;
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
    let wait = Infinity;
    if (elapsed) {
      const where = $("where");
      const text = whereLine(lastStory, lastStatus);
      if (where.textContent !== text) where.textContent = text;
      if (elapsed.running) wait = 1000 - ((performance.now() - elapsed.at) % 1000) + 5;
    }
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
      if (state === "run") wait = Math.min(wait, (ms % 1000 || 1000) + 5);
    }
    if (wait !== Infinity && !gone) timer = setTimeout(tick, wait);
  }
})();
