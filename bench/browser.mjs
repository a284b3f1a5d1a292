// Browser benchmarks of the release app in headless Chromium (Debian's, through playwright-core):
// start-up, "Fetch all" of 10,000 and 100,000 records from the stand-in through the proxy, the
// interactions at 100,000 records, and memory. Run by bench/run.sh; standalone:
//
//   LOGINS_PROXY_BIN=target/release/logins-proxy node bench/browser.mjs --runs 5 --json out.json
//
// Every timing is taken inside the page with performance.now(), from the input event (caught in
// the capture phase, before the app sees it) to the first animation frame in which the DOM
// shows the result: what a user sees, not when a function returned. The phases of
// a Fetch all run come from the app's own User Timing entries (src/perf.rs).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';
import { startStandIn } from '../tests/e2e/support/stand-in.mjs';
import { eventually } from '../tests/e2e/support/wait.mjs';
import { median } from './stats.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '10000,100000' },
    // Also load the largest size from a stand-in that answers each page after this many ms
    // (±50%), like a real gateway: where fetching pages in parallel matters.
    'latency-ms': { type: 'string', default: '0' },
    json: { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const SIZES = args.sizes.split(',').map(Number);
const BIG = Math.max(...SIZES);
const LATENCY_MS = Number(args['latency-ms']);
/** The three sort columns: a number, a text and a time, so each comparator is measured. */
const SORT_COLUMNS = ['E2E RTT', 'User name', 'Connection start'];

// --- in-page helpers (installed before the app starts) -----------------------------------------

/** Keeps the wasm instance's exports (for its linear memory) from Trunk's start-up event, and
 * defines `__bench.arm(eventType, milestones)`: for the next `eventType` event, a promise of
 * `{ name: ms }` for each named milestone: the milliseconds from the event to the first frame
 * in which the DOM met the milestone's condition. A condition is an object whose
 * every key must hold: `rowCount: n` / `rowCountNot: n` (the records table's aria-rowcount),
 * `sorted: header, order` (a column header's aria-sort), `kpiMatchesRows: true` (the KPI
 * "Logins" equals the shown row count: the analytics caught up). Conditions are data, not code:
 * the app's Content Security Policy forbids eval in the page, rightly. */
function installPageHelpers() {
  addEventListener('TrunkApplicationStarted', (event) => {
    window.__benchWasm = event.detail.wasm;
  });
  const rowCount = () => Number(document.querySelector('[role="table"][aria-label="Login records"]')?.getAttribute('aria-rowcount'));
  const kpiLogins = () => {
    const term = [...document.querySelectorAll('dt')].find((dt) => dt.textContent.trim() === 'Logins');
    const dd = term?.nextElementSibling;
    return dd ? [...dd.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim() : null;
  };
  const holds = (c) => ('rowCount' in c ? rowCount() === c.rowCount : true)
    && ('rowCountNot' in c ? rowCount() !== c.rowCountNot : true)
    && ('sorted' in c ? [...document.querySelectorAll('[role="columnheader"]')]
      .some((h) => h.getAttribute('aria-sort') === c.order && h.textContent.includes(c.sorted)) : true)
    && ('kpiMatchesRows' in c ? kpiLogins() === String(rowCount() - 1) : true);
  window.__bench = {
    arm(eventType, milestones) {
      return new Promise((resolve, reject) => {
        let t0;
        const met = {};
        const painted = {};
        const names = Object.keys(milestones);
        const check = () => {
          if (t0 === undefined) return;
          for (const name of names) {
            if (name in met || !holds(milestones[name])) continue;
            met[name] = performance.now() - t0;
            // The start of the frame that shows it (its style, layout and paint follow, a few
            // ms for this virtualized DOM). Not the task after that frame: the app queues its
            // analytics after the table's frame, and such a task would wait behind them.
            requestAnimationFrame(() => {
              painted[name] = performance.now() - t0;
              if (names.every((n) => n in painted)) {
                observer.disconnect();
                clearTimeout(timer);
                resolve(painted);
              }
            });
          }
        };
        const observer = new MutationObserver(check);
        addEventListener(eventType, () => {
          t0 = performance.now();
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          // The app may be done already when a microtask runs after its handler.
          queueMicrotask(check);
        }, { capture: true, once: true });
        const timer = setTimeout(() => reject(new Error(`not settled 20 s after ${eventType}: ${JSON.stringify({ milestones, met })}`)), 20_000);
      });
    },
  };
}

// --- page model --------------------------------------------------------------------------------

function appUi(page) {
  const table = page.getByRole('table', { name: 'Login records' });
  return {
    field: (label) => page.getByLabel(label, { exact: true }),
    button: (name) => page.getByRole('button', { name, exact: true }),
    /** A column's sort button; time columns name their zone after the title ("… (UTC)"). */
    sortButton: (title) => table.getByRole('button', { name: new RegExp(`^${title}( \\(.*\\))?$`) }),
    rowCount: async () => Number(await table.getAttribute('aria-rowcount')),
    status: () => page.getByRole('status').allInnerTexts(),
    breakdown: () => page.getByRole('table', { name: 'Breakdown', exact: true }),
    /** Opens "Column filters" (a <details>, found by its summary's text: it has no role),
     * clears them, and closes it again as it was. */
    async clearColumnFilters() {
      const summary = page.getByText(/^Column filters( \(\d+ active\))?$/);
      await summary.click();
      await page.getByRole('button', { name: 'Clear column filters', exact: true }).click();
      await summary.click();
    },
  };
}

async function openApp(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(installPageHelpers);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  const ui = appUi(page);
  await eventually(async () => (await ui.field('Project ID').inputValue()) !== '', 'the form prefilled from /app-config.json', 30_000);
  return { context, page, ui, errors };
}

// --- the measurements --------------------------------------------------------------------------

/** Navigation → `logins:interactive` (mounted) and `logins:prefilled` (the form filled). */
async function startup(browser, url) {
  const { context, page } = await openApp(browser, url);
  const marks = await page.evaluate(() => Object.fromEntries(
    ['logins:interactive', 'logins:prefilled'].map((name) => [name, performance.getEntriesByName(name)[0]?.startTime]),
  ));
  await context.close();
  return { interactive: marks['logins:interactive'], prefilled: marks['logins:prefilled'] };
}

/** One "Fetch all" of `records`: the click → the frame showing the table and charts, with the
 * app's phases. Returns the open page for further measurements when `keep` is set. */
async function fetchAll(browser, url, records, { keep = false } = {}) {
  const app = await openApp(browser, url);
  const { page, ui } = app;
  await ui.field('Time range').selectOption({ label: 'All time' });
  const done = `Loaded ${records} of ${records} records`;
  await page.evaluate(() => performance.clearMeasures());
  await ui.button('Fetch all').click();
  const entries = await eventually(() => page.evaluate(() => {
    const sum = (name) => performance.getEntriesByName(name).reduce((s, e) => s + e.duration, 0);
    const one = (name) => performance.getEntriesByName(name)[0]?.duration;
    if (one('logins:fetch-all') === undefined) return null;
    return {
      total: one('logins:fetch-all'),
      fetchWall: one('logins:pages'),
      pages: performance.getEntriesByName('logins:page-network').length,
      networkSum: sum('logins:page-network'),
      parseSum: sum('logins:page-parse'),
      indexSum: sum('logins:page-index'),
      finalIndex: one('logins:final-index'),
      firstRender: one('logins:first-render'),
    };
  }), `the app's logins:fetch-all measure for ${records} records`, 120_000);
  const status = await ui.status();
  if (!status.some((s) => s.includes(done))) throw new Error(`expected "${done}", got ${JSON.stringify(status)}`);
  if ((await ui.rowCount()) !== records + 1) throw new Error(`aria-rowcount ${await ui.rowCount()} after loading ${records}`);
  const charts = await page.locator('svg[role="group"]').count();
  if (charts === 0) throw new Error('no chart rendered after Fetch all');
  // The analytics' share: what follows the table's first frame.
  entries.analytics = entries.total - entries.fetchWall - entries.finalIndex - entries.firstRender;
  entries.charts = charts;
  if (app.errors.length) throw new Error(`page errors: ${app.errors.join('; ')}`);
  if (!keep) {
    await app.context.close();
    return { entries };
  }
  return { entries, app };
}

/** Arms the in-page timer for the next `eventType` with `milestones` (see installPageHelpers),
 * runs `act` (a real Playwright input), and returns `{ milestone: ms }`. */
async function timed(page, eventType, milestones, act) {
  await page.evaluate(([type, m]) => {
    window.__benchTiming = window.__bench.arm(type, m);
  }, [eventType, milestones]);
  await act();
  return page.evaluate(() => window.__benchTiming);
}

/** The interactions at `records` rows on an open page: each median of `runs`. */
async function interactions(app, records, runs) {
  const { page, ui } = app;
  const out = {};
  for (const column of SORT_COLUMNS) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const header = ui.sortButton(column);
      const before = await header.evaluate((b) => b.closest('[role="columnheader"]').getAttribute('aria-sort'));
      const expected = before === 'ascending' ? 'descending' : 'ascending';
      samples.push((await timed(page, 'click', { table: { sorted: column, order: expected } }, () => header.click())).table);
    }
    out[`sort by ${column}`] = samples;
  }

  // A quick-search keystroke that narrows the rows (and its Backspace that widens them again).
  const search = ui.field('Search records');
  await search.click();
  let key;
  for (const candidate of ['q', 'z', 'x', 'j', '7', '-']) {
    await search.press(candidate);
    const shown = await eventually(async () => {
      const n = await ui.rowCount();
      return n !== records + 1 ? n : null;
    }, 'a narrowing key', 2_000).catch(() => null);
    await search.press('Backspace');
    await eventually(async () => (await ui.rowCount()) === records + 1, 'all rows back');
    if (shown !== null) {
      key = candidate;
      break;
    }
  }
  if (!key) throw new Error('no single key narrowed the rows');
  // Filters change the table and, one frame later, the analytics: both are recorded.
  const narrowed = { table: { rowCountNot: records + 1 }, analytics: { rowCountNot: records + 1, kpiMatchesRows: true } };
  const all = { table: { rowCount: records + 1 }, analytics: { rowCount: records + 1, kpiMatchesRows: true } };
  const narrow = [];
  const widen = [];
  for (let i = 0; i < runs; i++) {
    narrow.push(await timed(page, 'keydown', narrowed, () => search.press(key)));
    widen.push(await timed(page, 'keydown', all, () => search.press('Backspace')));
  }
  out[`quick search: key "${key}" (narrows): table`] = narrow.map((t) => t.table);
  out[`quick search: key "${key}" (narrows): analytics`] = narrow.map((t) => t.analytics);
  out['quick search: Backspace (all rows again): table'] = widen.map((t) => t.table);
  out['quick search: Backspace (all rows again): analytics'] = widen.map((t) => t.analytics);

  // A breakdown click: the first group narrows everything (table, KPIs, charts) to it.
  await ui.field('Break down by').selectOption({ label: 'Terminal type' });
  const clicks = [];
  for (let i = 0; i < runs; i++) {
    const group = ui.breakdown().getByRole('rowheader').first();
    clicks.push(await timed(page, 'click', narrowed, () => group.click()));
    await ui.clearColumnFilters();
    await eventually(async () => (await ui.rowCount()) === records + 1, 'all rows back after clearing the filters');
  }
  out['breakdown click (terminal type): table'] = clicks.map((t) => t.table);
  out['breakdown click (terminal type): analytics'] = clicks.map((t) => t.analytics);
  return out;
}

/** Wasm linear memory and the JS heap (after a forced garbage collection) of an open page. */
async function memory(app) {
  const { page } = app;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmBytes = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? null);
  await cdp.detach();
  return { wasmLinearMb: wasmBytes / 2 ** 20, jsHeapUsedMb: heap.usedSize / 2 ** 20, jsHeapTotalMb: heap.totalSize / 2 ** 20 };
}

// --- main --------------------------------------------------------------------------------------

const results = { runs: RUNS, chromium: null, startup: {}, load: {}, interactions: {}, memory: null, loadWithLatency: null };
const browser = await launchBrowser();
results.chromium = browser.version();
const standIns = {};
try {
  for (const size of SIZES) standIns[size] = await startStandIn({ records: size, startTimeoutMs: 60_000 });

  // Start-up against the small stand-in (the same app; only /app-config.json comes from it).
  const startups = [];
  for (let i = 0; i < RUNS; i++) startups.push(await startup(browser, standIns[SIZES[0]].url));
  results.startup = {
    interactive: startups.map((s) => s.interactive),
    prefilled: startups.map((s) => s.prefilled),
  };
  process.stderr.write(`start-up: interactive ${median(results.startup.interactive).toFixed(0)} ms (median of ${RUNS})\n`);

  for (const size of SIZES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const keep = size === BIG && i === RUNS - 1;
      const { entries, app } = await fetchAll(browser, standIns[size].url, size, { keep });
      runs.push(entries);
      process.stderr.write(`fetch all ${size}: ${entries.total.toFixed(0)} ms\n`);
      if (app) {
        results.memory = await memory(app);
        results.interactions = await interactions(app, size, RUNS);
        await app.context.close();
      }
    }
    results.load[size] = runs;
  }

  if (LATENCY_MS > 0) {
    const slow = await startStandIn({ records: BIG, faults: { latencyMs: LATENCY_MS }, startTimeoutMs: 60_000 });
    standIns.slow = slow;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const { entries } = await fetchAll(browser, slow.url, BIG);
      runs.push(entries);
      process.stderr.write(`fetch all ${BIG} with ${LATENCY_MS} ms latency: ${entries.total.toFixed(0)} ms\n`);
    }
    results.loadWithLatency = { latencyMs: LATENCY_MS, records: BIG, runs };
  }
} finally {
  await browser.close();
  for (const s of Object.values(standIns)) await s.stop();
}

const text = JSON.stringify(results, null, 2);
if (args.json) await writeFile(args.json, text);
else process.stdout.write(`${text}\n`);
