// Temporary credentials in the browser (issue 13, item 6): the stand-in is started with a
// temporary AK (`--temporary-ak/--temporary-sk/--security-token`, proxy/README.md), which, like
// the gateway, it accepts only with its security token in X-Security-Token, signed. The user
// types the AK, SK and token into the app; Fetch all loads everything. With a wrong token the
// gateway's 401 is shown with its code and request ID, and the run stops without a retry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';

const API_PATH = '/connections/desktops';
const TEMPORARY = {
  ak: 'TEMPAKLOGINSVIEWER01',
  sk: 'tempSKloginsViewerNotASecret0000000000001',
  token: 'demo-security-token-of-the-temporary-ak',
};
const RECORDS = 1234;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function startWithTemporaryKey(t) {
  return startStandIn({
    t,
    records: RECORDS,
    extraArgs: ['--temporary-ak', TEMPORARY.ak, '--temporary-sk', TEMPORARY.sk, '--security-token', TEMPORARY.token],
  });
}

/** Opens the app, waits for the prefilled first screen, and types the temporary credentials. */
async function openWithCredentials(t, standIn, securityToken, { expectApiFailures = false } = {}) {
  const expectedFailedLoads = ['/app-config.json', ...(expectApiFailures ? [API_PATH] : [])];
  const { page, problems } = await openRecordingPage(browser, { expectedFailedLoads });
  t.after(() => page.close());
  const calls = [];
  page.on('request', (request) => {
    if (!new URL(request.url()).pathname.endsWith(API_PATH)) return;
    const call = { headers: request.headers(), status: undefined, requestId: undefined, body: undefined };
    calls.push(call);
    request.response().then(async (response) => {
      if (!response) return;
      call.requestId = response.headers()['x-request-id'];
      call.body = await response.text().catch(() => undefined);
      call.status = response.status();
    });
  });
  const field = (label) => page.getByLabel(label, { exact: true });
  const button = (name) => page.getByRole('button', { name, exact: true });
  const diag = async () => [
    `status: ${JSON.stringify(await page.getByRole('status').allTextContents().catch(() => []))}`,
    `alerts: ${JSON.stringify(await page.getByRole('alert').allTextContents().catch(() => []))}`,
    `page problems: ${JSON.stringify(problems)}`,
    `proxy log (last 20 lines):\n${standIn.logLines.slice(-20).join('\n')}`,
  ].join('\n');
  await page.goto(standIn.url);
  await eventually(async () => (await field('Project ID').inputValue()) !== '', async () => `"Project ID" to be prefilled\n${await diag()}`);
  // The demo data's "now" is fixed in the past: make the query cover all of it.
  await field('Time range').selectOption({ label: 'All time' });
  await field('Access key ID').fill(TEMPORARY.ak);
  await field('Secret access key').fill(TEMPORARY.sk);
  await field('Security token').fill(securityToken);
  return { page, problems, calls, field, button, diag };
}

/** The proxy's request lines (after its start banner, which prints the demo values) hold no secret. */
function assertNoSecretInLog(standIn, secrets) {
  const lines = standIn.logLines.filter((l) => !l.startsWith('  ') && !l.includes('listening on'));
  assert.ok(lines.length >= standIn.accessLog().length && lines.length > 0, 'the proxy logged the requests');
  for (const secret of secrets) assert.ok(!lines.join('\n').includes(secret), `the access log holds a secret: ${lines}`);
}

test('temporary credentials: AK, SK and security token typed in, Fetch all loads every record', { timeout: 90_000 }, async (t) => {
  const standIn = await startWithTemporaryKey(t);
  const app = await openWithCredentials(t, standIn, TEMPORARY.token);
  await app.button('Fetch all').click();
  await eventually(async () => {
    const texts = await app.page.getByRole('status').allTextContents();
    return texts.some((x) => x.includes(`Loaded ${RECORDS} of ${RECORDS} records`));
  }, async () => `"Loaded ${RECORDS} of ${RECORDS} records"\n${await app.diag()}`, 30_000);

  assert.ok(app.calls.length > 1, 'Fetch all paged');
  for (const call of app.calls) {
    assert.equal(call.headers['x-security-token'], TEMPORARY.token, 'the token is sent');
    assert.match(call.headers.authorization, new RegExp(`Access=${TEMPORARY.ak},.*SignedHeaders=[^,]*x-security-token`), 'and signed');
  }
  const statuses = standIn.apiRequests().map((e) => e.status);
  assert.ok(statuses.length === app.calls.length && statuses.every((s) => s === 200), `every API request answered 200: ${statuses}`);
  assert.deepEqual(app.problems, []);
  assertNoSecretInLog(standIn, [TEMPORARY.sk, TEMPORARY.token]);
});

test('a wrong security token: the gateway code, message and request ID are shown, and nothing is retried', { timeout: 60_000 }, async (t) => {
  const standIn = await startWithTemporaryKey(t);
  const wrongToken = 'a-security-token-from-another-session';
  const app = await openWithCredentials(t, standIn, wrongToken, { expectApiFailures: true });
  await app.button('Fetch all').click();
  const alert = app.page.getByRole('alert').filter({ hasText: 'APIGW.0301' });
  await eventually(() => alert.isVisible(), async () => `a role=alert with APIGW.0301\n${await app.diag()}`);
  const call = await eventually(() => app.calls.find((c) => c.status === 401 && c.body !== undefined), 'the 401 response');
  const body = JSON.parse(call.body);
  assert.equal(body.error_code, 'APIGW.0301');
  assert.match(body.error_msg, /security token is invalid/);
  const text = await alert.innerText();
  assert.ok(text.includes(body.error_msg), `the error_msg in the alert: ${text}`);
  assert.ok(call.requestId && text.includes('Request ID') && text.includes(call.requestId), `"Request ID" ${call.requestId} in: ${text}`);

  // The run is over (Cancel is disabled only when nothing runs): a retry would have kept it
  // busy, so from here on the count of requests is final.
  await eventually(() => app.button('Cancel').isDisabled(), async () => `the run to end\n${await app.diag()}`);
  assert.equal(app.calls.length, 1, 'one request, no retry (401 is never retried)');
  assert.deepEqual(standIn.apiRequests().map((e) => e.status), [401]);
  assert.ok(!text.includes(wrongToken) && !text.includes(TEMPORARY.sk), 'the alert shows no secret');
  assertNoSecretInLog(standIn, [TEMPORARY.sk, wrongToken]);
});
