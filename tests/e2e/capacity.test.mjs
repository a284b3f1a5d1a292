// More records than one tab can hold (issue 19, item 3): Fetch all stops at its first pages and
// says so, asking to narrow the query, instead of running the tab out of memory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a query of more than 2,000,000 records is stopped at its first pages with a message', { timeout: 180_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 2_000_001, startTimeoutMs: 120_000 });
  const { page, problems } = await openRecordingPage(browser, {
    expectedFailedLoads: ['/app-config.json', '/connections/desktops'],
  });
  t.after(() => page.context().close());
  await page.goto(standIn.url);
  const field = (label) => page.getByLabel(label, { exact: true });
  await eventually(async () => (await field('Project ID').inputValue()) !== '', '"Project ID" to be prefilled');
  await field('Time range').selectOption({ label: 'All time' });
  await page.getByRole('button', { name: 'Fetch all', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'more than one tab can hold' });
  await alert.waitFor({ timeout: 60_000 });
  assert.match(await alert.innerText(), /matches 2,000,001 records, more than one tab can hold \(2,000,000\)/);
  // The run stopped: nothing is in flight and only the first pages arrived.
  await eventually(async () => !(await page.getByRole('button', { name: 'Fetch all', exact: true }).isDisabled()), 'the run to end');
  const status = (await page.getByRole('status').allTextContents()).join(' ');
  const loaded = Number(/Loaded (\d+) of 2000001 records/.exec(status)?.[1]);
  assert.ok(loaded > 0 && loaded <= 4000, `only the first pages: ${status}`);
  assert.ok(standIn.apiRequests().length <= 8, `few requests: ${standIn.apiRequests().length}`);
  assert.deepEqual(problems, []);
});
