// Several projects and regions fetched together (issue 17) in a real browser, through the real
// proxy and a stand-in that serves three projects of different sizes: the targets form, one
// Fetch all over every target, per-target progress and errors, and Resume per target.
//
// Elements are found by role and accessible name: groups "Target 1", "Target 2", ... holding
// "Region", "Endpoint", "Project ID" and "Label"; buttons "Add target", "Remove target",
// "Fetch all", "Cancel", "Resume"; the status "Loaded N of M records" for the sum.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { DEMO, startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';
import { waitForRowCount } from './support/row-count.mjs';
import { untranslatedWords } from './support/untranslated.mjs';

/** Three projects in three regions: 3,000, 5,000 and 20,000 records. */
const PROJECTS = [
  { id: DEMO.projectId, records: 3000, region: 'cn-north-4' },
  { id: 'aa11bb22cc33dd44ee55ff6600778899', records: 5000, region: 'cn-east-3' },
  { id: 'bb22cc33dd44ee55ff66007788990011', records: 20000, region: 'ap-southeast-1' },
];
const TOTAL = PROJECTS.reduce((sum, p) => sum + p.records, 0);
/** A project the stand-in does not serve: it answers 403 APIGW.0302, as the gateway does. */
const UNKNOWN_PROJECT = 'cc33dd44ee55ff660077889900112233';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

function startThreeProjects(t, extra = {}) {
  return startStandIn({
    t,
    extraArgs: PROJECTS.flatMap((p) => ['--project-id', `${p.id}:${p.records}`]),
    ...extra,
  });
}

/** Opens the app, waits for the prefill, picks "All time". */
async function openApp(t, standIn) {
  const { page, problems } = await openRecordingPage(browser, {
    expectedFailedLoads: ['/app-config.json', '/connections/desktops'],
  });
  t.after(() => page.context().close());
  await page.goto(standIn.url);
  const field = (label) => page.getByLabel(label, { exact: true });
  await eventually(async () => (await field('Project ID').inputValue()) !== '', '"Project ID" to be prefilled');
  await field('Time range').selectOption({ label: 'All time' });
  const button = (name) => page.getByRole('button', { name, exact: true });
  const group = (name) => page.getByRole('group', { name, exact: true });
  const status = async () => (await page.getByRole('status').allTextContents()).join(' ');
  const diag = async () => `status: ${await status()}\nalerts: ${JSON.stringify(await page.getByRole('alert').allTextContents())}\n`
    + `page problems: ${JSON.stringify(problems)}\nproxy log:\n${standIn.logLines.slice(-20).join('\n')}`;
  return { page, field, button, group, status, diag };
}

/** Adds targets 2, 3, ... for `projects` (the first target is the prefilled one). */
async function addTargets(app, projects) {
  for (const [i, p] of projects.entries()) {
    await app.button('Add target').click();
    const group = app.group(`Target ${i + 2}`);
    await group.getByLabel('Region', { exact: true }).selectOption(p.region);
    await group.getByLabel('Project ID', { exact: true }).fill(p.id);
  }
}

/** The per-target progress lines. */
async function targetLines(page) {
  return page.getByRole('list', { name: 'Progress by target' }).getByRole('listitem').allTextContents();
}

test('one target looks as it always has; Add and Remove target make and unmake groups', async (t) => {
  const standIn = await startThreeProjects(t);
  const app = await openApp(t, standIn);
  // One target: no group, the usual names, no label field.
  assert.equal(await app.page.getByRole('group', { name: /^Target/ }).count(), 0);
  assert.equal(await app.field('Label').count(), 0);
  assert.equal(await app.field('Region').inputValue(), 'cn-north-4');

  await app.field('Region').selectOption('cn-east-3');
  await app.button('Add target').click();
  // Two groups, the second prefilled with the first's region.
  await app.group('Target 1').waitFor();
  const second = app.group('Target 2');
  assert.equal(await second.getByLabel('Region', { exact: true }).inputValue(), 'cn-east-3');
  assert.match(await second.getByLabel('Endpoint', { exact: true }).inputValue(), /cn-east-3/);
  // A label names the group.
  await second.getByLabel('Label', { exact: true }).fill('Shanghai');
  const shanghai = app.group('Shanghai');
  await shanghai.waitFor();
  // The share link carries the list (never a credential).
  await shanghai.getByLabel('Project ID', { exact: true }).fill(PROJECTS[1].id);
  await app.button('Fetch all').click();
  await eventually(async () => /Loaded \d+ of \d+ records/.test(await app.status()), app.diag);
  const url = new URL(app.page.url());
  assert.equal(url.searchParams.get('project2'), PROJECTS[1].id);
  assert.equal(url.searchParams.get('label2'), 'Shanghai');
  assert.equal(url.searchParams.get('region2'), 'cn-east-3');
  assert.ok(!url.search.includes(DEMO.sk), 'no secret in the URL');

  // In Chinese: the groups, their fields and buttons, and the per-target progress.
  await shanghai.getByLabel('Use other credentials for this target', { exact: true }).check();
  await shanghai.getByLabel('Access key ID', { exact: true }).waitFor();
  await app.page.getByLabel('Language').selectOption('zh-CN');
  await app.page.getByRole('group', { name: '目标 1', exact: true }).waitFor();
  await app.page.getByRole('button', { name: '添加目标', exact: true }).waitFor();
  assert.equal(await app.page.getByRole('button', { name: '删除目标', exact: true }).count(), 2);
  assert.deepEqual(await untranslatedWords(app.page, '#query'), []);
  assert.deepEqual(await untranslatedWords(app.page, '.run-panel'), []);
  await app.page.getByLabel('语言').selectOption('en');
  await app.group('Target 1').waitFor();

  // Removing the first target moves the second up: one target again, no group.
  await app.group('Target 1').getByRole('button', { name: 'Remove target', exact: true }).click();
  assert.equal(await app.page.getByRole('group', { name: /^Target|Shanghai/ }).count(), 0);
  assert.equal(await app.field('Project ID').inputValue(), PROJECTS[1].id);
  assert.equal(await app.field('Region').inputValue(), 'cn-east-3');
});

test('three targets fetched together give exactly 28,000 rows, with per-target progress', async (t) => {
  const standIn = await startThreeProjects(t);
  const app = await openApp(t, standIn);
  await addTargets(app, PROJECTS.slice(1));
  await app.button('Fetch all').click();
  await eventually(async () => (await app.status()).includes(`Loaded ${TOTAL} of ${TOTAL} records`), app.diag, 60_000);
  await waitForRowCount(app.page, TOTAL, TOTAL, { timeoutMs: 30_000 });
  const lines = await targetLines(app.page);
  assert.equal(lines.length, 3);
  for (const [i, p] of PROJECTS.entries()) {
    assert.match(lines[i], new RegExp(`^Target ${i + 1}: Loaded ${p.records} of ${p.records} records`));
  }
  // The breakdown by region: each region's logins, as each target's total.
  await app.page.getByLabel('Break down by', { exact: true }).selectOption({ label: 'Region' });
  const expected = Object.fromEntries(PROJECTS.map((p) => [p.region, p.records]));
  const breakdown = () => app.page.getByRole('table', { name: 'Breakdown', exact: true }).getByRole('row').evaluateAll((rows) => Object.fromEntries(rows
    .filter((r) => r.querySelector('th[scope="row"]'))
    .map((r) => [r.querySelector('th').textContent, Number(r.querySelector('td').textContent)])));
  await eventually(async () => {
    const got = await breakdown();
    return Object.keys(got).length === 3 && PROJECTS.every((p) => got[p.region] === p.records);
  }, async () => `per-region logins ${JSON.stringify(expected)}, got ${JSON.stringify(await breakdown())}`);
  // Every project was asked for, each through its own region's host.
  const asked = standIn.apiRequests().map((r) => r.target);
  for (const p of PROJECTS) {
    assert.ok(asked.some((target) => target.includes(`workspace.${p.region}.`) && target.includes(`/v2/${p.id}/`)), `${p.id} in ${p.region}`);
  }
});

test('a target that fails shows its error on its own group; the others complete', async (t) => {
  const standIn = await startThreeProjects(t);
  const app = await openApp(t, standIn);
  await addTargets(app, [{ ...PROJECTS[1], id: UNKNOWN_PROJECT }, PROJECTS[2]]);
  await app.button('Fetch all').click();
  const loaded = PROJECTS[0].records + PROJECTS[2].records;
  await waitForRowCount(app.page, loaded, loaded, { timeoutMs: 60_000, more: app.diag });
  const failed = app.group('Target 2').getByRole('alert');
  await failed.waitFor();
  const report = await failed.innerText();
  assert.match(report, /APIGW\.0302/);
  assert.match(report, /403/);
  // Only that group reports; the page's own error panel stays empty.
  assert.equal(await app.page.getByRole('alert').count(), 1);
  const lines = await targetLines(app.page);
  assert.match(lines[0], /Loaded 3000 of 3000 records/);
  assert.match(lines[2], /Loaded 20000 of 20000 records/);
  assert.match(lines[1], /^Target 2: Loaded 0 records/);
});

test('Resume after Cancel completes each target exactly', async (t) => {
  // Slow pages, so that Cancel lands while every target has pages left.
  const standIn = await startThreeProjects(t, { faults: { latencyMs: 150 } });
  const app = await openApp(t, standIn);
  await addTargets(app, PROJECTS.slice(1));
  await app.button('Fetch all').click();
  await eventually(async () => {
    const lines = await targetLines(app.page);
    return lines.length === 3 && lines.every((l) => /Loaded [1-9]\d* of/.test(l));
  }, async () => `every target to have a page\n${await app.diag()}`, 30_000);
  await app.button('Cancel').click();
  await eventually(async () => !(await app.button('Resume').isDisabled()), app.diag);
  const cancelled = await app.status();
  assert.doesNotMatch(cancelled, new RegExp(`Loaded ${TOTAL} of ${TOTAL}`));
  await app.button('Resume').click();
  await eventually(async () => (await app.status()).includes(`Loaded ${TOTAL} of ${TOTAL} records`), app.diag, 90_000);
  await waitForRowCount(app.page, TOTAL, TOTAL, { timeoutMs: 30_000 });
  const lines = await targetLines(app.page);
  for (const [i, p] of PROJECTS.entries()) {
    assert.match(lines[i], new RegExp(`Loaded ${p.records} of ${p.records} records`));
    assert.match(lines[i], new RegExp(`All ${p.records.toLocaleString('en-US')} records loaded`));
  }
});
