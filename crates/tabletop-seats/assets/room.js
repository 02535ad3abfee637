"use strict";
// The room's read-only view for a projector: the current inject, the open
// decision and its countdown. Data is untrusted text: textContent only.
(() => {
  const { $, str, list, obj, el } = Seats;

  let decKey = null;
  let lastStory = ""; // kept for the elapsed time's redraws between snapshots
  let lastStatus = "";
  let elapsed = null; // {secs, hours, running, at, raw}

  // The connection draws each snapshot; a closed link hides these parts.
  Seats.connect(render, ["inject", "decision", "notice", "conn"]);

  function render(v) {
    const status = str(v.status);
    lastStory = v.story;
    lastStatus = status;
    const item = status !== "not_started" ? obj(v.item) : null;
    const title = Seats.exercise(v);
    document.title = title + ": room";
    setElapsed(v.elapsed, status === "running");
    $("where").textContent = whereLine(v.story, status);

    let note = "";
    if (status === "not_started") note = "Waiting for the facilitator to start.";
    else if (status === "ended") note = "The exercise has ended.";
    else if (!item) note = "Nothing yet: the first inject will appear here.";
    else if (status === "paused") note = "Paused.";
    Seats.notice(note);

    Seats.inject(item, false);
    const d = status !== "not_started" ? obj(v.decision) : null;
    renderDecision(d);
    document.querySelector("main").classList.toggle("split", !!item && !!d);
  }

  const whereLine = (story, status) => Seats.where(story, status, elapsed ? "Elapsed " + fmtElapsed() : "");

  function renderDecision(d) {
    const sec = $("decision");
    if (!d) {
      sec.hidden = true;
      decKey = null;
      Seats.setClock(null);
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
    Seats.setClock(d);
  }

  // ---- elapsed time: ticks on the countdown's timer, so the page still has only one ----
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
  Seats.onTick(() => {
    if (!elapsed) return Infinity;
    const where = $("where");
    const text = whereLine(lastStory, lastStatus);
    if (where.textContent !== text) where.textContent = text;
    return elapsed.running ? 1000 - ((performance.now() - elapsed.at) % 1000) + 5 : Infinity;
  });
})();
