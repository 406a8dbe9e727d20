// Render Mermaid diagrams in ONE headless browser page, and say which ones fail.
//
// Input: a JSON object {name: diagram text}, in the file named by the first argument or on stdin.
// Output: a JSON object {name: error message} on stdout, one entry per diagram that failed
// (an empty object when all rendered), in input order. Exit code 0 when the run itself
// worked, whatever the diagrams did; 2 when the input could not be read or the browser or
// mermaid did not start.
//
// Each diagram goes through mermaid.render(), which parses it (front matter included) and
// draws it to SVG in the page's DOM, as mermaid-cli does. The mermaid is the copy that
// @mermaid-js/mermaid-cli installs (package-lock.json pins both). It is loaded once, so a
// diagram costs its render only (about 0.5 s; mermaid-cli's renderMermaid() opens a page and
// loads mermaid for every diagram, about 1.3 s each). Unlike mmdc, the ELK and ZenUML plug-ins
// and icon packs are not registered: orggraph's diagrams are plain flowcharts.
//
// The browser is Debian's chromium (PUPPETEER_EXECUTABLE_PATH, default /usr/bin/chromium),
// headless, with --no-sandbox because CI runs as root. Nothing is fetched from the network.
//
//   printf '%s' '{"ok": "flowchart TB\n  a --> b"}' | node tests/js/render-mermaid.mjs
//   node tests/js/render-mermaid.mjs diagrams.json
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import puppeteer from "puppeteer";

const require = createRequire(import.meta.url);

function fail(message) {
  process.stderr.write(`render-mermaid: ${message}\n`);
  process.exit(2);
}

async function input() {
  if (process.argv[2]) return readFileSync(process.argv[2], "utf-8");
  // Not readFileSync(0): on a non-blocking pipe it fails with EAGAIN once the input is large.
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf-8");
}

let diagrams;
try {
  diagrams = JSON.parse(await input());
} catch (err) {
  fail(`cannot read a JSON object of diagrams: ${err.message}`);
}

let browser;
try {
  browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--disable-background-networking"],
  });
} catch (err) {
  fail(`the browser did not start: ${err.message}`);
}

let errors;
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ path: require.resolve("mermaid/dist/mermaid.min.js") });
  errors = await page.evaluate(async (diagrams) => {
    // eslint-disable-next-line no-undef
    const { mermaid } = globalThis;
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    const out = {};
    let i = 0;
    for (const [name, text] of Object.entries(diagrams)) {
      try {
        const { svg } = await mermaid.render(`diagram-${i++}`, text);
        if (!svg.includes("<svg")) out[name] = "mermaid returned no SVG";
      } catch (err) {
        const message = String((err && err.message) || err).trim();
        out[name] = `${(err && err.name) || "Error"}: ${message}`.split("\n").slice(0, 8).join("\n");
      }
    }
    return out;
  }, diagrams);
} catch (err) {
  await browser.close();
  fail(`mermaid did not run in the browser: ${err.message}`);
}
await browser.close();
process.stdout.write(JSON.stringify(errors) + "\n");
