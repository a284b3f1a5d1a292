// Logon phases (issue 16) in a real browser through the real proxy and its stand-in: a record's
// phases in its detail, "Analyze logon phases" over the records the table shows (with faults
// injected, a 403 from --stages-deny, Cancel and Resume), and a click on a phase filtering the
// table; the records table's "Slowest phase" column (its cells, sort, column filter and CSV).
//
// Elements are found by role and accessible name: the region "Record details" and, inside it,
// the region "Logon phases" (a list "Waterfall of the logon phases" and a table with columns
// "Phase", "Duration", "Result"); the region "Logon phase analysis" with its button "Analyze
// logon phases", its field "Logins to analyze", its "Cancel" and "Resume" (named "Cancel logon
// phase analysis" and "Resume logon phase analysis": the run panel's Fetch all has buttons
// named "Cancel" and "Resume" on the same page) and its role=status line
// "N of M logins analyzed". Requests are counted in the browser (page.on('response')), by the
// transaction_id of each access-stages URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { DEMO, startStandIn } from './support/stand-in.mjs';
import { signedGet } from './support/sign.mjs';
import { eventually } from './support/wait.mjs';
import { waitForRowCount } from './support/row-count.mjs';

const HOST = new URL(DEMO.endpoint).host;
const STAGES_PATH = `/v2/${DEMO.projectId}/statistics/metrics/access-stages`;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens the app served by `standIn`, Fetch all of its `records` records ("All time"), and
 * records every access-stages answer the page receives. */
async function openAndFetchAll(t, standIn, records) {
  const { page, problems } = await openRecordingPage(browser, {
    expectedFailedLoads: ['/app-config.json', '/connections/desktops', '/access-stages'],
  });
  t.after(() => page.context().close());
  /** `[{ id, status, body }]` of every access-stages response, in arrival order. */
  const answers = [];
  /** Access-stages requests that got no response (aborted by Cancel or a stop). */
  const failed = [];
  const stagesId = (url) => (url.includes('/access-stages') ? new URL(url).searchParams.get('transaction_id') : null);
  page.on('response', async (response) => {
    const id = stagesId(response.url());
    if (id === null) return;
    const entry = { id, status: response.status(), body: null };
    answers.push(entry);
    entry.body = await response.text().catch(() => null);
  });
  /** The transaction IDs of access-stages requests, in the order they were sent. */
  const requested = [];
  page.on('request', (request) => {
    const id = stagesId(request.url());
    if (id !== null) requested.push(id);
  });
  page.on('requestfailed', (request) => {
    const id = stagesId(request.url());
    if (id !== null) failed.push(id);
  });
  await page.goto(standIn.url);
  const field = (label) => page.getByLabel(label, { exact: true });
  await eventually(async () => (await field('Project ID').inputValue()) !== '', '"Project ID" to be prefilled');
  await field('Time range').selectOption({ label: 'All time' });
  await page.getByRole('button', { name: 'Fetch all', exact: true }).click();
  await waitForRowCount(page, records, records, { timeoutMs: 60_000 });
  const analysis = page.getByRole('region', { name: 'Logon phase analysis', exact: true });
  const ui = {
    page,
    problems,
    answers,
    requested,
    failed,
    analysis,
    table: page.getByRole('table', { name: 'Login records' }),
    button: (name) => analysis.getByRole('button', { name, exact: true }),
    /** `{ analyzed, total, text }` from the analysis's status line, or null. */
    async analysisStatus() {
      const text = (await analysis.getByRole('status').allInnerTexts()).join(' ');
      const m = /(\d+) of (\d+) logins analyzed/.exec(text);
      return m ? { analyzed: Number(m[1]), total: Number(m[2]), text } : null;
    },
    async waitAnalyzed(analyzed, total, timeoutMs) {
      return eventually(async () => {
        const s = await ui.analysisStatus();
        return s && s.analyzed === analyzed && s.total === total && s;
      }, async () => `"${analyzed} of ${total} logins analyzed": ${JSON.stringify(await ui.analysisStatus())}, ${answers.length} answers`, timeoutMs);
    },
  };
  return ui;
}

/** The stages of `id` as the stand-in answers them, asked from Node with the demo's key. */
async function stagesFromStandIn(standIn, id) {
  const { url, headers } = signedGet({
    proxyUrl: standIn.url, host: HOST, path: STAGES_PATH, query: { transaction_id: id },
    ak: DEMO.ak, sk: DEMO.sk, projectId: DEMO.projectId,
  });
  const response = await fetch(url, { headers: { ...headers, Origin: standIn.origin } });
  assert.equal(response.status, 200, `the stand-in's stages of ${id}`);
  return (await response.json()).stages;
}

/** Every record of the stand-in, read from Node. */
async function recordsFromStandIn(standIn) {
  const records = [];
  for (let offset = 0; ; offset += 1000) {
    const { url, headers } = signedGet({
      proxyUrl: standIn.origin, host: HOST, path: `/v2/${DEMO.projectId}/connections/desktops`, query: { limit: 1000, offset },
      ak: DEMO.ak, sk: DEMO.sk, projectId: DEMO.projectId,
    });
    const response = await fetch(url, { headers });
    assert.equal(response.status, 200);
    const body = await response.json();
    records.push(...body.records);
    if (records.length >= body.total_count || body.records.length === 0) return records;
  }
}

const PHASE_NAMES = {
  LOGIN: 'Login',
  PRECONNECT: 'Pre-connection',
  CONNECT: 'Connection',
  MAIN_AUTH: 'Primary authentication',
  MFA_AUTH: 'Multi-factor authentication',
  CLICK_ICON: 'Clicking the app or desktop',
};

/** RFC 4180 text as rows of fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; }
    else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** The data rows (not the header) in the records grid's DOM. */
const dataRows = (ui) => ui.table.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])');

test('a record\'s detail shows its logon phases: a waterfall and Phase, Duration, Result, as the stand-in has them', async (t) => {
  const standIn = await startStandIn({ t, records: 300 });
  const ui = await openAndFetchAll(t, standIn, 300);
  const detail = ui.page.getByRole('region', { name: 'Record details', exact: true });
  // The failed logins end in a failed phase: open rows until one shows "Failed" (the demo data
  // has failures among its first rows), checking every opened one against the stand-in.
  let sawFailed = false;
  for (let i = 0; i < 40 && !sawFailed; i += 1) {
    await dataRows(ui).nth(i % 15).click();
    await detail.waitFor({ state: 'visible', timeout: 10_000 });
    const raw = JSON.parse((await detail.locator('pre').innerText()));
    const section = detail.getByRole('region', { name: 'Logon phases', exact: true });
    const table = section.getByRole('table');
    await eventually(async () => (await table.count()) === 1 || (await section.innerText()).includes('no logon phases'), `the phases of ${raw.transaction_id}`);
    const expected = await stagesFromStandIn(standIn, raw.transaction_id);
    if (expected.length === 0) continue;
    const headers = await table.getByRole('columnheader').allInnerTexts();
    assert.deepEqual(headers, ['Phase', 'Duration', 'Result']);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
    assert.equal(rows.length, expected.length, 'one row per phase');
    expected.forEach((stage, k) => {
      const [phase, duration, result] = rows[k];
      assert.equal(phase, PHASE_NAMES[stage.stage] ?? stage.stage);
      assert.equal(duration, `${stage.duration.toLocaleString('en-US')} ms`);
      if (stage.is_success) {
        assert.equal(result, 'Succeeded');
      } else {
        sawFailed = true;
        assert.ok(result.startsWith('Failed'), result);
        assert.ok(result.includes(stage.error_code), `the error code ${stage.error_code} in "${result}"`);
        if (stage.error_msg) assert.ok(result.includes(stage.error_msg), `the message in "${result}"`);
      }
    });
    const bars = section.getByRole('list', { name: 'Waterfall of the logon phases', exact: true }).getByRole('img');
    assert.equal(await bars.count(), expected.length, 'one bar per phase');
    const first = await bars.first().getAttribute('aria-label');
    assert.ok(first.includes('from 0 ms'), `the first phase starts the axis: ${first}`);
  }
  assert.ok(sawFailed, 'a failed login\'s failed phase was shown with its code and message');
  // Answers are cached for the session: re-opening rows sent no request twice.
  const ids = ui.answers.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length, `each record's phases were asked once: ${ids.length} requests`);
  assert.deepEqual(ui.problems, []);
});

test('Analyze logon phases: 500 rows with faults injected are each analyzed, and a phase click filters the table', async (t) => {
  const standIn = await startStandIn({ t, records: 600, faults: { failRate: 0.05, throttleRate: 0.05, truncateRate: 0.03 } });
  const ui = await openAndFetchAll(t, standIn, 600);
  assert.equal(await ui.analysis.getByLabel('Logins to analyze', { exact: true }).inputValue(), '500');
  await ui.button('Analyze logon phases').click();
  // 500 requests at 3 a second take about 170 s, plus retries: the hang guard is 10 minutes.
  await ui.waitAnalyzed(500, 500, 600_000);
  const status = await ui.analysisStatus();
  assert.ok(!status.text.includes('could not be read'), status.text);
  // A truncated answer is a 200 whose body is cut off (and retried): an answer is a whole body.
  const whole = (a) => { try { JSON.parse(a.body); return true; } catch { return false; } };
  const ok = ui.answers.filter((a) => a.status === 200 && whole(a));
  assert.equal(new Set(ok.map((a) => a.id)).size, 500, 'exactly 500 logins answered');
  assert.equal(ok.length, 500, 'no login answered twice');
  assert.ok(ui.answers.some((a) => a.status !== 200), 'faults were injected and retried');

  // Click a phase: the table keeps exactly the analyzed logins where it was slowest or failed.
  const bodies = ok.map((a) => ({ id: a.id, stages: JSON.parse(a.body).stages }));
  const slowest = (stages) => stages.reduce((best, s) => (best === null || s.duration > best.duration ? s : best), null);
  const expected = bodies.filter(({ stages }) => stages.length > 0
    && (slowest(stages).stage === 'CONNECT' || stages.some((s) => s.stage === 'CONNECT' && s.is_success === false))).length;
  assert.ok(expected > 0 && expected < 500, `${expected} logins concern CONNECT`);
  await ui.analysis.getByRole('button', { name: 'Show logins slowest or failed in Connection', exact: true }).click();
  await waitForRowCount(ui.page, expected, 600);
});

test('a 403 of the access-stages API (--stages-deny) stops the analysis with the permission message, and the records stay', async (t) => {
  const standIn = await startStandIn({ t, records: 200, extraArgs: ['--stages-deny'] });
  const ui = await openAndFetchAll(t, standIn, 200);
  await ui.button('Analyze logon phases').click();
  const alert = ui.analysis.getByRole('alert');
  await alert.waitFor({ state: 'visible', timeout: 15_000 });
  const text = await alert.innerText();
  assert.ok(text.includes('Not allowed to read logon phases (HTTP 403)'), text);
  assert.ok(text.includes('workspace:statistics:getUserAccessStages'), text);
  assert.ok(text.includes('APIGW.0302'), text);
  await eventually(async () => (await ui.analysisStatus())?.text.includes('Stopped'), 'the analysis says it stopped');
  // No retry: at most the two requests that were in flight together.
  assert.ok(ui.answers.length >= 1 && ui.answers.length <= 2, `${ui.answers.length} requests`);
  await waitForRowCount(ui.page, 200, 200);
  assert.ok((await ui.page.getByRole('status').allInnerTexts()).some((s) => s.includes('Loaded 200 of 200 records')));
  assert.equal(await ui.page.getByRole('alert').count(), 1, 'the records\' own error panel is empty');
});

test('Cancel then Resume analyzes each remaining login once, newest first', async (t) => {
  const standIn = await startStandIn({ t, records: 100, faults: { latencyMs: 200 } });
  const ui = await openAndFetchAll(t, standIn, 100);
  // The 24 newest logins with a transaction ID, newest first.
  const newest = (await recordsFromStandIn(standIn))
    .filter((r) => (r.transaction_id ?? '').trim() !== '')
    .sort((a, b) => Date.parse(b.connection_start_time) - Date.parse(a.connection_start_time))
    .map((r) => r.transaction_id)
    .slice(0, 24);
  await ui.analysis.getByLabel('Logins to analyze', { exact: true }).fill('24');
  await ui.button('Analyze logon phases').click();
  await eventually(async () => (await ui.analysisStatus())?.analyzed >= 5, 'five logins analyzed', 30_000);
  await ui.button('Cancel logon phase analysis').click();
  await eventually(async () => (await ui.analysisStatus())?.text.includes('Cancelled'), 'the analysis says it was cancelled');
  await eventually(async () => await ui.button('Resume logon phase analysis').isEnabled(), 'Resume is enabled');
  const before = await ui.analysisStatus();
  assert.ok(before.analyzed < 24, before.text);
  const answeredBefore = new Set(ui.answers.filter((a) => a.status === 200).map((a) => a.id));
  assert.equal(answeredBefore.size, before.analyzed);
  await ui.button('Resume logon phase analysis').click();
  await ui.waitAnalyzed(24, 24, 60_000);
  const ok = ui.answers.filter((a) => a.status === 200).map((a) => a.id);
  assert.equal(new Set(ok).size, 24, 'every login analyzed');
  assert.equal(ok.length, 24, 'no login answered twice: Resume asked only the remaining ones');
  const asked = [...new Set(ui.requested)];
  assert.deepEqual(asked, newest, 'the newest 24 logins, asked newest first');
  // A request aborted by Cancel is asked again on Resume, and only such a one.
  for (const id of ui.failed) assert.ok(!answeredBefore.has(id), `${id} was aborted, not answered before`);
  assert.deepEqual(ui.problems, []);
});

test('the "Slowest phase" column: each analyzed login\'s slowest phase as the stand-in has it, "not analyzed" for the others, sorted and filtered', async (t) => {
  const standIn = await startStandIn({ t, records: 100 });
  const ui = await openAndFetchAll(t, standIn, 100);
  const headers = () => ui.table.getByRole('columnheader').evaluateAll((cells) => cells.map((cell) => {
    const copy = cell.cloneNode(true);
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
    return copy.textContent.trim();
  }));
  assert.ok(!(await headers()).includes('Slowest phase'), 'hidden until an analysis');
  await ui.analysis.getByLabel('Logins to analyze', { exact: true }).fill('12');
  await ui.button('Analyze logon phases').click();
  await ui.waitAnalyzed(12, 12, 60_000);
  await eventually(async () => (await headers()).includes('Slowest phase'), 'the analysis shows the "Slowest phase" column');

  // What each analyzed login's cell must say, from the stand-in's answers.
  const slowest = (stages) => stages.reduce((best, s) => (best === null || s.duration > best.duration ? s : best), null);
  const expected = new Map(ui.answers.filter((a) => a.status === 200).map((a) => {
    const stages = JSON.parse(a.body).stages;
    const s = slowest(stages);
    return [a.id, s === null ? 'no phases' : (PHASE_NAMES[s.stage] ?? s.stage)];
  }));
  assert.equal(expected.size, 12);

  // Show the transaction IDs, sort by the slowest phase: the 12 analyzed logins come first.
  await ui.page.getByText('Columns', { exact: true }).click();
  await ui.page.getByRole('checkbox', { name: 'Show the Transaction ID column', exact: true }).click();
  await eventually(async () => (await headers()).includes('Transaction ID'), 'a "Transaction ID" column');
  await ui.table.getByRole('button', { name: 'Slowest phase', exact: true }).click();
  const names = await headers();
  const rows = await eventually(async () => {
    const r = await dataRows(ui).evaluateAll((els) => els
      .map((row) => ({
        index: Number(row.getAttribute('aria-rowindex')),
        cells: [...row.children].filter((c) => c.getAttribute('role') === 'cell').map((c) => c.textContent.trim()),
      }))
      .sort((a, b) => a.index - b.index));
    return r.length > 13 && r[0].index === 2 && r[0].cells.length === names.length && r;
  }, 'the first rows with both columns');
  const cell = (row, name) => row.cells[names.indexOf(name)];
  const top = rows.slice(0, 12);
  assert.deepEqual(new Set(top.map((r) => cell(r, 'Transaction ID'))), new Set(expected.keys()), 'the analyzed logins sort first');
  for (const row of top) {
    assert.equal(cell(row, 'Slowest phase'), expected.get(cell(row, 'Transaction ID')), `the slowest phase of ${cell(row, 'Transaction ID')}`);
  }
  for (const row of rows.slice(12)) assert.equal(cell(row, 'Slowest phase'), 'not analyzed');

  // Filter by the phase of the first analyzed login: exactly the logins slowest in it stay.
  const phase = cell(top[0], 'Slowest phase');
  const inPhase = [...expected.values()].filter((p) => p === phase).length;
  await ui.page.getByText('Column filters', { exact: true }).click();
  const select = ui.page.getByLabel('Slowest phase', { exact: true });
  await select.selectOption({ label: phase });
  await waitForRowCount(ui.page, inPhase, 100);
  const keptCells = () => dataRows(ui).evaluateAll((els, at) => els.map((row) => [...row.children]
    .filter((c) => c.getAttribute('role') === 'cell')[at].textContent.trim()), names.indexOf('Slowest phase'));
  await eventually(async () => JSON.stringify(await keptCells()) === JSON.stringify(Array(inPhase).fill(phase)),
    async () => `${inPhase} rows of "${phase}", got ${JSON.stringify(await keptCells())}`);
  // The CSV of the shown rows says the same.
  const [file] = await Promise.all([
    ui.page.waitForEvent('download', { timeout: 15_000 }),
    ui.page.getByRole('button', { name: 'Export shown rows (CSV)', exact: true }).click(),
  ]);
  const csv = parseCsv((await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, ''));
  const at = csv[0].indexOf('Slowest phase');
  assert.ok(at >= 0, `a "Slowest phase" column in the CSV: ${csv[0]}`);
  assert.deepEqual(csv.slice(1).map((fields) => fields[at]), Array(inPhase).fill(phase));
  await select.selectOption({ label: 'not analyzed' });
  await waitForRowCount(ui.page, 100 - 12, 100);
  assert.deepEqual(ui.problems, []);
});
