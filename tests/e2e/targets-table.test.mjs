// Issue 17 (several projects and regions in one view), the table and analytics half, in a real
// browser: a JSON export of three projects in two regions (the same transaction_id in each
// project) is imported with no network, and the merged records are checked as an administrator
// compares them: every record is a row (no dedupe across projects), the Region and Project
// columns appear by themselves with the records' values, the breakdown by region counts each
// region's logins (counted here from the file), the RTT-over-time chart draws one line per
// project named in its legend, the CSV export carries the two columns. In Chinese, the same
// parts are used by their Chinese names (a click on a region's row filters the table) and hold
// no English word but the allowed ones and records' values; back in English the English names
// return and the filter stays.
//
// The file is built here, by hand, rather than fetched: the fetch of several targets is the
// runner's (tested with the stand-in there); what is tested here is what the table and the
// analytics make of records that carry their origin, which an import gives exactly.
//
// Elements are found by role and accessible name, as in table.test.mjs and
// i18n-analytics.test.mjs (the <summary> of a <details> by its text: it has no ARIA role).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { DIST } from './support/stand-in.mjs';
import { serveStatic } from './support/static-server.mjs';
import { eventually } from './support/wait.mjs';
import { waitForRowCount } from './support/row-count.mjs';
import { untranslatedWords } from './support/untranslated.mjs';

let browser;
let staticServer;
before(async () => {
  browser = await launchBrowser();
  staticServer = await serveStatic(DIST);
});
after(async () => {
  await browser?.close();
  await staticServer?.close();
});

/** Three projects in two regions; each numbers its logins from tx-0, so the first 70
 * transaction IDs are in all three projects. */
const TARGETS = [
  { region: 'cn-north-4', project: 'beijing-prod', count: 160, rtt: 40 },
  { region: 'cn-north-4', project: 'beijing-dev', count: 90, rtt: 90 },
  { region: 'cn-east-3', project: 'shanghai', count: 70, rtt: 150 },
];

/** The records of the export, in the API's shape plus "region" and "project". */
function records() {
  const out = [];
  const day = Date.UTC(2024, 2, 1);
  for (const target of TARGETS) {
    for (let i = 0; i < target.count; i += 1) {
      const start = new Date(day + i * 7 * 60_000 + (i % 5) * 1000);
      out.push({
        user_name: `user${i % 9}`,
        computer_name: `desk-${target.project}-${i % 4}`,
        terminal_type: i % 3 ? 'Windows' : 'Mac',
        connection_start_time: start.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        network_rtt: target.rtt + (i % 11),
        e2e_rtt: target.rtt + 20 + (i % 13),
        connection_failure_reason: i % 10 === 3 ? 'timeout' : undefined,
        transaction_id: `tx-${i}`,
        region: target.region,
        project: target.project,
      });
    }
  }
  return out;
}

const countBy = (list, key) => list.reduce((m, r) => m.set(r[key], (m.get(r[key]) ?? 0) + 1), new Map());

/** Readers of the table, the breakdowns and the charts, by the names of either language. */
function ui_(page, lang) {
  const L = lang === 'en'
    ? { table: 'Login records', breakdown: 'Breakdown', by: 'Break down by', region: 'Region', toggle: 'Show as table' }
    : { table: '登录记录', breakdown: '分组统计表', by: '分组依据', region: '区域', toggle: '以表格显示' };
  const table = page.getByRole('table', { name: L.table, exact: true });
  const ui = {
    table,
    headers: () => table.getByRole('columnheader').evaluateAll((cells) => cells.map((cell) => {
      const copy = cell.cloneNode(true);
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return copy.textContent.trim();
    })),
    rows: () => table.getByRole('row').evaluateAll((rows) => rows
      .map((row) => ({
        index: Number(row.getAttribute('aria-rowindex')),
        cells: [...row.children].filter((c) => c.getAttribute('role') === 'cell').map((c) => c.textContent),
      }))
      .filter((row) => row.index > 1)
      .sort((a, b) => a.index - b.index)),
    async breakDownByRegion() {
      await page.getByLabel(L.by, { exact: true }).selectOption({ label: L.region });
    },
    /** `{ group: logins }` of the breakdown table. */
    breakdown: () => page.getByRole('table', { name: L.breakdown, exact: true }).getByRole('row').evaluateAll((rows) => Object.fromEntries(rows
      .filter((r) => r.querySelector('th[scope="row"]'))
      .map((r) => [r.querySelector('th').textContent, Number(r.querySelector('td').textContent)]))),
    breakdownRow: (group) => page.getByRole('table', { name: L.breakdown, exact: true }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: group, exact: true }) }),
    chart: (title) => page.getByRole('figure').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) }),
    legend: (title) => ui.chart(title).getByRole('listitem').allTextContents(),
    async chartHeaders(title) {
      const figure = ui.chart(title);
      const details = figure.getByRole('group').filter({ has: page.getByText(L.toggle, { exact: true }) });
      if (!(await details.evaluate((d) => d.open))) await figure.getByText(L.toggle, { exact: true }).click();
      return figure.getByRole('table').evaluate((t) => [...t.tHead.rows[0].cells].map((c) => c.textContent));
    },
  };
  return ui;
}

/** RFC 4180 CSV → rows of fields (the app quotes fields holding , " CR or LF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; } else field += c;
  }
  return rows;
}

test('records of three projects in two regions: one row each, Region and Project columns, a breakdown by region, a line per project, both columns in the CSV; in Chinese too', { timeout: 120_000 }, async (t) => {
  const data = records();
  const total = data.length;
  const byRegion = countBy(data, 'region');
  const byProject = countBy(data, 'project');
  assert.equal(byProject.size, 3);
  assert.ok(data.filter((r) => r.transaction_id === 'tx-5').length === 3, 'the same transaction_id in three projects');

  const { page, problems } = await openRecordingPage(browser, { contextOptions: { timezoneId: 'UTC' } });
  t.after(() => page.context().close());
  await page.goto(staticServer.url);
  const en = ui_(page, 'en');
  await eventually(async () => (await en.headers()).length > 0, 'the table\'s header row (the app mounted)');
  const before = await en.headers();
  assert.ok(!before.includes('Region') && !before.includes('Project'), `no origin columns before: ${before}`);
  await page.getByLabel('Import JSON file').setInputFiles({ name: 'three-projects.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ total_count: total, records: data })) });

  // Every record is a row: a transaction ID is unique within a project, not across.
  await waitForRowCount(page, total, total);

  // The two columns appear by themselves, first, with each record's region and project.
  const headers = await en.headers();
  assert.deepEqual(headers.slice(0, 2), ['Region', 'Project'], `Region and Project first: ${headers}`);
  const rows = await en.rows();
  assert.ok(rows.length >= 10, 'rows rendered');
  for (const row of rows) {
    const record = data[row.index - 2];
    assert.deepEqual(row.cells.slice(0, 2), [record.region, record.project], `row ${row.index}: its region and project`);
  }

  // The breakdown by region (offered because there are two), with each region's logins.
  await en.breakDownByRegion();
  await eventually(async () => JSON.stringify(await en.breakdown()) === JSON.stringify(Object.fromEntries(byRegion)), async () => `per-region logins ${JSON.stringify(Object.fromEntries(byRegion))}, got ${JSON.stringify(await en.breakdown())}`);

  // RTT over time: one line per project, named in the legend and in the table's header.
  const lines = 'Network RTT p95 over time, by project';
  await eventually(async () => (await en.chart(lines).count()) === 1, `the chart "${lines}"`);
  const projects = [...byProject.keys()].sort();
  assert.deepEqual(await en.legend(lines), projects, 'the legend names each project');
  assert.deepEqual(await en.chartHeaders(lines), ['Time', ...projects], 'the table has a column per project');

  // The CSV export: Region and Project columns with every record's values.
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByRole('button', { name: 'Export all rows (CSV)', exact: true }).click()]);
  const csv = parseCsv((await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, ''));
  assert.deepEqual(csv[0].slice(0, 2), ['Region', 'Project']);
  assert.equal(csv.length, total + 1);
  assert.deepEqual(csv.slice(1).map((r) => `${r[0]}/${r[1]}`), data.map((r) => `${r.region}/${r.project}`), 'each row\'s region and project');

  // In Chinese: the same parts by their Chinese names, and no English word left in them.
  await page.getByLabel('Language').selectOption('zh-CN');
  const zh = ui_(page, 'zh');
  await zh.table.waitFor({ timeout: 10_000 });
  assert.deepEqual((await zh.headers()).slice(0, 2), ['区域', '项目']);
  await zh.breakDownByRegion();
  await eventually(async () => JSON.stringify(await zh.breakdown()) === JSON.stringify(Object.fromEntries(byRegion)), async () => `per-region logins in Chinese, got ${JSON.stringify(await zh.breakdown())}`);
  const zhLines = '网络时延 p95 趋势（按项目）';
  await eventually(async () => (await zh.chart(zhLines).count()) === 1, `the chart "${zhLines}"`);
  assert.deepEqual(await zh.legend(zhLines), projects, 'the legend names each project as sent');
  assert.deepEqual(await zh.chartHeaders(zhLines), ['时间', ...projects]);
  assert.ok(await page.getByRole('checkbox', { name: '每个项目一条线 (p95)', exact: true }).isChecked());
  assert.deepEqual(await untranslatedWords(page, '#records'), [], 'every word of #records is Chinese or allowed');
  assert.deepEqual(await untranslatedWords(page, '#analytics'), [], 'every word of #analytics is Chinese or allowed');

  // A click on a region's row filters the table to its logins.
  const east = byRegion.get('cn-east-3');
  await zh.breakdownRow('cn-east-3').click();
  const zhRowCount = async () => Number(await zh.table.getAttribute('aria-rowcount'));
  await eventually(async () => (await zhRowCount()) === east + 1, async () => `${east} rows of cn-east-3, aria-rowcount ${await zhRowCount()}`);
  for (const row of await zh.rows()) assert.equal(row.cells[0], 'cn-east-3');

  // Back in English: the English names, the filter kept.
  await page.getByLabel('语言').selectOption('en');
  await en.table.waitFor({ timeout: 10_000 });
  assert.deepEqual((await en.headers()).slice(0, 2), ['Region', 'Project']);
  await waitForRowCount(page, east, total);
  assert.equal(await page.getByLabel('Break down by', { exact: true }).inputValue(), await page.getByLabel('Break down by', { exact: true }).locator('option', { hasText: 'Region' }).getAttribute('value'), 'the breakdown is still by region');
  assert.deepEqual(problems, [], 'no console errors or failed loads');
});
