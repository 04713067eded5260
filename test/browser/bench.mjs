#!/usr/bin/env node
// bench.mjs PAGE [RUNS] — time to first render of a chart page in headless
// Chromium, offline: from navigation start until the chart's canvas holds
// drawn pixels (polled every animation frame), over RUNS fresh page loads
// (default 7; median reported), and the page's size in bytes.
//
// Prints a line per run and a summary line:
//   page=… bytes=… runs=N median_ms=… min_ms=… max_ms=…

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const page = process.argv[2];
const runs = Number(process.argv[3] || 7);
if (!page) {
  console.error("usage: node bench.mjs PAGE [RUNS]");
  process.exit(2);
}
const bytes = fs.statSync(page).size;
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "landscape-bench-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  offline: true,
  viewport: { width: 1200, height: 800 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
await context.route(/^(?!file:)/, (route) => route.abort());
const times = [];
try {
  for (let i = 0; i < runs; i++) {
    const p = await context.newPage();
    await p.goto(pathToFileURL(path.resolve(page)).href, { waitUntil: "commit" });
    const ms = await p.waitForFunction(() => {
      const el = document.querySelector("[data-landscape-chart]");
      const c = el && el.querySelector("canvas");
      if (!c || !c.width) return false;
      const ctx = c.getContext("2d");
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let j = 3; j < d.length; j += 64) if (d[j] !== 0) return performance.now();
      return false;
    }, null, { polling: "raf", timeout: 30000 }).then((h) => h.jsonValue());
    times.push(ms);
    console.log(`run ${i + 1}: ${ms.toFixed(0)} ms`);
    await p.close();
  }
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`page=${page} bytes=${bytes} runs=${runs} median_ms=${median.toFixed(0)} min_ms=${times[0].toFixed(0)} max_ms=${times[times.length - 1].toFixed(0)}`);
