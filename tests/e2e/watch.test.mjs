// Watch mode (issue 18) end to end: the app under Playwright's fake clock against a live
// stand-in whose clock the test moves in step (`--live --test-clock`), so an hour of 5-minute
// refreshes runs in seconds. The stand-in's data: records arrive late, ongoing sessions end
// later, and an incident (half the logins failing, 600-900 ms RTT) runs 00:25-00:40.
//
// Elements are found by role and accessible name: the checkbox "Watch", the select "Refresh
// every", the checkbox "Pause when hidden", the status line ("Updated HH:MM: N new, M
// updated"), buttons "Fetch all".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { FIXED_NOW_UNIX, startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';
import { countText } from './support/row-count.mjs';

const START = FIXED_NOW_UNIX; // 2025-01-01T00:00:00Z
const MINUTE = 60;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A live stand-in with the test clock at START and the incident at 00:25 for 15 minutes. */
async function startLive(t) {
  const standIn = await startStandIn({
    t,
    extraArgs: ['--live', '--test-clock', String(START), '--incident-at', String(START + 25 * MINUTE), '--incident-minutes', '15'],
  });
  const setClock = async (unix) => {
    const response = await fetch(`${standIn.origin}/__standin/clock?now=${unix}`, { method: 'POST' });
    assert.equal(response.status, 200, `setting the stand-in's clock: ${await response.text()}`);
  };
  return { standIn, setClock };
}

/** Opens the app with the page's clock at START (UTC), "Last 24 h", and a first Fetch all. */
async function openWatching(t, standIn) {
  const { page, problems } = await openRecordingPage(browser, {
    expectedFailedLoads: ['/app-config.json', '/connections/desktops'],
    contextOptions: { timezoneId: 'UTC' },
  });
  t.after(() => page.context().close());
  await page.clock.install({ time: START * 1000 });
  await page.goto(standIn.url);
  const field = (label) => page.getByLabel(label, { exact: true });
  await eventually(async () => (await field('Project ID').inputValue()) !== '', '"Project ID" to be prefilled');
  await field('Time range').selectOption({ label: 'Last 24 h' });
  const status = async () => (await page.getByRole('status').allTextContents()).join(' ');
  const diag = async () => `status: ${await status()}\nalerts: ${JSON.stringify(await page.getByRole('alert').allTextContents())}\n`
    + `page problems: ${JSON.stringify(problems)}\nproxy log:\n${standIn.logLines.slice(-15).join('\n')}`;
  await page.getByRole('button', { name: 'Fetch all', exact: true }).click();
  await eventually(async () => /Loaded \d+ of \d+ records/.test(await status()), diag);
  return { page, field, status, diag };
}

/** "HH:MM" of a Unix time, in UTC (the page's zone here). */
const hhmm = (unix) => new Date(unix * 1000).toISOString().slice(11, 16);

/** The Alert log's entries: `{ rule, text }` each. */
async function alertEntries(page) {
  return page.getByRole('log', { name: 'Alert log', exact: true }).locator('.alert-entry').evaluateAll((entries) => entries
    .map((e) => ({ rule: e.querySelector('.alert-rule-name')?.textContent ?? '', text: e.textContent })));
}

/** Clicks "Show logins" of the log's entry `index`, reads the rows shown, then clears the filter. */
async function rowsOfAlert(page, index) {
  await page.getByRole('log', { name: 'Alert log', exact: true }).locator('.alert-entry').nth(index)
    .getByRole('link', { name: 'Show logins', exact: true }).click();
  await page.clock.runFor(100);
  const shown = (await countText(page))?.shown;
  const details = page.locator('details.column-filters');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await page.getByRole('button', { name: 'Clear column filters', exact: true }).click();
  return shown;
}

/** What the table and the analytics say: the row count and every KPI. */
async function numbers(page) {
  return {
    rows: await countText(page),
    kpis: await page.locator('dl.kpis').innerText(),
  };
}

test('an hour of 5-minute refreshes keeps the table equal to a fresh Fetch all', async (t) => {
  const { standIn, setClock } = await startLive(t);
  const app = await openWatching(t, standIn);
  const { page } = app;
  assert.equal(await app.field('Refresh every').inputValue(), '5');
  assert.equal(await app.field('Pause when hidden').isChecked(), true);
  await app.field('Watch').check();
  await eventually(async () => (await app.status()).includes(`Updated ${hhmm(START)}:`), app.diag);

  let seenNew = 0;
  let seenUpdated = 0;
  const checked = new Set();
  const firedAt = {};
  for (let k = 1; k <= 12; k += 1) {
    const at = START + k * 5 * MINUTE;
    await setClock(at);
    await page.clock.runFor(5 * MINUTE * 1000);
    const line = await eventually(async () => {
      const text = await app.status();
      return text.includes(`Updated ${hhmm(at)}:`) && text;
    }, async () => `the refresh of ${hhmm(at)}\n${await app.diag()}`);
    const m = /Updated \d\d:\d\d: (\d+) new, (\d+) updated/.exec(line);
    assert.ok(m, line);
    seenNew += Number(m[1]);
    seenUpdated += Number(m[2]);
    // An alert that fired at this refresh names numbers its "Show logins" shows, now (after
    // the frame that draws the log: animation frames follow the fake clock).
    await page.clock.runFor(500);
    const entries = await alertEntries(page);
    for (const [i, entry] of entries.entries()) {
      // The log is newest first: an entry is known by its text (its time included).
      if (checked.has(entry.text)) continue;
      checked.add(entry.text);
      const failures = /\((\d+) of (\d+) logins\)/.exec(entry.text);
      if (entry.rule === 'Failure rate') {
        assert.ok(failures, entry.text);
        assert.equal(await rowsOfAlert(page, i), Number(failures[1]), `the failed logins of "${entry.text}"`);
        firedAt.failure = at;
      }
      const rtt = /Network RTT p95 (\d+) ms over (\d+) logins, above 300 ms/.exec(entry.text);
      if (entry.rule === 'Network RTT p95') {
        assert.ok(rtt && Number(rtt[1]) > 300, entry.text);
        assert.ok(await rowsOfAlert(page, i) >= Number(rtt[2]), `the logins of "${entry.text}"`);
        firedAt.rtt = at;
      }
    }
  }
  // The incident (00:25-00:40) fired the failure-rate and the RTT alerts exactly once each,
  // at a refresh within it (or the one just after), never before it.
  const entries = await alertEntries(page);
  assert.equal(entries.filter((e) => e.rule === 'Failure rate').length, 1, JSON.stringify(entries));
  assert.equal(entries.filter((e) => e.rule === 'Network RTT p95').length, 1, JSON.stringify(entries));
  for (const at of [firedAt.failure, firedAt.rtt]) {
    assert.ok(at > START + 25 * MINUTE && at <= START + 45 * MINUTE, `fired at ${hhmm(at)}`);
  }
  // The count in the title (the log was not on screen).
  assert.match(await page.title(), /^\(\d+\) Workspace Login Records$/);
  // Logins kept arriving and sessions kept ending: both were merged.
  assert.ok(seenNew > 0, 'new logins arrived');
  assert.ok(seenUpdated > 0, 'ongoing sessions ended and were updated in place');
  assert.equal(await app.field('Watch').isChecked(), true);
  // Let the analytics settle (they follow the table by a frame).
  await page.clock.runFor(1000);
  const watched = await numbers(page);

  // A fresh Fetch all at the same instant (it also ends the watch: the table is replaced).
  await page.getByRole('button', { name: 'Fetch all', exact: true }).click();
  await eventually(async () => !(await app.field('Watch').isChecked()), app.diag);
  const fresh = await eventually(async () => {
    const m = /Loaded (\d+) of (\d+) records/.exec(await app.status());
    return m && m[1] === m[2] && Number(m[1]);
  }, app.diag);
  await page.clock.runFor(1000);
  await eventually(async () => (await countText(page))?.loaded === fresh, app.diag);
  const fetched = await numbers(page);
  assert.deepEqual(watched, fetched);
});

test('watching is refused for a fixed custom range, with a message', async (t) => {
  const { standIn } = await startLive(t);
  const app = await openWatching(t, standIn);
  await app.field('Time range').selectOption({ label: 'Custom' });
  await app.field('Watch').click();
  await eventually(async () => (await app.page.getByRole('alert').allTextContents()).some((a) => /fixed custom range/.test(a)), app.diag);
  assert.equal(await app.field('Watch').isChecked(), false);
});

test('a refused signature (401) stops watching with the usual error report', async (t) => {
  const { standIn, setClock } = await startLive(t);
  const app = await openWatching(t, standIn);
  await app.field('Watch').check();
  await eventually(async () => (await app.status()).includes(`Updated ${hhmm(START)}:`), app.diag);
  // The stand-in's clock runs an hour ahead of the page's: the signature's date is refused.
  await setClock(START + 65 * MINUTE);
  await app.page.clock.runFor(5 * MINUTE * 1000);
  await eventually(async () => /Watching stopped at/.test(await app.status()), app.diag);
  assert.equal(await app.field('Watch').isChecked(), false);
  const report = (await app.page.getByRole('alert').allTextContents()).join(' ');
  assert.match(report, /401/);
  // No further refresh is attempted.
  const asked = standIn.apiRequests().length;
  await app.page.clock.runFor(15 * MINUTE * 1000);
  assert.equal(standIn.apiRequests().length, asked);
});
