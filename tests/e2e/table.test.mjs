// The records table of issue 6 in a real browser (item 9): sorting, the column chooser saved
// across reloads, export files that match the filtered rows (and neutralize formulas), import
// with no network, 100,000 rows with a bounded DOM, and the row detail.
//
// Data comes from the proxy's stand-in (support/stand-in.mjs: `logins-proxy --stand-in`, which
// also serves dist/), whose records the tests also read directly with the Node signer
// (support/sign.mjs) as the independent answer; or, for the offline paths, from dist/ on a
// plain static server with "Try demo data" or an imported file.
//
// Elements are found by role and accessible name: a table "Login records" (an ARIA grid of
// divs, virtualized) with sort buttons named by the column headers, "N of M rows", the toolbar's
// labelled controls, a region "Record details". Two exceptions, each said where it is used:
// the scroll container (class vtable-scroll) is scrolled through the DOM, because no role names
// it; and the <summary> of a <details> is clicked by its text, because <summary> has no ARIA
// role (Playwright gives it none, Chromium an internal one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { DEMO, DIST, startStandIn } from './support/stand-in.mjs';
import { serveStatic } from './support/static-server.mjs';
import { standInRecords } from './support/records.mjs';
import { eventually } from './support/wait.mjs';
import { countText, waitForRowCount } from './support/row-count.mjs';

/** Local times in a zone that is not UTC (winter: UTC+1), so the zone toggle and labels mean
 * something whatever the machine's zone is. */
const ZONE = 'Europe/Berlin';
const COLUMNS_KEY = 'logins-viewer.columns';

let browser;
let staticServer;
before(async () => {
  browser = await launchBrowser();
  staticServer = await serveStatic(DIST);
});
after(async () => {
  await browser?.close();
  await staticServer?.close();
});

// --- helpers ---------------------------------------------------------------------------------

/** Opens a page (local zone ZONE) on `url`; closed by `t.after`. */
async function openPage(t, url, { expectedFailedLoads } = {}) {
  const { page, problems } = await openRecordingPage(browser, { expectedFailedLoads, contextOptions: { timezoneId: ZONE } });
  t.after(() => page.context().close());
  const ui = ui_(page);
  await page.goto(url);
  await eventually(async () => (await ui.headers()).length > 0, 'the table\'s header row (the app mounted)');
  return { page, problems, ui };
}

/** The app served by `standIn`, prefilled from its /app-config.json, then "Fetch all" of
 * `records` records with "All time" (the demo data's "now" is fixed in the past). */
async function openAndFetchAll(t, standIn, records, timeoutMs = 30_000) {
  const app = await openPage(t, standIn.url);
  const { ui } = app;
  await eventually(async () => (await ui.field('Project ID').inputValue()) !== '', '"Project ID" to be prefilled from /app-config.json');
  await ui.field('Time range').selectOption({ label: 'All time' });
  await ui.button('Fetch all').click();
  await eventually(async () => (await ui.status()).some((s) => s.includes(`Loaded ${records} of ${records} records`)), async () => `"Loaded ${records} of ${records} records": ${JSON.stringify(await ui.status())}`, timeoutMs);
  await ui.waitForRowCount(records, records, timeoutMs);
  return app;
}

/** dist/ from the static server, with "Try demo data" (10,000 records generated in the page). */
async function openDemo(t) {
  const app = await openPage(t, staticServer.url);
  await app.ui.button('Try demo data').click();
  await app.ui.waitForRowCount(10_000, 10_000);
  return app;
}

/** Locators by role and accessible name, and readers of what the table shows. */
function ui_(page) {
  const table = page.getByRole('table', { name: 'Login records' });
  const ui = {
    page,
    table,
    field: (label) => page.getByLabel(label, { exact: true }),
    button: (name) => page.getByRole('button', { name, exact: true }),
    checkbox: (name) => page.getByRole('checkbox', { name, exact: true }),
    /** The column header named `name` (its sort button's text; the sort marker is aria-hidden). */
    header: (name) => table.getByRole('columnheader', { name, exact: true }),
    sortButton: (name) => table.getByRole('button', { name, exact: true }),
    /** Texts of every role=status region. */
    status: () => page.getByRole('status').allInnerTexts(),
    /** The header names, in order, without the aria-hidden sort markers. */
    headers: () => table.getByRole('columnheader').evaluateAll((cells) => cells.map((cell) => {
      const copy = cell.cloneNode(true);
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return copy.textContent.trim();
    })),
    /** `{ header: aria-sort }` for the sorted headers. */
    sorted: () => table.getByRole('columnheader').evaluateAll((cells) => Object.fromEntries(cells
      .filter((cell) => cell.hasAttribute('aria-sort'))
      .map((cell) => {
        const copy = cell.cloneNode(true);
        for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
        return [copy.textContent.trim(), cell.getAttribute('aria-sort')];
      }))),
    /** The data rows in the DOM, by aria-rowindex: `[{ index, cells: [text…] }]`. */
    rows: () => table.getByRole('row').evaluateAll((rows) => rows
      .map((row) => ({
        index: Number(row.getAttribute('aria-rowindex')),
        cells: [...row.children].filter((c) => c.getAttribute('role') === 'cell').map((c) => c.textContent),
      }))
      .filter((row) => row.index > 1)
      .sort((a, b) => a.index - b.index)),
    /** The rendered rows once they start at the first data row and are contiguous (after a
     * sort or filter, which scrolls back to the top). */
    topRows: (what = 'the first rows') => eventually(async () => {
      const rows = await ui.rows();
      return rows[0]?.index === 2 && rows.every((r, i) => r.index === i + 2) && rows;
    }, what),
    /** role=row elements in the table's DOM, header row included. */
    domRowCount: () => table.getByRole('row').count(),
    rowCount: async () => Number(await table.getAttribute('aria-rowcount')),
    countText: () => countText(page),
    waitForRowCount: (shown, loaded, timeoutMs) => waitForRowCount(page, shown, loaded, { timeoutMs }),
    /** Scrolls the table's scroll container (no role names it: the one CSS selector here). */
    scrollTo: (where) => page.locator('.vtable-scroll').evaluate((el, to) => {
      el.scrollTop = to === 'bottom' ? el.scrollHeight : 0;
    }, where),
    /** Scrolls to the bottom and waits until the last row (aria-rowindex = rowcount) is in the DOM. */
    async scrollToBottom() {
      const last = await ui.rowCount();
      await ui.scrollTo('bottom');
      return eventually(async () => {
        const rows = await ui.rows();
        return rows.at(-1)?.index === last && rows;
      }, async () => `row ${last} in the DOM after scrolling to the bottom, last is ${(await ui.rows()).at(-1)?.index}`);
    },
    /** Opens a <details> by clicking its <summary>, found by its text (it has no ARIA role). */
    async openDetails(summary) {
      const s = page.getByText(summary, { exact: true });
      if (!(await s.evaluate((el) => el.parentElement.open))) await s.click();
    },
    /** Clicks `button` and returns the download's file name and text. */
    async download(name) {
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), ui.button(name).click()]);
      const path = await file.path();
      return { name: file.suggestedFilename(), text: await readFile(path, 'utf8'), bytes: await readFile(path) };
    },
    /** Chooses a file for the "Import JSON file" input, from memory. */
    importFile: (name, text) => page.getByLabel('Import JSON file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) }),
  };
  return ui;
}

/** The column's values of the rows, by header name. */
function column(headers, rows, name) {
  const i = headers.indexOf(name);
  assert.ok(i >= 0, `a column "${name}" in ${JSON.stringify(headers)}`);
  return rows.map((r) => r.cells[i]);
}

/** "123 ms" → 123; "" (missing) → null. */
function ms(text) {
  if (text === '') return null;
  const m = /^(-?\d+) ms$/.exec(text);
  assert.ok(m, `an RTT cell "123 ms" or empty, got ${JSON.stringify(text)}`);
  return Number(m[1]);
}

/** RFC 4180 CSV (fields quoted when they hold , " CR or LF; quotes doubled) → rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i += 1; continue; }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') { quoted = true; i += 1; continue; }
    if (c === ',') { row.push(field); field = ''; i += 1; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    field += c;
    i += 1;
  }
  assert.ok(!quoted, 'no unterminated quoted field');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Checks the CSV's framing (BOM, CRLF only, trailing CRLF) and returns its rows without the BOM. */
function csvRows(file) {
  assert.deepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${file.name} starts with a UTF-8 byte-order mark`);
  const text = file.text.replace(/^\uFEFF/, '');
  assert.ok(text.endsWith('\r\n'), `${file.name} ends with CRLF`);
  assert.ok(!/[^\r]\n/.test(text) && !/\r[^\n]/.test(text), `${file.name}: every line ends with CRLF, no bare LF or CR`);
  return parseCsv(text);
}

/** A time column's header in the CSV says "(local time)" or "(UTC)" where the table names the
 * zone; the rest of the header is the same. */
const baseHeader = (h) => h.replace(/ \((?:UTC|local time|[A-Za-z_]+\/[A-Za-z_/+-]+|UTC[+-]\d\d:\d\d)\)$/, '');

/** Run in the page before a sort click: `window.__sortTiming` resolves to the milliseconds from
 * the click to the first aria-sort on a header, and to the frame after it (the 100k test). */
const SORT_TIMER = (table) => {
  window.__sortTiming = new Promise((resolve) => {
    let t0;
    window.addEventListener('click', () => { t0 = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (t0 === undefined) return;
      if (![...table.querySelectorAll('[role="columnheader"]')].some((h) => h.hasAttribute('aria-sort'))) return;
      const ariaSort = performance.now() - t0;
      observer.disconnect();
      // The frame after: the rows re-rendered in the new order and painted.
      requestAnimationFrame(() => setTimeout(() => resolve({ ariaSort, nextFrame: performance.now() - t0 }), 0));
    });
    observer.observe(table, { subtree: true, attributes: true, attributeFilter: ['aria-sort'] });
  });
};

// --- tests -----------------------------------------------------------------------------------

test('sorting by E2E RTT: ascending then descending, a shift-clicked second key, missing values last', { timeout: 60_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 3000, seed: 11 });
  const data = await standInRecords(standIn);
  assert.equal(data.length, 3000);
  const { ui, problems } = await openAndFetchAll(t, standIn, 3000);
  const e2e = data.map((r) => r.e2e_rtt ?? null);
  const present = e2e.filter((v) => v !== null).sort((a, b) => a - b);
  const missing = e2e.length - present.length;
  assert.ok(missing > 0 && present.length > 100, `the data has missing E2E RTTs (${missing}) and present ones`);

  const headers = await ui.headers();
  assert.deepEqual(await ui.sorted(), {}, 'nothing sorted at first');

  // Ascending: the first rows hold the smallest values of the whole data set.
  await ui.sortButton('E2E RTT').click();
  await eventually(async () => (await ui.sorted())['E2E RTT'] === 'ascending', 'aria-sort="ascending" on "E2E RTT"');
  assert.deepEqual(await ui.sorted(), { 'E2E RTT': 'ascending' }, 'only the clicked header is sorted');
  let top = await eventually(async () => {
    const values = column(headers, await ui.topRows(), 'E2E RTT').map(ms);
    return values.length >= 20 && values[0] === present[0] && values;
  }, 'the smallest E2E RTT in the first row');
  assert.equal((await ui.rows())[0].index, 2, 'the first rendered row is the first data row');
  assert.deepEqual(top, present.slice(0, top.length), 'the first rendered rows hold the smallest E2E RTTs, in non-decreasing order');

  // Missing values are last: at the bottom, and in the order of the exported shown rows.
  let bottom = await ui.scrollToBottom();
  assert.equal(column(headers, bottom, 'E2E RTT').at(-1), '', 'the last row has no E2E RTT');
  let exported = JSON.parse((await ui.download('Export shown rows (JSON)')).text).records.map((r) => r.e2e_rtt ?? null);
  assert.deepEqual(exported, [...present, ...Array(missing).fill(null)], 'ascending order of every row: the values sorted, then the missing ones');

  // Descending: the first rows hold the largest values; missing values still last.
  await ui.sortButton('E2E RTT').click();
  await eventually(async () => (await ui.sorted())['E2E RTT'] === 'descending', 'aria-sort="descending" on "E2E RTT" after a second click');
  const largest = [...present].reverse();
  top = await eventually(async () => {
    const values = column(headers, await ui.topRows(), 'E2E RTT').map(ms);
    return values[0] === largest[0] && values[1] !== undefined && values;
  }, 'the largest E2E RTT in the first row');
  assert.deepEqual(top, largest.slice(0, top.length), 'the first rendered rows hold the largest E2E RTTs, in non-increasing order');
  bottom = await ui.scrollToBottom();
  assert.equal(column(headers, bottom, 'E2E RTT').at(-1), '', 'descending too, the last row has no E2E RTT');
  exported = JSON.parse((await ui.download('Export shown rows (JSON)')).text).records.map((r) => r.e2e_rtt ?? null);
  assert.deepEqual(exported, [...largest, ...Array(missing).fill(null)], 'descending order of every row: the values sorted down, then the missing ones');

  // Shift-click adds "User name" as the second key; the first keeps its direction.
  await ui.sortButton('User name').click({ modifiers: ['Shift'] });
  await eventually(async () => (await ui.sorted())['User name'] === 'ascending', 'aria-sort="ascending" on "User name" after a shift-click');
  assert.deepEqual(await ui.sorted(), { 'E2E RTT': 'descending', 'User name': 'ascending' }, 'both headers carry aria-sort');
  const records = JSON.parse((await ui.download('Export shown rows (JSON)')).text).records;
  const key = (r) => [r.e2e_rtt ?? null, r.user_name?.trim() ? r.user_name.toLowerCase() : null];
  const expected = [...data].sort((a, b) => {
    const [ea, ua] = key(a);
    const [eb, ub] = key(b);
    if (ea !== eb) return ea === null ? 1 : eb === null ? -1 : eb - ea;
    if (ua !== ub) return ua === null ? 1 : ub === null ? -1 : ua < ub ? -1 : 1;
    return 0;
  });
  assert.deepEqual(records.map(key), expected.map(key), 'rows ordered by E2E RTT descending, then user name ascending, missing values last');
  // Within equal E2E RTTs the first rendered rows follow the user names.
  const shown = await ui.topRows();
  const pairs = shown.map((r) => [ms(r.cells[headers.indexOf('E2E RTT')]), r.cells[headers.indexOf('User name')].toLowerCase()]);
  assert.deepEqual(pairs, expected.slice(0, pairs.length).map((r) => [r.e2e_rtt ?? null, (r.user_name ?? '').toLowerCase()]), 'the rendered first rows are the first rows of that order');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('the column chooser (hide, move) persists across a reload; "Reset columns" restores the default', { timeout: 60_000 }, async (t) => {
  const { page, ui, problems } = await openPage(t, staticServer.url);
  const defaults = await ui.headers();
  assert.ok(defaults.includes('Terminal type') && defaults.includes('E2E RTT'), `default columns: ${defaults}`);
  assert.ok(!defaults.includes('Transaction ID'), 'rarely used columns are hidden by default');

  await ui.openDetails('Columns');
  // click(), not uncheck(): the chooser's list is re-rendered in place, so the clicked node ends
  // up holding another column (see the keyboard test below); check by name afterwards.
  await ui.checkbox('Show the Terminal type column').click();
  await eventually(async () => !(await ui.checkbox('Show the Terminal type column').isChecked()), '"Show the Terminal type column" unchecked');
  await ui.button('Move E2E RTT up').click();
  const expected = defaults.filter((h) => h !== 'Terminal type');
  const at = expected.indexOf('E2E RTT');
  [expected[at - 1], expected[at]] = [expected[at], expected[at - 1]];
  await eventually(async () => JSON.stringify(await ui.headers()) === JSON.stringify(expected), async () => `headers ${JSON.stringify(expected)}, got ${JSON.stringify(await ui.headers())}`);

  const saved = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), COLUMNS_KEY));
  assert.ok(!saved.visible.includes('terminal_type'), `terminal_type not saved as visible: ${JSON.stringify(saved)}`);
  assert.ok(saved.visible.indexOf('e2e_rtt') < saved.visible.indexOf('network_band'), `e2e_rtt saved before network_band: ${JSON.stringify(saved)}`);

  await page.reload();
  await eventually(async () => JSON.stringify(await ui.headers()) === JSON.stringify(expected), async () => `the same headers after the reload: ${JSON.stringify(expected)}, got ${JSON.stringify(await ui.headers())}`);
  await ui.openDetails('Columns');
  assert.equal(await ui.checkbox('Show the Terminal type column').isChecked(), false, 'the chooser still shows Terminal type hidden');
  assert.equal(await ui.checkbox('Show the E2E RTT column').isChecked(), true);

  await ui.button('Reset columns').click();
  await eventually(async () => JSON.stringify(await ui.headers()) === JSON.stringify(defaults), async () => `the default headers after "Reset columns", got ${JSON.stringify(await ui.headers())}`);
  assert.equal(await ui.checkbox('Show the Terminal type column').isChecked(), true);
  await page.reload();
  await eventually(async () => JSON.stringify(await ui.headers()) === JSON.stringify(defaults), async () => `the default headers after reset and reload, got ${JSON.stringify(await ui.headers())}`);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('exports hold exactly the filtered rows (CSV as shown, JSON in the API shape); CSV neutralizes formulas', { timeout: 60_000 }, async (t) => {
  const { page, ui, problems } = await openDemo(t);
  const headers = await ui.headers();
  const M = 10_000;

  // A user name from the data as the quick search, and that row's network RTT as a lower bound.
  const first = (await ui.rows()).find((r) => r.cells[headers.indexOf('Network RTT')] !== '');
  const needle = first.cells[headers.indexOf('User name')];
  const minRtt = ms(first.cells[headers.indexOf('Network RTT')]);
  await ui.field('Search records').fill(needle);
  await ui.openDetails('Column filters');
  await ui.field('Network RTT from (ms)').fill(String(minRtt));
  await ui.field('Network RTT from (ms)').press('Tab'); // the range applies on change
  const N = await eventually(async () => {
    const c = await ui.countText();
    return c && c.loaded === M && c.shown < M && (await page.getByText('Column filters (1 active)').count()) === 1 && c.shown;
  }, async () => `"N of ${M} rows" with the search and one column filter, got ${JSON.stringify(await ui.countText())}`);
  assert.ok(N >= 1, 'at least the row the values came from');
  assert.equal(await ui.rowCount(), N + 1, 'aria-rowcount = shown rows + 1');
  const shown = await ui.rows();
  for (const r of shown) {
    assert.ok(ms(r.cells[headers.indexOf('Network RTT')]) >= minRtt, `a shown row with network RTT below ${minRtt}: ${r.cells}`);
  }

  // CSV of the shown rows: BOM, CRLF, a header and N rows, the same cells as the table.
  const csvFile = await ui.download('Export shown rows (CSV)');
  assert.match(csvFile.name, /\.csv$/);
  const csv = csvRows(csvFile);
  assert.equal(csv.length, N + 1, `a header and ${N} data rows`);
  assert.deepEqual(csv[0].map(baseHeader), headers.map(baseHeader), 'the CSV header is the table\'s columns, in order');
  assert.ok(csv[0].includes('Connection start (local time)'), `a time column's header names its zone: ${csv[0]}`);
  assert.deepEqual(csv.slice(1, 1 + shown.length), shown.map((r) => r.cells), 'the first CSV rows are the rendered first rows, cell for cell');
  if (N > shown.length) {
    const bottom = await ui.scrollToBottom();
    assert.deepEqual(csv.slice(-bottom.length), bottom.map((r) => r.cells), 'the last CSV rows are the rendered last rows');
  }

  // JSON of the shown rows: the API's shape, N records, all matching, in the same order.
  const json = JSON.parse((await ui.download('Export shown rows (JSON)')).text);
  assert.deepEqual(Object.keys(json).sort(), ['records', 'total_count']);
  assert.equal(json.total_count, N);
  assert.equal(json.records.length, N);
  const TIME = /_time$/;
  for (const r of json.records) {
    const texts = Object.entries(r).filter(([k, v]) => typeof v === 'string' && !TIME.test(k)).map(([, v]) => v.toLowerCase());
    assert.ok(texts.some((v) => v.includes(needle.toLowerCase())), `an exported record without "${needle}": ${JSON.stringify(r)}`);
    assert.ok(typeof r.network_rtt === 'number' && r.network_rtt >= minRtt, `an exported record with network_rtt below ${minRtt}: ${JSON.stringify(r)}`);
  }
  assert.deepEqual(json.records.map((r) => r.user_name ?? ''), csv.slice(1).map((row) => row[headers.indexOf('User name')]), 'JSON and CSV rows in the same order');

  // "all rows" ignores the filter.
  const all = JSON.parse((await ui.download('Export all rows (JSON)')).text);
  assert.equal(all.total_count, M);
  assert.equal(all.records.length, M);
  assert.equal(csvRows(await ui.download('Export all rows (CSV)')).length, M + 1);

  // Formula injection: cells from the data that a spreadsheet would run get a leading quote.
  // (The stand-in has no hostile data set, so the records are imported.)
  const hostile = [
    { transaction_id: 'h1', user_name: '=HYPERLINK("http://x")', computer_name: 'PC1', network_rtt: 10 },
    { transaction_id: 'h2', user_name: '@SUM(1)', computer_name: '+1+1', network_rtt: -1 },
    { transaction_id: 'h3', user_name: '-2+3', computer_name: '\tTAB', network_rtt: 20 },
    { transaction_id: 'h4', user_name: 'plain, "quoted"', computer_name: 'PC4', network_rtt: 30 },
  ];
  await ui.field('Search records').fill('');
  await page.getByRole('button', { name: 'Clear column filters', exact: true }).click();
  await ui.importFile('hostile.json', JSON.stringify({ total_count: hostile.length, records: hostile }));
  await ui.waitForRowCount(4, 4);
  const table = column(headers, await ui.rows(), 'User name');
  assert.deepEqual(table, hostile.map((r) => r.user_name), 'the table shows the values as they are');
  const file = await ui.download('Export all rows (CSV)');
  const rows = csvRows(file);
  assert.deepEqual(column(headers, rows.slice(1).map((cells) => ({ cells })), 'User name'), ["'=HYPERLINK(\"http://x\")", "'@SUM(1)", "'-2+3", 'plain, "quoted"']);
  assert.deepEqual(column(headers, rows.slice(1).map((cells) => ({ cells })), 'Computer name'), ['PC1', "'+1+1", "'\tTAB", 'PC4']);
  assert.deepEqual(column(headers, rows.slice(1).map((cells) => ({ cells })), 'Network RTT'), ['10 ms', '-1 ms', '20 ms', '30 ms'], 'values the app writes itself are not prefixed');
  assert.ok(file.text.includes('"\'=HYPERLINK(""http://x"")"'), 'the quoted field: quote prefix inside, quotes doubled');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('import with no network: an exported file loads every record; a malformed file is refused and the records stay', { timeout: 60_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 3000, seed: 12 });
  const online = await openAndFetchAll(t, standIn, 3000);
  const headers = await online.ui.headers();
  const firstRows = await online.ui.rows();
  const file = await online.ui.download('Export all rows (JSON)');
  assert.match(file.name, /^login-records-all-.*\.json$/);
  await standIn.stop();

  // A fresh page of the static dist/, then offline: no network at all from here on.
  const { page, ui, problems } = await openPage(t, staticServer.url);
  await page.context().setOffline(true);
  assert.deepEqual(await ui.headers(), headers);
  await ui.importFile(file.name, file.text);
  await eventually(async () => (await ui.status()).includes(`Loaded 3000 of 3000 records from ${file.name}`), async () => `"Loaded 3000 of 3000 records from ${file.name}", got ${JSON.stringify(await ui.status())}`);
  await ui.waitForRowCount(3000, 3000);
  assert.deepEqual(await ui.rows(), firstRows, 'the same first rows as the fetched table');

  // A broken file: a message naming it, and the records already loaded stay.
  await ui.importFile('broken.json', '{"total_count": 2, "records": [{"user_name": "a"},');
  const message = await eventually(async () => (await ui.status()).find((s) => s.includes('broken.json')), async () => `a message about broken.json, got ${JSON.stringify(await ui.status())}`);
  assert.match(message, /broken\.json was not imported: The file is not valid JSON/);
  assert.ok((await ui.status()).includes(`Loaded 3000 of 3000 records from ${file.name}`), 'the status still says what is loaded');
  await ui.waitForRowCount(3000, 3000);
  assert.deepEqual(await ui.rows(), firstRows, 'the same rows as before the broken file');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests (nothing tried the network)');
});

test('100,000 rows keep fewer than 200 rows in the DOM, at the top and at the bottom, and after sorting them', { timeout: 120_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 100_000, seed: 13 });
  const started = Date.now();
  const { page, ui, problems } = await openAndFetchAll(t, standIn, 100_000, 90_000);
  t.diagnostic(`fetch all of 100,000 records (debug proxy): ${Date.now() - started} ms including page load`);
  assert.equal(await ui.rowCount(), 100_001);
  const top = await ui.topRows('the first data rows');
  assert.ok(await ui.domRowCount() < 200, `fewer than 200 rows in the DOM at the top, got ${await ui.domRowCount()}`);
  assert.ok(top.length >= 10, `the rows in view are rendered (${top.length})`);

  const bottom = await ui.scrollToBottom();
  assert.equal(bottom.at(-1).index, 100_001, 'the last row is aria-rowindex 100001');
  assert.ok(await ui.domRowCount() < 200, `fewer than 200 rows in the DOM at the bottom, got ${await ui.domRowCount()}`);
  assert.ok(bottom.every((r, i) => i === 0 || r.index === bottom[i - 1].index + 1), 'the rendered rows are contiguous');

  // Sort 100,000 rows: time from the click to aria-sort, measured in the page.
  await ui.table.evaluate(SORT_TIMER);
  await ui.sortButton('Network RTT').click();
  const timing = await page.evaluate(() => window.__sortTiming);
  t.diagnostic(`sort of 100,000 rows by Network RTT: aria-sort after ${timing.ariaSort.toFixed(0)} ms, next frame after ${timing.nextFrame.toFixed(0)} ms`);
  assert.equal((await ui.sorted())['Network RTT'], 'ascending');
  const headers = await ui.headers();
  const sortedTop = await ui.topRows('the first rows after sorting (scrolled back to the top)');
  const rtts = column(headers, sortedTop, 'Network RTT').map(ms);
  assert.ok(rtts.every((v, i) => i === 0 || (v !== null && v >= rtts[i - 1])), `the first rows in non-decreasing network RTT: ${rtts}`);
  assert.ok(await ui.domRowCount() < 200, `fewer than 200 rows in the DOM after sorting, got ${await ui.domRowCount()}`);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('row detail: a click or Enter opens it with the raw JSON; "Show this user\'s sessions" filters to that user', { timeout: 60_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 3000, seed: 14 });
  const data = await standInRecords(standIn);
  const { page, ui, problems } = await openAndFetchAll(t, standIn, 3000);

  // Show the (hidden by default) Transaction ID column, to know which record a row is.
  await ui.openDetails('Columns');
  await ui.checkbox('Show the Transaction ID column').click();
  await eventually(async () => (await ui.headers()).includes('Transaction ID'), 'a "Transaction ID" column');
  const headers = await ui.headers();
  const cell = (row, name) => row.cells[headers.indexOf(name)];
  const rows = await eventually(async () => {
    const r = await ui.rows();
    return r.length > 5 && r[0].cells.length === headers.length && r;
  }, 'rows with the new column');
  const target = rows.find((r) => cell(r, 'Transaction ID') !== '' && cell(r, 'User name') !== '');
  const user = cell(target, 'User name');
  const txn = cell(target, 'Transaction ID');

  const detail = page.getByRole('region', { name: 'Record details' });
  assert.equal(await detail.count(), 0, 'no detail before a row is chosen');
  await ui.table.getByRole('row', { name: txn }).click();
  await detail.waitFor({ state: 'visible', timeout: 10_000 });
  const text = await detail.innerText();
  assert.ok(text.includes(user), `the detail shows the user name ${user}`);
  const raw = JSON.parse(text.slice(text.indexOf('Raw JSON') + 'Raw JSON'.length));
  assert.equal(raw.transaction_id, txn, 'the raw JSON is this row\'s record');
  assert.deepEqual(raw, data.find((r) => r.transaction_id === txn), 'the raw JSON is the record as the API sent it');

  // That user's sessions: every row has that user name; the count shrinks to theirs.
  const theirs = data.filter((r) => r.user_name === user).length;
  assert.ok(theirs < 3000);
  await detail.getByRole('button', { name: 'Show this user\'s sessions', exact: true }).click();
  await ui.waitForRowCount(theirs, 3000);
  const filtered = await ui.topRows();
  assert.ok(filtered.length > 0 && filtered.every((r) => cell(r, 'User name') === user), `only ${user}'s rows: ${JSON.stringify(filtered.map((r) => cell(r, 'User name')))}`);
  if (theirs > filtered.length) {
    const bottom = await ui.scrollToBottom();
    assert.ok(bottom.every((r) => cell(r, 'User name') === user), 'only that user at the bottom too');
  }

  // Enter on a focused row opens that row's detail.
  await detail.getByRole('button', { name: 'Close', exact: true }).click();
  await detail.waitFor({ state: 'detached', timeout: 10_000 });
  await ui.scrollTo('top');
  const other = (await ui.topRows()).find((r) => cell(r, 'Transaction ID') !== '' && cell(r, 'Transaction ID') !== txn);
  const row = ui.table.getByRole('row', { name: cell(other, 'Transaction ID') });
  await row.focus();
  await page.keyboard.press('Enter');
  await detail.waitFor({ state: 'visible', timeout: 10_000 });
  const otherText = await detail.innerText();
  assert.equal(JSON.parse(otherText.slice(otherText.indexOf('Raw JSON') + 'Raw JSON'.length)).transaction_id, cell(other, 'Transaction ID'), 'Enter opened the focused row');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('keyboard: the column chooser keeps focus on the control of the column it acts on', {
  timeout: 30_000,
}, async (t) => {
  const { page, ui } = await openPage(t, staticServer.url);
  const defaults = await ui.headers();
  const focused = (locator) => locator.evaluate((el) => el === document.activeElement);
  await ui.openDetails('Columns');

  const up = ui.button('Move E2E RTT up');
  await up.focus();
  await page.keyboard.press('Enter');
  const at = defaults.indexOf('E2E RTT');
  await eventually(async () => (await ui.headers()).indexOf('E2E RTT') === at - 1, 'E2E RTT one place up');
  assert.ok(await focused(up), `focus stays on "Move E2E RTT up", it is on ${await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))}`);
  await page.keyboard.press('Enter');
  await eventually(async () => (await ui.headers()).indexOf('E2E RTT') === at - 2, async () => `E2E RTT two places up after Enter twice: ${JSON.stringify(await ui.headers())}`, 3_000);

  const show = ui.checkbox('Show the Terminal type column');
  await show.focus();
  await page.keyboard.press('Space');
  await eventually(async () => !(await ui.headers()).includes('Terminal type'), 'Terminal type hidden');
  assert.ok(await focused(show), `focus stays on "Show the Terminal type column", it is on ${await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))}`);
});

test('RTT band thresholds: the quality columns follow the edited "Good" and "Fair" limits; text that is not a number changes nothing', { timeout: 60_000 }, async (t) => {
  const { ui, problems } = await openDemo(t);
  const headers = await ui.headers();
  /** `[network RTT ms or null, network quality text]` of the rows in view. */
  const shown = async () => {
    const rows = await ui.topRows();
    return rows.map((r) => [ms(r.cells[headers.indexOf('Network RTT')]), r.cells[headers.indexOf('Network quality')]]);
  };
  const band = (rtt, good, fair) => (rtt === null || rtt < 0 ? '' : rtt <= good ? 'good' : rtt <= fair ? 'fair' : 'poor');
  const setLimit = async (label, value) => {
    await ui.field(label).fill(String(value));
    await ui.field(label).press('Tab'); // applies on change
  };
  const expectBands = (good, fair) => eventually(async () => {
    const rows = await shown();
    return rows.some(([rtt]) => rtt !== null) && rows.every(([rtt, quality]) => quality === band(rtt, good, fair));
  }, async () => `network quality by good ≤ ${good} ms, fair ≤ ${fair} ms: ${JSON.stringify(await shown())}`);

  // The defaults, then limits that put the demo's RTTs in other bands.
  await expectBands(100, 200);
  await setLimit('Good RTT up to (ms)', 30);
  await setLimit('Fair RTT up to (ms)', 60);
  await expectBands(30, 60);
  const before = await shown();
  assert.ok(new Set(before.map(([, q]) => q)).size >= 2, `the rows in view fall in more than one band: ${JSON.stringify(before)}`);
  // Not a number: the limit and the bands stay.
  await setLimit('Fair RTT up to (ms)', 'abc');
  await expectBands(30, 60);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
