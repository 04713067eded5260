#!/usr/bin/env node
// site.mjs SPEC.json — checks the landscape site (pipeline/site) in headless
// Chromium, offline: every request other than file: is blocked.
//
// SPEC: {
//   "catalogs": [{ "dir": "out/mlops",            // an analyze output folder
//                  "search": "word",              // a word of a tool's description
//                  "tool": "tool id", "name": "its name", "first": "its first release",
//                  "only": ["index.html", …] }],  // optional: these pages (and the archive) only
//   "hostile": ["out/hostile"],                   // folders whose pages must run nothing of the data
//   "snippets": "page.html",                      // a page holding pasted snippets (optional)
//   "snippetCount": 3,
//   "echarts": "path/to/echarts.min.js",          // served for the pinned CDN address
//   "screenshots": "docs/screenshots"             // optional: where the screenshots go
// }
//
// Checks, per catalog: the explorer finds the tool by a word of its
// description and its card gives its first-seen release; a category filter
// narrows the list; the tool's own URL (#tool=ID) opens its card; every
// archive page renders its charts; at 390×844 no page scrolls sideways and
// no heading or chart title is clipped. On every page: no console or page
// error, no dialog, no popup, no request but file:, window.__pwned unset, no
// element made from the data (img/svg/iframe… beyond the page's own). The
// snippet page: every chart draws (the CDN address answered with the
// vendored file) and, with scripts off, each shows its PNG.
//
// Prints one line per check and "N passed, M failed"; exits non-zero on a
// failure.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const CDN = "https://cdn.jsdelivr.net/npm/echarts@5.4.3/dist/echarts.min.js";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let passed = 0;
let failed = 0;
function report(name, problems) {
  problems = [...new Set(problems)];
  if (problems.length) {
    failed++;
    console.log(`FAIL ${name}`);
    for (const p of problems) console.log(`     - ${p}`);
  } else {
    passed++;
    console.log(`ok   ${name}`);
  }
}

async function newContext(opts = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "landscape-site-"));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: opts.viewport || { width: 1280, height: 900 },
    deviceScaleFactor: opts.scale || 1,
    isMobile: !!opts.mobile,
    hasTouch: !!opts.mobile,
    javaScriptEnabled: opts.js !== false,
    offline: true,
    serviceWorkers: "block",
    acceptDownloads: false,
  });
  await ctx.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith("file:")) return route.continue();
    if (opts.cdn && u === CDN) {
      return route.fulfill({ status: 200, contentType: "application/javascript", headers: { "access-control-allow-origin": "*" }, body: fs.readFileSync(opts.cdn) });
    }
    return route.abort("blockedbyclient");
  });
  ctx._dir = userDataDir;
  return ctx;
}
async function closeContext(ctx) {
  await ctx.close().catch(() => {});
  fs.rmSync(ctx._dir, { recursive: true, force: true });
}

// open loads a page and watches it; problems collects what went wrong.
async function open(ctx, file, hash = "", cdn = false) {
  const problems = [];
  const page = await ctx.newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text().slice(0, 160)}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message.slice(0, 160)}`));
  page.on("dialog", (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on("popup", (p) => problems.push(`popup opened: ${p.url()}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith("file:") && !(cdn && u === CDN)) problems.push(`unexpected request: ${u.slice(0, 120)}`);
  });
  await page.goto(pathToFileURL(path.resolve(file)).href + hash, { waitUntil: "load", timeout: 30000 });
  return { page, problems };
}

// chartsReady waits for every chart to be initialised and painted.
async function chartsReady(page, timeout = 20000) {
  return page
    .waitForFunction(() => {
      const els = [...document.querySelectorAll("[data-landscape-chart]")];
      return els.length > 0 && els.every((e) => {
        const c = e.querySelector("canvas");
        if (!e.hasAttribute("data-landscape-ready") || !c || !c.width) return false;
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        for (let j = 3; j < d.length; j += 4 * 97) if (d[j] !== 0) return true;
        return false;
      });
    }, null, { timeout, polling: 250 })
    .then(() => true, () => false);
}

// safety: what data must never do to a page.
async function safety(page) {
  return page.evaluate(() => {
    const p = [];
    if (window.__pwned !== undefined) p.push("window.__pwned is set");
    for (const e of document.querySelectorAll("iframe, object, embed, frame, video, audio, math, svg")) {
      p.push(`injected <${e.tagName.toLowerCase()}>`);
    }
    for (const e of document.querySelectorAll("img")) {
      const src = e.getAttribute("src") || "";
      if (!/^[a-z0-9._-]+\.png$/i.test(src)) p.push(`unexpected <img src=${src.slice(0, 60)}>`);
    }
    for (const e of document.querySelectorAll("*")) {
      for (const at of e.attributes) if (/^on/i.test(at.name)) p.push(`event-handler attribute ${at.name}`);
    }
    for (const a of document.querySelectorAll("a[href]")) {
      if (/^\s*(javascript|data|vbscript):/i.test(a.getAttribute("href"))) p.push(`dangerous link ${a.getAttribute("href").slice(0, 60)}`);
    }
    return p;
  });
}

// layout: at a phone's width, nothing scrolls sideways and no heading or
// chart title is clipped.
async function layout(page) {
  return page.evaluate(() => {
    const p = [];
    const w = document.documentElement.clientWidth;
    const sw = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (sw > w + 1) {
      let worst = null;
      for (const e of document.querySelectorAll("body *")) {
        const r = e.getBoundingClientRect();
        if (r.right > w + 1 && !e.closest(".scroll, .lx-scroll, .report table, pre, textarea") && (!worst || r.right > worst.r)) {
          worst = { r: r.right, d: `<${e.tagName.toLowerCase()} class="${e.className}">` };
        }
      }
      p.push(`page scrolls sideways: ${sw}px wide at ${w}px${worst ? ", widest " + worst.d + " to " + Math.round(worst.r) : ""}`);
    }
    for (const h of document.querySelectorAll("h1, h2, h3")) {
      const r = h.getBoundingClientRect();
      if (h.scrollWidth > h.clientWidth + 1 || r.left < -1 || r.right > w + 1) p.push(`heading clipped: ${h.textContent.slice(0, 60)}`);
    }
    if (typeof echarts !== "undefined") {
      for (const el of document.querySelectorAll("[data-landscape-chart]")) {
        const c = echarts.getInstanceByDom(el);
        if (!c) continue;
        const box = el.getBoundingClientRect();
        if (box.right > w + 1) p.push(`chart ${el.id} wider than the screen`);
        const views = c._componentsViews || [];
        for (const v of views) {
          if (!v || !v.__model || v.__model.mainType !== "title" || !v.group) continue;
          const r = v.group.getBoundingRect();
          const m = v.group.transform;
          const x0 = (m ? m[4] : 0) + r.x, x1 = x0 + r.width;
          if (r.width && (x0 < -1 || x1 > box.width + 1)) p.push(`chart ${el.id}: title clipped (${Math.round(x0)}…${Math.round(x1)} of ${Math.round(box.width)})`);
        }
      }
    }
    return p;
  });
}

function listPages(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name === "archive") out.push(...listPages(p));
    else if (e.isFile() && e.name.endsWith(".html") && !e.name.endsWith(".snippet.html")) out.push(p);
  }
  return out;
}

async function shot(page, name) {
  if (!spec.screenshots) return;
  fs.mkdirSync(spec.screenshots, { recursive: true });
  await page.screenshot({ path: path.join(spec.screenshots, name + ".png") });
}

const count = (page) => page.evaluate(() => {
  const m = /^(\d+)/.exec(document.querySelector(".lx-count").textContent);
  return m ? Number(m[1]) : -1;
});

async function explorer(ctx, c, phone, first) {
  const tag = phone ? " (phone)" : "";
  // search as you type, open the card
  {
    const { page, problems } = await open(ctx, path.join(c.dir, "explorer.html"));
    try {
      await page.waitForSelector("#explorer[data-explorer-loaded]", { timeout: 20000 });
      const ms = await page.evaluate(() => {
        const m = performance.getEntriesByName("landscape-explorer-ready")[0];
        return m ? Math.round(m.startTime) : -1;
      });
      const n = await page.evaluate(() => document.querySelector("#explorer").getAttribute("data-explorer-loaded"));
      console.log(`     explorer of ${path.basename(c.dir)}${tag}: ${n} tools, first render ${ms} ms after navigation start`);
      const all = await count(page);
      if (first) await shot(page, `explorer-${path.basename(c.dir)}${phone ? "-phone" : ""}`);
      await page.fill("#explorer input[type=search]", "");
      await page.type("#explorer input[type=search]", c.search, { delay: 20 });
      // the whole query applied (the address holds it), and the list narrowed
      await page.waitForFunction((q) => new URLSearchParams(location.hash.slice(1)).get("q") === q, c.search, { timeout: 5000 })
        .catch(() => problems.push(`search "${c.search}" never reached the address`));
      if (!((await count(page)) < all)) problems.push(`search "${c.search}" did not narrow the list of ${all}`);
      const link = page.locator(`#explorer .lx-row a[data-tool="${c.tool.replace(/"/g, '\\"')}"]`);
      if ((await link.count()) !== 1) {
        problems.push(`search "${c.search}": ${c.name} not in the results`);
      } else {
        await link.click();
        await page.waitForSelector("#lx-card:not([hidden])", { timeout: 5000 }).catch(() => problems.push("the card did not open"));
        const text = await page.locator("#lx-card").innerText();
        if (!text.includes(c.name)) problems.push(`card does not name ${c.name}`);
        if (!/First seen\s*\n?\s*/.test(text) || !text.includes(c.first)) problems.push(`card does not give the first-seen release ${c.first}`);
        const hash = await page.evaluate(() => location.hash);
        if (!hash.includes("tool=")) problems.push(`the address does not name the tool: ${hash}`);
        if (first) await shot(page, `card-${path.basename(c.dir)}${phone ? "-phone" : ""}`);
      }
      problems.push(...(await safety(page)));
      if (phone) problems.push(...(await layout(page)));
    } catch (e) {
      problems.push(`check failed: ${e.message.split("\n")[0]}`);
    }
    await page.close();
    report(`${c.dir}: explorer search and card${tag}`, problems);
  }
  if (phone) return;
  // filters narrow the list, and the filter is in the URL
  {
    const { page, problems } = await open(ctx, path.join(c.dir, "explorer.html"));
    try {
      await page.waitForSelector("#explorer[data-explorer-loaded]", { timeout: 20000 });
      const all = await count(page);
      const opt = await page.evaluate(() => {
        const s = document.querySelector("#explorer select[name=cat]");
        return s.options.length > 1 ? { value: s.options[1].value, label: s.options[1].textContent } : null;
      });
      await page.selectOption("#explorer select[name=cat]", opt.value);
      const some = await count(page);
      if (!(some > 0 && some < all)) problems.push(`category filter ${opt.label}: ${some} of ${all}`);
      const metas = await page.$$eval("#explorer .lx-row .lx-meta", (els) => els.map((e) => e.textContent));
      if (metas.some((m) => !m.includes(opt.label))) problems.push(`category filter ${opt.label}: a row of another category`);
      const hash = await page.evaluate(() => location.hash);
      if (!hash.includes("cat=")) problems.push(`the filter is not in the address: ${hash}`);
      await page.selectOption("#explorer select[name=os]", "yes");
      const fewer = await count(page);
      if (fewer > some) problems.push(`open-source filter widened the list: ${fewer} > ${some}`);
      // the filtered address, opened afresh, gives the same list
      const again = await ctx.newPage();
      await again.goto(pathToFileURL(path.resolve(c.dir, "explorer.html")).href + (await page.evaluate(() => location.hash)));
      await again.waitForSelector("#explorer[data-explorer-loaded]", { timeout: 20000 });
      if ((await count(again)) !== fewer) problems.push("the filter's address does not give the same list");
      await again.close();
      problems.push(...(await safety(page)));
    } catch (e) {
      problems.push(`check failed: ${e.message.split("\n")[0]}`);
    }
    await page.close();
    report(`${c.dir}: explorer filters`, problems);
  }
  // a per-tool URL opens the card
  {
    const { page, problems } = await open(ctx, path.join(c.dir, "explorer.html"), "#tool=" + encodeURIComponent(c.tool));
    try {
      await page.waitForSelector("#lx-card:not([hidden])", { timeout: 20000 });
      const text = await page.locator("#lx-card").innerText();
      if (!text.includes(c.name) || !text.includes(c.first)) problems.push(`card of ${c.tool} lacks its name or first release`);
      problems.push(...(await safety(page)));
    } catch (e) {
      problems.push(`check failed: ${e.message.split("\n")[0]}`);
    }
    await page.close();
    report(`${c.dir}: per-tool URL #tool=${c.tool}`, problems);
  }
}

// pages: every page of a catalog renders (charts drawn), safely; on a phone
// nothing scrolls sideways and no title is clipped.
async function pages(ctx, dir, phone, hostile, only) {
  let files = listPages(dir);
  if (only) {
    // a large catalog: the site's own pages, the sunburst and treemap, and
    // (on a phone) the first archive page; the chart pages are
    // TestAnalyzePagesInBrowser's
    const archives = files.filter((f) => path.relative(dir, f).startsWith("archive"));
    files = files.filter((f) => only.includes(path.relative(dir, f)) || archives.includes(f));
  }
  if (phone) {
    // on a phone, the first archive page stands for the others (the same template)
    const archives = files.filter((f) => path.relative(dir, f).startsWith("archive"));
    files = files.filter((f) => !archives.includes(f) || f === archives[0]);
  }
  let archive = 0;
  for (const f of files) {
    const rel = path.relative(dir, f);
    const { page, problems } = await open(ctx, f);
    try {
      const charts = await page.evaluate(() => document.querySelectorAll("[data-landscape-chart]").length);
      if (charts && !(await chartsReady(page))) problems.push(`${charts} chart(s) not drawn`);
      if (rel.startsWith("archive")) {
        archive++;
        if (charts !== 2) problems.push(`archive page with ${charts} charts, want sunburst and treemap`);
        if (!(await page.evaluate(() => !!document.querySelector('a[href="../index.html#archive"]')))) problems.push("no way back to the index");
      } else if (rel !== "index.html" && !(await page.evaluate(() => !!document.querySelector('a[href="index.html"], a[href="index.html#archive"]')))) {
        problems.push("no way back to index.html");
      }
      if (rel === "index.html") {
        const dup = await page.evaluate(() => {
          const seen = {};
          const d = [];
          for (const h of document.querySelectorAll("h1, h2, h3")) {
            const t = h.textContent.trim();
            if (seen[t]) d.push(t);
            seen[t] = 1;
          }
          return d;
        });
        if (dup.length) problems.push(`duplicate headings: ${dup.join(" | ")}`);
      }
      if (hostile) {
        // hover the charts so tooltips are built from the data
        const n = await page.evaluate(() => document.querySelectorAll("[data-landscape-chart]").length);
        for (let k = 0; k < n; k++) {
          const b = await page.evaluate((k) => {
            const e = document.querySelectorAll("[data-landscape-chart]")[k];
            e.scrollIntoView();
            const r = e.getBoundingClientRect();
            return { x: r.left, y: r.top, w: r.width, h: Math.min(r.height, window.innerHeight - r.top) };
          }, k);
          for (let i = 1; i <= 4; i++) {
            for (let j = 1; j <= 3; j++) {
              await page.mouse.move(b.x + (b.w * i) / 5, b.y + (b.h * j) / 4);
              await sleep(20);
            }
          }
        }
        if (await page.evaluate(() => !!document.querySelector("#explorer"))) {
          await page.waitForSelector("#explorer[data-explorer-loaded]", { timeout: 20000 });
          const first = page.locator("#explorer .lx-row a").first();
          if (await first.count()) {
            await first.click();
            await sleep(200);
          }
        }
      }
      problems.push(...(await safety(page)));
      if (phone) {
        problems.push(...(await layout(page)));
        if (rel === "sunburst.html" && !hostile) await shot(page, `sunburst-${path.basename(dir)}-phone`);
        if (rel.startsWith("archive") && archive === 1 && !hostile) await shot(page, `archive-${path.basename(dir)}-phone`);
      } else if (!hostile) {
        if (rel === "sunburst.html") await shot(page, `sunburst-${path.basename(dir)}`);
        if (rel.startsWith("archive") && archive === 1) await shot(page, `archive-${path.basename(dir)}`);
      }
    } catch (e) {
      problems.push(`check failed: ${e.message.split("\n")[0]}`);
    }
    await page.close();
    report(`${dir}: ${rel}${phone ? " (390×844)" : ""}`, problems);
  }
  if (!archive) report(`${dir}: archive`, ["no archive page"]);
}

async function snippets(file, n) {
  // scripts on, the CDN answered with the vendored library: every chart draws
  let ctx = await newContext({ cdn: spec.echarts });
  {
    const { page, problems } = await open(ctx, file, "", true);
    const ids = await page.evaluate(() => [...document.querySelectorAll("[data-landscape-chart]")].map((e) => e.id));
    if (ids.length !== n) problems.push(`${ids.length} charts, want ${n}`);
    if (new Set(ids).size !== ids.length) problems.push(`ids not unique: ${ids.join(", ")}`);
    if (!(await chartsReady(page))) problems.push("not every chart drew");
    // each snippet loads the library again, so an instance may belong to an
    // earlier copy: drawn is initialised with a painted canvas
    const drawn = await page.evaluate(() => [...document.querySelectorAll("[data-landscape-chart]")].filter((e) => {
      const c = e.querySelector("canvas");
      if (!e.hasAttribute("data-landscape-ready") || !c || !c.width) return false;
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      for (let j = 3; j < d.length; j += 4 * 97) if (d[j] !== 0) return true;
      return false;
    }).length);
    if (drawn !== n) problems.push(`${drawn} of ${n} charts drawn`);
    await shot(page, "snippets");
    await page.close();
    report(`${file}: ${n} snippets draw`, problems);
  }
  await closeContext(ctx);
  // scripts off: each shows its PNG
  ctx = await newContext({ js: false });
  {
    const { page, problems } = await open(ctx, file);
    const imgs = await page.evaluate(() => [...document.querySelectorAll("[data-landscape-chart]")].map((e) => {
      const img = e.parentElement.querySelector("img");
      return img ? { src: img.getAttribute("src"), ok: img.complete && img.naturalWidth > 0, alt: img.alt } : null;
    }));
    imgs.forEach((im, i) => {
      if (!im) problems.push(`chart ${i + 1}: no PNG fallback`);
      else if (!im.ok) problems.push(`chart ${i + 1}: PNG ${im.src} did not load`);
      else if (!im.alt) problems.push(`chart ${i + 1}: PNG without alt text`);
    });
    await page.close();
    report(`${file}: with scripts off each snippet shows its PNG`, problems);
  }
  await closeContext(ctx);
  // scripts on, network off: the PNG replaces the chart
  ctx = await newContext({});
  {
    const { page, problems } = await open(ctx, file);
    const shown = await page.waitForFunction((n) => document.querySelectorAll(".landscape-chart img").length === n, n, { timeout: 5000 }).then(() => true, () => false);
    if (!shown) problems.push("offline, not every chart was replaced by its PNG");
    // the blocked library is expected here
    for (const p of [...problems]) if (p.startsWith("unexpected request") || /ERR_BLOCKED_BY_CLIENT|ERR_INTERNET_DISCONNECTED/.test(p)) problems.splice(problems.indexOf(p), 1);
    await page.close();
    report(`${file}: offline each snippet shows its PNG`, problems);
  }
  await closeContext(ctx);
}

async function main() {
  const desktop = await newContext();
  const phone = await newContext({ viewport: { width: 390, height: 844 }, mobile: true, scale: 2 });
  try {
    for (const c of spec.catalogs || []) {
      await explorer(desktop, c, false, true);
      await explorer(phone, c, true, true);
      await pages(desktop, c.dir, false, false, c.only);
      await pages(phone, c.dir, true, false, c.only);
    }
    for (const d of spec.hostile || []) {
      await pages(desktop, d, false, true);
    }
  } finally {
    await closeContext(desktop);
    await closeContext(phone);
  }
  if (spec.snippets) await snippets(spec.snippets, spec.snippetCount || 3);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(`site.mjs: ${e.stack || e}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
