// The query form in Chinese (issue 15): connection settings and filters found by their Chinese
// accessible names, connected to the stand-in and run; a validation message in Chinese that
// follows the language both ways; switching keeps everything typed and sends nothing; no
// English word left in the #query section (support/untranslated.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { DEMO, startStandIn } from './support/stand-in.mjs';
import { untranslatedWords } from './support/untranslated.mjs';
import { eventually } from './support/wait.mjs';

/** The accessible names issue 15 fixes for the form's fields, Chinese → English. */
const FIELD_NAMES = {
  代理地址: 'Proxy URL',
  区域: 'Region',
  终端节点: 'Endpoint',
  项目ID: 'Project ID',
  访问密钥ID: 'Access key ID',
  秘密访问密钥: 'Secret access key',
  安全令牌: 'Security token',
  开始时间: 'Start time',
  结束时间: 'End time',
  用户名: 'User name',
  计算机名: 'Computer name',
  终端类型: 'Terminal type',
  最小网络时延: 'Min network RTT',
  最大网络时延: 'Max network RTT',
  每页条数: 'Page size',
};

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens the app served by a new stand-in, switches it to Chinese, and waits for the
 * prefilled connection (by its Chinese label). */
async function openInChinese(t) {
  const standIn = await startStandIn({ t, records: 200, seed: 3 });
  const { page, problems } = await openRecordingPage(browser);
  t.after(() => page.close());
  await page.goto(standIn.url);
  await page.getByLabel('Language').selectOption('zh-CN');
  const field = (name) => page.getByLabel(name, { exact: true });
  await eventually(async () => (await field('项目ID').inputValue()) !== '', '"项目ID" to be prefilled');
  const diag = async () => [
    `untranslated: ${JSON.stringify(await untranslatedWords(page, '#query'))}`,
    `page problems: ${JSON.stringify(problems)}`,
    `proxy log (last 20 lines):\n${standIn.logLines.slice(-20).join('\n')}`,
  ].join('\n');
  return { standIn, page, problems, field, diag };
}

/** The text an input's aria-describedby points at: its validation message and its help. */
function description(locator) {
  return locator.evaluate((el) => (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | '));
}

test('in Chinese the form is filled and run by its Chinese names; a message follows the language both ways and nothing typed is lost', { timeout: 90_000 }, async (t) => {
  const { standIn, page, problems, field, diag } = await openInChinese(t);

  // Every field issue 15 names, by its exact Chinese accessible name, and nothing in English.
  for (const [zh, en] of Object.entries(FIELD_NAMES)) {
    assert.equal(await field(zh).count(), 1, `one field named ${zh}`);
    assert.equal(await field(en).count(), 0, `no field named ${en} in Chinese`);
  }

  // The connection to the stand-in, by the Chinese names.
  assert.equal(await field('代理地址').inputValue(), standIn.origin);
  await field('区域').selectOption({ label: '亚太-新加坡' });
  assert.equal(await field('终端节点').inputValue(), 'https://workspace.ap-southeast-3.myhuaweicloud.com');
  await field('区域').selectOption({ label: '华北-北京四' });
  assert.equal(await field('终端节点').inputValue(), DEMO.endpoint);
  await field('项目ID').fill(DEMO.projectId);
  await field('访问密钥ID').fill(DEMO.ak);
  await field('秘密访问密钥').fill(DEMO.sk);
  await field('时间范围').selectOption({ label: '全部时间' });
  await field('每页条数').fill('50');
  // Enter in a field submits the form: one page, signed with what was typed.
  await field('用户名').press('Enter');
  await eventually(() => standIn.apiRequests().some((r) => r.status === 200), async () => `an answered query\n${await diag()}`);
  const sent = standIn.apiRequests().length;

  // A custom range shows what the API receives, the zone named; bad bounds say so in Chinese.
  await field('时间范围').selectOption({ label: '自定义' });
  await field('开始时间').fill('2024-12-30T08:00');
  await eventually(async () => /按 UTC 时间发送：\d{4}-\d\d-\d\dT\d\d:\d\dZ/.test(await description(field('开始时间'))),
    async () => `the UTC hint under 开始时间, got ${await description(field('开始时间'))}`);
  await field('用户名').fill('alice');
  await field('最小网络时延').fill('abc');
  const zhMessage = '最小网络时延必须是整数（只能包含数字）。';
  await eventually(async () => (await description(field('最小网络时延'))).includes(zhMessage),
    async () => `"${zhMessage}", got ${await description(field('最小网络时延'))}`);
  assert.equal(await field('最小网络时延').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('button', { name: '显示', exact: true }).count(), 2, 'the two secrets\' Show buttons');

  const words = await untranslatedWords(page, '#query');
  assert.deepEqual(words, [], `English words left in the form:\n${await diag()}`);

  // Back to English: the English names and message return, and everything typed stays.
  await page.getByLabel('语言', { exact: true }).selectOption('en');
  const enMessage = 'Minimum network RTT must be a whole number (digits only).';
  await eventually(async () => (await description(field('Min network RTT'))).includes(enMessage),
    async () => `"${enMessage}", got ${await description(field('Min network RTT'))}`);
  for (const en of Object.values(FIELD_NAMES)) {
    assert.equal(await field(en).count(), 1, `one field named ${en} in English`);
  }
  assert.equal(await field('Min network RTT').inputValue(), 'abc');
  assert.equal(await field('User name').inputValue(), 'alice');
  assert.equal(await field('Page size').inputValue(), '50');
  assert.equal(await field('Secret access key').inputValue(), DEMO.sk);
  assert.equal(await field('Start time').inputValue(), '2024-12-30T08:00');
  assert.equal(await field('Region').inputValue(), DEMO.region);
  assert.equal(await field('Time range').evaluate((s) => s.selectedOptions[0].textContent), 'Custom');
  assert.match(await description(field('Start time')), /Sent as \d{4}-\d\d-\d\dT\d\d:\d\dZ \(UTC\)/);
  assert.equal(await page.getByRole('button', { name: 'Show', exact: true }).count(), 2);

  // And to Chinese again: the message showing is reworded, not recomputed or lost.
  await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
  await eventually(async () => (await description(field('最小网络时延'))).includes(zhMessage), `"${zhMessage}" again`);
  assert.equal(await field('用户名').inputValue(), 'alice');
  assert.equal(standIn.apiRequests().length, sent, 'switching the language sends no request');
  const crashes = problems.filter((p) => p.startsWith('pageerror') || /panicked|RuntimeError|unreachable/i.test(p));
  assert.deepEqual(crashes, [], 'no panic or uncaught exception');
});

test('in Chinese the options, the IAM token and the remember box read in Chinese; the region and preset chosen survive a switch', { timeout: 60_000 }, async (t) => {
  const { page, field, diag } = await openInChinese(t);

  const regions = await field('区域').evaluate((s) => [...s.options].map((o) => o.textContent));
  for (const name of ['华北-北京四', '中国-香港', '亚太-新加坡', '华东-上海一', '自定义终端节点']) {
    assert.ok(regions.includes(name), `region option ${name} in ${JSON.stringify(regions)}`);
  }
  const presets = await field('时间范围').evaluate((s) => [...s.options].map((o) => o.textContent));
  assert.deepEqual(presets, ['近1小时', '近24小时', '近7天', '近30天', '自定义', '全部时间']);

  await field('区域').selectOption({ label: '中国-香港' });
  await field('时间范围').selectOption({ label: '近30天' });
  await field('终端节点').fill('not a url');
  await eventually(async () => (await description(field('终端节点'))).includes('终端节点必须是包含协议和主机名的完整 URL。'),
    async () => `the endpoint's message in Chinese, got ${await description(field('终端节点'))}`);

  // The token method: the radio and the field share the name IAM令牌, as in English.
  await page.getByRole('radio', { name: 'IAM令牌', exact: true }).check();
  const tokenField = page.getByLabel('IAM令牌', { exact: true }).and(page.locator('input:not([type=radio])'));
  await eventually(async () => (await tokenField.count()) === 1, 'the IAM令牌 field');
  await tokenField.fill('tökén');
  await eventually(async () => (await description(tokenField)).includes('IAM令牌只能包含可见的 ASCII 字符。'),
    async () => `the token's message in Chinese, got ${await description(tokenField)}`);
  assert.equal(await page.getByRole('checkbox', { name: '在此设备上记住凭证', exact: true }).count(), 1);
  assert.deepEqual(await untranslatedWords(page, '#query'), [], `English words left in the form:\n${await diag()}`);

  await page.getByLabel('语言', { exact: true }).selectOption('en');
  await eventually(async () => (await page.getByRole('radio', { name: 'IAM token', exact: true }).count()) === 1, 'the IAM token radio in English');
  assert.equal(await page.getByRole('radio', { name: 'IAM token', exact: true }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'Remember credentials on this device', exact: true }).count(), 1);
  assert.equal(await field('Region').inputValue(), 'custom', 'the endpoint typed by hand is no region\'s');
  assert.equal(await field('Endpoint').inputValue(), 'not a url');
  assert.match(await description(field('Endpoint')), /Endpoint must be a full URL such as https:\/\/example\.com\./);
  assert.match(await description(page.locator('#iam-token')), /IAM token may contain only visible ASCII characters\./);
  assert.equal(await page.locator('#iam-token').inputValue(), 'tökén');
  assert.equal(await field('Time range').evaluate((s) => s.selectedOptions[0].textContent), 'Last 30 days');
});
