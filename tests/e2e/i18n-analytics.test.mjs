// Issue 15 for the analytics and users sections, in a real browser: records fetched from the
// stand-in in English, then the language switched to Chinese with the select labelled
// "Language". The KPIs, charts (titles, summaries, axes, value marks, "Show as table" tables)
// and breakdowns read Chinese, are used by their Chinese accessible names (a chart's table
// opened by "以表格显示", a breakdown row clicked still filters everything, a user's timeline
// opened by "<user> 的时间线"), and no English word is left in #analytics or #users except the
// allowed ones and records' values (translate="no"). Switching back restores every English
// name, keeps what was chosen and filtered, and fetches nothing: the charts are laid out again
// from the statistics already computed.
//
// Elements are found by role and accessible name, as in analytics.test.mjs (the <summary> of a
// <details> by its text: it has no ARIA role).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';
import { waitForRowCount } from './support/row-count.mjs';
import { untranslatedWords } from './support/untranslated.mjs';

const RECORDS = 2000;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const ZH_KPIS = ['登录次数', '用户数', '桌面数', '失败率', '重连率', '网络时延 p50', '网络时延 p95', '端到端时延 p50', '端到端时延 p95', '建立连接耗时中位数', '会话时长中位数'];
const EN_KPIS = ['Logins', 'Unique users', 'Unique desktops', 'Failure rate', 'Reconnect rate', 'Network RTT p50', 'Network RTT p95', 'E2E RTT p50', 'E2E RTT p95', 'Median setup time', 'Median session'];
const ZH_CHARTS = ['网络时延', '端到端时延', '网络时延趋势', '登录趋势', '按星期和时段的登录次数', '并发会话', '连接失败原因', 'p95 网络时延最高的 20 个用户'];
const EN_CHARTS = ['Network RTT', 'E2E RTT', 'Network RTT over time', 'Logins over time', 'Logins by weekday and hour', 'Concurrent sessions', 'Failure reasons', 'Top 20 users by p95 network RTT'];

/** Readers of the analytics, by the names of the current language. */
function ui_(page) {
  const ui = {
    region: (name) => page.getByRole('region', { name, exact: true }),
    /** The KPI strip of the region `name`: `{ label: value }` without the change note. */
    kpis: (name) => ui.region(name).getByRole('term').evaluateAll((terms) => Object.fromEntries(terms.map((dt) => {
      const own = [...dt.nextElementSibling.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
      return [dt.textContent.trim(), own.trim()];
    }))),
    titles: () => page.getByRole('figure').getByRole('heading', { level: 3 }).allTextContents(),
    chart: (title) => page.getByRole('figure').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) }),
    plot: (title) => ui.chart(title).getByRole('group', { name: `${title} ` }),
    summary: (title) => ui.chart(title).getByRole('paragraph').first().textContent(),
    /** The chart's table, opened by its toggle `toggle` ("Show as table" in the language). */
    async chartTable(title, toggle) {
      const figure = ui.chart(title);
      const details = figure.getByRole('group').filter({ has: page.getByText(toggle, { exact: true }) });
      if (!(await details.evaluate((d) => d.open))) await figure.getByText(toggle, { exact: true }).click();
      return figure.getByRole('table').evaluate((t) => ({
        headers: [...t.tHead.rows[0].cells].map((c) => c.textContent),
        rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
      }));
    },
    /** aria-labels of the chart's marks of `role`. */
    marks: (title, role) => ui.plot(title).getByRole(role).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    breakdownRows: (tableName) => page.getByRole('table', { name: tableName, exact: true }).getByRole('row').evaluateAll((rows) => rows
      .filter((r) => r.querySelector('th[scope="row"]'))
      .map((r) => ({ group: r.querySelector('th').textContent, cells: [...r.querySelectorAll('td')].map((c) => c.textContent) }))),
  };
  return ui;
}

async function waitForKpi(ui, region, label, value) {
  await eventually(async () => (await ui.kpis(region))[label] === value, async () => `KPI "${label}" = ${value}, got ${JSON.stringify(await ui.kpis(region))}`);
}

test('in Chinese the analytics and users read Chinese and work by their Chinese names; English comes back without a refetch', { timeout: 120_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: RECORDS, seed: 21 });
  const { page, problems } = await openRecordingPage(browser, { contextOptions: { timezoneId: 'UTC' } });
  t.after(() => page.context().close());
  const ui = ui_(page);
  await page.goto(standIn.url);
  await eventually(() => page.getByRole('button', { name: 'Fetch all', exact: true }).isVisible(), 'the app to mount');
  await eventually(async () => (await page.getByLabel('Project ID', { exact: true }).inputValue()) !== '', '"Project ID" to be prefilled');
  await page.getByLabel('Time range', { exact: true }).selectOption({ label: 'All time' });
  await page.getByRole('button', { name: 'Fetch all', exact: true }).click();
  await waitForRowCount(page, RECORDS, RECORDS, { timeoutMs: 30_000 });
  await waitForKpi(ui, 'Analytics', 'Logins', String(RECORDS));
  const english = {
    kpis: await ui.kpis('Analytics'),
    histogram: await ui.chartTable('Network RTT', 'Show as table'),
    heatmap: await ui.chartTable('Logins by weekday and hour', 'Show as table'),
  };
  const requests = standIn.apiRequests().length;
  assert.ok(requests >= 1, 'the records came from the stand-in');

  await page.getByLabel('Language').selectOption('zh-CN');

  // The KPI strip: Chinese names, the same values (a duration in Chinese units).
  await eventually(async () => ui.region('分析').isVisible(), 'the region "分析"');
  const kpis = await ui.kpis('分析');
  assert.deepEqual(Object.keys(kpis), ZH_KPIS, 'the KPI names in Chinese, in order');
  ZH_KPIS.forEach((name, i) => {
    if (i < 9) assert.equal(kpis[name], english.kpis[EN_KPIS[i]], `KPI ${name} shows what ${EN_KPIS[i]} showed`);
  });
  for (const name of ['建立连接耗时中位数', '会话时长中位数']) {
    assert.match(kpis[name], /^(–|\d+秒|\d+分\d\d秒|\d+小时\d\d分|\d+天\d+小时)$/, `${name} is a Chinese duration`);
  }

  // Charts: every title in Chinese, each plot named by its Chinese title and summary.
  assert.deepEqual(await ui.titles(), ZH_CHARTS, 'the chart titles in Chinese');
  for (const title of ZH_CHARTS) {
    const summary = (await ui.summary(title)).trim();
    assert.match(summary, /[\u4e00-\u9fff]/, `"${title}" has a Chinese summary: ${summary}`);
    assert.equal(await ui.chart(title).getByRole('group', { name: `${title} ${summary}`, exact: true }).count(), 1, `the plot of "${title}" is named by title and summary`);
  }
  // A chart's table, by its Chinese toggle: Chinese headers, the same numbers.
  const histogram = await ui.chartTable('网络时延', '以表格显示');
  assert.deepEqual(histogram.headers, ['网络时延 (ms)', '登录次数']);
  assert.deepEqual(histogram.rows, english.histogram.rows, 'the same bins and counts as in English');
  const bars = await ui.marks('网络时延', 'button');
  assert.equal(bars.length, histogram.rows.length);
  bars.forEach((label, i) => assert.equal(label, `${histogram.rows[i][0]}：${histogram.rows[i][1]} 次登录`, 'a bar is labelled with its exact count in Chinese'));
  // The heatmap: weekdays in Chinese, in the table and in every cell's label.
  const heat = await ui.chartTable('按星期和时段的登录次数', '以表格显示');
  assert.equal(heat.headers[0], '星期');
  assert.deepEqual(heat.rows.map((r) => r[0]), ['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
  assert.deepEqual(heat.rows.map((r) => r.slice(1)), english.heatmap.rows.map((r) => r.slice(1)), 'the same counts');
  const cells = await ui.marks('按星期和时段的登录次数', 'img');
  assert.equal(cells.length, 7 * 24);
  assert.ok(cells.every((l) => /^周[一二三四五六日] \d\d:00–\d\d:59：\d+ 次登录$/.test(l)), `cells labelled "周一 09:00–09:59：N 次登录": ${cells.slice(0, 2)}`);
  // The E2E RTT toggle by its Chinese name.
  await page.getByLabel('时延趋势：显示端到端时延，而非网络时延', { exact: true }).check();
  await eventually(async () => (await ui.titles()).includes('端到端时延趋势'), 'the E2E RTT over time chart');
  const top = await ui.marks('p95 网络时延最高的 20 个用户', 'button');
  assert.ok(top.length >= 1 && top.every((l) => /^.+：\d+ ms（\d+ 次登录）$/.test(l)), `top users labelled "user：N ms（M 次登录）": ${top.slice(0, 2)}`);

  // Breakdowns: by terminal type, chosen by its Chinese name; a row's click filters everything.
  await eventually(async () => ui.region('分组统计').isVisible(), 'the region "分组统计"');
  await page.getByLabel('分组依据', { exact: true }).selectOption({ label: '终端系统类型' });
  const headers = await page.getByRole('table', { name: '分组统计表', exact: true }).getByRole('columnheader').allTextContents();
  assert.deepEqual(headers.slice(0, 8), ['分组', '登录次数', '失败率 %', '重连率 %', '网络时延 p50', '网络时延 p95', '端到端时延 p50', '端到端时延 p95']);
  const groups = await eventually(async () => {
    const rows = await ui.breakdownRows('分组统计表');
    return rows.length >= 2 && !rows.some((r) => r.cells[0] === String(RECORDS)) && rows;
  }, 'breakdown rows by terminal type');
  const group = groups.find((g) => g.group !== '（无值）' && Number(g.cells[0]) >= 5);
  assert.ok(group, `a terminal type with at least 5 logins: ${JSON.stringify(groups)}`);
  await page.getByRole('table', { name: '分组统计表', exact: true }).getByRole('rowheader', { name: group.group, exact: true }).click();
  await waitForKpi(ui, '分析', '登录次数', group.cells[0]);
  await eventually(async () => (await ui.breakdownRows('分组统计表')).length === 1, 'the breakdown to show only the clicked group');

  // Users: a timeline opened by its Chinese name, the new locations listed.
  await page.getByLabel('分组依据', { exact: true }).selectOption({ label: '用户名' });
  const timelineButton = page.getByRole('table', { name: '分组统计表', exact: true }).getByRole('button', { name: / 的时间线$/ }).first();
  const user = (await timelineButton.getAttribute('aria-label')).replace(/ 的时间线$/, '');
  await timelineButton.click();
  const timeline = ui.region(`时间线：${user}`);
  await timeline.waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await timeline.getByRole('button', { name: '关闭时间线', exact: true }).count(), 1);
  const sessions = await ui.chartTable(`${user} 的会话`, '以表格显示');
  assert.deepEqual(sessions.headers, ['开始', '结束', '时延质量']);
  const locations = ui.region('新位置');
  await eventually(async () => /\d+ 个用户共有 \d+ 次从新位置登录。/.test(await locations.innerText()), async () => `the new-locations sentence in Chinese, got ${JSON.stringify((await locations.innerText()).slice(0, 200))}`);
  const entry = locations.getByRole('group').first();
  await entry.locator('summary').click();
  assert.match(await entry.getByRole('listitem').first().textContent(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d：新的(客户端出口IP|终端MAC地址) /);
  assert.equal(await locations.getByRole('button', { name: '打开时间线', exact: true }).first().isVisible(), true);
  // A tooltip shown (a bar focused) is scanned too.
  await ui.plot('网络时延').getByRole('button').first().focus();

  assert.deepEqual(await untranslatedWords(page, '#analytics'), [], 'no English word left in the analytics');
  assert.deepEqual(await untranslatedWords(page, '#users'), [], 'no English word left in the users');

  // Back to English: the English names, the same choices and filter, nothing fetched again.
  await page.getByLabel('语言').selectOption('en');
  await eventually(async () => ui.region('Analytics').isVisible(), 'the region "Analytics"');
  assert.deepEqual(Object.keys(await ui.kpis('Analytics')), EN_KPIS);
  assert.equal((await ui.kpis('Analytics')).Logins, group.cells[0], 'the breakdown\'s filter is kept');
  const titles = await ui.titles();
  assert.deepEqual(titles.slice(0, 2), EN_CHARTS.slice(0, 2));
  assert.ok(titles.includes('E2E RTT over time') && titles.includes(`Sessions of ${user}`), `English titles: ${titles}`);
  assert.equal(await page.getByLabel('RTT over time: show E2E RTT instead of network RTT', { exact: true }).isChecked(), true, 'the E2E RTT choice is kept');
  assert.deepEqual((await ui.chartTable('Network RTT', 'Show as table')).headers, ['Network RTT (ms)', 'Logins']);
  assert.equal(await page.getByRole('table', { name: 'Breakdown', exact: true }).count(), 1);
  assert.equal(await page.getByLabel('Break down by', { exact: true }).inputValue(), '0', 'the dimension chosen (User) is kept');
  await ui.region(`Timeline: ${user}`).waitFor({ state: 'visible', timeout: 10_000 });
  assert.equal(await ui.region('New locations').count(), 1);
  // The opened entry stayed open through both switches, now in English.
  const sameEntry = ui.region('New locations').getByRole('group').first();
  assert.equal(await sameEntry.evaluate((d) => d.open), true, 'the opened new-location entry is still open');
  assert.match(await sameEntry.getByRole('listitem').first().textContent(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d: new (public IP|terminal MAC) /);
  assert.equal(standIn.apiRequests().length, requests, 'switching languages fetched nothing');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
