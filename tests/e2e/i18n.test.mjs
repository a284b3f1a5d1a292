// The interface's language (issue 15) in a real browser against the proxy's stand-in: where the
// language comes from (the browser's preferred languages, then the user's choice, remembered
// and carried by links), that switching keeps what was typed and loaded without refetching,
// and that in Chinese no English word is left anywhere on the page (support/untranslated.mjs).
//
// Elements are found by role and accessible name: the select "Language" / "语言" with options
// "English" and "简体中文", the navigation "Sections" / "页面分区" and its links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';
import { untranslatedWords } from './support/untranslated.mjs';
import { readFile } from 'node:fs/promises';

const NAV_EN = ['Query', 'Records', 'Analytics', 'Users', 'Request inspector', 'Alerts'];
const NAV_ZH = ['查询条件', '记录', '分析', '用户', '请求详情', '告警'];
const LANG_KEY = 'logins-viewer.lang';

let browser;
let standIn;
before(async () => {
  browser = await launchBrowser();
  standIn = await startStandIn({ records: 200 });
});
after(async () => {
  await standIn?.stop();
  await browser?.close();
});

/** Opens `path` of the app in a fresh context whose browser prefers `locale`. */
async function open(t, { locale = 'en-US', path = '/' } = {}) {
  const { page, problems } = await openRecordingPage(browser, { contextOptions: { locale } });
  t.after(() => page.context().close());
  await page.goto(new URL(path, standIn.url).href);
  await page.getByRole('navigation').waitFor();
  return { page, problems };
}

/** The section links' names, in page order. */
async function navNames(page) {
  return page.getByRole('navigation').getByRole('link').allTextContents();
}

async function expectChinese(page) {
  await eventually(async () => (await navNames(page)).join() === NAV_ZH.join(), 'the navigation in Chinese');
  assert.equal(await page.getByLabel('语言', { exact: true }).inputValue(), 'zh-CN');
  assert.equal(await page.getByRole('navigation', { name: '页面分区' }).count(), 1);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.title(), '云桌面登录记录');
}

async function expectEnglish(page) {
  await eventually(async () => (await navNames(page)).join() === NAV_EN.join(), 'the navigation in English');
  assert.equal(await page.getByLabel('Language', { exact: true }).inputValue(), 'en');
  assert.equal(await page.getByRole('navigation', { name: 'Sections' }).count(), 1);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.title(), 'Workspace Login Records');
}

test('the first language follows the browser: any zh-* is Chinese, anything else English', async (t) => {
  for (const locale of ['zh-CN', 'zh-TW']) {
    const { page } = await open(t, { locale });
    await expectChinese(page);
  }
  for (const locale of ['en-US', 'fr-FR']) {
    const { page } = await open(t, { locale });
    await expectEnglish(page);
  }
  // Each option names its language in that language, whatever the page is in.
  const { page } = await open(t, { locale: 'zh-CN' });
  const options = await page.getByLabel('语言', { exact: true }).locator('option').allTextContents();
  assert.deepEqual(options, ['English', '简体中文']);
});

test('the choice is remembered on this device and beats the browser', async (t) => {
  const { page, problems } = await open(t, { locale: 'en-US' });
  await expectEnglish(page);
  await page.getByLabel('Language', { exact: true }).selectOption({ label: '简体中文' });
  await expectChinese(page);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), LANG_KEY), '"zh-CN"');
  // The current URL carries it too (replaced in place: no new history entry).
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'zh-CN');
  await page.reload();
  await expectChinese(page);
  // Without the URL's help: the stored choice alone.
  await page.goto(standIn.url);
  await expectChinese(page);
  await page.getByLabel('语言', { exact: true }).selectOption({ label: 'English' });
  await expectEnglish(page);
  await page.reload();
  await expectEnglish(page);
  assert.deepEqual(problems, []);
});

test('a link carries the language, and a run writes it into the link it pushes', async (t) => {
  // A Chinese link opened by an English browser with nothing stored.
  const { page } = await open(t, { locale: 'en-US', path: '/?lang=zh-CN' });
  await expectChinese(page);
  // An unknown language in a link is ignored.
  const other = await open(t, { locale: 'en-US', path: '/?lang=xx' });
  await expectEnglish(other.page);
  // After a choice, the URL a run pushes keeps the language along with the query.
  const { page: p } = await open(t, { locale: 'en-US' });
  await p.getByLabel('Language', { exact: true }).selectOption('zh-CN');
  await expectChinese(p);
  await p.getByRole('button', { name: '查询', exact: true }).click();
  await eventually(() => new URL(p.url()).searchParams.get('project'), 'the run to push its query into the URL');
  assert.equal(new URL(p.url()).searchParams.get('lang'), 'zh-CN');
});

test('switching keeps what was typed and loaded, and sends no request', async (t) => {
  const { page, problems } = await open(t, { locale: 'en-US' });
  await eventually(async () => (await page.getByLabel('Project ID', { exact: true }).inputValue()) !== '', 'the form to be prefilled');
  // The demo data's "now" is fixed in the past: the query covers all of it.
  await page.getByLabel('Time range', { exact: true }).selectOption({ label: 'All time' });
  await page.getByRole('button', { name: 'Fetch all', exact: true }).click();
  await eventually(async () => /Loaded 200 of 200 records/.test((await page.getByRole('status').allTextContents()).join()), 'records loaded');
  // Typed after the run, so it is only in the form.
  await page.getByLabel('User name', { exact: true }).fill('张三 and alice');
  const status = (await page.getByRole('status').allTextContents()).join();
  const [, loaded, total] = /Loaded (\d+) of (\d+) records/.exec(status);
  const requestsBefore = standIn.apiRequests().length;
  const sent = [];
  page.on('request', (r) => sent.push(r.url()));
  await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
  await expectChinese(page);
  assert.equal(await page.getByLabel('用户名', { exact: true }).inputValue(), '张三 and alice');
  await eventually(async () => (await page.getByRole('status').allTextContents()).join().includes(`已加载 ${loaded} / ${total} 条记录`), 'the status sentence in Chinese');
  await page.getByLabel('语言', { exact: true }).selectOption('en');
  await expectEnglish(page);
  assert.equal(await page.getByLabel('User name', { exact: true }).inputValue(), '张三 and alice');
  assert.match((await page.getByRole('status').allTextContents()).join(), new RegExp(`Loaded ${loaded} of ${total} records`));
  assert.deepEqual(sent, [], 'switching sent requests');
  assert.equal(standIn.apiRequests().length, requestsBefore);
  assert.deepEqual(problems, []);
});

test('the whole workflow in Chinese, by the Chinese names, leaves no English word on the page', { timeout: 120_000 }, async (t) => {
  // A Chinese browser: the app starts in Chinese with nothing chosen.
  const { page, problems } = await open(t, { locale: 'zh-CN' });
  await expectChinese(page);
  const field = (name) => page.getByLabel(name, { exact: true });
  const button = (name) => page.getByRole('button', { name, exact: true });
  await eventually(async () => (await field('项目ID').inputValue()) !== '', '项目ID to be prefilled');
  for (const name of ['代理地址', '区域', '终端节点', '项目ID', '访问密钥ID', '秘密访问密钥', '安全令牌', '开始时间', '结束时间', '用户名', '计算机名', '终端类型', '最小网络时延', '最大网络时延', '每页条数']) {
    assert.equal(await field(name).count(), 1, `one field labelled ${name}`);
  }
  await field('时间范围').selectOption({ label: '全部时间' });

  // Fetch all through the proxy.
  await button('获取全部').click();
  await eventually(async () => (await page.getByRole('status').allTextContents()).join().includes('已加载 200 / 200 条记录'), 'the status "已加载 200 / 200 条记录"');
  const table = page.getByRole('table', { name: '登录记录', exact: true });

  // Sort by 网络时延: the smallest RTT first.
  await table.getByRole('button', { name: '网络时延', exact: true }).click();
  await eventually(async () => (await table.getByRole('columnheader', { name: /^网络时延/ }).getAttribute('aria-sort')) === 'ascending', '网络时延 sorted ascending');

  // Filter with the quick search by a Chinese state word.
  await field('搜索记录').fill('失败');
  await eventually(async () => /^显示 \d+ \/ 200 行$/.test((await page.locator('#records .row-count').innerText()).trim()) && !(await page.locator('#records .row-count').innerText()).includes('显示 200 /'), 'the search to narrow the rows');
  const shown = Number(/^显示 (\d+)/.exec((await page.locator('#records .row-count').innerText()).trim())[1]);
  assert.ok(shown > 0, 'some logins failed in the demo data');

  // Open a row.
  await table.getByRole('row').nth(1).click();
  const detail = page.getByRole('region', { name: '记录详情', exact: true });
  await detail.waitFor();

  // Export CSV: the header row is Chinese, one line per shown row.
  const [download] = await Promise.all([page.waitForEvent('download'), button('导出显示的行 (CSV)').click()]);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r\n/);
  assert.ok(csv[0].includes('网络时延'), `a Chinese header row: ${csv[0]}`);
  assert.ok(!/User name|Network RTT/.test(csv[0]), csv[0]);
  assert.equal(csv.length, shown + 1);

  // Nothing English left anywhere: every section is rendered (a long page, not tabs), so the
  // scan covers the query, the records with a row open, the analytics, users and the inspector.
  const left = await untranslatedWords(page);
  assert.deepEqual(left, [], `English words left in Chinese:\n${left.map((w) => `${w.word} in ${w.where}`).join('\n')}`);
  assert.deepEqual(problems, []);
});
