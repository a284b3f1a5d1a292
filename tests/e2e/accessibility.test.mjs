// Issue 14, items 6 and 7: the page's sections and their navigation, bounded long lists, and
// accessibility checked by an independent engine (axe-core) on the app with records loaded.
//
// Elements are found by role and accessible name: a navigation "Sections" with links "Query",
// "Records", "Analytics", "Users", "Request inspector"; the run buttons and the status line
// "Loaded N of M records"; regions "Analytics", "Breakdowns", "New locations". The sections
// themselves are found by their ids, which are public: they are the URL fragments of deep links.
// The sticky bar is measured through the navigation's parent box (it has no role of its own).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';
import { waitForRowCount } from './support/row-count.mjs';

const RECORDS = 2000;
const SECTIONS = [
  { id: 'query', label: 'Query' },
  { id: 'records', label: 'Records' },
  { id: 'analytics', label: 'Analytics' },
  { id: 'users', label: 'Users' },
  { id: 'inspector', label: 'Request inspector' },
  { id: 'alerts', label: 'Alerts' },
];
const RUN_CONTROLS = ['Run query', 'Fetch all', 'Cancel', 'Resume', 'Previous page', 'Next page'];
/** Items a bounded list shows at first and adds per "Show more" (components/show_more.rs). */
const STEP = 20;
/** WCAG 2.1 A and AA, as axe-core tags them. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Locators by role and accessible name, and measures of where things are on screen. */
function ui_(page) {
  const nav = page.getByRole('navigation', { name: 'Sections', exact: true });
  const ui = {
    page,
    nav,
    link: (label) => nav.getByRole('link', { name: label, exact: true }),
    field: (label) => page.getByLabel(label, { exact: true }),
    button: (name) => page.getByRole('button', { name, exact: true }),
    status: () => page.getByRole('status').filter({ hasText: /^Loaded \d+ of \d+ records/ }),
    section: (id) => page.locator(`[id="${id}"]`),
    hash: () => page.evaluate(() => location.hash),
    /** The links marked aria-current, as `label=value`. */
    current: () => nav.getByRole('link').evaluateAll((links) => links
      .filter((a) => a.hasAttribute('aria-current'))
      .map((a) => `${a.textContent}=${a.getAttribute('aria-current')}`)),
    /** The sticky bar's bottom edge in the viewport (the navigation's parent box). */
    barBottom: () => nav.evaluate((n) => n.parentElement.getBoundingClientRect().bottom),
    /** Where section `id` starts, and whether the page is scrolled to its end. */
    sectionPlace: (id) => ui.section(id).evaluate((el) => ({
      top: el.getBoundingClientRect().top,
      atEnd: Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1,
    })),
    /**
     * Waits until section `id` is where a jump puts it: its top just under the sticky bar (not
     * hidden behind it), or, for a section too short to reach the bar, the page at its end
     * with the section's top in view.
     */
    async waitForSectionAtTop(id) {
      await eventually(async () => {
        const [{ top, atEnd }, bar] = [await ui.sectionPlace(id), await ui.barBottom()];
        return (top >= bar - 1 && top <= bar + 40) || (atEnd && top >= bar - 1 && top < (await page.evaluate(() => innerHeight)));
      }, async () => `section #${id} at the top under the bar (bar bottom ${await ui.barBottom()}), got ${JSON.stringify(await ui.sectionPlace(id))}`);
    },
    /**
     * Whether `locator` is in the viewport and not covered: the point at its centre hits it (or
     * something inside it), so the sticky bar is above the page's content there.
     */
    inView: (locator) => locator.evaluate((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.top < 0 || r.bottom > innerHeight) return `outside the viewport: ${JSON.stringify(r)}`;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return el === hit || el.contains(hit) ? true : `covered by ${hit?.outerHTML.slice(0, 80)}`;
    }),
  };
  return ui;
}

/** The app on a stand-in of `records` records, all fetched ("All time", Fetch all). */
async function loadedApp(t, { records = RECORDS, path = '' } = {}) {
  const standIn = await startStandIn({ t, records, seed: 14 });
  const { page, problems } = await openRecordingPage(browser, { contextOptions: { timezoneId: 'UTC', viewport: { width: 1280, height: 800 } } });
  t.after(() => page.context().close());
  const ui = ui_(page);
  await page.goto(standIn.url + path);
  await eventually(() => ui.button('Fetch all').isVisible(), 'the app to mount');
  await eventually(async () => (await ui.field('Project ID').inputValue()) !== '', '"Project ID" to be prefilled from /app-config.json');
  await ui.field('Time range').selectOption({ label: 'All time' });
  await ui.button('Fetch all').click();
  await waitForRowCount(page, records, records, { timeoutMs: 30_000 });
  await eventually(async () => (await ui.status().count()) === 1 && /^Loaded \d+ of \d+ records/.test(await ui.status().textContent()), 'the status line');
  // The analytics follow the table in a later task: wait until they are drawn, so the page's
  // height is settled before a test measures where sections are.
  const analytics = page.getByRole('region', { name: 'Analytics', exact: true });
  await eventually(async () => (await analytics.getByRole('definition').first().evaluate((dd) => [...dd.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim())) === String(records), `KPI "Logins" = ${records}`);
  await page.getByRole('region', { name: 'New locations', exact: true }).getByText(/logins from a new location, by \d+ users\.$/).waitFor({ timeout: 15_000 });
  return { page, problems, ui, standIn };
}

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the whole page, and the ids of
 * the rules it checked and passed (so a run that checked nothing cannot pass). Injected by
 * evaluating its source: the app's Content Security Policy refuses a script tag's inline code. */
async function axeRun(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        examples: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      })),
      passed: results.passes.map((p) => p.id),
    };
  }, WCAG_TAGS);
}

/** Runs axe and fails on any serious or critical violation, naming them; lesser ones are
 * reported as diagnostics. */
async function assertNoSeriousViolations(t, page, where) {
  const { violations, passed } = await axeRun(page);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations.filter((x) => !serious.includes(x))) t.diagnostic(`${where}: ${v.impact} ${v.id} (${v.nodes}): ${v.help}`);
  assert.deepEqual(serious, [], `${where}: serious or critical WCAG 2.1 AA violations`);
  assert.ok(passed.length >= 20, `${where}: axe checked the page (${passed.length} rules passed)`);
  return passed;
}

/** Presses the region's "Show more" until every item is shown; returns how many presses. */
async function showAll(region) {
  let presses = 0;
  const more = region.getByRole('button', { name: 'Show more', exact: true });
  while (await more.isVisible()) {
    await more.click();
    presses += 1;
    assert.ok(presses < 500, 'Show more ends');
  }
  return presses;
}

test('axe-core finds no serious or critical WCAG 2.1 AA violation with 2,000 records, in every section and with the row detail, a chart table, a timeline and the inspector open', { timeout: 180_000 }, async (t) => {
  const { page, ui, problems } = await loadedApp(t);
  const checked = new Set();
  for (const { id, label } of SECTIONS) {
    await ui.link(label).click();
    await eventually(async () => (await ui.hash()) === `#${id}`, `#${id} in the URL`);
    for (const rule of await assertNoSeriousViolations(t, page, `section ${label}`)) checked.add(rule);
  }
  // The chart rules that failed before (aria-label on marks without a role; focusable marks in
  // a role=img) ran on the charts and passed.
  for (const rule of ['aria-prohibited-attr', 'nested-interactive', 'svg-img-alt', 'button-name', 'color-contrast']) {
    assert.ok(checked.has(rule), `axe checked and passed "${rule}": ${[...checked].join(', ')}`);
  }

  // Opened parts: the row detail, a chart's table, a user's timeline, a new-location entry and
  // the request inspector.
  await ui.link('Records').click();
  await page.getByRole('table', { name: 'Login records' }).getByRole('row').nth(1).click();
  await page.getByRole('region', { name: 'Record details' }).waitFor({ state: 'visible', timeout: 10_000 });
  const analytics = page.getByRole('region', { name: 'Analytics', exact: true });
  await analytics.getByText('Show as table', { exact: true }).first().click();
  const breakdowns = page.getByRole('region', { name: 'Breakdowns', exact: true });
  const timelineButton = breakdowns.getByRole('button', { name: /^Timeline of / }).first();
  const user = (await timelineButton.getAttribute('aria-label')).replace(/^Timeline of /, '');
  await timelineButton.click();
  await page.getByRole('region', { name: `Timeline: ${user}`, exact: true }).waitFor({ state: 'visible', timeout: 10_000 });
  const locations = page.getByRole('region', { name: 'New locations', exact: true });
  await locations.getByRole('group').first().locator('summary').click();
  await ui.section('inspector').getByText('Request inspector', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Reveal secret values' }).waitFor({ state: 'visible' });
  for (const { label } of SECTIONS) {
    await ui.link(label).click();
    await assertNoSeriousViolations(t, page, `section ${label}, parts opened`);
  }
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('the "Sections" navigation: each link jumps to its section and into the URL fragment, marks it current, and Back returns, without re-applying or re-running the query', { timeout: 120_000 }, async (t) => {
  const { page, ui, standIn, problems } = await loadedApp(t);
  assert.deepEqual(await ui.nav.getByRole('link').allTextContents(), SECTIONS.map((s) => s.label), 'the links, in page order');
  assert.deepEqual(await ui.nav.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), SECTIONS.map((s) => `#${s.id}`));
  assert.deepEqual(await ui.current(), ['Query=location'], 'at the top, Query is current');

  // An edit after the run: the URL still holds the run's "All time". Moving between sections
  // must keep the edit (re-applying the URL would put "All time" back) and send nothing.
  await ui.field('Time range').selectOption({ label: 'Last 7 days' });
  const requests = standIn.apiRequests().length;
  const url = new URL(page.url());

  const visited = [];
  for (const { id, label } of [...SECTIONS.slice(1), SECTIONS[0]]) {
    await ui.link(label).click();
    await eventually(async () => (await ui.hash()) === `#${id}`, async () => `#${id} in the URL, got ${await ui.hash()}`);
    await ui.waitForSectionAtTop(id);
    await eventually(async () => JSON.stringify(await ui.current()) === JSON.stringify([`${label}=location`]), async () => `only ${label} current, got ${JSON.stringify(await ui.current())}`);
    visited.push({ id, label });
  }
  const now = new URL(page.url());
  assert.equal(now.search, url.search, 'the query part of the URL is unchanged');

  // Back, three times: Alerts, Request inspector, then Users, each in view again and current.
  for (const { id, label } of [visited.at(-2), visited.at(-3), visited.at(-4)]) {
    await page.goBack();
    await eventually(async () => (await ui.hash()) === `#${id}`, async () => `Back to #${id}, got ${await ui.hash()}`);
    await ui.waitForSectionAtTop(id);
    await eventually(async () => JSON.stringify(await ui.current()) === JSON.stringify([`${label}=location`]), async () => `${label} current after Back, got ${JSON.stringify(await ui.current())}`);
  }
  assert.equal(await ui.field('Time range').evaluate((s) => s.selectedOptions[0].textContent), 'Last 7 days', 'the edit made after the run is kept');
  assert.equal(standIn.apiRequests().length, requests, 'no request was sent by moving between sections');
  assert.match(await ui.status().textContent(), new RegExp(`^Loaded ${RECORDS} of ${RECORDS} records`), 'the loaded records stay');

  // A run of another query keeps the section in the URL.
  assert.ok(url.search.includes('preset=all'), `the run's URL holds its time range: ${url.search}`);
  await ui.field('Time range').selectOption({ label: 'Last 30 days' });
  await ui.button('Run query').click();
  await eventually(async () => (await ui.hash()) === '#users' && new URL(page.url()).search.includes('preset=30d'), async () => `the new run's URL (preset=30d) keeps #users, got ${page.url()}`);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('a deep link (#analytics) opens scrolled to Analytics, marked current', { timeout: 60_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 100 });
  const { page, problems } = await openRecordingPage(browser, { contextOptions: { viewport: { width: 1280, height: 800 } } });
  t.after(() => page.context().close());
  const ui = ui_(page);
  await page.goto(`${standIn.url}#analytics`);
  await eventually(() => ui.button('Fetch all').isVisible(), 'the app to mount');
  await ui.waitForSectionAtTop('analytics');
  assert.equal(await ui.inView(page.getByRole('heading', { name: 'Analytics', exact: true, level: 2 })), true, 'the Analytics heading is in view, not under the bar');
  await eventually(async () => JSON.stringify(await ui.current()) === '["Analytics=location"]', async () => `Analytics current, got ${JSON.stringify(await ui.current())}`);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('the run controls and the status line stay in view in Records and Analytics', { timeout: 90_000 }, async (t) => {
  const { ui, problems } = await loadedApp(t);
  for (const { id, label } of SECTIONS.slice(1, 3)) {
    await ui.link(label).click();
    await ui.waitForSectionAtTop(id);
    for (const name of RUN_CONTROLS) {
      assert.equal(await ui.button(name).count(), 1, `one "${name}" button`);
      assert.equal(await ui.inView(ui.button(name)), true, `"${name}" in view in ${label}`);
    }
    assert.equal(await ui.inView(ui.status()), true, `the status line in view in ${label}`);
    // Scrolled further into the section, the bar stays.
    await ui.page.evaluate(() => scrollBy(0, 1500));
    await eventually(async () => (await ui.sectionPlace(id)).top < (await ui.barBottom()) - 1000, `scrolled into ${label}`);
    for (const name of RUN_CONTROLS) assert.equal(await ui.inView(ui.button(name)), true, `"${name}" in view deeper in ${label}`);
    assert.equal(await ui.inView(ui.status()), true, `the status line in view deeper in ${label}`);
  }
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

test('long lists show 20 items and "Show more" adds 20: the breakdown by user and the new locations', { timeout: 90_000 }, async (t) => {
  const { page, ui, problems } = await loadedApp(t);

  const breakdowns = page.getByRole('region', { name: 'Breakdowns', exact: true });
  const groupRows = () => breakdowns.getByRole('table', { name: 'Breakdown', exact: true }).getByRole('rowheader').count();
  const groupCount = Number(/^(\d+) groups;/.exec(await breakdowns.getByText(/^\d+ groups; /).textContent())[1]);
  assert.ok(groupCount > STEP, `more than ${STEP} users in ${RECORDS} records, got ${groupCount}`);
  assert.equal(await groupRows(), STEP, `the first ${STEP} groups`);
  assert.equal(await breakdowns.getByText(`Showing ${STEP} of ${groupCount} groups.`).count(), 1);
  await breakdowns.getByRole('button', { name: 'Show more', exact: true }).click();
  await eventually(async () => (await groupRows()) === Math.min(2 * STEP, groupCount), 'Show more adds 20 groups');
  const presses = await showAll(breakdowns);
  assert.equal(presses, Math.max(0, Math.ceil(groupCount / STEP) - 2), 'one press per further 20');
  assert.equal(await groupRows(), groupCount, 'every group after enough presses');
  // Another dimension starts at 20 again.
  await ui.field('Break down by').selectOption({ label: 'Computer' });
  await eventually(async () => (await groupRows()) === STEP, `${STEP} computers`);

  const locations = page.getByRole('region', { name: 'New locations', exact: true });
  const users = Number(/by (\d+) users\.$/.exec(await locations.getByText(/logins from a new location, by \d+ users\.$/).textContent())[1]);
  assert.ok(users > STEP, `more than ${STEP} users with new locations, got ${users}`);
  assert.equal(await locations.getByRole('group').count(), STEP, `the first ${STEP} users`);
  await locations.getByRole('button', { name: 'Show more', exact: true }).click();
  await eventually(async () => (await locations.getByRole('group').count()) === Math.min(2 * STEP, users), 'Show more adds 20 users');
  await showAll(locations);
  assert.equal(await locations.getByRole('group').count(), users, 'every user after enough presses');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
