// "Analyze logon phases" measured (issue 16, item 6): the release app in headless Chromium
// analyzes 500 logins through the proxy against a stand-in that answers each request after
// ~100 ms (±50%), and the page's own Resource Timing entries give every access-stages request's
// start and end. Reported: the time to analyze 500, the mean rate, the most requests started
// in any 1-second window (the app's limit is 3; the API's documented one is 200 a minute), and
// the most in flight at once (the app's limit is 2).
//
//   LOGINS_PROXY_BIN=target/release/logins-proxy node bench/stages.mjs [--logins 500] [--latency-ms 100] [--json out.json]
//
// The app must be built first (`trunk build --release --offline`, dist/).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';
import { startStandIn } from '../tests/e2e/support/stand-in.mjs';
import { eventually } from '../tests/e2e/support/wait.mjs';

const { values: args } = parseArgs({
  options: {
    logins: { type: 'string', default: '500' },
    'latency-ms': { type: 'string', default: '100' },
    json: { type: 'string' },
  },
});
const LOGINS = Number(args.logins);
const LATENCY_MS = Number(args['latency-ms']);
const RECORDS = LOGINS + 100;

/** The most values of sorted `starts` within any half-open window [t, t + width). */
export function maxInWindow(starts, width) {
  let best = 0;
  for (let i = 0, j = 0; i < starts.length; i += 1) {
    while (starts[j] <= starts[i] - width) j += 1;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** The most intervals [start, end) overlapping at once. */
export function maxOverlap(intervals) {
  const events = intervals.flatMap(([s, e]) => [[s, 1], [e, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let best = 0;
  for (const [, d] of events) {
    now += d;
    best = Math.max(best, now);
  }
  return best;
}

const standIn = await startStandIn({ records: RECORDS, faults: { latencyMs: LATENCY_MS } });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  // Resource Timing keeps 250 entries by default: room for every request of the analysis.
  await page.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
  await page.goto(standIn.url);
  await eventually(async () => (await page.getByLabel('Project ID', { exact: true }).inputValue()) !== '', 'the prefilled form');
  await page.getByLabel('Time range', { exact: true }).selectOption({ label: 'All time' });
  await page.getByRole('button', { name: 'Fetch all', exact: true }).click();
  await eventually(async () => (await page.getByRole('status').allInnerTexts()).some((s) => s.includes(`Loaded ${RECORDS} of ${RECORDS} records`)), 'Fetch all', 120_000);
  const region = page.getByRole('region', { name: 'Logon phase analysis', exact: true });
  await region.getByLabel('Logins to analyze', { exact: true }).fill(String(LOGINS));
  const clicked = await page.evaluate(() => performance.now());
  await region.getByRole('button', { name: 'Analyze logon phases', exact: true }).click();
  await eventually(
    async () => (await region.getByRole('status').innerText()).includes(`${LOGINS} of ${LOGINS} logins analyzed`),
    `${LOGINS} logins analyzed`,
    LOGINS * 1000,
  );
  const done = await page.evaluate(() => performance.now());
  const requests = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/access-stages'))
    .map((e) => [e.startTime, e.responseEnd]));
  const starts = requests.map(([s]) => s).sort((a, b) => a - b);
  const seconds = (done - clicked) / 1000;
  const result = {
    logins: LOGINS,
    latencyMs: LATENCY_MS,
    requests: requests.length,
    seconds: Math.round(seconds * 10) / 10,
    meanPerSecond: Math.round((requests.length / seconds) * 100) / 100,
    maxStartsInAnySecond: maxInWindow(starts, 1000),
    maxStartsInAnyMinute: maxInWindow(starts, 60_000),
    maxInFlight: maxOverlap(requests),
  };
  if (process.env.STAGES_DUMP) {
    // The starts of every window holding more than 3 (to see why).
    for (let i = 0, j = 0; i < starts.length; i += 1) {
      while (starts[j] <= starts[i] - 1000) j += 1;
      if (i - j + 1 > 3) console.log(JSON.stringify(starts.slice(j, i + 1).map((t) => Math.round(t * 10) / 10)));
    }
  }
  console.log(JSON.stringify(result, null, 2));
  if (args.json) await writeFile(args.json, JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await standIn.stop();
}
