// The records table in Chinese (issue 15): records fetched from the stand-in in English, then
// the language switched to 简体中文. The table, its toolbar, the column filters and chooser, the
// row detail and the CSV export are used by their Chinese accessible names (网络时延 is a sort
// button that sorts; 网络质量 = 良好 and a quick search for 进行中 filter the rows; 记录详情 opens;
// the CSV's header row is Chinese and its rows are the table's), no English word is left in
// #records outside the records' own values (translate="no"), and switching back to English
// keeps the sort, the filters and the open row without a single new request.
//
// Setup as in table.test.mjs: the proxy's stand-in (support/stand-in.mjs) serves dist/ and the
// API; its records are also read directly with the Node signer as the independent answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { DEMO, startStandIn } from './support/stand-in.mjs';
import { standInRecords } from './support/records.mjs';
import { eventually } from './support/wait.mjs';
import { untranslatedWords } from './support/untranslated.mjs';

/** A zone that is not UTC, so local times and the zone's name mean something. */
const ZONE = 'Europe/Berlin';
const RECORDS = 2000;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Readers of the table by its accessible name in either language. */
function ui_(page) {
  const table = page.getByRole('table', { name: /^(Login records|登录记录)$/ });
  const ui = {
    table,
    field: (label) => page.getByLabel(label, { exact: true }),
    button: (name) => page.getByRole('button', { name, exact: true }),
    /** `[[header name, aria-sort or null]]`, without the aria-hidden sort markers. */
    headerCells: () => table.getByRole('columnheader').evaluateAll((cells) => cells.map((cell) => {
      const copy = cell.cloneNode(true);
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return [copy.textContent.trim(), cell.getAttribute('aria-sort')];
    })),
    headers: async () => (await ui.headerCells()).map(([name]) => name),
    sorted: async () => Object.fromEntries((await ui.headerCells()).filter(([, sort]) => sort)),
    rows: () => table.getByRole('row').evaluateAll((rows) => rows
      .map((row) => ({
        index: Number(row.getAttribute('aria-rowindex')),
        cells: [...row.children].filter((c) => c.getAttribute('role') === 'cell').map((c) => c.textContent),
      }))
      .filter((row) => row.index > 1)
      .sort((a, b) => a.index - b.index)),
    topRows: (what = 'the first rows') => eventually(async () => {
      const rows = await ui.rows();
      return rows[0]?.index === 2 && rows.every((r, i) => r.index === i + 2) && rows;
    }, what),
    rowCount: async () => Number(await table.getAttribute('aria-rowcount')),
    /** `{ shown, loaded }` from "N of M rows" or "显示 N / M 行". */
    count: async () => {
      const text = await page.locator('#records .row-count').innerText();
      const m = /^(?:(\d+) of (\d+) rows|显示 (\d+) \/ (\d+) 行)$/.exec(text.trim());
      return m && { shown: Number(m[1] ?? m[3]), loaded: Number(m[2] ?? m[4]), text: text.trim() };
    },
    /** Opens a <details> by clicking its <summary>, found by its text (no ARIA role). */
    async openDetails(summary) {
      const s = page.getByText(summary, { exact: true });
      if (!(await s.evaluate((el) => el.parentElement.open))) await s.click();
    },
    async download(name) {
      const [file] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), ui.button(name).click()]);
      const path = await file.path();
      return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
    },
  };
  return ui;
}

/** RFC 4180 CSV → rows of fields (BOM stripped). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const t = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < t.length; i += 1) {
    const c = t[i];
    if (quoted) {
      if (c === '"' && t[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && t[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** "123 ms" → 123; "" → null. */
const ms = (text) => (text === '' ? null : Number(/^(-?\d+) ms$/.exec(text)[1]));
const blank = (v) => v === undefined || v === null || String(v).trim() === '';

test('the records table in Chinese: 网络时延 sorts, 网络质量 and 进行中 filter, 记录详情 opens, the CSV is Chinese; back in English nothing is lost or refetched', { timeout: 90_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: RECORDS, seed: 21 });
  const data = await standInRecords(standIn);
  assert.equal(data.length, RECORDS);
  const { page, problems } = await openRecordingPage(browser, { contextOptions: { timezoneId: ZONE } });
  t.after(() => page.context().close());
  const ui = ui_(page);
  await page.goto(standIn.url);
  await eventually(async () => (await page.getByLabel('Project ID', { exact: true }).inputValue()) !== '', '"Project ID" prefilled');
  await page.getByLabel('Time range', { exact: true }).selectOption({ label: 'All time' });
  await ui.button('Fetch all').click();
  await eventually(async () => {
    const c = await ui.count();
    return c && c.shown === RECORDS && c.loaded === RECORDS;
  }, async () => `"${RECORDS} of ${RECORDS} rows", got ${JSON.stringify(await ui.count())}`, 30_000);
  const requests = standIn.apiRequests().length;
  assert.ok(requests >= 1, 'the records came from the API');

  // --- 简体中文 ---
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('table', { name: '登录记录', exact: true }).waitFor({ timeout: 10_000 });
  const zh = await eventually(async () => {
    const h = await ui.headers();
    return h.includes('网络时延') && h;
  }, 'Chinese column headers');
  for (const name of ['用户名', '计算机名', '终端系统类型', '建立连接耗时', '会话时长', '网络时延', '网络质量', '端到端时延', '端到端质量', '连接结果', '连接失败原因', '是否重连', '客户端出口IP', 'AccessClient版本']) {
    assert.ok(zh.includes(name), `a header "${name}" in ${JSON.stringify(zh)}`);
  }
  assert.ok(zh.some((h) => /^开始连接时间 \(本地时间 UTC\+0[12]:00\)$/.test(h)), `the start time names its zone in Chinese: ${JSON.stringify(zh)}`);
  assert.match((await ui.count()).text, new RegExp(`^显示 ${RECORDS} / ${RECORDS} 行$`));

  // The column chooser in Chinese: show 事务ID, to know which record a row is.
  await ui.openDetails('列');
  await page.getByRole('checkbox', { name: '显示事务ID列', exact: true }).click();
  const headers = await eventually(async () => {
    const h = await ui.headers();
    return h.includes('事务ID') && h;
  }, 'a 事务ID column');
  const col = (name) => {
    const i = headers.indexOf(name);
    assert.ok(i >= 0, `a column "${name}"`);
    return i;
  };

  // 网络时延 is a sort button that sorts: the smallest network RTT of the data first.
  const rtts = data.map((r) => r.network_rtt).filter((v) => typeof v === 'number').sort((a, b) => a - b);
  await ui.table.getByRole('button', { name: '网络时延', exact: true }).click();
  await eventually(async () => (await ui.sorted())['网络时延'] === 'ascending', 'aria-sort="ascending" on 网络时延');
  const top = await eventually(async () => {
    const values = (await ui.topRows()).map((r) => ms(r.cells[col('网络时延')]));
    return values.length >= 10 && values[0] === rtts[0] && values;
  }, 'the smallest network RTT first');
  assert.deepEqual(top, rtts.slice(0, top.length), 'the first rows in non-decreasing 网络时延');

  // A column filter (网络质量 = 良好) and a quick search for 进行中, both in Chinese.
  await ui.openDetails('列筛选');
  await ui.field('网络质量').selectOption({ label: '良好' });
  await ui.field('搜索记录').fill('进行中');
  const expected = data.filter((r) => typeof r.network_rtt === 'number' && r.network_rtt >= 0 && r.network_rtt <= 100
    && blank(r.connection_end_time) && !blank(r.connection_start_time) && blank(r.connection_failure_reason));
  assert.ok(expected.length > 0 && expected.length < RECORDS, `the data has open sessions of good quality (${expected.length})`);
  const N = expected.length;
  t.diagnostic(`${N} open sessions of good network quality among ${RECORDS}`);
  await eventually(async () => (await ui.count())?.shown === N && (await ui.rowCount()) === N + 1, async () => `"显示 ${N} / ${RECORDS} 行", got ${JSON.stringify(await ui.count())}`);
  assert.equal(await page.getByText('列筛选（1 个生效）', { exact: true }).count(), 1, 'the summary counts the active filter in Chinese');
  const shown = await ui.topRows('the filtered rows');
  for (const r of shown) {
    assert.equal(r.cells[col('会话时长')], '进行中', `an open session: ${r.cells}`);
    assert.equal(r.cells[col('网络质量')], '良好', `good quality: ${r.cells}`);
  }
  const shownRtts = shown.map((r) => ms(r.cells[col('网络时延')]));
  assert.ok(shownRtts.every((v, i) => i === 0 || v >= shownRtts[i - 1]), `still sorted by 网络时延: ${shownRtts}`);
  assert.deepEqual(new Set(shown.map((r) => r.cells[col('事务ID')])).size, shown.length);
  for (const r of shown) assert.ok(expected.some((e) => e.transaction_id === r.cells[col('事务ID')]), `a shown row is one of the expected records: ${r.cells[col('事务ID')]}`);

  // The row detail, 记录详情.
  const target = shown.find((r) => r.cells[col('用户名')] !== '');
  const txn = target.cells[col('事务ID')];
  await ui.table.getByRole('row', { name: txn }).click();
  const detail = page.getByRole('region', { name: '记录详情', exact: true });
  await detail.waitFor({ state: 'visible', timeout: 10_000 });
  const detailText = await detail.innerText();
  for (const word of ['网络时延', '会话时长', '进行中', '原始 JSON', target.cells[col('用户名')]]) {
    assert.ok(detailText.includes(word), `the detail shows "${word}"`);
  }
  assert.equal(await detail.getByRole('button', { name: '只看该用户的会话', exact: true }).count(), 1);
  const raw = JSON.parse(detailText.slice(detailText.indexOf('原始 JSON') + '原始 JSON'.length));
  assert.deepEqual(raw, data.find((r) => r.transaction_id === txn), 'the raw JSON is the record as sent');

  // The CSV of the shown rows: a Chinese header row, and the rows as the table shows them.
  const csv = parseCsv((await ui.download('导出显示的行 (CSV)')).text);
  const base = (h) => h.replace(/ \((?:UTC|本地时间(?: UTC[+-]\d\d:\d\d)?)\)$/, '');
  assert.deepEqual(csv[0].map(base), headers.map(base), 'the CSV header row is the table\'s Chinese headers');
  assert.ok(csv[0].includes('开始连接时间 (本地时间)'), `the CSV names the zone in Chinese: ${csv[0]}`);
  assert.ok(csv[0].includes('网络时延') && !csv[0].some((h) => /[A-Za-z]{4,}/.test(h.replace(/Access(Client|Agent)/, ''))), `no English header: ${csv[0]}`);
  assert.equal(csv.length, N + 1, `a header and ${N} rows`);
  assert.deepEqual(csv.slice(1, 1 + shown.length), shown.map((r) => r.cells), 'the CSV rows are the table\'s rows, cell for cell');
  // JSON keeps the API's names.
  const json = JSON.parse((await ui.download('导出显示的行 (JSON)')).text);
  assert.equal(json.total_count, N);
  assert.ok(json.records.every((r) => 'transaction_id' in r), 'the API\'s field names');

  // Nothing English in #records but the records' own values (translate="no"): with the
  // filters, the chooser and the detail open.
  assert.deepEqual(await untranslatedWords(page, '#records'), [], 'every word of #records is Chinese or allowed');

  // --- back to English: the same sort, filters and open row; no request sent ---
  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('table', { name: 'Login records', exact: true }).waitFor({ timeout: 10_000 });
  await eventually(async () => (await ui.headers()).includes('Network RTT'), 'English headers again');
  assert.deepEqual(await ui.sorted(), { 'Network RTT': 'ascending' }, 'still sorted by Network RTT');
  assert.deepEqual(await ui.count(), { shown: N, loaded: RECORDS, text: `${N} of ${RECORDS} rows` });
  assert.equal(await ui.field('Search records').inputValue(), '进行中', 'the search text stays as typed');
  assert.equal(await ui.field('Network quality').inputValue(), 'good', 'the band filter stays');
  assert.equal(await page.getByText('Column filters (1 active)', { exact: true }).count(), 1);
  const english = await ui.topRows('the same rows in English');
  const enHeaders = await ui.headers();
  assert.deepEqual(english.map((r) => r.cells[enHeaders.indexOf('Transaction ID')]), shown.map((r) => r.cells[col('事务ID')]), 'the same rows in the same order');
  assert.ok(english.every((r) => r.cells[enHeaders.indexOf('Session duration')] === 'ongoing' && r.cells[enHeaders.indexOf('Network quality')] === 'good'), 'the words in English');
  const enDetail = page.getByRole('region', { name: 'Record details', exact: true });
  await enDetail.waitFor({ state: 'visible', timeout: 10_000 });
  assert.ok((await enDetail.innerText()).includes(txn), 'the same row stays open');
  assert.equal(await enDetail.getByRole('button', { name: 'Show this user\'s sessions', exact: true }).count(), 1);
  assert.equal(standIn.apiRequests().length, requests, 'switching languages sent no request');
  // The same scan finds the English words now: it did look at the table and its tools.
  const words = new Set((await untranslatedWords(page, '#records')).map((w) => w.word));
  for (const word of ['Network', 'ongoing', 'good', 'Search', 'Record']) assert.ok(words.has(word), `the scan sees "${word}" in English`);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
