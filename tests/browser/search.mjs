// Browser test of the demo digest in Debian's Chromium (playwright-core, no browser download):
// the header search box finds the IRGC hack-and-leak article, every page of the site loads
// without a console error or a failed request, and screenshots of the home, a country and a
// claim page (light and dark) are saved under target/screenshots/ for a person to look at.
//
// Usage: node search.mjs [URL]. Without a URL it starts `dossier serve` on a free port
// (the binary from $DOSSIER_BIN, else target/debug/dossier) in the repository root.

import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const shots = join(repo, "target", "screenshots");
const chromiumArgs = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) {
    passed += 1;
    console.log(`ok - ${name}`);
  } else {
    failed += 1;
    console.log(`not ok - ${name}${detail ? `\n  ${detail.replaceAll("\n", "\n  ")}` : ""}`);
  }
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function waitForServer(url, server, seconds = 120) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`dossier serve exited with ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

async function startServer() {
  const port = await freePort();
  const bin = process.env.DOSSIER_BIN || join(repo, "target", "debug", "dossier");
  const server = spawn(bin, ["serve", "--port", String(port)], {
    cwd: repo,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}/`;
  await waitForServer(base, server);
  return { base, stop: () => server.kill("SIGINT") };
}

/// Opens a page and records console errors, uncaught exceptions and failed requests.
async function visit(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  // The live-reload event stream of `dossier serve` stays open until the page goes away; its
  // cancellation on navigation is not a failure.
  page.on("requestfailed", (r) => {
    if (!r.url().includes("/__dossier/events")) problems.push(`failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, problems };
}

/// Every same-site page reachable from the home page by links (fragments and queries dropped).
async function crawl(context, base) {
  const seen = new Set([base]);
  const queue = [base];
  const report = new Map();
  while (queue.length > 0) {
    const url = queue.shift();
    const { page, problems } = await visit(context, url);
    const links = await page.$$eval("a[href]", (as) =>
      as.map((a) => new URL(a.getAttribute("href"), document.baseURI).href));
    await page.close();
    report.set(url, problems);
    for (const link of links) {
      if (!link.startsWith(base)) continue;
      const clean = link.split("#")[0].split("?")[0];
      if (!clean.endsWith("/") && !clean.endsWith(".html")) continue; // feeds, data files
      if (!seen.has(clean)) {
        seen.add(clean);
        queue.push(clean);
      }
    }
  }
  return report;
}

async function main() {
  const given = process.argv[2];
  const server = given ? null : await startServer();
  const base = given ? (given.endsWith("/") ? given : `${given}/`) : server.base;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: chromiumArgs,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });

    // Search from the header box, as a reader would.
    const { page: home, problems: homeProblems } = await visit(context, base);
    await home.fill("#site-search-q", "IRGC");
    await Promise.all([home.waitForURL(/\/search\/\?q=IRGC/), home.press("#site-search-q", "Enter")]);
    await home.waitForSelector(".pagefind-ui__result-link", { timeout: 15000 });
    await home.waitForSelector(".pagefind-ui__filter-name", { timeout: 15000 });
    await home.waitForLoadState("load");
    const results = await home.$$eval(".pagefind-ui__result-link", (as) => as.map((a) => a.getAttribute("href")));
    check(
      "searching IRGC lists the Iranian hack-and-leak article",
      results.some((href) => href.includes("/articles/iran-hack-and-leak/")),
      `results: ${results.join(", ")}`,
    );
    // Pagefind renders the filters one after another: wait for every one (or the timeout, which
    // the check below then reports) before reading them.
    const wanted = ["type", "country", "actor", "action", "tag"];
    const allShown = (names) => wanted.every((f) => names.some((t) => t.toLowerCase().startsWith(f)));
    await home
      .waitForFunction(
        (wanted) => {
          const names = [...document.querySelectorAll(".pagefind-ui__filter-name")].map((e) =>
            e.textContent.trim().toLowerCase(),
          );
          return wanted.every((f) => names.some((t) => t.startsWith(f)));
        },
        wanted,
        { timeout: 15000 },
      )
      .catch(() => {});
    const filters = await home.$$eval(".pagefind-ui__filter-name", (els) => els.map((e) => e.textContent.trim()));
    check("the search page shows the filters", allShown(filters), `filters: ${filters.join(", ")}`);
    check("searching logs no error", homeProblems.length === 0, homeProblems.join("\n"));
    await home.close();

    // Every page of the site.
    const report = await crawl(context, base);
    report.set(`${base}search/`, (await visit(context, `${base}search/`)).problems);
    const bad = [...report].filter(([, p]) => p.length > 0);
    const kinds = ["articles/", "countries/", "actors/", "claims/", "tags/"];
    check(
      `the crawl reaches every kind of page (${report.size} pages)`,
      kinds.every((k) => [...report.keys()].some((u) => u.startsWith(base + k) && u !== base + k)),
    );
    check(
      `no page logs a console error or a failed request (${report.size} pages)`,
      bad.length === 0,
      bad.map(([u, p]) => `${u}\n  ${p.join("\n  ")}`).join("\n"),
    );
    await context.close();

    // Screenshots, light and dark.
    mkdirSync(shots, { recursive: true });
    const claimPage = [...report.keys()].find((u) => /\/claims\/[^/]+\/$/.test(u) && u.includes("iran-hack-and-leak"))
      || [...report.keys()].find((u) => /\/claims\/[^/]+\/$/.test(u));
    const targets = [["home", base], ["country-iran", `${base}countries/iran/`], ["claim", claimPage], ["search", `${base}search/?q=IRGC`]];
    for (const colorScheme of ["light", "dark"]) {
      const shotContext = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      for (const [name, url] of targets) {
        const page = await shotContext.newPage();
        await page.goto(url, { waitUntil: "load" });
        if (name === "search") await page.waitForSelector(".pagefind-ui__result-link", { timeout: 15000 });
        await page.screenshot({ path: join(shots, `${name}-${colorScheme}.png`), fullPage: true });
        await page.close();
      }
      await shotContext.close();
    }
    console.log(`screenshots: ${shots}`);
  } finally {
    await browser.close();
    server?.stop();
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log(`browser: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
