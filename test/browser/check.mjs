#!/usr/bin/env node
// check.mjs DIR — open every .html file under DIR in headless Chromium,
// offline, and check the landscape charts (charts/html) in it.
//
// A page fails on: a console error or uncaught page error; a dialog or popup;
// any network request (all non-file requests are blocked, the context is
// offline) or a file request other than the page and .js files (an injected
// <img src=x> would make one); no chart element ([data-landscape-chart]), a
// chart without an ECharts instance or with a missing or blank canvas;
// window.__pwned being set; injected elements (img, svg, iframe, object,
// embed, extra scripts) or a link with a scheme other than http(s) after hovering over the charts
// (which shows their tooltips). On sunburst charts it clicks the largest
// category sector and checks the chart zoomed into it (and drew breadcrumbs;
// it must have a legend), then clicks the centre
// and checks it went back up; on treemaps it clicks a node and checks the
// chart drilled down.
//
// A document page (<body data-landscape-page="document">, report.html) is
// checked as a document, not a chart page: it must hold no script element at
// all and no chart; its only images are its figures — <img
// data-landscape-figure> whose src is a plain local .png name — which must
// load, and the only file requests allowed are the page and those figures.
// Any other img, svg, iframe... is injected, as on a chart page.
//
// Prints one line per page and a final "N passed, M failed"; exits non-zero
// if any page failed or none was found.
//
// Environment: CHROMIUM overrides the browser (default /usr/bin/chromium);
// CHECK_CONCURRENCY is how many pages are checked at once (default 3);
// SCREENSHOT_DIR, if set, receives a PNG of every page once it has rendered.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node check.mjs DIR");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

function htmlFiles(d) {
  const out = [];
  for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) {
      out.push(...htmlFiles(p));
    } else if (e.isFile() && e.name.endsWith(".html")) {
      out.push(p);
    }
  }
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// until polls f (async) until it returns a truthy value or timeout ms pass;
// returns the last value. The machine may be busy: no fixed waits.
async function until(f, timeout = 6000) {
  const end = Date.now() + timeout;
  let v = await f();
  while (!v && Date.now() < end) {
    await sleep(150);
    v = await f();
  }
  return v;
}

// clickAt clicks at x, y once no tooltip is showing (an enterable item
// tooltip, left from hovering elsewhere, would catch the click).
async function clickAt(page, x, y) {
  await awayFromCharts(page);
  await page.mouse.click(x, y);
}

// awayFromCharts parks the pointer and waits for tooltips to hide.
async function awayFromCharts(page) {
  await page.mouse.move(0, 0);
  await until(() =>
    page.evaluate(() =>
      [...document.querySelectorAll("div")].every(
        (d) => !(d.style.zIndex === "9999999" && d.style.display !== "none" && d.style.visibility !== "hidden"),
      ),
    ),
  3000);
}

// canvasStats samples the chart canvases in the page.
async function chartStats(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll("[data-landscape-chart]")) {
      const r = { id: el.id, kind: el.getAttribute("data-landscape-chart"), ready: el.getAttribute("data-landscape-ready"),
        empty: el.hasAttribute("data-landscape-empty") };
      const inst = typeof echarts !== "undefined" ? echarts.getInstanceByDom(el) : null;
      r.instance = !!inst;
      const canvases = el.querySelectorAll("canvas");
      r.canvases = canvases.length;
      r.painted = 0;
      r.colours = 0;
      r.width = 0;
      r.height = 0;
      r.fingerprint = "";
      const colours = new Set();
      for (const c of canvases) {
        r.width = Math.max(r.width, c.width);
        r.height = Math.max(r.height, c.height);
        if (!c.width || !c.height) {
          continue;
        }
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let h = 0;
        for (let i = 0; i < d.length; i += 4 * 7) {
          if (d[i + 3] > 0) {
            r.painted++;
          }
          colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2] | (d[i + 3] > 0 ? 1 << 24 : 0));
          h = (h * 31 + d[i] + d[i + 1] * 7 + d[i + 2] * 13 + d[i + 3] * 17) >>> 0;
        }
        r.samples = d.length / 28;
        r.fingerprint += h.toString(16);
      }
      r.colours = colours.size;
      out.push(r);
    }
    return out;
  });
}

// figureSrc is the src of a document page's own figure: a plain local PNG.
const figureSrc = /^[a-z0-9][a-z0-9_-]*\.png$/;

// documentFigures gives the absolute URLs of a document page's figures, and
// the figures that did not load.
async function documentFigures(page) {
  return page.evaluate((re) => {
    const src = new RegExp(re);
    const urls = [];
    const broken = [];
    for (const img of document.querySelectorAll("img[data-landscape-figure]")) {
      if (!src.test(img.getAttribute("src") || "")) {
        continue;
      }
      urls.push(img.src);
      if (!img.complete || img.naturalWidth === 0) {
        broken.push(img.getAttribute("src"));
      }
    }
    return { urls, broken };
  }, figureSrc.source);
}

// domProblems looks for markup that data must never produce. On a document
// page its own figures (see documentFigures) are not injected elements.
async function domProblems(page, expectedScripts, isDocument = false) {
  return page.evaluate(([expected, isDocument, re]) => {
    const p = [];
    if (window.__pwned !== undefined) {
      p.push("window.__pwned is set");
    }
    const src = new RegExp(re);
    const ours = (e) =>
      isDocument && e.tagName === "IMG" && e.hasAttribute("data-landscape-figure") && src.test(e.getAttribute("src") || "");
    const bad = [...document.querySelectorAll("img, svg, iframe, object, embed, frame, video, audio, math")].filter((e) => !ours(e));
    if (bad.length) {
      p.push(`${bad.length} injected element(s): ${[...bad].map((e) => e.outerHTML.slice(0, 80)).join(" | ")}`);
    }
    for (const a of document.querySelectorAll("a[href]")) {
      // http(s) links from the data, and the page's own relative links
      // (a chart page's "← Overview") only: no other scheme
      const href = a.getAttribute("href");
      if (!/^https?:\/\//i.test(href) && (/^\s*[a-z][a-z0-9+.-]*:/i.test(href) || /^\s*\/\//.test(href) || /[\s<>"'`]/.test(href))) {
        p.push(`non-http(s) link: ${href.slice(0, 80)}`);
      }
    }
    for (const e of document.querySelectorAll("*")) {
      for (const at of e.attributes) {
        if (/^on/i.test(at.name)) {
          p.push(`event-handler attribute ${at.name} on <${e.tagName.toLowerCase()}>`);
        }
      }
    }
    const scripts = document.querySelectorAll("script").length;
    if (scripts !== expected) {
      p.push(`${scripts} script elements, ${expected} when loaded`);
    }
    return p;
  }, [expectedScripts, isDocument, figureSrc.source]);
}

// hoverCharts moves the mouse over a grid of points on every chart, so
// tooltips with (hostile) data get built, and records tooltip texts seen.
async function hoverCharts(page) {
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll("[data-landscape-chart]")].map((el) => {
      el.scrollIntoView();
      const r = el.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height };
    }),
  );
  let tips = 0;
  for (const b of boxes) {
    for (let i = 1; i <= 6; i++) {
      for (let j = 1; j <= 5; j++) {
        await page.mouse.move(b.x + (b.w * i) / 7, b.y + (b.h * j) / 6);
        await sleep(25);
        const shown = await page.evaluate(() =>
          [...document.querySelectorAll("div")].some(
            (d) => d.style && d.style.position === "absolute" && d.style.zIndex && d.style.display !== "none" && d.style.opacity !== "0" && d.innerHTML.length > 0,
          ),
        );
        if (shown) {
          tips++;
        }
      }
    }
  }
  await awayFromCharts(page); // an enterable tooltip would catch the next click
  return tips;
}

// sunburstClick zooms into the largest category and back out.
async function sunburstClick(page, id) {
  const pick = await page.evaluate((id) => {
    const el = document.getElementById(id);
    el.scrollIntoView();
    const chart = echarts.getInstanceByDom(el);
    const series = chart.getModel().getSeriesByIndex(0);
    const data = series.getData();
    let best = -1;
    let bestAngle = 0;
    let categories = 0;
    for (let i = 0; i < data.count(); i++) {
      const node = data.tree.getNodeByDataIndex(i);
      if (node && node.depth === 1) {
        categories++;
      }
      const g = data.getItemGraphicEl(i);
      if (!node || node.depth !== 1 || !node.children.length || !g || !g.shape) {
        continue;
      }
      const a = Math.abs(g.shape.endAngle - g.shape.startAngle);
      if (a > bestAngle) {
        best = i;
        bestAngle = a;
      }
    }
    if (best < 0) {
      return null;
    }
    const s = data.getItemGraphicEl(best).shape;
    const mid = (s.startAngle + s.endAngle) / 2;
    const r = (s.r0 + s.r) / 2;
    const rect = el.getBoundingClientRect();
    const root = series.getViewRoot();
    return {
      x: rect.left + s.cx + r * Math.cos(mid),
      y: rect.top + s.cy + r * Math.sin(mid),
      cx: rect.left + s.cx,
      cy: rect.top + s.cy,
      dataIndex: best,
      rootIndex: root.dataIndex,
      rootDepth: root.depth,
      categories,
    };
  }, id);
  if (!pick) {
    return ["sunburst: no category sector to click"];
  }
  const viewRoot = () =>
    page.evaluate((id) => {
      const r = echarts.getInstanceByDom(document.getElementById(id)).getModel().getSeriesByIndex(0).getViewRoot();
      return { dataIndex: r.dataIndex, depth: r.depth };
    }, id);
  const problems = [];
  const fingerprint = async () => (await chartStats(page)).find((c) => c.id === id).fingerprint;
  const before = await fingerprint();
  // a legend names the categories (several categories: at least one row)
  const legend = await page.evaluate((id) => document.getElementById(id).getAttribute("data-landscape-legend"), id);
  if (pick.categories > 1 && !(Number(legend) > 0)) {
    problems.push(`sunburst: no legend (data-landscape-legend ${JSON.stringify(legend)})`);
  }
  await clickAt(page, pick.x, pick.y);
  let zoomed = await until(async () => {
    const r = await viewRoot();
    return r.dataIndex === pick.dataIndex && r.depth === 1 ? r : null;
  });
  if (!zoomed) {
    zoomed = await viewRoot();
    problems.push(`sunburst: click did not zoom into the sector (root ${JSON.stringify(zoomed)}, clicked ${pick.dataIndex})`);
  }
  if (!(await until(async () => (await fingerprint()) !== before))) {
    problems.push("sunburst: canvas unchanged after the click");
  }
  // zoomed in, the breadcrumbs show the way back up
  if (!(await until(async () => (await page.evaluate((id) => document.getElementById(id).getAttribute("data-landscape-path"), id)) === "1"))) {
    problems.push("sunburst: no breadcrumbs after zooming into a category");
  }
  await sleep(800); // the zoom animation
  await clickAt(page, pick.cx, pick.cy);
  const back = await until(async () => {
    const r = await viewRoot();
    return r.depth === pick.rootDepth && r.dataIndex === pick.rootIndex ? r : null;
  });
  if (!back) {
    problems.push(`sunburst: clicking the centre did not go back up (root ${JSON.stringify(await viewRoot())})`);
  }
  return problems;
}

// elementAt describes the element at a point (what a click there hits).
function elementAt(page, x, y) {
  return page.evaluate(
    ([x, y]) => {
      const e = document.elementFromPoint(x, y);
      return e ? `<${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}> ${(e.textContent || "").slice(0, 40)}` : "nothing";
    },
    [x, y],
  );
}

// treemapClick drills into the largest visible node.
async function treemapClick(page, id) {
  const pick = await page.evaluate((id) => {
    const el = document.getElementById(id);
    el.scrollIntoView();
    const chart = echarts.getInstanceByDom(el);
    const series = chart.getModel().getSeriesByIndex(0);
    const data = series.getData();
    let best = null;
    for (let i = 0; i < data.count(); i++) {
      const node = data.tree.getNodeByDataIndex(i);
      const lay = data.getItemLayout(i);
      const g = data.getItemGraphicEl(i);
      if (!node || node.depth !== 1 || !node.children.length || !lay || !lay.isInView || !g) {
        continue;
      }
      const area = lay.width * lay.height;
      if (!best || area > best.area) {
        const r = g.getBoundingRect();
        const p = g.transformCoordToGlobal(r.x + r.width / 2, r.y + r.height / 2);
        best = { area, x: p[0], y: p[1] };
      }
    }
    if (!best) {
      return null;
    }
    const rect = el.getBoundingClientRect();
    const root = series.getViewRoot();
    return { x: rect.left + best.x, y: rect.top + best.y, rootDepth: root.depth };
  }, id);
  if (!pick) {
    return ["treemap: no node to click"];
  }
  const under = await elementAt(page, pick.x, pick.y);
  await clickAt(page, pick.x, pick.y);
  const depthNow = () =>
    page.evaluate(
      (id) => echarts.getInstanceByDom(document.getElementById(id)).getModel().getSeriesByIndex(0).getViewRoot().depth,
      id,
    );
  await until(async () => (await depthNow()) > pick.rootDepth);
  const depth = await depthNow();
  return depth > pick.rootDepth ? [] : [`treemap: click at ${Math.round(pick.x)},${Math.round(pick.y)} (on ${under}) did not drill down (view root depth ${depth})`];
}

async function checkPage(context, file) {
  const problems = [];
  const pageURL = pathToFileURL(path.resolve(file)).href;
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`dialog opened (${d.type()}): ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on("popup", (p) => problems.push(`popup opened: ${p.url()}`));
  // Requests are judged at the end, when the page's kind and figures are
  // known.
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const kinds = [];
  let figures = [];
  let isDocument = false;
  try {
    await page.goto(pageURL, { waitUntil: "load", timeout: 30000 });
    isDocument = await page.evaluate(() => document.body && document.body.getAttribute("data-landscape-page") === "document");
    if (isDocument) {
      kinds.push("document");
      const f = await documentFigures(page);
      figures = f.urls;
      for (const b of f.broken) {
        problems.push(`figure did not load: ${b.slice(0, 80)}`);
      }
      if (await page.evaluate(() => document.querySelectorAll("[data-landscape-chart]").length)) {
        problems.push("chart element ([data-landscape-chart]) on a document page");
      }
      await page.mouse.move(640, 450);
      await page.mouse.wheel(0, 2000);
      problems.push(...(await domProblems(page, 0, true)));
      return { kinds, problems }; // the requests are judged in finally
    }
    await page
      .waitForFunction(
        () => {
          const els = document.querySelectorAll("[data-landscape-chart]");
          return els.length > 0 && [...els].every((e) => e.hasAttribute("data-landscape-ready"));
        },
        null,
        { timeout: 10000 },
      )
      .catch(() => problems.push("charts not initialised within 10s"));
    // let the intro animations finish: the canvases stop changing
    let last = "";
    await until(async () => {
      const f = (await chartStats(page)).map((c) => c.fingerprint).join();
      const stable = f !== "" && f === last;
      last = f;
      if (!stable) {
        await sleep(250);
      }
      return stable;
    }, 8000);
    const scripts = await page.evaluate(() => document.querySelectorAll("script").length);
    if (process.env.SCREENSHOT_DIR) {
      const shot = path.join(process.env.SCREENSHOT_DIR, path.basename(file).replace(/\.html$/, ".png"));
      await page.screenshot({ path: shot, fullPage: true });
    }
    const stats = await chartStats(page);
    if (!stats.length) {
      problems.push("no chart element ([data-landscape-chart])");
    }
    for (const s of stats) {
      kinds.push(s.kind);
      const where = `${s.kind}#${s.id}`;
      if (!s.instance) {
        problems.push(`${where}: no ECharts instance`);
      }
      if (!s.canvases || !s.width || !s.height) {
        problems.push(`${where}: missing or empty canvas (${s.canvases} canvases, ${s.width}x${s.height})`);
      } else if (s.empty) {
        // a chart without data draws its message only: some text, no tooltip
        if (s.painted === 0 || s.colours < 2) {
          problems.push(`${where}: a chart without data shows no message`);
        }
      } else if (s.painted < s.samples * 0.01 || s.colours < 3) {
        problems.push(`${where}: blank canvas (${s.painted}/${s.samples} painted samples, ${s.colours} colours)`);
      }
    }
    const tips = await hoverCharts(page);
    if (tips === 0 && stats.some((s) => !s.empty)) {
      problems.push("no tooltip appeared while hovering the charts");
    }
    problems.push(...(await domProblems(page, scripts)));
    for (const s of stats) {
      if (!s.instance) {
        continue;
      }
      if (s.kind === "sunburst") {
        problems.push(...(await sunburstClick(page, s.id)));
      } else if (s.kind === "treemap") {
        problems.push(...(await treemapClick(page, s.id)));
      }
    }
    problems.push(...(await domProblems(page, scripts)));
  } catch (e) {
    problems.push(`check failed: ${e.message.split("\n")[0]}`);
  } finally {
    for (const u of requests) {
      const allowed = u === pageURL || (isDocument ? figures.includes(u) : u.startsWith("file:") && u.endsWith(".js"));
      if (!allowed) {
        problems.push(`unexpected request: ${u.slice(0, 120)}`);
      }
    }
    await page.close().catch(() => {});
  }
  return { kinds, problems: [...new Set(problems)] };
}

async function main() {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(`check.mjs: ${dir} is not a directory`);
    process.exit(2);
  }
  const files = htmlFiles(dir);
  if (!files.length) {
    console.error(`check.mjs: no .html files under ${dir}`);
    console.log("0 passed, 0 failed");
    process.exit(1);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "landscape-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1280, height: 900 },
      offline: true,
      serviceWorkers: "block",
      acceptDownloads: false,
    });
    await context.setOffline(true);
    await context.route("**/*", (route) => {
      const u = route.request().url();
      if (u.startsWith("file:")) {
        return route.continue();
      }
      return route.abort("blockedbyclient");
    });
    // A few pages at a time; lines are printed in file order.
    let passed = 0;
    let failed = 0;
    const results = new Array(files.length);
    let printed = 0;
    const flush = () => {
      while (printed < files.length && results[printed]) {
        const { rel, kinds, problems } = results[printed++];
        if (problems.length) {
          failed++;
          console.log(`FAIL ${rel} [${kinds.join(", ")}]`);
          for (const p of problems) {
            console.log(`     - ${p}`);
          }
        } else {
          passed++;
          console.log(`ok   ${rel} [${kinds.join(", ")}]`);
        }
      }
    };
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        const r = await checkPage(context, files[i]);
        results[i] = { rel: path.relative(dir, files[i]), kinds: r.kinds, problems: [...new Set(r.problems)] };
        flush();
      }
    };
    const n = Math.max(1, Math.min(files.length, Number(process.env.CHECK_CONCURRENCY) || 3));
    await Promise.all(Array.from({ length: n }, worker));
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    if (context) {
      await context.close().catch(() => {});
    }
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`check.mjs: ${e.stack || e}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
