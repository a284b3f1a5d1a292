// The query workflow of issue 5 in a real browser against the proxy's stand-in: the app is
// served by `logins-proxy --stand-in --serve-dir dist` on an ephemeral port, reads
// /app-config.json to prefill its first screen, and sends real signed requests through the
// proxy URL convention. Each test starts its own stand-in (support/stand-in.mjs).
//
// Elements are found by role and accessible name only (the UI contract of issue 5, item 3):
// labels "Proxy URL", "Project ID", "Secret access key", "Time range", "User name", "Page size";
// buttons "Run query", "Fetch all", "Cancel", "Resume", "Previous page", "Next page"; a
// role=status live region reading "Loaded N of M records"; "Page X of Y"; a table named
// "Login records"; API errors in a role=alert with code, message, "Request ID" and a hint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { DEMO, startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';
import { waitForRowCount } from './support/row-count.mjs';

const API_PATH = '/connections/desktops';
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
/** Seed whose first five API requests include a 500, a truncated 200 and a 429 with the rates of
 * the fault test (stand-in.test.mjs checks this). */
const FAULT_SEED = 41;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

// --- helpers ---------------------------------------------------------------------------------

/**
 * Opens the app served by `standIn`, records the page's API traffic, and waits until the first
 * screen is prefilled from /app-config.json.
 */
async function openApp(t, standIn, { expectApiFailures = false, clockAt, timeRange = 'All time' } = {}) {
  const expectedFailedLoads = ['/app-config.json', ...(expectApiFailures ? [API_PATH] : [])];
  const { page, problems } = await openRecordingPage(browser, { expectedFailedLoads });
  t.after(() => page.close());
  const api = trackApi(page);
  const ui = ui_(page);
  const diag = async () => [
    `status: ${JSON.stringify(await page.getByRole('status').allTextContents().catch(() => []))}`,
    `alerts: ${JSON.stringify(await page.getByRole('alert').allTextContents().catch(() => []))}`,
    `page problems: ${JSON.stringify(problems)}`,
    `browser API calls: ${JSON.stringify(api.calls.map(({ offset, limit, status, failure }) => ({ offset, limit, status, failure })))}`,
    `proxy log (last 40 lines):\n${standIn.logLines.slice(-40).join('\n')}`,
  ].join('\n');
  // Playwright's fake clock (Date, timers, animation frames), running from `clockAt`.
  if (clockAt !== undefined) await page.clock.install({ time: clockAt });
  await page.goto(standIn.url);
  await eventually(async () => (await ui.field('Project ID').inputValue()) !== '', async () => `"Project ID" to be prefilled\n${await diag()}`);
  // The demo data's "now" is fixed in the past: by default the query covers all of it.
  await ui.field('Time range').selectOption({ label: timeRange });
  return { page, problems, api, ui, diag };
}

/** Locators by accessible name, and readers of the status line and page indicator. */
function ui_(page) {
  const ui = {
    field: (label) => page.getByLabel(label, { exact: true }),
    button: (name) => page.getByRole('button', { name, exact: true }),
    /** `{ loaded, total }` from the live region's "Loaded N of M records", or null. */
    async status() {
      for (const text of await page.getByRole('status').allTextContents()) {
        const m = /\bLoaded (\d+) of (\d+) records\b/.exec(text);
        if (m) return { loaded: Number(m[1]), total: Number(m[2]), text };
      }
      return null;
    },
    async waitForStatus(loaded, total, diag, timeoutMs = 20_000) {
      return eventually(async () => {
        const s = await ui.status();
        return s && s.loaded === loaded && s.total === total && s;
      }, async () => `status "Loaded ${loaded} of ${total} records"\n${await diag()}`, timeoutMs);
    },
    /** `{ page, pages }` from "Page X of Y", or null. */
    async pageIndicator() {
      const text = await page.locator('body').innerText();
      const m = /\bPage (\d+) of (\d+)\b/.exec(text);
      return m && { page: Number(m[1]), pages: Number(m[2]) };
    },
    table: () => page.getByRole('table', { name: 'Login records' }),
    /** The role=alert that contains `text`. */
    alert: (text) => page.getByRole('alert').filter({ hasText: text }),
  };
  return ui;
}

/** Every login-records API call the page makes: offset, limit, status, X-Request-Id, body. */
function trackApi(page) {
  const calls = [];
  const byRequest = new Map();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.endsWith(API_PATH)) return;
    const call = {
      url: request.url(),
      offset: Number(url.searchParams.get('offset') ?? 0),
      limit: url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : 20,
      userName: url.searchParams.get('user_name'),
      at: Date.now(),
      status: undefined,
      requestId: undefined,
      body: undefined,
      failure: undefined,
    };
    calls.push(call);
    byRequest.set(request, call);
  });
  page.on('response', async (response) => {
    const call = byRequest.get(response.request());
    if (!call) return;
    call.status = response.status();
    call.requestId = response.headers()['x-request-id'];
    try {
      call.body = await response.text();
    } catch {
      call.body = undefined; // aborted while reading
    }
  });
  page.on('requestfailed', (request) => {
    const call = byRequest.get(request);
    if (call) call.failure = request.failure()?.errorText ?? 'failed';
  });
  return {
    calls,
    /** Calls answered 200 with the whole JSON page. */
    completePages: () => calls.filter((c) => c.status === 200 && isJson(c.body)),
    truncated: () => calls.filter((c) => c.status === 200 && c.body !== undefined && !isJson(c.body)),
  };
}

function isJson(text) {
  if (text === undefined) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * No secret in the page URL, localStorage, sessionStorage, cookies, any API request URL, or
 * the proxy's log. The proxy's start banner prints the demo SK on purpose (it is a demo value);
 * that one line is the only place it may appear.
 */
async function assertNoSecretsLeft({ page, api }, standIn, secrets) {
  const stored = await page.evaluate(() => JSON.stringify({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
    cookie: document.cookie,
  }));
  for (const secret of secrets) {
    const forms = [secret, encodeURIComponent(secret)];
    const has = (text) => forms.some((f) => text.includes(f));
    assert.ok(!has(page.url()), `secret in the page URL: ${page.url()}`);
    assert.ok(!has(stored), `secret in storage or cookies: ${stored}`);
    const urls = api.calls.map((c) => c.url).filter(has);
    assert.deepEqual(urls, [], 'secret in an API request URL');
    const lines = standIn.logLines.filter((line) => has(line) && !line.startsWith('  demo SK: '));
    assert.deepEqual(lines, [], 'secret in the proxy log');
  }
}

/** Panics and uncaught exceptions never reach the user, whatever the API answers. */
function assertNoCrash(problems) {
  const crashes = problems.filter((p) => p.startsWith('pageerror') || /panicked|RuntimeError|unreachable/i.test(p));
  assert.deepEqual(crashes, [], 'no panic or uncaught exception');
}

// --- tests -----------------------------------------------------------------------------------

test('Run query fetches one page; Next page and Previous page move by the page size', { timeout: 90_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 1000, seed: 2 });
  const app = await openApp(t, standIn);
  const { ui, api, diag } = app;

  // Prefilled for this stand-in from /app-config.json.
  assert.equal(await ui.field('Proxy URL').inputValue(), standIn.origin);
  assert.equal(await ui.field('Region').inputValue(), DEMO.region);
  assert.equal(await ui.field('Endpoint').inputValue(), DEMO.endpoint);
  assert.equal(await ui.field('Project ID').inputValue(), DEMO.projectId);
  assert.equal(await ui.field('Access key ID').inputValue(), DEMO.ak);
  assert.equal(await ui.field('Secret access key').inputValue(), DEMO.sk);

  const pageSize = Number(await ui.field('Page size').inputValue()) || 20;
  const pages = Math.ceil(1000 / pageSize);
  await ui.button('Run query').click();
  await ui.waitForStatus(pageSize, 1000, diag);
  await eventually(async () => {
    const p = await ui.pageIndicator();
    return p?.page === 1 && p.pages === pages;
  }, async () => `"Page 1 of ${pages}"\n${await diag()}`);
  const rows = ui.table().getByRole('row');
  await eventually(async () => (await rows.count()) === pageSize + 1, async () => `${pageSize} rows and a header row, got ${await rows.count()}\n${await diag()}`);
  const firstRowOfPage1 = await rows.nth(1).innerText();
  assert.deepEqual(api.calls.map((c) => [c.offset, c.limit, c.status]), [[0, pageSize, 200]], 'exactly one request for page 1');

  await ui.button('Next page').click();
  await eventually(async () => (await ui.pageIndicator())?.page === 2, async () => `"Page 2 of ${pages}"\n${await diag()}`);
  await eventually(async () => (await rows.nth(1).innerText()) !== firstRowOfPage1, 'page 2 rows to replace page 1 rows');
  assert.equal(await rows.count(), pageSize + 1);
  assert.equal(api.calls.at(-1).offset, pageSize, 'Next page requests offset = page size');

  await ui.button('Previous page').click();
  await eventually(async () => (await ui.pageIndicator())?.page === 1, async () => `"Page 1" again\n${await diag()}`);
  await eventually(async () => (await rows.nth(1).innerText()) === firstRowOfPage1, 'page 1 rows again');

  assert.deepEqual(standIn.apiRequests().map((e) => e.status), api.calls.map(() => 200), 'the proxy saw the same requests, all 200');
  assert.deepEqual(app.problems, [], 'no console errors, page errors or failed requests');
  await assertNoSecretsLeft(app, standIn, [DEMO.sk]);
});

test('Fetch all loads exactly 5000 of 5000 records in pages of 1000', { timeout: 90_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 5000, seed: 3 });
  const app = await openApp(t, standIn);
  const { ui, api, diag } = app;

  await ui.button('Fetch all').click();
  await ui.waitForStatus(5000, 5000, diag, 30_000);

  // Response bodies are read asynchronously by the tracker: wait for the last one.
  await eventually(() => api.completePages().length === 5, () => `5 complete pages: ${JSON.stringify(api.calls.map((c) => [c.offset, c.status]))}`);
  const offsets = api.calls.map((c) => [c.offset, c.limit, c.status]).sort((a, b) => a[0] - b[0]);
  assert.deepEqual(offsets, [[0, 1000, 200], [1000, 1000, 200], [2000, 1000, 200], [3000, 1000, 200], [4000, 1000, 200]], 'each page requested once');
  // The stand-in's own log shows the same five pages (it logs no query strings, so it counts them).
  await eventually(() => standIn.apiRequests().length === 5, () => `5 API lines in the proxy log:\n${standIn.logLines.join('\n')}`);
  assert.ok(standIn.apiRequests().every((e) => e.status === 200 && e.method === 'GET'));
  assert.deepEqual(app.problems, [], 'no console errors, page errors or failed requests');
  await assertNoSecretsLeft(app, standIn, [DEMO.sk]);
});

test('a relative time range is fixed when the query runs, not when it was chosen; Next page keeps the first page\'s window', { timeout: 60_000 }, async (t) => {
  // The fake clock starts two hours before the real time (half a minute into a minute, so the
  // windows' rounding up to the minute is certain); it reaches the real time before anything is
  // signed, because the stand-in refuses signatures more than 15 minutes off its own clock.
  const clockAt = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * HOUR + 30_000;
  // 200,000 records over the demo's 30 days leave a few in the quietest hour of its daily rhythm.
  const standIn = await startStandIn({ t, records: 200_000, seed: 8, nowUnix: Math.floor((clockAt + 2 * HOUR) / 1000) });
  const app = await openApp(t, standIn, { clockAt, timeRange: 'Last 1 h' });
  const { page, ui, api, diag } = app;
  await ui.field('Page size').fill('1');
  const utcHint = () => page.getByText(/^Sent as .* \(UTC\)$/).allTextContents();
  /** The API's UTC-minute form of the window "Last 1 h" names at `ms`: the end rounded up. */
  const lastHourAt = (ms) => {
    const end = (Math.floor(ms / MINUTE) + 1) * MINUTE;
    return [end - HOUR, end].map((t) => new Date(t).toISOString().slice(0, 16) + 'Z');
  };
  assert.deepEqual(await utcHint(), lastHourAt(clockAt).map((v) => `Sent as ${v} (UTC)`), 'the window at the moment of choosing');

  // Two hours later the pickers show the new window, and Run query sends it.
  await page.clock.fastForward('02:00:00');
  const later = lastHourAt(clockAt + 2 * HOUR);
  await eventually(async () => (await utcHint())[1] === `Sent as ${later[1]} (UTC)`, async () => `the pickers to follow the clock to ${later}: ${await utcHint()}`);
  await ui.button('Run query').click();
  const first = await eventually(() => api.calls.find((c) => c.status === 200), async () => `the first page\n${await diag()}`);
  const window = (call) => { const q = new URL(call.url).searchParams; return [q.get('start_time'), q.get('end_time')]; };
  assert.deepEqual(window(first), later, 'the window ends at the click (rounded up to the minute), not at the choice');
  const total = (await ui.status())?.total;
  assert.ok(total > 1, `more than one page in the last hour of the data (${total})`);

  // Next page, ten minutes later: the same window, the next offset.
  await page.clock.fastForward('00:10:00');
  await ui.button('Next page').click();
  const second = await eventually(() => api.calls.find((c) => c.offset === 1 && c.status === 200), async () => `the second page\n${await diag()}`);
  assert.deepEqual(window(second), later, 'Next page keeps the first page\'s window');
  assert.equal(new URL(second.url).searchParams.get('limit'), '1');
  assertNoCrash(app.problems);
});

test('Cancel then Resume ends at exactly 5000 of 5000, fetching only what was missing', { timeout: 120_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 5000, seed: 4 });
  const app = await openApp(t, standIn, { expectApiFailures: true });
  const { page, ui, api, diag } = app;
  // Every page after the first is held in the browser until Cancel has been clicked, so Cancel
  // lands while exactly those four pages are in flight, however fast or loaded the machine is.
  const held = [];
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route((url) => url.pathname.endsWith(API_PATH), async (route) => {
    if (Number(new URL(route.request().url()).searchParams.get('offset') ?? 0) === 0) return route.continue();
    held.push(released.then(() => route.continue().catch(() => 'aborted')));
  });

  await ui.button('Fetch all').click();
  await eventually(async () => (await ui.status())?.total === 5000 && held.length === 4, async () => `the first page, and four pages in flight (${held.length})\n${await diag()}`);
  await ui.button('Cancel').click();
  const resume = ui.button('Resume');
  await eventually(() => resume.isEnabled({ timeout: 500 }), async () => `an enabled "Resume" after Cancel\n${await diag()}`);

  const cancelled = await ui.status();
  assert.equal(cancelled.loaded, 1000, `only the first page is loaded after Cancel, got "${cancelled.text}"`);
  const heldCalls = () => api.calls.filter((c) => c.offset > 0);
  await eventually(() => heldCalls().length === 4 && heldCalls().every((c) => c.failure), () => `Cancel aborted the four requests in flight: ${JSON.stringify(heldCalls())}`);
  // Let the aborted requests go on: whatever becomes of them, nothing of theirs is used.
  release();
  await Promise.all(held);
  assert.equal((await ui.status()).loaded, 1000, 'no records arrive after Cancel');

  const callsBeforeResume = api.calls.length;
  await resume.click();
  await ui.waitForStatus(5000, 5000, diag, 30_000);

  const resumed = api.calls.slice(callsBeforeResume).map((c) => c.offset).sort((a, b) => a - b);
  assert.deepEqual(resumed, [1000, 2000, 3000, 4000], 'Resume requests each missing page once, and not the first page, which carried the total');
  assertNoCrash(app.problems);
  await assertNoSecretsLeft(app, standIn, [DEMO.sk]);
});

test('pages given up after their tries are reported as failed, the others stay, and Resume completes exactly the total', { timeout: 180_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 10_000, seed: 7 });
  const app = await openApp(t, standIn, { expectApiFailures: true });
  const { page, ui, api, diag } = app;
  // Injected in the browser, per page and try: the pages at 3000 and 7000 fail every try until
  // `broken` is cleared; the pages at 2000, 5000 and 8000 fail every other try (a 50 % fault
  // rate), which retries must absorb. Every other answer is the stand-in's own.
  const ALWAYS = new Set([3000, 7000]);
  const HALF = new Set([2000, 5000, 8000]);
  let broken = true;
  const tries = new Map();
  await page.route((url) => url.pathname.endsWith(API_PATH), async (route) => {
    const offset = Number(new URL(route.request().url()).searchParams.get('offset') ?? 0);
    const n = (tries.get(offset) ?? 0) + 1;
    tries.set(offset, n);
    if ((broken && ALWAYS.has(offset)) || (HALF.has(offset) && n % 2 === 1)) {
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        headers: { 'x-request-id': `injected-${offset}-${n}` },
        body: JSON.stringify({ error_code: 'APIGW.0503', error_msg: 'injected: service unavailable' }),
      });
    }
    return route.continue();
  });

  await ui.button('Fetch all').click();
  await ui.waitForStatus(8000, 10_000, diag, 120_000);
  const body = page.locator('body');
  await eventually(async () => /2 pages \(2,000 records\) failed/.test(await body.innerText()), async () => `"2 pages (2,000 records) failed"\n${await diag()}`);
  await waitForRowCount(page, 8000, 8000);
  for (const offset of ALWAYS) assert.equal(tries.get(offset), 5, `the page at ${offset} was tried 5 times, then given up`);
  for (const offset of HALF) assert.equal(tries.get(offset), 2, `the page at ${offset} failed once and was retried once`);

  broken = false;
  const resumeFrom = api.calls.length;
  await ui.button('Resume').click();
  await ui.waitForStatus(10_000, 10_000, diag, 60_000);
  await waitForRowCount(page, 10_000, 10_000);
  const resumed = api.calls.slice(resumeFrom).map((c) => c.offset).sort((a, b) => a - b);
  assert.deepEqual(resumed, [3000, 7000], 'Resume fetches only the two pages given up');
  assertNoCrash(app.problems);
});

test('a 401 is shown with its code, message, request ID and a hint about keys and the clock', { timeout: 60_000 }, async (t) => {
  const wrongSecret = 'wrongSecretKeyTypedByTheUser00000000000001';
  const standIn = await startStandIn({ t, records: 100, seed: 5 });
  const app = await openApp(t, standIn, { expectApiFailures: true });
  const { ui, api, diag } = app;

  await ui.field('Secret access key').fill(wrongSecret);
  await ui.button('Run query').click();
  const alert = ui.alert('APIGW.0301');
  await eventually(() => alert.isVisible(), async () => `a role=alert with APIGW.0301\n${await diag()}`);

  const call = await eventually(() => api.calls.find((c) => c.status === 401 && c.body !== undefined), 'the 401 response');
  const text = await alert.innerText();
  assert.match(text, /APIGW\.0301/);
  assert.ok(text.includes(JSON.parse(call.body).error_msg), `the error_msg in the alert: ${text}`);
  assert.ok(text.includes('Request ID') && text.includes(call.requestId), `"Request ID" ${call.requestId} in: ${text}`);
  assert.match(text, /clock/i, `a hint about the clock: ${text}`);
  // The server's Date (exposed by the proxy) is compared with this computer's clock.
  assert.match(text, /This computer's clock: .* UTC; the server's: .* UTC \(they agree/, `the clock comparison: ${text}`);

  // Never retried automatically (the gateway locks the AK after 5 failures).
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(api.calls.length, 1, 'one request, no retry');
  assert.deepEqual(standIn.apiRequests().map((e) => e.status), [401]);
  // The UI stays usable: the run buttons are still there.
  assert.ok(await ui.button('Run query').isVisible());
  assertNoCrash(app.problems);
  await assertNoSecretsLeft(app, standIn, [DEMO.sk, wrongSecret]);
});

test('a 400 the form allows but the server rejects is shown with its code, message and request ID', { timeout: 60_000 }, async (t) => {
  // The app validates every parameter the way the stand-in does, so no typed value gets a 400;
  // --reject-user-name makes the stand-in reject this one (400 WKS.0002) after authentication.
  const standIn = await startStandIn({ t, records: 100, seed: 6, extraArgs: ['--reject-user-name', 'reject-me'] });
  const app = await openApp(t, standIn, { expectApiFailures: true });
  const { ui, api, diag } = app;

  await ui.field('User name').fill('reject-me');
  await ui.button('Run query').click();
  const alert = ui.alert('WKS.0002');
  await eventually(() => alert.isVisible(), async () => `a role=alert with WKS.0002\n${await diag()}`);

  const call = await eventually(() => api.calls.find((c) => c.status === 400 && c.body !== undefined), 'the 400 response');
  assert.equal(call.userName, 'reject-me');
  const text = await alert.innerText();
  assert.ok(text.includes(JSON.parse(call.body).error_msg), `the error_msg in the alert: ${text}`);
  assert.ok(text.includes('Request ID') && text.includes(call.requestId), `"Request ID" ${call.requestId} in: ${text}`);
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(api.calls.length, 1, 'a 400 is not retried');
  assertNoCrash(app.problems);
  await assertNoSecretsLeft(app, standIn, [DEMO.sk]);
});

test('a fault-injected Fetch all (500/503, 429, truncated JSON) ends with exactly 5000 of 5000', { timeout: 120_000 }, async (t) => {
  const standIn = await startStandIn({
    t,
    records: 5000,
    seed: FAULT_SEED,
    faults: { failRate: 0.1, throttleRate: 0.05, truncateRate: 0.02 },
  });
  const app = await openApp(t, standIn, { expectApiFailures: true });
  const { ui, api, diag } = app;

  await ui.button('Fetch all').click();
  await ui.waitForStatus(5000, 5000, diag, 60_000);

  // Every kind of fault happened, and was retried away.
  const statuses = standIn.apiRequests().map((e) => e.status);
  assert.ok(statuses.some((s) => s === 500 || s === 503), `a 500/503 was injected: ${statuses}`);
  assert.ok(statuses.includes(429), `a 429 was injected: ${statuses}`);
  const pages = () => [...new Set(api.completePages().map((c) => c.offset))].sort((a, b) => a - b);
  await eventually(() => pages().length === 5, () => `every page whole: ${JSON.stringify(api.calls.map((c) => [c.offset, c.status, isJson(c.body)]))}`);
  assert.deepEqual(pages(), [0, 1000, 2000, 3000, 4000], 'every page eventually arrived whole');
  assert.ok(api.truncated().length >= 1, 'a truncated body was injected');
  const resumable = await ui.button('Resume').isEnabled({ timeout: 1000 }).catch(() => false);
  assert.ok(!resumable, 'nothing left to resume');
  assertNoCrash(app.problems);
  await assertNoSecretsLeft(app, standIn, [DEMO.sk]);
});

test('no secret reaches the page URL, storage or the proxy log', { timeout: 90_000 }, async (t) => {
  const typedToken = 'typedSecurityTokenValue-0123456789';
  const standIn = await startStandIn({ t, records: 3000, seed: 7 });
  const app = await openApp(t, standIn, { expectApiFailures: true });
  const { ui, diag } = app;

  // A page, the next page (the URL carries the query state), a full run.
  await ui.button('Run query').click();
  await eventually(async () => (await ui.status())?.total === 3000, async () => `one page\n${await diag()}`);
  await ui.button('Next page').click();
  await eventually(async () => (await ui.pageIndicator())?.page === 2, async () => `page 2\n${await diag()}`);
  await ui.button('Fetch all').click();
  await ui.waitForStatus(3000, 3000, diag, 30_000);
  await assertNoSecretsLeft(app, standIn, [DEMO.sk]);

  // A security token typed in (the stand-in rejects the request: its signature then covers a
  // token the demo credentials do not have) must not leak either.
  const callsBefore = app.api.calls.length;
  await ui.field('Security token').fill(typedToken);
  await ui.button('Run query').click();
  await eventually(() => {
    const call = app.api.calls[callsBefore];
    return call && (call.body !== undefined || call.failure);
  }, async () => `the request with a security token to finish\n${await diag()}`);
  await assertNoSecretsLeft(app, standIn, [DEMO.sk, typedToken]);
  assertNoCrash(app.problems);
});

test('the page URL holds the query (never secrets): a link reopens it and Back restores the previous one', { timeout: 90_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 300, seed: 9 });
  const app = await openApp(t, standIn);
  const { page, ui, diag } = app;

  await ui.field('User name').fill('alice');
  await ui.field('Page size').fill('50');
  await ui.button('Run query').click();
  await eventually(async () => (await ui.status()) !== null, async () => `a status after Run query\n${await diag()}`);
  const first = new URL(page.url());
  assert.equal(first.searchParams.get('user'), 'alice');
  assert.equal(first.searchParams.get('limit'), '50');
  assert.equal(first.searchParams.get('preset'), 'all');
  assert.equal(first.searchParams.get('project'), DEMO.projectId);
  assert.equal(first.searchParams.get('auth'), 'aksk');

  await ui.field('User name').fill('bob');
  await ui.button('Run query').click();
  await eventually(() => new URL(page.url()).searchParams.get('user') === 'bob', 'the URL to say user=bob');

  await page.goBack();
  await eventually(async () => (await ui.field('User name').inputValue()) === 'alice', async () => `Back to restore user "alice"\n${await diag()}`);

  // A fresh tab opened on the first link shows the same query.
  const { page: other, problems } = await openRecordingPage(browser, {});
  t.after(() => other.close());
  await other.goto(first.href);
  const field = (label) => other.getByLabel(label, { exact: true });
  await eventually(async () => (await field('User name').inputValue()) === 'alice', 'the link to prefill "alice"');
  assert.equal(await field('Page size').inputValue(), '50');
  assert.equal(await field('Time range').inputValue(), 'all');
  assertNoCrash(problems);
  await assertNoSecretsLeft(app, standIn, [DEMO.sk]);
});
