"use strict";
// A participant's seat: follows the exercise over server-sent events and sends
// votes, answers, corrections and feedback. Every piece of data is untrusted
// text, so it only ever reaches the page through textContent.
(() => {
  const { base, $, str, list, obj, el } = Seats;
  const MAX = 4000;
  const RATINGS = ["1 – not met", "2 – barely met", "3 – partly met", "4 – mostly met", "5 – fully met"];

  const button = (text, cls, type) => el("button", cls, text, { type: type || "button" });
  function radio(name, value, label) {
    const r = el("input", null, null, { type: "radio", name, value });
    const lab = el("label", "choice");
    lab.append(r, el("span", null, label));
    return [lab, r];
  }
  function msg(out, text, kind) {
    out.textContent = text;
    out.classList.toggle("err", kind === "err");
    out.classList.toggle("ok", kind === "ok");
  }

  let view = null, fbDone = false;
  const keys = {}; // JSON of what each part was last drawn from: unchanged parts are not redrawn
  let options = []; // the decision's options as drawn; a radio's value is its index
  let picked = false; // a radio chosen but not yet sent: snapshots leave it alone
  const drafts = new Map(); // response seq -> correction being typed

  // The connection draws each snapshot; a closed link hides these parts.
  Seats.connect(render, ["feedback", "inject", "decision", "answers", "earlier", "notice", "as-row", "conn"]);

  // ---- posting ----
  async function post(path, body, btn, out) {
    const hadFocus = document.activeElement === btn;
    btn.disabled = true;
    msg(out, "Sending…", "");
    try {
      const r = await fetch(base + path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const data = await r.json().catch(() => null);
      if (r.ok) {
        msg(out, "", "");
        return obj(data) || {};
      }
      msg(out, data && typeof data.error === "string" && data.error ? data.error
        : r.status === 429 ? "Too many requests: wait a moment and try again."
        : "Not sent: the server refused it (" + r.status + ").", "err");
      return null;
    } catch {
      msg(out, "Not sent: no connection. Try again.", "err");
      return null;
    } finally {
      btn.disabled = false;
      // A disabled button can drop focus; give it back so keyboard users keep their place.
      if (hadFocus && (!document.activeElement || document.activeElement === document.body)) btn.focus();
    }
  }
  function canAnswer() {
    const seat = (view && view.seat) || {};
    return seat.can_answer === true && seat.kind !== "observer";
  }
  function role() {
    const roles = canAnswer() ? list(view.seat.roles) : [];
    const r = roles.length > 1 ? roles[Number($("as").value)] : roles[0];
    return obj(r);
  }
  const roleId = () => (role() && role().id != null ? role().id : null);
  function ctrlEnterSends(area, form) {
    area.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
  }

  // ---- whole snapshot ----
  function render(v) {
    view = v;
    const seat = obj(v.seat) || {};
    const status = str(v.status);
    const ended = status === "ended";
    const started = status !== "not_started";
    const item = started ? obj(v.item) : null;
    const answering = canAnswer() && !ended;

    const title = Seats.exercise(v);
    document.title = (item && item.title ? str(item.title) + " – " : "") + title;
    $("where").textContent = Seats.where(v.story, status);
    $("seat").textContent = seatLine(seat);
    $("recorded").textContent = str(v.recorded);
    syncRoles(seat, answering);

    let note = "";
    if (!started) note = "Waiting for the facilitator to start.";
    else if (ended) note = "The exercise has ended.";
    else if (!item) note = "Nothing yet: the first inject will appear here.";
    else if (status === "paused") note = "The facilitator has paused the exercise.";
    Seats.notice(note);

    renderFeedback(v.feedback, seat, ended);
    Seats.inject(item, true);
    const d = started ? obj(v.decision) : null;
    renderDecision(d, answering && !!item);
    renderAnswers(v, canAnswer() && !!item, answering);
    renderEarlier(item ? list(v.earlier) : []);
    showRole();
  }

  function seatLine(seat) {
    const label = str(seat.label);
    const roles = list(seat.roles).map((r) => str(r && r.name)).filter(Boolean);
    switch (seat.kind) {
      case "person": return "You: " + label + (roles.length ? " (" + roles.join(", ") + ")" : "");
      case "scribe": return "Scribe seat: " + label + ". You record answers for any role.";
      case "observer": return "Observer: " + label + ". You can follow the exercise but not answer.";
      default: return label ? "Seat: " + label : "";
    }
  }

  function syncRoles(seat, show) {
    const roles = list(seat.roles);
    if (($("as-row").hidden = !(show && roles.length > 1))) return;
    const key = JSON.stringify(roles);
    if (key === keys.roles) return;
    keys.roles = key;
    const sel = $("as");
    const before = roles.findIndex((r) => r && sel.dataset.id && str(r.id) === sel.dataset.id);
    sel.replaceChildren(...roles.map((r, i) => el("option", null, str(r && (r.name || r.id)), { value: String(i) })));
    sel.value = String(Math.max(0, before));
    sel.dataset.id = str(role() && role().id);
  }
  // With several roles, the forms far down the page say whom they answer for.
  function showRole() {
    const multi = canAnswer() && list(view.seat.roles).length > 1;
    const name = multi && role() ? str(role().name || role().id) : "";
    $("as").dataset.id = str(role() && role().id);
    $("ans-label").textContent = name ? "Your answer, as " + name : "Your answer";
    const legend = $("dec-body").querySelector("legend");
    if (legend) legend.textContent = name ? "Choose an option, voting as " + name : "Choose an option";
  }
  $("as").addEventListener("change", showRole);

  // ---- decision ----
  function renderDecision(d, canVote) {
    $("decision").hidden = !d;
    if (!d) {
      keys.dec = null;
      Seats.setClock(null);
      return;
    }
    const opts = list(d.options).filter((o) => o && typeof o === "object");
    const key = JSON.stringify([d.inject, d.prompt, d.owners, opts, canVote]);
    if (key !== keys.dec) {
      keys.dec = key;
      options = opts;
      picked = false;
      const owners = list(d.owners).map(str).filter(Boolean);
      $("dec-head").replaceChildren(el("p", "prompt", d.prompt || "Decision"));
      if (owners.length) $("dec-head").append(el("p", "meta", "Decided by: " + owners.join(", ")));
      msg($("vote-msg"), "", "");
      if (canVote) $("dec-body").replaceChildren(voteForm(opts));
      else {
        const ol = el("ol", "options");
        for (const o of opts) ol.append(el("li", null, o.label));
        $("dec-body").replaceChildren(ol);
      }
    }
    const mine = d.my_vote == null ? null : options.find((o) => str(o.id) === str(d.my_vote));
    const mv = $("my-vote");
    mv.hidden = !(canVote || mine);
    $("vote-note").hidden = !canVote;
    const text = mine ? "Your vote: " + str(mine.label) : "You have not voted yet.";
    if (mv.textContent !== text) mv.textContent = text;
    if (canVote && !picked) {
      for (const r of $("dec-body").querySelectorAll('input[name="vote"]')) r.checked = !!mine && options[Number(r.value)] === mine;
    }
    Seats.setClock(d);
  }

  function voteForm(opts) {
    const form = el("form", "vote", null, { noValidate: true });
    const fs = el("fieldset");
    fs.append(el("legend", null, "Choose an option"));
    opts.forEach((o, i) => {
      const [lab, r] = radio("vote", String(i), o.label);
      r.id = "opt-" + i;
      r.addEventListener("change", () => { picked = true; });
      fs.append(lab);
    });
    const row = el("div", "row");
    row.append(el("button", null, "Vote", { type: "submit", id: "vote-send" }));
    form.append(fs, row);
    form.addEventListener("submit", onVote);
    return form;
  }

  async function onVote(e) {
    e.preventDefault();
    const d = view && view.decision;
    const btn = $("vote-send");
    if (!d || !btn || btn.disabled) return;
    const r = $("dec-body").querySelector('input[name="vote"]:checked');
    const o = r && options[Number(r.value)];
    if (!o) return msg($("vote-msg"), "Choose an option first.", "err");
    if (!(await post("/vote", { inject: d.inject, option: o.id, role: roleId() }, btn, $("vote-msg")))) return;
    picked = false;
    msg($("vote-msg"), "Vote sent: " + str(o.label), "ok");
  }

  // ---- answers ----
  const ansText = $("ans-text");
  const ansForm = $("ans-form");
  let sending = false;
  const count = () => { $("ans-count").textContent = ansText.value.length + " / " + MAX; };
  ansText.addEventListener("input", () => {
    count();
    if ($("ans-msg").classList.contains("ok")) msg($("ans-msg"), "", "");
  });
  ctrlEnterSends(ansText, ansForm);
  ansForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const item = view && view.item;
    if (sending || !item) return;
    const text = ansText.value;
    if (!text.trim()) {
      msg($("ans-msg"), "Type an answer first.", "err");
      return ansText.focus();
    }
    sending = true;
    const res = await post("/response", { item: item.id, text: text.trim(), role: roleId() }, $("ans-send"), $("ans-msg"));
    sending = false;
    if (!res) return;
    // Keep anything typed while the answer was on its way.
    const now = ansText.value;
    ansText.value = now.startsWith(text) ? now.slice(text.length).trimStart() : now;
    count();
    msg($("ans-msg"), "Sent.", "ok");
  });

  // Earlier injects stay readable, each folded under its title; the ones a
  // participant opened stay open when the list changes.
  let earlierKey = null;
  function renderEarlier(items) {
    const key = JSON.stringify(items);
    if (key === earlierKey) return;
    earlierKey = key;
    const box = $("earlier-list");
    const open = new Set([...box.querySelectorAll("details[open]")].map((d) => d.dataset.id));
    box.replaceChildren(...items.filter(obj).map((item) => {
      const details = el("details");
      details.dataset.id = str(item.id);
      details.open = open.has(str(item.id));
      const number = item.number != null && item.number !== "" ? "#" + str(item.number) + " " : "";
      details.append(el("summary", null, number + (str(item.title) || "Inject")), ...Seats.itemParts(item, true));
      return details;
    }));
    $("earlier").hidden = items.length === 0;
  }

  function renderAnswers(v, show, live) {
    const editable = show && live && ["running", "paused"].includes(v.status);
    $("answers").hidden = !show;
    ansForm.hidden = !editable;
    if (!show) {
      keys.resp = null;
      return;
    }
    const resp = list(v.responses).filter((r) => r && typeof r === "object");
    const multi = list(v.seat && v.seat.roles).length > 1;
    const key = JSON.stringify([resp, editable, multi]);
    if (key === keys.resp) return;
    keys.resp = key;
    const seqs = new Set(resp.map((r) => r.seq));
    for (const s of drafts.keys()) if (!seqs.has(s)) drafts.delete(s);
    // Redrawing the list must not lose the focus or caret of someone mid-correction.
    const act = document.activeElement;
    const focus = act && act.dataset ? act.dataset.key : "";
    const caret = focus && act.selectionStart != null ? [act.selectionStart, act.selectionEnd] : null;
    const ul = $("ans-list");
    ul.replaceChildren(...resp.map((r) => answerItem(r, editable, multi)));
    $("ans-none").hidden = resp.length > 0;
    const again = focus && ul.querySelector('[data-key="' + CSS.escape(focus) + '"]');
    if (again) {
      again.focus();
      if (caret) again.setSelectionRange(caret[0], caret[1]);
    }
  }

  function answerItem(r, editable, multi) {
    const li = el("li");
    const tag = String(r.seq).replace(/[^0-9A-Za-z_-]/g, "");
    const bits = [];
    if (multi && r.role) bits.push("As " + str(r.role));
    if (r.corrected === true) bits.push("Corrected");
    if (bits.length) li.append(el("p", "meta", bits.join(" · ")));
    const out = el("p", "msg");
    out.setAttribute("role", "status");
    const swap = (entry, focusSel) => {
      const fresh = answerItem(entry, true, multi);
      li.replaceWith(fresh);
      const f = fresh.querySelector(focusSel);
      if (f) f.focus();
      return fresh;
    };
    if (editable && drafts.has(r.seq)) {
      li.append(editor(r, tag, out, swap), out);
      return li;
    }
    const text = el("p", "answer-text", r.text, { id: "answer-" + tag });
    li.append(text);
    if (editable) {
      const edit = button("Edit", "quiet");
      edit.dataset.key = "edit-" + tag;
      edit.setAttribute("aria-describedby", text.id);
      edit.addEventListener("click", () => {
        drafts.set(r.seq, str(r.text));
        swap(r, "textarea");
      });
      li.append(edit);
    }
    li.append(out);
    return li;
  }

  function editor(r, tag, out, swap) {
    const form = el("form", "noprint", null, { noValidate: true });
    const lab = el("label", null, "Correct your answer", { htmlFor: "fix-" + tag });
    const ta = el("textarea", null, null, { id: "fix-" + tag, maxLength: MAX, value: drafts.get(r.seq) });
    ta.dataset.key = ta.id;
    ta.addEventListener("input", () => drafts.set(r.seq, ta.value));
    ctrlEnterSends(ta, form);
    const save = button("Save correction", null, "submit");
    save.dataset.key = "save-" + tag;
    const cancel = button("Cancel", "quiet");
    cancel.dataset.key = "cancel-" + tag;
    cancel.addEventListener("click", () => {
      drafts.delete(r.seq);
      swap(r, "button");
    });
    const row = el("div", "row");
    row.append(save, cancel);
    form.append(lab, ta, row);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (save.disabled) return;
      const text = ta.value.trim();
      if (!text) return msg(out, "Type the corrected answer first.", "err");
      if (!(await post("/correct", { response_seq: r.seq, text }, save, out))) return;
      drafts.delete(r.seq);
      // Show the correction at once; the next snapshot confirms it.
      const fresh = swap(Object.assign({}, r, { text, corrected: true }), "button");
      msg(fresh.querySelector(".msg"), "Correction saved.", "ok");
    });
    return form;
  }

  // ---- feedback ----
  const fbForm = $("fb-form");
  function renderFeedback(fb, seat, ended) {
    const show = ended && !!fb && typeof fb === "object" && seat.kind !== "observer";
    $("feedback").hidden = !show;
    if (!show) return;
    const sent = fb.sent === true || fbDone;
    $("fb-thanks").hidden = !sent || fbDone; // after sending here, the status line says it
    fbForm.hidden = sent;
    if (sent) return;
    const min = Number.isFinite(fb.minimum) ? String(fb.minimum) : "a few";
    const so = Number.isFinite(fb.answers) ? " So far " + fb.answers + (fb.answers === 1 ? " person has" : " people have") + " answered." : "";
    $("fb-intro").textContent = "Anonymous: your answers are kept apart from the exercise record, without your seat, role or name, and shown only as totals once at least " + min + " people have answered." + so;
    const objs = list(fb.objectives).filter((o) => o && typeof o === "object");
    const key = JSON.stringify(objs);
    if (key === keys.fb) return;
    keys.fb = key;
    const box = $("fb-objectives");
    const before = new Map();
    for (const r of box.querySelectorAll("input:checked")) before.set(r.dataset.id, r.value);
    box.replaceChildren(...objs.map((o, i) => {
      const fs = el("fieldset");
      const scale = el("div", "scale");
      RATINGS.forEach((label, n) => {
        const [lab, r] = radio("rate-" + i, String(n + 1), label);
        r.dataset.id = str(o.id);
        r.checked = before.get(str(o.id)) === r.value;
        scale.append(lab);
      });
      fs.append(el("legend", null, o.text || o.id), scale);
      return fs;
    }));
  }

  fbForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const fb = view && view.feedback;
    const btn = $("fb-send");
    const out = $("fb-msg");
    if (!fb || btn.disabled) return;
    const ratings = {};
    list(fb.objectives).forEach((o, i) => {
      const r = fbForm.querySelector('input[name="rate-' + i + '"]:checked');
      if (o && r) ratings[o.id] = Number(r.value);
    });
    const body = {
      ratings,
      strengths: $("fb-strengths").value.trim(),
      improvements: $("fb-improve").value.trim(),
      comments: $("fb-comments").value.trim(),
    };
    if (!Object.keys(ratings).length && !body.strengths && !body.improvements && !body.comments) {
      return msg(out, "Rate an objective or write something first.", "err");
    }
    if (!(await post("/feedback", body, btn, out))) return;
    fbDone = true;
    fbForm.hidden = true;
    msg(out, "Thank you: your feedback was recorded.", "ok");
    out.tabIndex = -1;
    out.focus();
  });
})();
