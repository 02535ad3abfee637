// A hybrid exercise end to end, as the people in it see it: three seats of
// different roles and the room's page in headless Chromium, joined to a
// console running in tmux. Keys go to the console with tmux send-keys; what
// it shows comes back with capture-pane.
//   node e2e.mjs TMUX_SESSION LINKS_FILE TABLETOP TRANSCRIPT
// Exits non-zero with a message on the first thing that is not as it should be.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("./../pages/node_modules/playwright-core");
const axePath = require.resolve("./../pages/node_modules/axe-core/axe.min.js");

const [session, linksFile, tabletop, transcript] = process.argv.slice(2);
const links = JSON.parse(readFileSync(linksFile, "utf8"));
const url = (seat) => links.seats.find((s) => s.seat === seat).url;

const keys = (...k) => execFileSync("tmux", ["send-keys", "-t", session, ...k]);
const screen = () => execFileSync("tmux", ["capture-pane", "-p", "-t", session]).toString();
const fail = (why) => { throw new Error(why); };
async function until(what, test, ms = 10000) {
  const start = Date.now();
  for (;;) {
    if (await test()) return;
    if (Date.now() - start > ms) fail(`waited in vain for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const roles = ["incident-commander", "legal", "it-security"];
  const pages = {};
  const problems = [];
  for (const seat of [...roles, "room"]) {
    // A phone for each seat; the room gets a projector's width.
    // Counsel's phone is a small one.
    const width = seat === "room" ? 1280 : seat === "legal" ? 320 : 360;
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    page.on("console", (m) => { if (m.type() === "error") problems.push(`${seat}: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`${seat}: ${e.message}`));
    await page.goto(url(seat));
    pages[seat] = page;
  }
  const text = (seat) => pages[seat].evaluate(() => document.body.innerText);
  // WCAG 2 A and AA by axe-core, and no sideways scrolling, in the state shown.
  async function accessible(seat, state) {
    const page = pages[seat];
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) fail(`${seat} (${state}) scrolls sideways by ${overflow}px`);
    // Evaluated through the browser's debugging channel: the page's own
    // policy rightly refuses any script added to it.
    if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(readFileSync(axePath, "utf8"));
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    if (bad.length) fail(`${seat} (${state}): ${bad.map((v) => `${v.id}: ${v.help}`).join("; ")}`);
  }
  const everything = (seat) => pages[seat].content();
  for (const seat of roles) await until(`${seat} to wait for the start`, async () => (await text(seat)).includes("Waiting for the facilitator"));

  // The first inject, for everyone, with a decision.
  keys("Space");
  keys("n");
  for (const seat of [...roles, "room"]) {
    await until(`${seat} to show the alert`, async () => (await text(seat)).includes("An alert on the file server"));
  }
  await until("the room to show the options", async () => (await text("room")).includes("Keep watching for an hour"));
  for (const seat of [...roles, "room"]) await accessible(seat, "a decision open");

  // Each seat votes and answers in its own words.
  const votes = { "incident-commander": 0, legal: 0, "it-security": 1 };
  for (const seat of roles) {
    const page = pages[seat];
    await page.locator("input[name=vote]").nth(votes[seat]).check();
    await page.locator("#vote-send").click();
    await until(`${seat}'s vote to be taken`, async () => (await text(seat)).includes("Your vote:"));
    await page.locator("#ans-text").fill(`Answer typed at the ${seat} seat.`);
    await page.locator("#ans-send").click();
    await until(`${seat}'s answer to be listed`, async () => (await page.locator("#ans-list").innerText()).includes(`the ${seat} seat`));
  }
  await until("the console to count the votes", () => {
    const s = screen();
    return s.includes("2 votes") && s.includes("1 vote");
  });

  // Counsel's private letter: only counsel's seat shows it.
  keys("n");
  keys("y");
  await until("counsel to get the letter", async () => (await text("legal")).includes("PRIVATE-LEGAL-MARKER"));
  await new Promise((r) => setTimeout(r, 500));
  for (const seat of ["incident-commander", "it-security", "room"]) {
    if ((await everything(seat)).includes("PRIVATE-LEGAL-MARKER")) fail(`${seat} was shown counsel's private letter`);
  }
  // The log extract, whose raw firewall artefact only its roles see.
  keys("n");
  await until("IT security to get the log", async () => (await text("it-security")).includes("PRIVATE-IT-MARKER"));
  await until("counsel to get the log", async () => (await text("legal")).includes("What the logs show"));
  // The letter stays on counsel's page, folded under the earlier injects.
  await pages.legal.locator("#earlier summary", { hasText: "A letter for counsel" }).click();
  await until("counsel to reread the letter", async () => (await pages.legal.locator("#earlier").innerText()).includes("PRIVATE-LEGAL-MARKER"));
  await accessible("legal", "an earlier inject open");
  for (const seat of ["legal", "room"]) {
    if ((await everything(seat)).includes("PRIVATE-IT-MARKER")) fail(`${seat} was shown the private artefact`);
  }
  for (const seat of [...roles, "room"]) {
    const html = await everything(seat);
    for (const hidden of ["FACILITATOR-MARKER", "TIP-MARKER", "EXPECTED-MARKER", "REASON-MARKER"]) {
      if (html.includes(hidden)) fail(`${seat} was shown ${hidden}`);
    }
  }

  // The end: each seat gets the anonymous feedback form.
  keys("E");
  keys("y");
  for (const seat of roles) await until(`${seat} to get the feedback form`, async () => (await text(seat)).includes("Participant feedback"));
  for (const seat of [...roles, "room"]) await accessible(seat, "the feedback form");
  const report = () => execFileSync(tabletop, ["report", transcript, "--format", "md"]).toString();
  const strengths = { "incident-commander": "Calm heads on the bridge", legal: "Counsel brought in early", "it-security": "Logs pulled fast" };
  for (const [n, seat] of roles.entries()) {
    const page = pages[seat];
    await page.locator("#fb-objectives input[type=radio]").nth(3).check();
    await page.locator("#fb-strengths").fill(strengths[seat]);
    await page.locator("#fb-send").click();
    await until(`${seat}'s feedback to be kept`, async () => (await text(seat)).includes("Thank you"));
    const md = report();
    if (n < 2) {
      // Under three answers the report shows nothing of them.
      if (!md.includes(`answered the anonymous feedback form. Answers are shown once at least 3`)) fail(`report after ${n + 1} answers:\n${md}`);
      if (md.includes(strengths[seat])) fail("the report showed feedback before three had answered");
    }
  }
  const md = report();
  for (const words of Object.values(strengths)) {
    if (!md.includes(`- ${words}`)) fail(`the report does not list "${words}":\n${md}`);
  }
  for (const seat of roles) {
    const line = md.split("\n").find((l) => l.includes(strengths[seat]));
    if (line.includes(seat)) fail(`feedback attributed: ${line}`);
  }
  if (problems.length) fail(`the pages reported errors:\n${problems.join("\n")}`);
  console.log("seats end to end: ok");
} finally {
  await browser.close();
}
