// Logon phases in Chinese (issue 15 for issue 16's views): with records loaded, the language
// select switches to 简体中文; the record detail's 登录阶段 (阶段, 时长, 结果) and the 登录阶段分析
// region (分析登录阶段, 分析的登录数, 取消登录阶段分析, 继续登录阶段分析, the status "已分析 N / M 次登录") are used by their
// Chinese accessible names and hold no untranslated English word (the API's own words, user
// names, codes and messages are in translate="no"), and the records table's 最慢阶段 column
// reads a Chinese phase name or 未分析; switching back restores the English names
// and keeps what was loaded and analyzed, with no request sent again.
//
// The chart's "Show as table" is the shared chart renderer's (components/chart.rs, translated
// with the analytics): this file scans the analysis's own parts and the chart's caption and
// marks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';
import { waitForRowCount } from './support/row-count.mjs';
import { untranslatedWords } from './support/untranslated.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const ZH_PHASES = ['登录', '预连接', '正式连接', '主认证', '辅助认证', '点击应用/桌面'];

test('logon phases in Chinese: the detail and the analysis by their Chinese names, no English left, and back', async (t) => {
  const standIn = await startStandIn({ t, records: 150 });
  const { page, problems } = await openRecordingPage(browser);
  t.after(() => page.context().close());
  let stagesRequests = 0;
  page.on('request', (r) => { if (r.url().includes('/access-stages')) stagesRequests += 1; });
  await page.goto(standIn.url);
  await eventually(async () => (await page.getByLabel('Project ID', { exact: true }).inputValue()) !== '', '"Project ID" prefilled');
  await page.getByLabel('Time range', { exact: true }).selectOption({ label: 'All time' });
  await page.getByRole('button', { name: 'Fetch all', exact: true }).click();
  await waitForRowCount(page, 150, 150);

  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('table').first().locator('[role="row"][aria-rowindex="2"]').click();
  const detail = page.getByRole('region', { name: '登录阶段', exact: true });
  const table = detail.getByRole('table');
  await table.waitFor({ state: 'visible', timeout: 15_000 });
  assert.deepEqual(await table.getByRole('columnheader').allInnerTexts(), ['阶段', '时长', '结果']);
  const phases = await table.locator('tbody tr td:first-child').allInnerTexts();
  assert.ok(phases.length > 0 && phases.every((p) => ZH_PHASES.includes(p)), JSON.stringify(phases));
  assert.equal(await detail.getByRole('list', { name: '登录阶段瀑布图', exact: true }).getByRole('img').count(), phases.length);
  assert.deepEqual(await untranslatedWords(page, '.logon-phases'), []);

  const analysis = page.getByRole('region', { name: '登录阶段分析', exact: true });
  await analysis.getByLabel('分析的登录数', { exact: true }).fill('6');
  await analysis.getByRole('button', { name: '分析登录阶段', exact: true }).click();
  await eventually(async () => (await analysis.getByRole('status').innerText()).includes('已分析 6 / 6 次登录'), 'the analysis in Chinese', 30_000);
  assert.equal(await analysis.getByRole('button', { name: '取消登录阶段分析', exact: true }).count(), 1);
  assert.equal(await analysis.getByRole('button', { name: '继续登录阶段分析', exact: true }).count(), 1);
  assert.equal(await analysis.getByRole('group', { name: /各阶段时长/ }).count(), 1, 'the chart, named in Chinese');
  assert.ok((await analysis.getByRole('button', { name: /^显示登录/ }).count()) > 0, 'a phase filter button in Chinese');
  assert.deepEqual(await untranslatedWords(page, '.phase-analysis > :not(.chart), .phase-analysis .chart figcaption, .phase-analysis .chart svg'), []);
  // The records table's 最慢阶段 column (shown by the analysis): a Chinese phase name, 无阶段, or 未分析.
  const slowestColumn = async () => {
    const grid = page.getByRole('table', { name: /^(登录记录|Login records)$/ });
    const names = await grid.getByRole('columnheader').evaluateAll((cells) => cells.map((cell) => {
      const copy = cell.cloneNode(true);
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return copy.textContent.trim();
    }));
    return { names, cells: (at) => grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])').evaluateAll((rows, i) => rows
      .map((row) => [...row.children].filter((c) => c.getAttribute('role') === 'cell')[i]?.textContent.trim()), at) };
  };
  const zh = await eventually(async () => { const c = await slowestColumn(); return c.names.includes('最慢阶段') && c; }, 'a 最慢阶段 column');
  const zhCells = await zh.cells(zh.names.indexOf('最慢阶段'));
  assert.ok(zhCells.every((c) => ZH_PHASES.includes(c) || c === '无阶段' || c === '未分析'), JSON.stringify(zhCells));
  assert.ok(zhCells.includes('未分析') && zhCells.some((c) => ZH_PHASES.includes(c)), JSON.stringify(zhCells));

  // Back to English: the English names, the same answers, nothing asked again.
  const sent = stagesRequests;
  await page.getByLabel('语言', { exact: true }).selectOption('en');
  const english = page.getByRole('region', { name: 'Logon phases', exact: true });
  assert.deepEqual(await english.getByRole('table').getByRole('columnheader').allInnerTexts(), ['Phase', 'Duration', 'Result']);
  const enAnalysis = page.getByRole('region', { name: 'Logon phase analysis', exact: true });
  assert.equal(await enAnalysis.getByRole('button', { name: 'Analyze logon phases', exact: true }).count(), 1);
  assert.ok((await enAnalysis.getByRole('status').innerText()).includes('6 of 6 logins analyzed'));
  const en = await eventually(async () => { const c = await slowestColumn(); return c.names.includes('Slowest phase') && c; }, 'a "Slowest phase" column');
  const enCells = await en.cells(en.names.indexOf('Slowest phase'));
  assert.equal(enCells.filter((c) => c === 'not analyzed').length, zhCells.filter((c) => c === '未分析').length, JSON.stringify(enCells));
  assert.equal(stagesRequests, sent, 'switching the language sent no request');
  assert.deepEqual(problems, []);
});
