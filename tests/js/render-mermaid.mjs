// Render Mermaid diagrams with mermaid-cli's own renderMermaid() in ONE browser, and say which fail.
//
// Input: a JSON object {name: diagram text} on stdin.
// Output: a JSON object {name: error message} on stdout, one entry per diagram that failed
// (an empty object when all rendered). Exit code 0 when the run itself worked, whatever the
// diagrams did; 2 when the input could not be read or the browser did not start.
//
// The browser is Debian's chromium (PUPPETEER_EXECUTABLE_PATH, default /usr/bin/chromium),
// started headless with --no-sandbox because CI runs as root. Nothing is fetched from the
// network: mermaid and its fonts come from node_modules.
//
//   echo '{"ok": "flowchart TB\n a --> b"}' | node tests/js/render-mermaid.mjs
import { readFileSync } from "node:fs";
import puppeteer from "puppeteer";
import { renderMermaid } from "@mermaid-js/mermaid-cli";

let diagrams;
try {
  diagrams = JSON.parse(readFileSync(0, "utf-8"));
} catch (err) {
  process.stderr.write(`render-mermaid: cannot read a JSON object of diagrams on stdin: ${err.message}\n`);
  process.exit(2);
}

let browser;
try {
  browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--disable-background-networking"],
  });
} catch (err) {
  process.stderr.write(`render-mermaid: the browser did not start: ${err.message}\n`);
  process.exit(2);
}

const errors = {};
try {
  for (const [name, text] of Object.entries(diagrams)) {
    try {
      const { data } = await renderMermaid(browser, text, "svg");
      const svg = Buffer.from(data).toString("utf-8");
      if (!svg.includes("<svg")) errors[name] = "mermaid returned no SVG";
    } catch (err) {
      const message = String((err && err.message) || err).trim();
      errors[name] = `${(err && err.name) || "Error"}: ${message}`.split("\n").slice(0, 6).join("\n");
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(errors) + "\n");
