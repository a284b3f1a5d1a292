// Hardening of issue 9 in a real browser: hostile record content (item 4), the bad-input matrix
// (item 2), secret hygiene across a whole session (item 3), a fault-injection soak with
// cancel/resume (item 1) and the Content Security Policy proposed in SECURITY.md (item 6).
//
// Data comes from the proxy's stand-in (support/stand-in.mjs), with `--hostile` for the
// hostile records (proxy/README.md, "Hostile data") and `--sk`/`--token` for secrets that the
// test types itself; the stand-in's own records are read directly with the Node signer
// (support/sign.mjs) as the independent answer. The CSP test serves dist/ from the static
// server with the policy added (support/static-server.mjs).
//
// Elements are found by role and accessible name, with two exceptions said where they are
// used: the IAM token input (`#iam-token`: a password field shares its accessible name with
// the "IAM token" radio), and document-wide DOM scans for injected elements, which look at
// every element on purpose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { DEMO, DIST, startStandIn } from './support/stand-in.mjs';
import { serveStatic } from './support/static-server.mjs';
import { signedGet } from './support/sign.mjs';
import { contentSecurityPolicy, inlineScriptHash } from '../../scripts/csp-policy.mjs';
import { eventually } from './support/wait.mjs';
import { countText, waitForRowCount } from './support/row-count.mjs';

const HOST = new URL(DEMO.endpoint).host;
const API_PATH = `/v2/${DEMO.projectId}/connections/desktops`;
const MAX_RTT = 600_000;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

// --- helpers ---------------------------------------------------------------------------------

/**
 * Every record the stand-in serves, read directly with the Node signer. Retries what injected
 * faults break (5xx, 429, truncated JSON, reset connections), so it also works on a faulty
 * stand-in.
 */
async function standInRecords(standIn, { ak = DEMO.ak, sk = DEMO.sk } = {}) {
  const records = [];
  for (let offset = 0; ; offset += 1000) {
    let body;
    for (let attempt = 0; body === undefined; attempt += 1) {
      assert.ok(attempt < 50, `direct read of the stand-in at offset ${offset} keeps failing`);
      const { url, headers } = signedGet({ proxyUrl: standIn.origin, host: HOST, path: API_PATH, query: { limit: 1000, offset }, ak, sk, projectId: DEMO.projectId });
      try {
        const response = await fetch(url, { headers });
        const text = await response.text();
        if (response.status === 200) body = JSON.parse(text);
      } catch {
        // reset or truncated: try again
      }
    }
    records.push(...body.records);
    if (records.length >= body.total_count || body.records.length === 0) return records;
  }
}

/** Fails the test on any dialog (alert, confirm, prompt, beforeunload). */
function forbidDialogs(page) {
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  return dialogs;
}

/** Opens `url` in a fresh context; every console message is kept (all types). */
async function openPage(t, url, { expectedFailedLoads, prefilled = true } = {}) {
  const { page, problems } = await openRecordingPage(browser, { expectedFailedLoads });
  t.after(() => page.context().close());
  const consoleText = [];
  page.on('console', (msg) => consoleText.push(`${msg.type()}: ${msg.text()}`));
  const dialogs = forbidDialogs(page);
  const apiCalls = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/connections/desktops')) apiCalls.push(request.url());
  });
  const ui = ui_(page);
  await page.goto(url);
  await eventually(() => ui.button('Fetch all').isVisible(), 'the app to mount');
  if (prefilled) {
    await eventually(async () => (await ui.field('Project ID').inputValue()) !== '', '"Project ID" to be prefilled from /app-config.json');
    // The demo data's "now" is fixed in the past: make the query cover all of it.
    await ui.field('Time range').selectOption({ label: 'All time' });
  }
  return { page, problems, consoleText, dialogs, apiCalls, ui };
}

/** Locators by role and accessible name, and readers of what the page shows. */
function ui_(page) {
  const table = page.getByRole('table', { name: 'Login records' });
  const ui = {
    page,
    table,
    /** The IAM token input shares its name with a radio: found by id (the one exception). */
    field: (label) => (label === 'IAM token' ? page.locator('#iam-token') : page.getByLabel(label, { exact: true })),
    button: (name) => page.getByRole('button', { name, exact: true }),
    radio: (name) => page.getByRole('radio', { name, exact: true }),
    checkbox: (name) => page.getByRole('checkbox', { name, exact: true }),
    /** Texts of every role=status region, joined. */
    status: async () => (await page.getByRole('status').allInnerTexts()).join(' | '),
    /** `{ loaded, total }` from "Loaded N of M records", or null. */
    async loaded() {
      const m = /\bLoaded ([\d,]+) of ([\d,]+) records\b/.exec(await ui.status());
      return m && { loaded: Number(m[1].replaceAll(',', '')), total: Number(m[2].replaceAll(',', '')), text: m[0] };
    },
    countText: () => countText(page),
    waitForRowCount: (shown, loaded, timeoutMs) => waitForRowCount(page, shown, loaded, { timeoutMs, more: async () => `status ${await ui.status()}` }),
    /** The data rows in the DOM: cell texts. */
    rows: () => table.getByRole('row').evaluateAll((rows) => rows
      .filter((row) => Number(row.getAttribute('aria-rowindex')) > 1)
      .map((row) => [...row.children].filter((c) => c.getAttribute('role') === 'cell').map((c) => c.textContent))),
    /** The chart (a figure) whose title is `title`. */
    chart: (title) => page.getByRole('figure').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) }),
    summary: (title) => ui.chart(title).getByRole('paragraph').first().textContent(),
    /** Clicks `button` and returns the download's text. */
    async download(name) {
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), ui.button(name).click()]);
      return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
    },
  };
  return ui;
}

/** No panic, no uncaught exception, whatever the data or the API did. */
function assertNoCrash(problems, consoleText = []) {
  const crashes = [...problems, ...consoleText].filter((p) => p.startsWith('pageerror') || /panicked|RuntimeError|unreachable/i.test(p));
  assert.deepEqual(crashes, [], 'no panic or uncaught exception');
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) into rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** How the app reads an RTT (core::records::record + core::stats::values): 'missing', 'invalid' or the ms. */
function rttReading(value) {
  if (value === undefined || value === null) return 'missing';
  let n;
  if (typeof value === 'number') n = Math.abs(value) < 2 ** 63 ? Math.round(value) : NaN;
  else if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) n = Number(value.trim());
  else n = NaN;
  if (!Number.isFinite(n) || n < 0 || n > MAX_RTT) return 'invalid';
  return n;
}

/** A record's identity for set comparisons: its transaction ID, else its canonical JSON. */
function identity(record) {
  if (typeof record.transaction_id === 'string') return `tx:${record.transaction_id}`;
  return `json:${JSON.stringify(Object.keys(record).sort().map((k) => [k, record[k]]))}`;
}

// --- 1. hostile records ------------------------------------------------------------------------

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const JS_URL = 'javascript:alert(1)';
const RTL = 'rtl\u202Egpj.exe';
const ZERO_WIDTH = 'zero\u200Bwidth\u200C\u200D\u2060\uFEFFuser';
const LONG = `long-${'x'.repeat(9995)}`;
// Sent as `"lone-high-\ud800"`: a lone surrogate, which JSON.parse keeps and the app reads as
// U+FFFD (one per lone surrogate, as a UTF-8 encoder writes it).
const LONE_HIGH = 'lone-high-\uFFFD';
const REVERSED = 'reversed-\uFFFD\uFFFD-pair';

/** Markup or script that ran or was parsed into the page: on* attributes, scripts other than the
 * app's loader, frames, objects, `javascript:` links, and a prototype polluted by `__proto__`. */
async function injected(page) {
  return page.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`<${el.localName} ${attr.name}="${attr.value}">`);
        if (/^\s*javascript:/i.test(attr.value) && /^(href|src|action|formaction|xlink:href)$/i.test(attr.name)) found.push(`<${el.localName} ${attr.name}="${attr.value}">`);
      }
    }
    const scripts = [...document.scripts].filter((s) => !(s.type === 'module' && /TrunkApplicationStarted/.test(s.textContent)));
    for (const s of scripts) found.push(`<script src="${s.src}">${s.textContent.slice(0, 60)}`);
    for (const el of document.querySelectorAll('img, iframe, object, embed, frame, svg script, foreignObject, b')) {
      found.push(`<${el.localName}>`);
    }
    if (({}).polluted !== undefined || Object.prototype.polluted !== undefined) found.push('Object.prototype.polluted');
    return found;
  });
}

test('hostile records render as inert text: no dialog, no injected element, no panic; statistics count the invalid values; exports stay safe', { timeout: 120_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 2000, seed: 31, extraArgs: ['--hostile'] });
  const data = await standInRecords(standIn);
  const unique = new Map();
  for (const r of data) if (!unique.has(identity(r))) unique.set(identity(r), r);
  const duplicates = data.length - unique.size;
  assert.equal(duplicates, 2, 'the stand-in sends one transaction ID three times');

  const { page, problems, consoleText, dialogs, ui } = await openPage(t, standIn.url);
  await ui.button('Fetch all').click();
  await ui.waitForRowCount(unique.size, unique.size, 60_000);
  await eventually(async () => (await ui.loaded())?.text === `Loaded ${unique.size} of ${data.length} records`, async () => `"Loaded ${unique.size} of ${data.length} records": ${await ui.status()}`);
  await eventually(async () => (await page.locator('body').innerText()).includes(`${unique.size.toLocaleString('en-US')} unique, 2 duplicates removed`), async () => `the run's summary to count 2 duplicates removed: ${await page.locator('body').innerText()}`);
  assert.deepEqual(await injected(page), [], 'nothing injected after loading');

  // Each hostile string is found as text: search narrows the table to its row, whose cell holds
  // exactly that text; the row's details show it too.
  const search = ui.field('Search records');
  for (const [what, text] of [['<script>', SCRIPT], ['<img onerror>', IMG], ['javascript: URL', JS_URL], ['RTL override', RTL], ['zero-width characters', ZERO_WIDTH], ['10,000 characters', LONG], ['lone surrogate', LONE_HIGH], ['reversed surrogate pair', REVERSED]]) {
    await search.fill(text);
    const expected = [...unique.values()].filter((r) => Object.values(r).some((v) => typeof v === 'string' && v.toWellFormed().toLowerCase().includes(text.toLowerCase()))).length;
    assert.ok(expected >= 1, `the stand-in serves the ${what} text`);
    await ui.waitForRowCount(expected, unique.size);
    const rows = await eventually(async () => {
      const r = await ui.rows();
      return r.length === expected && r;
    }, `${expected} rows for ${what}`);
    const at = rows.findIndex((cells) => cells.includes(text));
    assert.ok(at >= 0, `a cell holds the ${what} text exactly: ${JSON.stringify(rows.map((cells) => cells.map((c) => c.slice(0, 60))))}`);
    await ui.table.getByRole('row').nth(at + 1).click();
    const details = page.getByRole('region', { name: 'Record details' });
    await eventually(async () => (await details.textContent()).includes(text), `the record details to show the ${what} text`);
    assert.deepEqual(await injected(page), [], `nothing injected after showing ${what}`);
  }
  await search.fill('');
  await ui.waitForRowCount(unique.size, unique.size);

  // Statistics skip the missing and invalid RTTs and say how many.
  const readings = [...unique.values()].map((r) => rttReading(r.network_rtt));
  const missing = readings.filter((r) => r === 'missing').length;
  const invalid = readings.filter((r) => r === 'invalid').length;
  const valid = readings.length - missing - invalid;
  assert.ok(invalid >= 4, `the hostile set has invalid network RTTs (${invalid})`);
  assert.equal(await ui.summary('Network RTT'), `How ${valid} logins are spread over Network RTT; ${missing} without a value and ${invalid} with an invalid one are not counted.`);
  const e2e = [...unique.values()].map((r) => rttReading(r.e2e_rtt));
  const e2eMissing = e2e.filter((r) => r === 'missing').length;
  const e2eInvalid = e2e.filter((r) => r === 'invalid').length;
  assert.equal(await ui.summary('E2E RTT'), `How ${e2e.length - e2eMissing - e2eInvalid} logins are spread over E2E RTT; ${e2eMissing} without a value and ${e2eInvalid} with an invalid one are not counted.`);

  // CSV: every data cell that a spreadsheet would run is neutralized; the strings are all there.
  const csv = await ui.download('Export all rows (CSV)');
  const [header, ...cells] = parseCsv(csv.text);
  assert.equal(cells.length, unique.size, 'one CSV row per record');
  // The app's own numbers ("-1 ms" for an RTT of -1) are not attacker text: an integer is all
  // the API controls there, so they cannot carry a formula (see the report on how Excel shows them).
  const risky = cells.flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-\d+( ms| s)?$/.test(c));
  assert.deepEqual(risky, [], 'no CSV text cell starts with = + - @ tab or CR');
  for (const text of [SCRIPT, IMG, JS_URL, RTL, ZERO_WIDTH, LONG]) assert.ok(cells.flat().includes(text), `CSV holds ${JSON.stringify(text.slice(0, 40))} as a cell`);
  for (const formula of ['=HYPERLINK("http://evil.example/","click")', '+SUM(1,2)', '@SUM(A1)']) {
    assert.ok(cells.flat().includes(`'${formula}`), `CSV neutralizes ${formula} with a leading apostrophe`);
  }
  assert.ok(header.length > 5, 'a header row');

  // JSON: valid, and every record's strings come back exactly (so they were escaped).
  const json = await ui.download('Export all rows (JSON)');
  const exported = JSON.parse(json.text);
  assert.equal(exported.records.length, unique.size);
  const byId = new Map(exported.records.map((r) => [identity(r), r]));
  let lone = 0;
  for (const [id, record] of unique) {
    if (!id.startsWith('tx:hostile')) continue;
    const got = byId.get(id);
    assert.ok(got, `${id} exported`);
    for (const field of ['user_name', 'computer_name', 'terminal_name', 'client_version', 'connection_failure_reason', 'desktop_ip', 'public_ip', 'source_ip']) {
      if (typeof record[field] !== 'string') continue;
      // Verbatim, but for U+FFFD in place of each lone surrogate.
      assert.equal(got[field], record[field].toWellFormed(), `${id}.${field} exported verbatim`);
      if (!record[field].isWellFormed()) lone += 1;
    }
  }
  assert.ok(lone >= 5, `fields with lone surrogates were served and exported (${lone})`);
  assert.ok(!/[\u0000-\u001f]/.test(json.text.replace(/[\r\n\t]/g, '')), 'control characters are escaped in the JSON text');

  assert.deepEqual(dialogs, [], 'no dialog ever opened');
  assert.deepEqual(await injected(page), [], 'nothing injected at the end');
  assertNoCrash(problems, consoleText);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

// --- 2. bad input matrix -----------------------------------------------------------------------

const LONG_256 = 'a'.repeat(256);

/** [field, value typed, a part of the message expected on that field]. */
const INVALID = [
  ['Proxy URL', 'not a url', 'must be a full URL'],
  ['Proxy URL', 'ftp://proxy.example.com', 'must be a full URL'],
  ['Proxy URL', 'http://proxy.example.com', 'must use https'],
  ['Proxy URL', 'http://10.0.0.1:8787', 'must use https'],
  ['Proxy URL', 'https://user:pw@proxy.example.com', 'must not contain a user name or password'],
  ['Proxy URL', 'https://proxy.example.com/?q=1#x', 'must not have a path, query or fragment'],
  ['Endpoint', '', 'is required'],
  ['Endpoint', 'https://', 'must be a full URL'],
  ['Endpoint', 'http://x y', 'must be a full URL'],
  ['Endpoint', 'javascript:alert(1)', 'must be a full URL'],
  ['Endpoint', 'https://example.com/path?x=1', 'must not have a path, query or fragment'],
  ['Project ID', 'a/b', 'must not contain "/"'],
  ['Project ID', '..', 'must not be "." or contain ".."'],
  ['Project ID', '../../v3/users', 'must not'],
  ['Project ID', '   ', 'is required'],
  ['Project ID', LONG_256, 'at most 64 characters'],
  ['Access key ID', '   ', 'is required'],
  ['Access key ID', 'AK WITH SPACE', 'only visible ASCII'],
  ['Access key ID', 'ÄKÖ', 'only visible ASCII'],
  ['Secret access key', '', 'is required'],
  ['Security token', 'token with spaces', 'only visible ASCII'],
  ['Security token', 'tökén', 'only visible ASCII'],
  ['User name', LONG_256, 'at most 255 characters'],
  ['Computer name', LONG_256, 'at most 255 characters'],
  ['Terminal type', LONG_256, 'at most 255 characters'],
  ['Enterprise project ID', LONG_256, 'at most 255 characters'],
  ['Public IP', LONG_256, 'at most 255 characters'],
  ['Min network RTT', 'abc', 'whole number'],
  ['Min network RTT', '-5', 'whole number'],
  ['Min network RTT', '2147483648', 'between 0 and 2147483647'],
  ['Max network RTT', '1.5', 'whole number'],
  ['Max network RTT', '-1', 'whole number'],
  ['Page size', '1001', 'between 0 and 1000'],
  ['Page size', '-1', 'whole number'],
  ['Page size', 'ten', 'whole number'],
];
/** With "IAM token" chosen. */
const INVALID_TOKEN = [
  ['IAM token', '', 'is required'],
  ['IAM token', 'token with spaces', 'only visible ASCII'],
  ['IAM token', 'tökén-ñ', 'only visible ASCII'],
  ['IAM token', 'line\tbreak', 'only visible ASCII'],
];
/** Whitespace only: not an error, it means "no filter". */
const WHITESPACE = ['User name', 'Computer name', 'Terminal type', 'Enterprise project ID', 'Public IP', 'Min network RTT', 'Max network RTT', 'Page size'];

/** aria-invalid, and the texts of the elements aria-describedby points to. */
function fieldState(locator) {
  return locator.evaluate((el) => ({
    invalid: el.getAttribute('aria-invalid'),
    described: (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? `(no element #${id})`),
  }));
}

test('bad input matrix: every invalid value is flagged on its own field, blocks both runs and Enter, and sends nothing', { timeout: 120_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 200, seed: 32 });
  const { page, problems, apiCalls, ui } = await openPage(t, standIn.url);
  const runButtons = [ui.button('Run query'), ui.button('Fetch all')];
  const runnable = async () => Promise.all(runButtons.map((b) => b.isEnabled()));
  assert.deepEqual(await runnable(), [true, true], 'the prefilled form is valid');

  const checked = [];
  async function expectInvalid(label, value, message) {
    const field = ui.field(label);
    const before = await field.inputValue();
    await field.fill(value);
    const state = await eventually(async () => {
      const s = await fieldState(field);
      return s.invalid === 'true' && s;
    }, async () => `${label} = ${JSON.stringify(value.slice(0, 40))} to be aria-invalid, got ${JSON.stringify(await fieldState(field))}`, 5000);
    assert.ok(state.described.some((text) => text.includes(message)), `${label} = ${JSON.stringify(value.slice(0, 40))}: a message containing "${message}" via aria-describedby, got ${JSON.stringify(state.described)}`);
    assert.deepEqual(await runnable(), [false, false], `${label} = ${JSON.stringify(value.slice(0, 40))}: "Run query" and "Fetch all" are disabled`);
    if (await field.isEditable()) await field.press('Enter');
    checked.push(`${label}: ${value.slice(0, 30)}`);
    await field.fill(before);
    await eventually(async () => (await fieldState(field)).invalid !== 'true', `${label} valid again after restoring it`, 5000);
  }

  for (const [label, value, message] of INVALID) await expectInvalid(label, value, message);

  // Times: a custom range with the start but no end, the end before the start, and an end that
  // is only half typed (a datetime-local with bad input has an empty value).
  await ui.field('Time range').selectOption({ label: 'Custom' });
  const start = ui.field('Start time');
  const end = ui.field('End time');
  await start.fill('2024-01-02T00:00');
  await end.fill('2024-01-03T00:00');
  assert.deepEqual(await runnable(), [true, true], 'a valid custom range');
  await expectInvalid('End time', '', 'End time is required when start time is set');
  await expectInvalid('End time', '2024-01-01T00:00', 'must not be before start time');
  await end.fill('');
  await end.click();
  await page.keyboard.type('12');
  const half = await eventually(async () => {
    const s = await fieldState(end);
    return s.invalid === 'true' && s;
  }, async () => `a half-typed End time to be flagged, got ${JSON.stringify(await fieldState(end))}`, 5000);
  assert.ok(half.described.some((text) => /End time/.test(text)), `a message on End time: ${JSON.stringify(half.described)}`);
  assert.deepEqual(await runnable(), [false, false], 'a half-typed End time blocks both runs');
  await end.press('Enter');
  checked.push('End time: half typed');
  await end.fill('2024-01-03T00:00');
  await ui.field('Time range').selectOption({ label: 'All time' });

  // The IAM token.
  await ui.radio('IAM token').check();
  await eventually(() => ui.field('IAM token').isVisible(), 'the IAM token field');
  await ui.field('IAM token').fill(DEMO.token);
  for (const [label, value, message] of INVALID_TOKEN) await expectInvalid(label, value, message);
  await ui.radio('Access key (AK/SK)').check();

  t.diagnostic(`${checked.length} invalid inputs checked`);
  assert.ok(checked.length >= 30, `at least 30 invalid inputs, got ${checked.length}`);

  // Two invalid at once: min > max (flagged on Max).
  await ui.field('Min network RTT').fill('50');
  await expectInvalid('Max network RTT', '10', 'must not be below the minimum');
  await ui.field('Min network RTT').fill('');

  // Nothing left the browser during the whole matrix.
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(apiCalls, [], 'the browser sent no API request');
  assert.deepEqual(standIn.apiRequests(), [], 'the proxy saw no API request');
  assert.deepEqual(standIn.accessLog().filter((e) => !/\/(app-config\.json|[^/]*\.(js|wasm|css|html))$|\/$/.test(e.target)), [], 'the proxy saw nothing but the app and its config');

  // Whitespace only is no error: it means "no filter".
  for (const label of WHITESPACE) {
    await ui.field(label).fill('  \t ');
    assert.notEqual((await fieldState(ui.field(label))).invalid, 'true', `whitespace-only ${label} is not an error`);
  }
  assert.deepEqual(await runnable(), [true, true], 'whitespace-only filters leave the form runnable');
  await ui.button('Run query').click();
  await eventually(() => apiCalls.length === 1, 'one request for the whitespace-only query');
  const sent = new URL(apiCalls[0]).searchParams;
  const filters = ['user_name', 'computer_name', 'terminal_type', 'enterprise_project_id', 'public_ip', 'min_network_rtt', 'max_network_rtt'].filter((k) => sent.has(k));
  assert.deepEqual(filters, [], `no filter parameter is sent for whitespace-only fields: ${apiCalls[0]}`);
  await eventually(async () => (await ui.loaded())?.total === 200, async () => `the unfiltered total of 200: ${await ui.status()}`);
  assertNoCrash(problems);
});

test('a half-typed Start time with an empty End time is flagged, not silently dropped', {
  timeout: 60_000,
}, async (t) => {
  const standIn = await startStandIn({ t, records: 50, seed: 33 });
  const { ui, page, apiCalls } = await openPage(t, standIn.url);
  await ui.field('Time range').selectOption({ label: 'Custom' });
  await ui.field('End time').fill('');
  await ui.field('Start time').fill('');
  await ui.field('Start time').click();
  await page.keyboard.type('12');
  const state = await fieldState(ui.field('Start time'));
  assert.equal(state.invalid, 'true', `a half-typed Start time is flagged: ${JSON.stringify(state)}`);
  assert.equal(await ui.button('Run query').isEnabled(), false, 'Run query is disabled');
  await ui.field('Start time').press('Enter');
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(apiCalls, [], 'nothing sent');
});

// --- 3. secret hygiene -------------------------------------------------------------------------

const USER_SK = 'userTypedSecretKey-Hygiene-0123456789abcdef';
const USER_STS = 'userTypedSecurityToken-Hygiene-9876543210';
const USER_TOKEN = 'userTypedIamToken-Hygiene-MIIabcdef0123456789';
const WRONG_SK = 'wrongSecretKey-Hygiene-000000000000000000';
const SECRETS = [USER_SK, USER_STS, USER_TOKEN, WRONG_SK];
const REMEMBER_KEY = 'logins-viewer.credentials';

/** Everything the page keeps: storage, cookies, IndexedDB databases, Cache Storage, the DOM. */
async function pageState(page) {
  return page.evaluate(async () => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
    cookie: document.cookie,
    indexedDb: (await indexedDB.databases()).map((d) => d.name),
    caches: 'caches' in window ? await caches.keys() : [],
    dom: document.documentElement.outerHTML,
    url: location.href,
  }));
}

function leaks(text, secrets = SECRETS) {
  const forms = secrets.flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64')]);
  return forms.filter((f) => text.includes(f));
}

test('secret hygiene: after AK/SK with a security token, an IAM token, queries, Fetch all, a 401 and exports, no secret is left anywhere but the opt-in remember-me entry', { timeout: 120_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 3000, seed: 34, extraArgs: ['--sk', USER_SK, '--token', USER_TOKEN] });
  const { page, problems, consoleText, apiCalls, ui } = await openPage(t, standIn.url, { expectedFailedLoads: ['/app-config.json', '/connections/desktops'] });
  const urls = [page.url()];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && urls.push(frame.url()));
  const waitForRun = async (what, done) => eventually(done, async () => `${what}: ${await ui.status()} | ${await page.getByRole('alert').allInnerTexts()}`, 30_000);

  const answered = [];
  page.on('response', (r) => new URL(r.url()).pathname.endsWith('/connections/desktops') && answered.push(r.status()));

  // 1. AK/SK typed by the user, with a security token, then without it.
  await ui.field('Secret access key').fill(USER_SK);
  await ui.field('Security token').fill(USER_STS);
  await ui.button('Run query').click();
  await waitForRun('the answer to the request with a security token', async () => answered.length === 1);
  await ui.field('Security token').fill('');
  await ui.button('Run query').click();
  await waitForRun('one page with AK/SK', async () => answered.length === 2 && answered[1] === 200);

  // 2. The IAM token: one page, then Fetch all.
  await ui.radio('IAM token').check();
  await ui.field('IAM token').fill(USER_TOKEN);
  await ui.button('Run query').click();
  await waitForRun('one page with the IAM token', async () => answered.length === 3 && answered[2] === 200);
  await ui.button('Fetch all').click();
  await waitForRun('Fetch all with the IAM token', async () => (await ui.loaded())?.loaded === 3000);

  // 3. A wrong secret key: 401, shown, not retried.
  await ui.radio('Access key (AK/SK)').check();
  await ui.field('Secret access key').fill(WRONG_SK);
  const before401 = apiCalls.length;
  await ui.button('Run query').click();
  await waitForRun('a 401 for the wrong SK', async () => apiCalls.length === before401 + 1 && (await page.getByRole('alert').allInnerTexts()).some((x) => x.includes('APIGW.0301')));
  await ui.field('Secret access key').fill(USER_SK);

  t.diagnostic(`API answers: ${answered.join(' ')}`);

  // 4. Exports.
  const csv = await ui.download('Export all rows (CSV)');
  const json = await ui.download('Export all rows (JSON)');
  assert.equal(JSON.parse(json.text).records.length, 3000);

  // Nowhere: URL and every URL the tab was at, storage, cookies, IndexedDB, caches, DOM,
  // console, exports, the proxy's log (but its start banner, which prints its own SK/token).
  const state = await pageState(page);
  assert.deepEqual(state.indexedDb, [], 'no IndexedDB database');
  assert.deepEqual(state.caches, [], 'no Cache Storage');
  assert.deepEqual(leaks(JSON.stringify({ ...state, dom: undefined })), [], `no secret in URL, storage or cookies: ${JSON.stringify({ ...state, dom: undefined })}`);
  assert.deepEqual(leaks(state.dom), [], 'no secret in the DOM (attributes, text, the request inspector)');
  assert.deepEqual(leaks(urls.join('\n')), [], `no secret in any URL the tab was at: ${urls.join(' ')}`);
  assert.deepEqual(leaks(consoleText.join('\n')), [], 'no secret in console output');
  assert.deepEqual(leaks(csv.text + csv.name), [], 'no secret in the CSV export');
  assert.deepEqual(leaks(json.text + json.name), [], 'no secret in the JSON export');
  assert.deepEqual(leaks(apiCalls.join('\n')), [], 'no secret in an API request URL');
  const banner = (line) => line.startsWith('  demo SK: ') || line.startsWith('  demo IAM token (X-Auth-Token): ');
  assert.deepEqual(standIn.logLines.filter((line) => !banner(line) && leaks(line).length), [], 'no secret in the proxy log');
  assert.ok(standIn.apiRequests().some((e) => e.status === 401) && standIn.apiRequests().some((e) => e.status === 200), 'the session had both 200s and 401s');

  // Remember credentials: only in localStorage[REMEMBER_KEY], and gone when unticked.
  const remember = ui.checkbox('Remember credentials on this device');
  await remember.check();
  const remembered = await eventually(async () => {
    const s = await pageState(page);
    return s.local[REMEMBER_KEY] && s;
  }, `localStorage["${REMEMBER_KEY}"] after ticking "Remember"`);
  assert.ok(leaks(remembered.local[REMEMBER_KEY]).includes(USER_SK), 'the secret key is remembered');
  const elsewhere = { ...remembered, local: { ...remembered.local, [REMEMBER_KEY]: undefined }, dom: undefined };
  assert.deepEqual(leaks(JSON.stringify(elsewhere)), [], `remembered secrets only under ${REMEMBER_KEY}: ${JSON.stringify(elsewhere)}`);
  assert.deepEqual(leaks(remembered.dom), [], 'still not in the DOM');
  await remember.uncheck();
  const forgotten = await eventually(async () => {
    const s = await pageState(page);
    return !(REMEMBER_KEY in s.local) && s;
  }, `"${REMEMBER_KEY}" removed after unticking`);
  assert.deepEqual(leaks(JSON.stringify({ ...forgotten, dom: undefined })), [], 'no secret anywhere after unticking');

  // Walk back through the history: no entry's URL holds a secret.
  const history = [page.url()];
  for (let i = 0; i < 20; i += 1) {
    const r = await page.goBack({ waitUntil: 'commit', timeout: 5000 }).catch(() => null);
    if (!r && history.at(-1) === page.url()) break;
    history.push(page.url());
    if (page.url() === 'about:blank') break;
  }
  assert.ok(history.length >= 3, `several history entries walked: ${history.join(' ')}`);
  assert.deepEqual(leaks(history.join('\n')), [], `no secret in a history entry: ${history.join(' ')}`);
  assertNoCrash(problems, consoleText);
});

// --- 4. fault soak -----------------------------------------------------------------------------

const SOAK_FAULTS = { failRate: 0.1, throttleRate: 0.05, latencyMs: 20, truncateRate: 0.01, resetRate: 0.01 };
const SOAK_RECORDS = 20_000;

// Hang guard, not a speed claim: the ten runs take 22-29 s on the 2-core test machine.
test('fault soak: 10 runs of Fetch all over 20,000 records with 500/503, 429, latency, truncation and resets each end with exactly 20000 of 20000', { timeout: 400_000 }, async (t) => {
  const started = Date.now();
  const faultsSeen = { 500: 0, 503: 0, 429: 0 };
  for (let run = 0; run < 10; run += 1) {
    const seed = 900 + run;
    const standIn = await startStandIn({ t, records: SOAK_RECORDS, seed, faults: SOAK_FAULTS });
    const { page, problems, ui } = await openPage(t, standIn.url, { expectedFailedLoads: ['/app-config.json', '/connections/desktops'] });
    const t0 = Date.now();
    await ui.button('Fetch all').click();
    const done = await eventually(async () => {
      const s = await ui.loaded();
      return s && s.total === SOAK_RECORDS && s.loaded === SOAK_RECORDS && s;
    }, async () => `seed ${seed}: "Loaded 20000 of 20000 records", got ${await ui.status()}\n${standIn.logLines.slice(-20).join('\n')}`, 60_000);
    assert.equal(done.text, `Loaded ${SOAK_RECORDS} of ${SOAK_RECORDS} records`);
    await ui.waitForRowCount(SOAK_RECORDS, SOAK_RECORDS);
    assert.ok(!(await ui.button('Resume').isEnabled().catch(() => false)), `seed ${seed}: nothing left to resume`);
    for (const e of standIn.apiRequests()) if (e.status in faultsSeen) faultsSeen[e.status] += 1;
    t.diagnostic(`seed ${seed}: ${Date.now() - t0} ms, ${standIn.apiRequests().length} API requests (${standIn.apiRequests().filter((e) => e.status !== 200).length} not 200)`);
    assertNoCrash(problems);
    await page.context().close();
    await standIn.stop();
  }
  assert.ok(faultsSeen[500] + faultsSeen[503] > 0 && faultsSeen[429] > 0, `faults were injected: ${JSON.stringify(faultsSeen)}`);
  t.diagnostic(`10 runs in ${Date.now() - started} ms`);
});

test('fault soak: a run cancelled halfway and resumed ends with exactly the stand-in\'s set of records', { timeout: 120_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: SOAK_RECORDS, seed: 950, faults: SOAK_FAULTS });
  const { page, problems, ui } = await openPage(t, standIn.url, { expectedFailedLoads: ['/app-config.json', '/connections/desktops'] });
  // The second half of the pages is held in the browser until Cancel has been clicked, so Cancel
  // lands partway whatever the machine's speed (an event, not a latency window).
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route((url) => url.pathname.endsWith('/connections/desktops'), async (route) => {
    const offset = Number(new URL(route.request().url()).searchParams.get('offset') ?? 0);
    if (offset >= SOAK_RECORDS / 2) await released;
    await route.continue().catch(() => {}); // aborted by Cancel meanwhile
  });
  await ui.button('Fetch all').click();
  await eventually(async () => {
    const s = await ui.loaded();
    return s && s.loaded >= 6000;
  }, async () => `6000 or more records loaded: ${await ui.status()}`, 60_000);
  await ui.button('Cancel').click();
  await eventually(() => ui.button('Resume').isEnabled(), async () => `"Resume" enabled after Cancel: ${await ui.status()}`);
  const cancelled = await ui.loaded();
  assert.ok(cancelled.loaded >= 6000 && cancelled.loaded <= SOAK_RECORDS / 2, `cancelled partway: ${cancelled.text}`);
  t.diagnostic(`cancelled at ${cancelled.text}`);
  release();
  await ui.button('Resume').click();
  await eventually(async () => {
    const s = await ui.loaded();
    return s && s.loaded === SOAK_RECORDS && s.total === SOAK_RECORDS;
  }, async () => `"Loaded 20000 of 20000 records" after Resume: ${await ui.status()}`, 90_000);
  await ui.waitForRowCount(SOAK_RECORDS, SOAK_RECORDS);

  const exported = JSON.parse((await ui.download('Export all rows (JSON)')).text).records;
  const direct = await standInRecords(standIn);
  assert.equal(direct.length, SOAK_RECORDS);
  const want = new Set(direct.map(identity));
  const got = exported.map(identity);
  assert.equal(want.size, SOAK_RECORDS, 'the stand-in\'s records are distinct');
  assert.equal(got.length, SOAK_RECORDS, 'the export has 20000 records');
  assert.equal(new Set(got).size, SOAK_RECORDS, 'no record twice in the export');
  assert.deepEqual(got.filter((id) => !want.has(id)), [], 'every exported record is one of the stand-in\'s');
  assertNoCrash(problems);
});

// --- 5. Content Security Policy ----------------------------------------------------------------

/** The hash of the inline module loader Trunk writes into dist/index.html. */
async function loaderHash(dist = DIST) {
  return inlineScriptHash(await readFile(`${dist}/index.html`, 'utf8'));
}

for (const route of ['meta', 'header']) {
  test(`Content Security Policy (${route === 'meta' ? 'as the <meta> in index.html' : 'as a response header'}): the app runs demo data and a stand-in query with no violation`, { timeout: 90_000 }, async (t) => {
    const policy = contentSecurityPolicy(await loaderHash());
    t.diagnostic(`policy: ${policy}`);
    // The build writes the policy into index.html itself (scripts/csp.mjs); the header route
    // sends the same policy as a header too, as a server that sets it would.
    const server = await serveStatic(DIST, route === 'meta' ? {} : { headers: { 'content-security-policy': policy } });
    t.after(() => server.close());
    const standIn = await startStandIn({ t, records: 500, seed: 35, serveDir: null });

    const { page, problems } = await openRecordingPage(browser, {});
    t.after(() => page.context().close());
    const cspMessages = [];
    page.on('console', (msg) => /Content[- ]Security[- ]Policy|Refused to/i.test(msg.text()) && cspMessages.push(msg.text()));
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    const response = await page.goto(server.url);
    if (route === 'header') assert.equal(response.headers()['content-security-policy'], policy, 'the response carries the policy');
    else assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), policy, 'the page carries the policy in a <meta>');
    const ui = ui_(page);
    await eventually(() => ui.button('Try demo data').isVisible(), async () => `the app to mount under the policy: ${JSON.stringify([...cspMessages, ...problems])}`);

    await ui.button('Try demo data').click();
    await ui.waitForRowCount(10_000, 10_000);

    // A query to the stand-in on another loopback port (the static host's form starts empty).
    await ui.field('Proxy URL').fill(standIn.origin);
    await ui.field('Project ID').fill(DEMO.projectId);
    await ui.field('Access key ID').fill(DEMO.ak);
    await ui.field('Secret access key').fill(DEMO.sk);
    await ui.field('Time range').selectOption({ label: 'All time' });
    await ui.button('Fetch all').click();
    await eventually(async () => (await ui.loaded())?.loaded === 500, async () => `"Loaded 500 of 500 records" under the policy: ${await ui.status()} ${JSON.stringify([...cspMessages, ...problems])}`, 30_000);
    // Enter in a field runs the query (a form submit the app handles: form-action 'none' is
    // never reached); the table, row details, a chart's table and a download work too.
    await ui.field('User name').fill('a');
    await ui.field('User name').press('Enter');
    await eventually(async () => (await ui.loaded())?.total < 500, async () => `Enter to run a filtered query: ${await ui.status()}`);
    await ui.table.getByRole('row').nth(1).click();
    await eventually(() => page.getByRole('region', { name: 'Record details' }).isVisible(), 'the record details');
    await ui.chart('Network RTT').getByText('Show as table', { exact: true }).click();
    const csv = await ui.download('Export all rows (CSV)');
    assert.ok(csv.text.length > 100, 'the CSV download works under the policy');

    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no securitypolicyviolation event');
    assert.deepEqual(cspMessages, [], 'no CSP message in the console');
    assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');

    // The policy is in force: an injected inline script is refused (and reported).
    const ran = await page.evaluate(() => {
      window.__injectedRan = false;
      const s = document.createElement('script');
      s.textContent = 'window.__injectedRan = true';
      document.body.append(s);
      return window.__injectedRan;
    });
    assert.equal(ran, false, 'an injected inline script does not run');
    await eventually(async () => (await page.evaluate(() => window.__cspViolations)).some((v) => v.startsWith('script-src')), 'a script-src violation for the injected script');
  });
}
