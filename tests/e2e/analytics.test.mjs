// The analytics of issue 7 in a real browser: the KPI strip and percentiles checked against a
// hand computation over the stand-in's records, every statistic following the table's one
// filter, clicks on histogram bars, failure reasons and breakdown rows narrowing that filter,
// the user timeline, accessible charts (a named role=group plot, focusable exact-value marks, a
// table alternative) and the new-location flags.
//
// Data comes from the proxy's stand-in (support/stand-in.mjs), whose records the tests also read
// directly with the Node signer (support/sign.mjs) as the independent answer; or from dist/ on a
// plain static server with "Try demo data" or an imported file.
//
// Elements are found by role and accessible name: a region "Analytics" whose KPI strip is a
// <dl> (role term / definition); charts are figures with a level-3 heading (the title) holding
// an <svg role=group> named by title and summary, value marks (role=img, or role=button when a
// click filters) labelled with exact values, and a "Show as table" <details> (role group) with
// a table; a table "Breakdown" with a select "Break down by" and buttons "Timeline of <user>"; a
// region "Timeline: <user>"; a region "New locations" of <details> summarized "<user>: <count>".
// Long lists show 20 items and a "Show more" button in their region (pressed until gone where a
// test reads every item). Exceptions: the <summary> of a <details> is clicked by its text (it has
// no ARIA role), and every <svg> is found by its tag, to check that none lacks role=group.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { DEMO, DIST, startStandIn } from './support/stand-in.mjs';
import { serveStatic } from './support/static-server.mjs';
import { standInRecords } from './support/records.mjs';
import { eventually } from './support/wait.mjs';
import { countText, waitForRowCount } from './support/row-count.mjs';

/** Local time = UTC, so times the app shows (local by default) match the records' UTC times. */
const ZONE = 'UTC';
/** RTTs above this are invalid (core::stats::MAX_RTT_MS). */
const MAX_RTT_MS = 600_000;
const RECORDS = 2000;

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

// --- hand computations (the independent answer) ----------------------------------------------

const isText = (v) => typeof v === 'string' && v.trim() !== '';
const failed = (r) => isText(r.connection_failure_reason);
/** A valid RTT: a number in 0..=600000; missing (absent/null) and invalid values are skipped. */
const validRtt = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_RTT_MS;
const secs = (text) => {
  if (!isText(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
};

/** Nearest rank: rank = ceil(p/100 · n) (1-based) over the ascending values; null when none. */
function nearestRank(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p * sorted.length) / 100); // p and n are integers: exact
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

/** core::time::format::format_duration. */
function formatDuration(s) {
  const two = (n) => String(n).padStart(2, '0');
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${two(s % 60)} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${two(Math.floor((s % 3600) / 60))} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

const ms = (v) => (v === null ? '–' : `${v} ms`);
const distinct = (records, key) => new Set(records.map((r) => r[key]).filter(isText)).size;

/** Every KPI of `records`, by hand, as the strip shows them (rates as numbers, to compare with a
 * rounding tolerance). */
function expectedKpis(records) {
  const network = records.map((r) => r.network_rtt).filter(validRtt);
  const e2e = records.map((r) => r.e2e_rtt).filter(validRtt);
  const setup = records
    .map((r) => [secs(r.connection_start_time), secs(r.connection_setup_time)])
    .filter(([a, b]) => a !== null && b !== null && b >= a)
    .map(([a, b]) => b - a);
  // Session duration: a session with no end, a start and no failure is ongoing (excluded);
  // otherwise end − start when both are present and the difference is not negative.
  const duration = records
    .filter((r) => !(r.connection_end_time === undefined && secs(r.connection_start_time) !== null && !failed(r)))
    .map((r) => [secs(r.connection_start_time), secs(r.connection_end_time)])
    .filter(([a, b]) => a !== null && b !== null && b >= a)
    .map(([a, b]) => b - a);
  const known = records.filter((r) => typeof r.is_reconnect === 'boolean');
  const median = (v) => nearestRank(v, 50);
  return {
    Logins: String(records.length),
    'Unique users': String(distinct(records, 'user_name')),
    'Unique desktops': String(distinct(records, 'computer_name')),
    failures: records.filter(failed).length,
    failureRate: records.length ? records.filter(failed).length / records.length : null,
    reconnectRate: known.length ? known.filter((r) => r.is_reconnect).length / known.length : null,
    'Network RTT p50': ms(nearestRank(network, 50)),
    'Network RTT p95': ms(nearestRank(network, 95)),
    'E2E RTT p50': ms(nearestRank(e2e, 50)),
    'E2E RTT p95': ms(nearestRank(e2e, 95)),
    'Median setup time': median(setup) === null ? '–' : formatDuration(median(setup)),
    'Median session': median(duration) === null ? '–' : formatDuration(median(duration)),
    validNetwork: network.length,
    missingNetwork: records.filter((r) => r.network_rtt === undefined || r.network_rtt === null).length,
    invalidNetwork: records.filter((r) => r.network_rtt !== undefined && r.network_rtt !== null && !validRtt(r.network_rtt)).length,
  };
}

/** "3.1%" against a rate: the strip rounds to one decimal, so it is within 0.05 points. */
function assertPercent(shown, rate, what) {
  if (rate === null) {
    assert.equal(shown, '–', `${what}: no value`);
    return;
  }
  const m = /^(\d+\.\d)%$/.exec(shown);
  assert.ok(m, `${what} shown as "12.3%", got ${JSON.stringify(shown)}`);
  assert.ok(Math.abs(Number(m[1]) - rate * 100) <= 0.05 + 1e-9, `${what}: shown ${shown}, by hand ${(rate * 100).toFixed(4)}%`);
}

/** Compares the strip with `expectedKpis(records)`. */
function assertKpis(shown, records, what) {
  const want = expectedKpis(records);
  for (const key of ['Logins', 'Unique users', 'Unique desktops', 'Network RTT p50', 'Network RTT p95', 'E2E RTT p50', 'E2E RTT p95', 'Median setup time', 'Median session']) {
    assert.equal(shown[key], want[key], `${what}: KPI "${key}"`);
  }
  assertPercent(shown['Failure rate'], want.failureRate, `${what}: KPI "Failure rate"`);
  assertPercent(shown['Reconnect rate'], want.reconnectRate, `${what}: KPI "Reconnect rate"`);
  return want;
}

/** The records whose text fields contain `needle` (case-insensitive), as the quick search. */
const searched = (records, needle) => records.filter((r) => Object.entries(r)
  .some(([k, v]) => typeof v === 'string' && !/_time$/.test(k) && v.toLowerCase().includes(needle.toLowerCase())));

/**
 * New-location flags by hand: per user, in order of connection start (ties in record order),
 * a public IP (or terminal MAC) is flagged when it differs from every earlier one of that user,
 * except the user's first one of its kind (the baseline). Rows without a user or start, and
 * blank values, are skipped.
 */
function newLocations(records) {
  const timed = records
    .map((r, i) => ({ r, i, t: secs(r.connection_start_time) }))
    .filter((x) => isText(x.r.user_name) && x.t !== null)
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const seen = new Map(); // user → { ip: Set, mac: Set }
  const flags = [];
  for (const { r, t } of timed) {
    if (!seen.has(r.user_name)) seen.set(r.user_name, { ip: new Set(), mac: new Set() });
    const s = seen.get(r.user_name);
    const check = (value, set) => {
      if (!isText(value)) return null;
      const first = set.size === 0;
      const isNew = !set.has(value);
      set.add(value);
      return isNew && !first ? value : null;
    };
    const ip = check(r.public_ip, s.ip);
    const mac = check(r.terminal_mac, s.mac);
    if (ip || mac) flags.push({ user: r.user_name, t, ip, mac, record: r });
  }
  return flags;
}

/** "2024-12-31 23:52:34" (UTC) of Unix seconds, as core::time::format::format_time. */
const formatTime = (t) => new Date(t * 1000).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');

// --- helpers ---------------------------------------------------------------------------------

/** Opens a page (local zone ZONE) on `url`; closed by `t.after`. */
async function openPage(t, url) {
  const { page, problems } = await openRecordingPage(browser, { contextOptions: { timezoneId: ZONE } });
  t.after(() => page.context().close());
  const ui = ui_(page);
  await page.goto(url);
  await eventually(() => ui.button('Fetch all').isVisible(), 'the app to mount');
  return { page, problems, ui };
}

/** A stand-in of `records` records, read directly, and the app fetching all of them. */
async function standInApp(t, { records = RECORDS, seed = 21 } = {}) {
  const standIn = await startStandIn({ t, records, seed });
  const data = await standInRecords(standIn);
  assert.equal(data.length, records);
  const app = await openPage(t, standIn.url);
  const { ui } = app;
  await eventually(async () => (await ui.field('Project ID').inputValue()) !== '', '"Project ID" to be prefilled from /app-config.json');
  await ui.field('Time range').selectOption({ label: 'All time' });
  await ui.button('Fetch all').click();
  await ui.waitForRowCount(records, records, 30_000);
  await ui.waitForKpi('Logins', String(records));
  return { ...app, data, standIn };
}

/** Locators by role and accessible name, and readers of what the page shows. */
function ui_(page) {
  const analytics = page.getByRole('region', { name: 'Analytics', exact: true });
  const ui = {
    page,
    analytics,
    field: (label) => page.getByLabel(label, { exact: true }),
    button: (name) => page.getByRole('button', { name, exact: true }),
    countText: () => countText(page),
    waitForRowCount: (shown, loaded, timeoutMs) => waitForRowCount(page, shown, loaded, { timeoutMs }),
    /** The KPI strip: `{ label: value }`, the value without its "vs previous period" note. */
    kpis: () => analytics.getByRole('term').evaluateAll((terms) => Object.fromEntries(terms.map((dt) => {
      const dd = dt.nextElementSibling;
      const own = [...dd.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
      return [dt.textContent.trim(), own.trim()];
    }))),
    async waitForKpi(label, value) {
      await eventually(async () => (await ui.kpis())[label] === value, async () => `KPI "${label}" = ${value}, got ${JSON.stringify(await ui.kpis())}`);
    },
    /** The chart (a figure) whose title is `title`. */
    chart: (title) => page.getByRole('figure').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) }),
    /** The chart's plot: its <svg>, a group named "<title> <summary>". */
    plot: (title) => ui.chart(title).getByRole('group', { name: `${title} ` }),
    /** The chart's "Show as table" table (opened first): `{ headers, rows }` of cell texts. */
    async chartTable(title) {
      const figure = ui.chart(title);
      const details = figure.getByRole('group').filter({ has: page.getByText('Show as table', { exact: true }) });
      if (!(await details.evaluate((d) => d.open))) await figure.getByText('Show as table', { exact: true }).click();
      return figure.getByRole('table').evaluate((t) => ({
        headers: [...t.tHead.rows[0].cells].map((c) => c.textContent),
        rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
      }));
    },
    /** aria-labels of the chart's clickable marks (role=button inside its plot). */
    bars: (title) => ui.plot(title).getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    bar: (title, label) => ui.plot(title).getByRole('button', { name: label, exact: true }),
    /** The chart's summary (its plot is named "<title> <summary>"). */
    summary: (title) => ui.chart(title).getByRole('paragraph').first().textContent(),
    /** Clicks `button` and returns the download's text. */
    async download(name) {
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), ui.button(name).click()]);
      return readFile(await file.path(), 'utf8');
    },
    /** The records of "Export shown rows (JSON)": every row the table shows. */
    shownRecords: async () => JSON.parse(await ui.download('Export shown rows (JSON)')).records,
    /** Opens "Column filters" (its <summary>, by text: it has no role) and clears them all. */
    async clearColumnFilters() {
      const summary = page.getByText(/^Column filters( \(\d+ active\))?$/);
      if (!(await summary.evaluate((el) => el.parentElement.open))) await summary.click();
      await ui.button('Clear column filters').click();
    },
    breakdown: () => page.getByRole('table', { name: 'Breakdown', exact: true }),
    /** Presses "Show more" in `region` until it is gone: every item of its list is shown. */
    async showAll(region) {
      const more = region.getByRole('button', { name: 'Show more', exact: true });
      for (let presses = 0; await more.isVisible(); presses += 1) {
        assert.ok(presses < 500, 'Show more ends');
        await more.click();
      }
    },
    showAllBreakdownRows: () => ui.showAll(page.getByRole('region', { name: 'Breakdowns', exact: true })),
    /** The breakdown's rows: `[{ group, cells: [Logins, Failure %, …] }]`. */
    breakdownRows: () => ui.breakdown().getByRole('row').evaluateAll((rows) => rows
      .filter((r) => r.querySelector('th[scope="row"]'))
      .map((r) => ({ group: r.querySelector('th').textContent, cells: [...r.querySelectorAll('td')].map((c) => c.textContent) }))),
  };
  return ui;
}

/** "10–19 ms: 573 logins" → { lo: 10, hi: 19, count: 573 }; "≥ 370 ms: 17 logins" → hi null. */
function parseBin(label) {
  let m = /^(\d+)–(\d+) ms: (\d+) logins?$/.exec(label);
  if (m) return { lo: Number(m[1]), hi: Number(m[2]), count: Number(m[3]), label };
  m = /^≥ (\d+) ms: (\d+) logins?$/.exec(label);
  assert.ok(m, `a histogram bar label "lo–hi ms: N logins" or "≥ lo ms: N logins", got ${JSON.stringify(label)}`);
  return { lo: Number(m[1]), hi: null, count: Number(m[2]), label };
}

/** The histogram table's rows ["10–19 ms", "573"] as bins. */
const tableBins = (table) => table.rows.map(([range, count]) => parseBin(`${range}: ${count} logins`));
const sumCounts = (table) => table.rows.reduce((s, row) => s + Number(row[1]), 0);

// --- tests -----------------------------------------------------------------------------------

test('the KPI strip and percentiles equal a hand computation over the same records', { timeout: 60_000 }, async (t) => {
  const { ui, data, problems } = await standInApp(t);
  const shown = await ui.kpis();
  assert.deepEqual(Object.keys(shown), ['Logins', 'Unique users', 'Unique desktops', 'Failure rate', 'Reconnect rate', 'Network RTT p50', 'Network RTT p95', 'E2E RTT p50', 'E2E RTT p95', 'Median setup time', 'Median session'], 'the KPI labels, in order');
  const want = assertKpis(shown, data, 'all records');
  assert.ok(want.missingNetwork > 0 && want.failures > 0, `the data has missing RTTs (${want.missingNetwork}) and failures (${want.failures}), so skipping matters`);
  // Skipped, not zero: a p50 over the 2,000 rows with missing RTTs as 0 would differ.
  const asZero = nearestRank(data.map((r) => (validRtt(r.network_rtt) ? r.network_rtt : 0)), 50);
  assert.notEqual(shown['Network RTT p50'], ms(asZero), `network RTT p50 ${shown['Network RTT p50']}: missing values are skipped, not taken as 0 (which would give ${ms(asZero)})`);

  // The exact counts behind the rate and the percentiles, from the charts' summaries.
  assert.match(await ui.summary('Logins over time'), new RegExp(`^${data.length - want.failures} succeeded and ${want.failures} failed logins per `), 'the failure count');
  assert.equal(await ui.summary('Network RTT'), `How ${want.validNetwork} logins are spread over Network RTT; ${want.missingNetwork} without a value and ${want.invalidNetwork} with an invalid one are not counted.`);
  assert.equal(sumCounts(await ui.chartTable('Network RTT')), want.validNetwork, 'the histogram counts every valid network RTT once');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('everything follows the one filter: search and a column filter move KPIs and histograms with the table', { timeout: 60_000 }, async (t) => {
  const { page, ui, data, problems } = await standInApp(t);
  // A user with a few dozen logins, whose name is in no other user's records.
  const byUser = new Map();
  for (const r of data) byUser.set(r.user_name, (byUser.get(r.user_name) ?? 0) + 1);
  const needle = [...byUser].filter(([u, n]) => isText(u) && n >= 20 && n <= 200).map(([u]) => u).find((u) => searched(data, u).every((r) => r.user_name === u));
  assert.ok(needle, 'a user with 20–200 logins whose name is unique to their records');
  const rows = searched(data, needle);

  await ui.field('Search records').fill(needle);
  await ui.waitForRowCount(rows.length, data.length);
  await ui.waitForKpi('Logins', String(rows.length));
  assertKpis(await ui.kpis(), rows, `search "${needle}"`);
  const { shown } = await ui.countText();
  assert.equal((await ui.kpis()).Logins, String(shown), 'KPI "Logins" = the table\'s "N of M rows" N');
  assert.equal(sumCounts(await ui.chartTable('Network RTT')), rows.filter((r) => validRtt(r.network_rtt)).length, 'the Network RTT histogram counts the valid RTTs of the searched rows');
  assert.equal(sumCounts(await ui.chartTable('E2E RTT')), rows.filter((r) => validRtt(r.e2e_rtt)).length, 'the E2E RTT histogram counts the valid RTTs of the searched rows');
  const groups = await ui.breakdownRows();
  assert.deepEqual(groups.map((g) => [g.group, g.cells[0]]), [[needle, String(rows.length)]], 'the breakdown by user has only that user');

  // Plus a column filter: network RTT at least the median of the user's RTTs.
  const min = nearestRank(rows.map((r) => r.network_rtt).filter(validRtt), 50);
  const narrowed = rows.filter((r) => validRtt(r.network_rtt) && r.network_rtt >= min);
  await page.getByText('Column filters', { exact: true }).click();
  await ui.field('Network RTT from (ms)').fill(String(min));
  await ui.field('Network RTT from (ms)').press('Tab'); // the range applies on change
  await ui.waitForRowCount(narrowed.length, data.length);
  await ui.waitForKpi('Logins', String(narrowed.length));
  assertKpis(await ui.kpis(), narrowed, `search "${needle}" and network RTT ≥ ${min}`);
  await eventually(async () => sumCounts(await ui.chartTable('Network RTT')) === narrowed.length, async () => `the Network RTT histogram to count ${narrowed.length}, got ${JSON.stringify(await ui.chartTable('Network RTT'))}`);
  assert.ok(tableBins(await ui.chartTable('Network RTT')).every((b) => b.count === 0 || b.hi === null || b.hi >= min), `no histogram bar below ${min} ms has logins`);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('a click on a histogram bar or a failure reason filters the table, the KPIs and the charts to it', { timeout: 60_000 }, async (t) => {
  const { page, ui, data, problems } = await standInApp(t);

  // A regular Network RTT bar with a good number of logins, clicked.
  const bins = (await ui.bars('Network RTT')).map(parseBin);
  const bin = bins.filter((b) => b.hi !== null && b.count >= 20 && b.count < data.length / 2).at(-1);
  assert.ok(bin, `a bar with 20–1000 logins among ${JSON.stringify(bins.map((b) => b.label))}`);
  const inBin = data.filter((r) => validRtt(r.network_rtt) && r.network_rtt >= bin.lo && r.network_rtt <= bin.hi);
  assert.equal(bin.count, inBin.length, `the bar "${bin.label}" counts the records with a network RTT in ${bin.lo}–${bin.hi} ms`);
  await ui.bar('Network RTT', bin.label).click();
  await ui.waitForRowCount(bin.count, data.length);
  await ui.waitForKpi('Logins', String(bin.count));
  assertKpis(await ui.kpis(), inBin, `bar ${bin.label}`);
  const shownRecords = await ui.shownRecords();
  assert.equal(shownRecords.length, bin.count, 'the shown rows are as many as the bar counted');
  for (const r of shownRecords) assert.ok(r.network_rtt >= bin.lo && r.network_rtt <= bin.hi, `a shown row outside ${bin.label}: ${JSON.stringify(r)}`);
  assert.deepEqual(shownRecords.map((r) => r.transaction_id).sort(), inBin.map((r) => r.transaction_id).sort(), 'the shown rows are exactly the bar\'s records');
  assert.equal(sumCounts(await ui.chartTable('Network RTT')), bin.count, 'the histogram now counts only the bar\'s logins');
  assert.equal(await page.getByText('Column filters (1 active)', { exact: true }).count(), 1, 'the bar became a column filter');

  // Back to everything, then a failure reason, by keyboard: focus + Enter.
  await ui.clearColumnFilters();
  await ui.waitForRowCount(data.length, data.length);
  await ui.waitForKpi('Logins', String(data.length));
  const reasons = (await ui.bars('Failure reasons')).map((label) => {
    const m = /^(.+): (\d+) \((\d+\.\d)%\)$/.exec(label);
    assert.ok(m, `a failure reason bar "reason: N (x.y%)", got ${JSON.stringify(label)}`);
    return { label, reason: m[1], count: Number(m[2]) };
  });
  const byReason = new Map();
  for (const r of data.filter(failed)) byReason.set(r.connection_failure_reason, (byReason.get(r.connection_failure_reason) ?? 0) + 1);
  assert.deepEqual(reasons.map((r) => [r.reason, r.count]), [...byReason].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 15), 'the failure reasons and counts, most first');
  const reason = reasons[Math.min(1, reasons.length - 1)];
  const withReason = data.filter((r) => r.connection_failure_reason === reason.reason);
  const bar = ui.bar('Failure reasons', reason.label);
  await bar.focus();
  await page.keyboard.press('Enter');
  await ui.waitForRowCount(reason.count, data.length);
  await ui.waitForKpi('Logins', String(reason.count));
  const kpis = assertKpis(await ui.kpis(), withReason, `failure reason "${reason.reason}"`);
  assert.equal((await ui.kpis())['Failure rate'], '100.0%');
  assert.equal(kpis.failures, reason.count, 'every shown login failed');
  const failedShown = await ui.shownRecords();
  assert.equal(failedShown.length, reason.count);
  for (const r of failedShown) assert.equal(r.connection_failure_reason, reason.reason, `a shown row with another failure reason: ${JSON.stringify(r)}`);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('breakdown: a clicked group filters everything to it; "Timeline of <user>" charts that user\'s sessions', { timeout: 60_000 }, async (t) => {
  const { page, ui, data, problems } = await standInApp(t);

  await ui.field('Break down by').selectOption({ label: 'Terminal type' });
  const types = new Map();
  for (const r of data) if (isText(r.terminal_type)) types.set(r.terminal_type, (types.get(r.terminal_type) ?? 0) + 1);
  const groups = await eventually(async () => {
    await ui.showAllBreakdownRows();
    const g = await ui.breakdownRows();
    return g.length === types.size + (data.some((r) => !isText(r.terminal_type)) ? 1 : 0) && g;
  }, async () => `one breakdown row per terminal type (${types.size}), got ${JSON.stringify(await ui.breakdownRows())}`);
  for (const g of groups.filter((g) => g.group !== '(missing)')) {
    assert.equal(g.cells[0], String(types.get(g.group)), `Logins of terminal type ${g.group}`);
  }
  // A group of fewer than half the rows, clicked (its row header; the click is the row's).
  const group = groups.find((g) => g.group !== '(missing)' && Number(g.cells[0]) < data.length / 2 && Number(g.cells[0]) >= 5);
  assert.ok(group, `a terminal type with 5–1000 logins: ${JSON.stringify(groups)}`);
  const count = Number(group.cells[0]);
  await ui.breakdown().getByRole('rowheader', { name: group.group, exact: true }).click();
  await ui.waitForRowCount(count, data.length);
  await ui.waitForKpi('Logins', String(count));
  assertKpis(await ui.kpis(), data.filter((r) => r.terminal_type === group.group), `terminal type ${group.group}`);
  const shownRecords = await ui.shownRecords();
  assert.equal(shownRecords.length, count);
  assert.ok(shownRecords.every((r) => r.terminal_type === group.group), `only terminal type ${group.group} is shown`);
  assert.deepEqual((await ui.breakdownRows()).map((g) => [g.group, g.cells[0]]), [[group.group, String(count)]], 'the breakdown follows the filter too');

  // By user: Enter on a row filters to the user; "Timeline of <user>" opens their sessions.
  await ui.clearColumnFilters();
  await ui.waitForRowCount(data.length, data.length);
  await ui.field('Break down by').selectOption({ label: 'User' });
  const users = await eventually(async () => {
    await ui.showAllBreakdownRows();
    const g = await ui.breakdownRows();
    return g.length === distinct(data, 'user_name') + (data.some((r) => !isText(r.user_name)) ? 1 : 0) && g;
  }, 'one breakdown row per user');
  const user = users.find((g) => g.group !== '(missing)' && Number(g.cells[0]) >= 5 && Number(g.cells[0]) <= 60)?.group ?? users[0].group;
  const theirs = data.filter((r) => r.user_name === user);
  await ui.button(`Timeline of ${user}`).click();
  const timeline = page.getByRole('region', { name: `Timeline: ${user}`, exact: true });
  await timeline.waitFor({ state: 'visible', timeout: 10_000 });
  assert.deepEqual(await ui.countText(), { shown: data.length, loaded: data.length }, 'the Timeline button does not filter the table (it is not a click on the row)');
  const sessions = await ui.chartTable(`Sessions of ${user}`);
  assert.deepEqual(sessions.headers, ['Start', 'End', 'RTT quality']);
  assert.equal(sessions.rows.length, theirs.length, `the timeline has one session per login of ${user}`);
  assert.deepEqual(sessions.rows.map((r) => r[0]), theirs.map((r) => formatTime(secs(r.connection_start_time))).sort(), 'the sessions\' starts, in time order');
  assert.equal(sessions.rows.filter((r) => r[1] === 'failed').length, theirs.filter(failed).length, 'failed sessions are marked');
  assert.match(await ui.summary(`Sessions of ${user}`), new RegExp(`^${theirs.length} sessions? from .*, ${theirs.filter(failed).length} failed\\.$`));

  const row = ui.breakdown().getByRole('row').filter({ has: page.getByRole('rowheader', { name: user, exact: true }) });
  await row.focus();
  await page.keyboard.press('Enter');
  await ui.waitForRowCount(theirs.length, data.length);
  await ui.waitForKpi('Logins', String(theirs.length));
  assert.deepEqual((await ui.breakdownRows()).map((g) => [g.group, g.cells[0]]), [[user, String(theirs.length)]]);

  // A bar of "Top 20 users by p95 network RTT" filters to that user.
  await ui.clearColumnFilters();
  await ui.waitForRowCount(data.length, data.length);
  const top = (await ui.bars('Top 20 users by p95 network RTT')).map((label) => {
    const m = /^(.+): (\d+) ms \((\d+) logins\)$/.exec(label);
    assert.ok(m, `a top-users bar "user: p95 ms (N logins)", got ${JSON.stringify(label)}`);
    return { label, user: m[1], p95: Number(m[2]), count: Number(m[3]) };
  });
  assert.ok(top.length >= 1 && top.length <= 20, `1 to 20 top users, got ${top.length}`);
  const worst = top[0];
  const worstRows = data.filter((r) => r.user_name === worst.user);
  assert.equal(worst.count, worstRows.length, `${worst.user}'s logins`);
  assert.equal(worst.p95, nearestRank(worstRows.map((r) => r.network_rtt).filter(validRtt), 95), `${worst.user}'s p95 network RTT by hand`);
  for (const other of top) assert.ok(other.p95 <= worst.p95, 'ranked by p95, worst first');
  await ui.bar('Top 20 users by p95 network RTT', worst.label).click();
  await ui.waitForRowCount(worst.count, data.length);
  await ui.waitForKpi('Logins', String(worst.count));
  assert.equal((await ui.kpis())['Network RTT p95'], `${worst.p95} ms`, 'the KPI p95 is the user\'s');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('charts are accessible: named role=img, keyboard-reachable bars with exact counts, a table alternative, no console errors', { timeout: 60_000 }, async (t) => {
  const { page, ui, problems } = await openPage(t, staticServer.url);
  await ui.button('Try demo data').click();
  await ui.waitForRowCount(10_000, 10_000);
  await ui.waitForKpi('Logins', '10000');

  // Every svg is a role=group named by its chart's title and summary.
  const svgs = await page.locator('svg').evaluateAll((els) => els.map((e) => e.getAttribute('role')));
  assert.ok(svgs.length >= 8, `the eight analytics charts are drawn, got ${svgs.length} svg elements`);
  assert.deepEqual(svgs, svgs.map(() => 'group'), 'every svg has role=group');
  const figures = page.getByRole('figure');
  const titles = await figures.getByRole('heading', { level: 3 }).allTextContents();
  assert.equal(titles.length, svgs.length, `one titled figure per svg: ${JSON.stringify(titles)}`);
  for (const title of titles) {
    const summary = (await ui.summary(title)).trim();
    assert.ok(summary.length > 10, `chart "${title}" has a summary`);
    assert.equal(await ui.chart(title).getByRole('group', { name: `${title} ${summary}`, exact: true }).count(), 1, `the svg of "${title}" is named "${title} ${summary}"`);
    // Every value mark is an image or a button labelled with its values.
    const marks = await ui.plot(title).locator('[aria-label]').evaluateAll((els) => els.map((e) => [e.getAttribute('role'), e.getAttribute('aria-label')]));
    assert.ok(marks.length >= 1 && marks.every(([role, label]) => (role === 'img' || role === 'button') && label.length > 0), `"${title}": labelled marks are role=img or role=button: ${JSON.stringify(marks.slice(0, 3))}`);
    const table = await ui.chartTable(title);
    assert.ok(table.headers.length >= 2 && table.rows.length >= 1, `"${title}" has a table alternative: ${JSON.stringify(table).slice(0, 200)}`);
  }

  // Keyboard: from the histogram's title, Tab lands on its first bar, then the next; each bar's
  // label holds the exact count of its row in the table, and the tooltip says the same.
  const table = await ui.chartTable('Network RTT');
  const bars = await ui.plot('Network RTT').getByRole('button').count();
  assert.ok(bars <= 60, 'few enough bars to be tab stops');
  assert.equal(bars, table.rows.length, 'one bar per table row');
  await ui.chart('Network RTT').getByRole('heading', { level: 3 }).click();
  for (let i = 0; i < 3; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName, label: document.activeElement?.getAttribute('aria-label') }));
    assert.equal(focused.tag, 'rect', `Tab ${i + 1} reaches a bar, got ${JSON.stringify(focused)}`);
    const [range, count] = table.rows[i];
    assert.equal(focused.label, `${range}: ${count} ${count === '1' ? 'login' : 'logins'}`, `bar ${i + 1}'s label has the table's exact count`);
    await eventually(async () => (await ui.chart('Network RTT').getByRole('status').textContent()) === focused.label, 'the tooltip to show the focused bar\'s values');
  }
  // A chart with more than 60 value marks keeps them out of the tab order (the heatmap: 168).
  const heatmapStops = await ui.plot('Logins by weekday and hour').evaluate((svg) => svg.querySelectorAll('[tabindex]').length);
  assert.equal(heatmapStops, 0, 'no tab stops in the 168-cell heatmap');
  // Its cells are still read by a screen reader: 168 images named with their exact counts.
  const cells = await ui.plot('Logins by weekday and hour').getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.equal(cells.length, 7 * 24, 'one image per weekday and hour');
  assert.ok(cells.every((label) => /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:00–\d\d:59: \d+ logins?$/.test(label)), `cells labelled "Mon 09:00–09:59: N logins": ${cells.slice(0, 2)}`);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('new locations: users listed with counts equal to a hand computation; a flagged IP is new for that user', { timeout: 60_000 }, async (t) => {
  const { page, ui, data, problems } = await standInApp(t);
  const flags = newLocations(data);
  assert.ok(flags.length > 0, 'the data has logins from new locations');
  const perUser = new Map();
  for (const f of flags) perUser.set(f.user, (perUser.get(f.user) ?? 0) + 1);
  const expected = [...perUser].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([u, n]) => `${u}: ${n}`);

  const region = page.getByRole('region', { name: 'New locations', exact: true });
  await eventually(async () => (await region.innerText()).includes(`${flags.length} logins from a new location, by ${perUser.size} users.`), async () => `"${flags.length} logins from a new location, by ${perUser.size} users." in ${JSON.stringify((await region.innerText()).slice(0, 300))}`);
  await ui.showAll(region);
  const listed = await region.getByRole('group').evaluateAll((ds) => ds.map((d) => d.querySelector('summary').textContent));
  assert.deepEqual(listed, expected, 'every user with their count, most first');

  // One user's flagged logins, each checked against the raw records.
  // (The user with the most flagged public IPs.)
  const ipFlags = new Map();
  for (const f of flags.filter((f) => f.ip)) ipFlags.set(f.user, (ipFlags.get(f.user) ?? 0) + 1);
  const user = [...ipFlags].sort((a, b) => b[1] - a[1])[0]?.[0];
  assert.ok(user, 'some login has a new public IP');
  const count = perUser.get(user);
  const summary = region.getByText(`${user}: ${count}`, { exact: true });
  await summary.click();
  const items = await region.getByRole('group').filter({ has: page.getByText(`${user}: ${count}`, { exact: true }) }).getByRole('listitem').allTextContents();
  assert.equal(items.length, count, `${count} flagged logins listed for ${user}`);
  const theirs = data.filter((r) => r.user_name === user);
  let checkedIp = 0;
  for (const item of items) {
    const m = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d): (.+)$/.exec(item);
    assert.ok(m, `"time: what" in ${JSON.stringify(item)}`);
    const ip = /new public IP (\S+?)(?:,|$)/.exec(m[2])?.[1];
    const mac = /new terminal MAC (\S+?)(?:,|$)/.exec(m[2])?.[1];
    assert.ok(ip || mac, `a new IP or MAC in ${JSON.stringify(item)}`);
    const login = theirs.find((r) => formatTime(secs(r.connection_start_time)) === m[1] && (!ip || r.public_ip === ip) && (!mac || r.terminal_mac === mac));
    assert.ok(login, `a login of ${user} at ${m[1]} with ${m[2]} in the raw records`);
    const t0 = secs(login.connection_start_time);
    const earlier = theirs.filter((r) => secs(r.connection_start_time) < t0);
    if (ip) {
      assert.ok(earlier.some((r) => isText(r.public_ip)), `${user} logged in with a public IP before ${m[1]} (not their first)`);
      assert.ok(!earlier.some((r) => r.public_ip === ip), `${ip} did not occur for ${user} before ${m[1]}`);
      checkedIp += 1;
    }
    if (mac) assert.ok(!earlier.some((r) => r.terminal_mac === mac), `${mac} did not occur for ${user} before ${m[1]}`);
  }
  assert.equal(checkedIp, ipFlags.get(user), 'every flagged public IP of the user was checked');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

// --- edge cases: what a click shows is exactly what the bar or group counted ----------------

/** dist/ on the static server with `records` imported from a file (no network needed). */
async function importedApp(t, records) {
  const app = await openPage(t, staticServer.url);
  await app.page.getByLabel('Import JSON file').setInputFiles({ name: 'edge.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ total_count: records.length, records })) });
  await app.ui.waitForRowCount(records.length, records.length);
  await app.ui.waitForKpi('Logins', String(records.length));
  return app;
}

/** 150 logins with network RTTs 1…149 and one of 5000 ms, plus one of 700000 ms and one of -1
 * (both invalid: skipped and counted); desktops in 172.16.0.0/16 and 10.0.0.0/16, one in
 * 2.16.0.0/16. */
function edgeRecords() {
  const records = [];
  for (let i = 0; i < 152; i += 1) {
    const rtt = i < 149 ? i + 1 : [5000, 700_000, -1][i - 149];
    records.push({
      transaction_id: `t${i}`,
      user_name: `user${i % 5}`,
      computer_name: `PC${i % 7}`,
      connection_start_time: new Date(Date.UTC(2024, 11, 1) + i * 3_600_000).toISOString().replace('.000', ''),
      network_rtt: rtt,
      e2e_rtt: rtt,
      desktop_ip: i === 0 ? '2.16.0.1' : i <= 10 ? `172.16.0.${i}` : `10.0.${i}.1`,
      public_ip: '203.0.113.1',
    });
  }
  return records;
}

test('the histogram\'s overflow bar filters to the logins it counts, not to invalid RTTs above it', {
  timeout: 30_000,
}, async (t) => {
  const records = edgeRecords();
  const { ui, problems } = await importedApp(t, records);
  assert.equal(await ui.summary('Network RTT'), 'How 150 logins are spread over Network RTT; 0 without a value and 2 with an invalid one are not counted.');
  const overflow = (await ui.bars('Network RTT')).map(parseBin).at(-1);
  assert.deepEqual(overflow, { lo: 150, hi: null, count: 1, label: '≥ 150 ms: 1 login' }, 'the overflow bar holds the 5000 ms login');
  await ui.bar('Network RTT', overflow.label).click();
  await ui.waitForKpi('Network RTT p50', '5000 ms');
  const shown = await ui.shownRecords();
  assert.deepEqual(shown.map((r) => r.network_rtt), [5000], 'the overflow bar shows the one login it counted');
  assert.equal((await ui.kpis()).Logins, '1');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('breakdown by desktop subnet: a clicked subnet filters to that /16 only', {
  timeout: 30_000,
}, async (t) => {
  const records = edgeRecords();
  const { ui, problems } = await importedApp(t, records);
  await ui.field('Break down by').selectOption({ label: 'Desktop subnet (/16)' });
  const groups = await eventually(async () => {
    const g = await ui.breakdownRows();
    return g.some((x) => x.group === '2.16.0.0/16') && g;
  }, async () => `a group "2.16.0.0/16", got ${JSON.stringify(await ui.breakdownRows())}`);
  const counts = Object.fromEntries(groups.map((g) => [g.group, g.cells[0]]));
  assert.equal(counts['2.16.0.0/16'], '1');
  assert.equal(counts['172.16.0.0/16'], '10');
  await ui.breakdown().getByRole('rowheader', { name: '2.16.0.0/16', exact: true }).click();
  await eventually(async () => (await ui.countText())?.shown < records.length, 'the click to filter');
  const shown = await ui.shownRecords();
  assert.deepEqual(shown.map((r) => r.desktop_ip), ['2.16.0.1'], 'only the desktop in 2.16.0.0/16');
  assert.deepEqual((await ui.breakdownRows()).map((g) => [g.group, g.cells[0]]), [['2.16.0.0/16', '1']]);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('breakdown by desktop subnet: a click keeps exactly the group\'s rows, also for an address that is not IPv4 or has blanks around it', {
  timeout: 30_000,
}, async (t) => {
  const records = edgeRecords();
  records[11].desktop_ip = 'fd00::5';
  records[12].desktop_ip = ' 172.16.0.99 ';
  const { ui, problems } = await importedApp(t, records);
  await ui.field('Break down by').selectOption({ label: 'Desktop subnet (/16)' });
  const groups = await eventually(async () => {
    const g = await ui.breakdownRows();
    return g.some((x) => x.group === 'fd00::5') && g;
  }, async () => `a group "fd00::5", got ${JSON.stringify(await ui.breakdownRows())}`);
  const counts = Object.fromEntries(groups.map((g) => [g.group, g.cells[0]]));
  assert.equal(counts['172.16.0.0/16'], '11', 'the padded address counts in its /16');

  await ui.breakdown().getByRole('rowheader', { name: 'fd00::5', exact: true }).click();
  await ui.waitForRowCount(1, records.length);
  assert.deepEqual((await ui.shownRecords()).map((r) => r.desktop_ip), ['fd00::5'], 'the IPv6 desktop is its own group');

  await ui.clearColumnFilters();
  await ui.waitForRowCount(records.length, records.length);
  await ui.breakdown().getByRole('rowheader', { name: '172.16.0.0/16', exact: true }).click();
  await ui.waitForRowCount(11, records.length);
  const shown = (await ui.shownRecords()).map((r) => r.desktop_ip);
  assert.ok(shown.includes(' 172.16.0.99 '), `the padded address is in the subnet's rows: ${JSON.stringify(shown)}`);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('a filter set by a chart click is shown in the "Column filters" inputs, so it can be read and edited', {
  timeout: 30_000,
}, async (t) => {
  const { page, ui } = await importedApp(t, edgeRecords());
  const bin = (await ui.bars('Network RTT')).map(parseBin).find((b) => b.hi !== null && b.count > 0);
  await ui.bar('Network RTT', bin.label).click();
  await ui.waitForRowCount(bin.count, 152);
  await page.getByText('Column filters (1 active)', { exact: true }).click();
  assert.equal(await ui.field('Network RTT from (ms)').inputValue(), String(bin.lo));
  assert.equal(await ui.field('Network RTT to (ms)').inputValue(), String(bin.hi));
});
