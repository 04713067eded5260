#!/usr/bin/env node
// bench-explorer.mjs PAGE [RUNS] — the tool explorer's first render in
// headless Chromium, offline: from navigation start until explorer.js has
// drawn the first page of the list (its performance mark
// "landscape-explorer-ready"), over RUNS fresh loads (default 7; median
// reported), and a search typed into it: the time from the last key to the
// list showing its result.
//
// Prints a line per run and a summary line:
//   page=… tools=… data_bytes=… first_bytes=… runs=N median_ms=… min_ms=… max_ms=… search_ms=…
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const page = process.argv[2];
const runs = Number(process.argv[3] || 7);
if (!page) {
  console.error("usage: node bench-explorer.mjs explorer.html [RUNS]");
  process.exit(2);
}
// tools.js (drawn first) and the other parts of the data (tools/N.js)
const firstBytes = fs.statSync(path.join(path.dirname(page), "tools.js")).size;
const partsDir = path.join(path.dirname(page), "tools");
const dataBytes = firstBytes + (fs.existsSync(partsDir) ? fs.readdirSync(partsDir).reduce((n, f) => n + fs.statSync(path.join(partsDir, f)).size, 0) : 0);
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "landscape-bench-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  offline: true,
  viewport: { width: 1280, height: 900 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
await context.route(/^(?!file:)/, (route) => route.abort());
const times = [];
let tools = 0;
let search = 0;
try {
  for (let i = 0; i < runs; i++) {
    const p = await context.newPage();
    await p.goto(pathToFileURL(path.resolve(page)).href, { waitUntil: "load" });
    await p.waitForSelector("#explorer[data-explorer-ready]", { timeout: 30000 });
    const ms = await p.evaluate(() => performance.getEntriesByName("landscape-explorer-ready")[0].startTime);
    await p.waitForSelector("#explorer[data-explorer-loaded]", { timeout: 60000 });
    tools = Number(await p.evaluate(() => document.querySelector("#explorer").getAttribute("data-explorer-loaded")));
    times.push(ms);
    console.log(`run ${i + 1}: ${ms.toFixed(0)} ms`);
    if (i === runs - 1) {
      // a search: from the last key until the list changed (60 ms of it is the typing pause)
      await p.fill("#explorer input[type=search]", "");
      const before = await p.evaluate(() => document.querySelector(".lx-count").textContent);
      await p.type("#explorer input[type=search]", "kubernetes", { delay: 5 });
      const t0 = await p.evaluate(() => performance.now());
      await p.waitForFunction((b) => document.querySelector(".lx-count").textContent !== b, before, { polling: "raf" });
      search = (await p.evaluate(() => performance.now())) - t0;
    }
    await p.close();
  }
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`page=${page} tools=${tools} data_bytes=${dataBytes} first_bytes=${firstBytes} runs=${runs} median_ms=${median.toFixed(0)} min_ms=${times[0].toFixed(0)} max_ms=${times[times.length - 1].toFixed(0)} search_ms=${search.toFixed(0)}`);
