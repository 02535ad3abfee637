// Opens each page tabletop wrote, as a reader would, in headless Chromium:
//   node check.mjs PAGE.html...
// Fails when axe-core finds a serious or critical WCAG 2 A/AA violation,
// when the page scrolls sideways at 500 px, or when a chart's bar or line is
// under 3:1 against the page (axe does not look at SVG fills and strokes).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const pages = process.argv.slice(2);
if (pages.length === 0) {
  console.error("usage: node check.mjs PAGE.html...");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
let failures = 0;
for (const page of pages) {
  const tab = await browser.newPage({ viewport: { width: 500, height: 900 } });
  await tab.goto(pathToFileURL(page).href);
  const problems = [];

  const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`scrolls sideways by ${overflow}px at 500px`);

  await tab.addScriptTag({ path: axePath });
  const result = await tab.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      problems.push(`${v.impact}: ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes[0].target.join(" ")})`);
    }
  }

  const weak = await tab.evaluate(() => {
    const luminance = (css) => {
      const m = css.match(/\d+(\.\d+)?/g);
      if (!m) return null;
      const [r, g, b] = m.slice(0, 3).map((c) => {
        const v = Number(c) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const out = [];
    for (const el of document.querySelectorAll("svg rect, svg path, svg line, svg circle")) {
      const style = getComputedStyle(el);
      for (const prop of ["fill", "stroke"]) {
        const colour = style[prop];
        if (!colour || colour === "none" || colour.startsWith("rgba(0, 0, 0, 0")) continue;
        if (el.tagName === "line" && el.getAttribute("stroke") && el.getAttribute("stroke").match(/#(ddd|e3e3e8|333)/)) continue;
        const l = luminance(colour);
        if (l === null) continue;
        const ratio = 1.05 / (l + 0.05);
        if (ratio < 3) out.push(`${el.tagName} ${prop} ${colour} is ${ratio.toFixed(1)}:1`);
      }
    }
    return [...new Set(out)];
  });
  problems.push(...weak.map((w) => `chart colour: ${w}`));

  if (problems.length > 0) {
    failures += 1;
    console.log(`FAIL ${page}`);
    for (const p of problems) console.log(`  ${p}`);
  } else {
    console.log(`ok ${page}`);
  }
  await tab.close();
}
await browser.close();
console.log(`${pages.length - failures} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
