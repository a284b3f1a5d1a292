// The Alerts section (issue 18) with demo data, on a plain static host: opened from the
// navigation, a rule edited (a refused value says why on its field and keeps the last valid
// one), then in Chinese: the section used by its Chinese names (告警, 告警日志, the rules' labels)
// with no English word left; back in English the English names return, and a reload keeps the
// edited rules (stored on this device). The watch loop against a live stand-in, which fills
// the log, is watch.test.mjs's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { serveStatic } from './support/static-server.mjs';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { eventually } from './support/wait.mjs';
import { untranslatedWords } from './support/untranslated.mjs';

const DIST = new URL('../../dist/', import.meta.url).pathname;

let server;
let browser;

before(async () => {
  assert.ok(existsSync(`${DIST}index.html`), 'dist/index.html is missing: run `trunk build --release --offline` first');
  server = await serveStatic(DIST);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the Alerts section: rules edited and kept, in Chinese by its Chinese names with no English left, and back', async (t) => {
  const { page, problems } = await openRecordingPage(browser);
  t.after(() => page.context().close());
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Try demo data', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Loaded 10000 of 10000' }).waitFor({ timeout: 15_000 });

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Alerts', exact: true }).click();
  await eventually(async () => new URL(page.url()).hash === '#alerts', '#alerts in the URL');
  const section = page.getByRole('region', { name: 'Alerts', exact: true });
  await section.waitFor({ state: 'visible' });
  const log = section.getByRole('log', { name: 'Alert log', exact: true });
  assert.equal(await log.count(), 1);
  assert.match(await log.innerText(), /No alerts in this session/);

  // The defaults, then an edit: a valid value is taken, a refused one says why and changes nothing.
  assert.equal(await section.getByLabel('Alert on failure rate', { exact: true }).isChecked(), true);
  assert.equal(await section.getByLabel('Failure rate above (%)', { exact: true }).inputValue(), '20');
  assert.equal(await section.getByLabel('At least (logins)', { exact: true }).inputValue(), '10');
  assert.equal(await section.getByLabel('Failures in a row (one user)', { exact: true }).inputValue(), '3');
  const newPlace = section.getByLabel('Alert on a login from a public IP or terminal new for that user', { exact: true });
  assert.equal(await newPlace.isChecked(), false, 'off by default');
  const rtt = section.getByLabel('Network RTT p95 above (ms)', { exact: true });
  assert.equal(await rtt.inputValue(), '300');
  await rtt.fill('250');
  await newPlace.check();
  const streak = section.getByLabel('Failures in a row (one user)', { exact: true });
  await streak.fill('1');
  assert.equal(await streak.getAttribute('aria-invalid'), 'true');
  assert.equal(await section.locator('#alert-streak-failures-error').innerText(), 'Enter a whole number from 2 to 100.');
  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('logins-viewer.alert-rules')));
  await eventually(async () => (await stored())?.rtt_p95?.above_ms === 250, 'the edited rule stored');
  assert.equal((await stored()).failure_streak.failures, 3, 'a refused value keeps the last valid one');
  assert.equal((await stored()).new_location.enabled, true);

  // In Chinese: the same section by its Chinese names, what was typed kept, no English left.
  await page.getByLabel('Language').selectOption('zh-CN');
  const zh = page.getByRole('region', { name: '告警', exact: true });
  await zh.waitFor({ state: 'visible' });
  assert.equal(await page.getByRole('navigation', { name: '页面分区' }).getByRole('link', { name: '告警', exact: true }).count(), 1);
  assert.equal(await zh.getByRole('log', { name: '告警日志', exact: true }).count(), 1);
  assert.equal(await zh.getByLabel('网络时延 p95 高于（ms）', { exact: true }).inputValue(), '250');
  assert.equal(await zh.getByLabel('同一用户连续失败次数', { exact: true }).inputValue(), '1', 'the refused text stays as typed');
  assert.equal(await zh.locator('#alert-streak-failures-error').innerText(), '请输入 2 到 100 之间的整数。');
  assert.equal(await zh.getByLabel('失败率告警', { exact: true }).isChecked(), true);
  assert.equal(await zh.getByLabel('用户从未使用过的公网IP或终端登录时告警', { exact: true }).isChecked(), true);
  assert.equal(await zh.getByRole('button', { name: '允许通知', exact: true }).count(), 1);
  assert.deepEqual(await untranslatedWords(page, '.alerts'), []);
  assert.equal(await page.title(), '云桌面登录记录');

  // Back to English: the English names, the values kept.
  await page.getByLabel('语言', { exact: true }).selectOption('en');
  await section.waitFor({ state: 'visible' });
  assert.equal(await log.count(), 1, 'the log named "Alert log" again');
  assert.equal(await section.getByLabel('Network RTT p95 above (ms)', { exact: true }).inputValue(), '250');
  assert.equal(await section.getByRole('button', { name: 'Allow notifications', exact: true }).count(), 1);
  assert.equal(await page.title(), 'Workspace Login Records');

  // A reload reads the stored rules.
  await page.reload();
  await page.getByRole('region', { name: 'Alerts', exact: true }).waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await page.getByLabel('Network RTT p95 above (ms)', { exact: true }).inputValue(), '250');
  assert.equal(await page.getByLabel('Failures in a row (one user)', { exact: true }).inputValue(), '3');
  assert.equal(await page.getByLabel('Alert on a login from a public IP or terminal new for that user', { exact: true }).isChecked(), true);
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});
