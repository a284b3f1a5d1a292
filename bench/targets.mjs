// "Fetch all" over three targets totalling 100,000 records against one target of 100,000 (issue
// 17, item 7), in one run of headless Chromium against one release stand-in that serves four
// projects: 20,000 + 30,000 + 50,000 records in three regions, and 100,000 in a fourth project
// for the single target. Run by bench/run.sh (section 10; SKIP_TARGETS=1 leaves it out);
// standalone:
//
//   LOGINS_PROXY_BIN=target/release/logins-proxy node bench/targets.mjs --runs 5 --json out.json
//
// Each run opens a fresh browser context, fills the form (one target: the prefilled one with the
// 100,000-record project; three: the prefilled one with 20,000 plus "Add target" twice), picks
// "All time" and clicks "Fetch all". The time is the app's own `logins:fetch-all` measure (click
// → the frame with the table and the analytics), as in bench/browser.mjs, with its phases. The
// two setups alternate (one, three; then three, one; ...), so drift on this shared machine
// falls on both alike. The ratio is three-target median / one-target median.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';
import { DEMO, startStandIn } from '../tests/e2e/support/stand-in.mjs';
import { eventually } from '../tests/e2e/support/wait.mjs';
import { median } from './stats.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    json: { type: 'string' },
  },
});
const RUNS = Number(args.runs);

/** The three targets: the first is the form's prefilled project (cn-north-4). */
const THREE = [
  { id: DEMO.projectId, records: 20_000, region: 'cn-north-4' },
  { id: 'aa11bb22cc33dd44ee55ff6600778899', records: 30_000, region: 'cn-east-3' },
  { id: 'bb22cc33dd44ee55ff66007788990011', records: 50_000, region: 'ap-southeast-1' },
];
/** The single target: its own project of 100,000 in the prefilled region. */
const ONE = [{ id: 'dd44ee55ff6600778899001122334455', records: 100_000, region: 'cn-north-4' }];
const TOTAL = 100_000;
for (const set of [THREE, ONE]) {
  if (set.reduce((s, p) => s + p.records, 0) !== TOTAL) throw new Error('the sets must total 100,000');
}

async function openApp(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  const field = (label) => page.getByLabel(label, { exact: true });
  await eventually(async () => (await field('Project ID').inputValue()) !== '', 'the form prefilled from /app-config.json', 30_000);
  return { context, page, errors, field, button: (name) => page.getByRole('button', { name, exact: true }) };
}

/** Fills the form for `targets` (as tests/e2e/targets.test.mjs does), runs one Fetch all and
 * returns the app's measures. */
async function fetchAll(browser, url, targets) {
  const app = await openApp(browser, url);
  const { page, field, button } = app;
  await field('Time range').selectOption({ label: 'All time' });
  if (targets.length === 1) {
    await field('Region').selectOption(targets[0].region);
    await field('Project ID').fill(targets[0].id);
  } else {
    if ((await field('Project ID').inputValue()) !== targets[0].id) throw new Error('the first target is not the prefilled project');
    for (const [i, p] of targets.slice(1).entries()) {
      await button('Add target').click();
      const group = page.getByRole('group', { name: `Target ${i + 2}`, exact: true });
      await group.getByLabel('Region', { exact: true }).selectOption(p.region);
      await group.getByLabel('Project ID', { exact: true }).fill(p.id);
    }
  }
  await page.evaluate(() => performance.clearMeasures());
  await button('Fetch all').click();
  const entries = await eventually(() => page.evaluate(() => {
    const sum = (name) => performance.getEntriesByName(name).reduce((s, e) => s + e.duration, 0);
    const one = (name) => performance.getEntriesByName(name)[0]?.duration;
    if (one('logins:fetch-all') === undefined) return null;
    // The most pages in flight at once, from the per-page network measures.
    const edges = performance.getEntriesByName('logins:page-network')
      .flatMap((e) => [[e.startTime, 1], [e.startTime + e.duration, -1]])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let inFlight = 0;
    let maxInFlight = 0;
    for (const [, d] of edges) maxInFlight = Math.max(maxInFlight, (inFlight += d));
    return {
      total: one('logins:fetch-all'),
      fetchWall: one('logins:pages'),
      pages: performance.getEntriesByName('logins:page-network').length,
      maxInFlight,
      networkSum: sum('logins:page-network'),
      parseSum: sum('logins:page-parse'),
      indexSum: sum('logins:page-index'),
      finalIndex: one('logins:final-index'),
      firstRender: one('logins:first-render'),
    };
  }), `the app's logins:fetch-all measure for ${targets.length} target(s)`, 120_000);
  // The run really loaded everything: the overall status, each target's line, the table.
  const status = (await page.getByRole('status').allTextContents()).join(' ');
  const done = `Loaded ${TOTAL} of ${TOTAL} records`;
  if (!status.includes(done)) throw new Error(`expected "${done}", got ${JSON.stringify(status)}`);
  if (targets.length > 1) {
    const lines = await page.getByRole('list', { name: 'Progress by target' }).getByRole('listitem').allTextContents();
    for (const [i, p] of targets.entries()) {
      if (!lines[i]?.includes(`Loaded ${p.records} of ${p.records} records`)) throw new Error(`target ${i + 1}: ${JSON.stringify(lines)}`);
    }
  }
  const rows = Number(await page.getByRole('table', { name: 'Login records' }).getAttribute('aria-rowcount'));
  if (rows !== TOTAL + 1) throw new Error(`aria-rowcount ${rows} after loading ${TOTAL}`);
  if ((await page.locator('svg[role="group"]').count()) === 0) throw new Error('no chart rendered after Fetch all');
  entries.analytics = entries.total - entries.fetchWall - entries.finalIndex - entries.firstRender;
  if (app.errors.length) throw new Error(`page errors: ${app.errors.join('; ')}`);
  await app.context.close();
  return entries;
}

const results = {
  runs: RUNS,
  chromium: null,
  records: TOTAL,
  one: { targets: ONE.map(({ region, records }) => ({ region, records })), runs: [] },
  three: { targets: THREE.map(({ region, records }) => ({ region, records })), runs: [] },
};
const browser = await launchBrowser();
results.chromium = browser.version();
let standIn;
try {
  standIn = await startStandIn({
    records: TOTAL,
    extraArgs: [...THREE, ...ONE].flatMap((p) => ['--project-id', `${p.id}:${p.records}`]),
    startTimeoutMs: 60_000,
  });
  // One unmeasured run of each: the stand-in's and the browser's first-use costs.
  await fetchAll(browser, standIn.url, ONE);
  await fetchAll(browser, standIn.url, THREE);
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? ['one', 'three'] : ['three', 'one'];
    for (const which of order) {
      const entries = await fetchAll(browser, standIn.url, which === 'one' ? ONE : THREE);
      results[which].runs.push(entries);
      process.stderr.write(`fetch all, ${which === 'one' ? 'one target' : 'three targets'} (run ${i + 1}): ${entries.total.toFixed(0)} ms, at most ${entries.maxInFlight} pages in flight\n`);
    }
  }
} finally {
  await browser.close();
  await standIn?.stop();
}
const m = (which) => median(results[which].runs.map((r) => r.total));
results.ratio = m('three') / m('one');
process.stderr.write(`medians: one target ${m('one').toFixed(0)} ms, three targets ${m('three').toFixed(0)} ms, ratio ${results.ratio.toFixed(2)}\n`);

const text = JSON.stringify(results, null, 2);
if (args.json) await writeFile(args.json, text);
else process.stdout.write(`${text}\n`);
