// Issue 15 for the run controls, the status line, the progress of Fetch all, the error report and
// the request inspector: in Chinese, used by their Chinese accessible names against the stand-in
// (support/stand-in.mjs), they show no English word but the allowed ones (units, codes: the
// native catalog tests read the same list) and the API's own words, which stay as they are in
// translate="no" elements. Switching the language re-renders the same results and the same error
// report without a new request.
//
// The form's fields are filled before the switch, by their English labels: this file is about
// the run panel, not the form (i18n-form.test.mjs covers those names).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { DEMO, startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';
import { untranslatedWords } from './support/untranslated.mjs';

const API_PATH = '/connections/desktops';
const RUN_BUTTONS = { 'Run query': '查询', 'Fetch all': '获取全部', Cancel: '取消', Resume: '继续', 'Previous page': '上一页', 'Next page': '下一页' };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens the app on `standIn`, prefilled, the time range "All time", counting API requests. */
async function openApp(t, standIn) {
  const { page, problems } = await openRecordingPage(browser, { expectedFailedLoads: ['/app-config.json', API_PATH] });
  t.after(() => page.close());
  const calls = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith(API_PATH)) calls.push(request.url());
  });
  const responses = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith(API_PATH)) {
      responses.push({ status: response.status(), requestId: response.headers()['x-request-id'], body: response.text().catch(() => undefined) });
    }
  });
  await page.goto(standIn.url);
  const field = (label) => page.getByLabel(label, { exact: true });
  await eventually(async () => (await field('Project ID').inputValue()) !== '', '"Project ID" to be prefilled');
  await field('Time range').selectOption({ label: 'All time' });
  const statuses = () => page.getByRole('status').allTextContents();
  const diag = async () => [
    `status: ${JSON.stringify(await statuses().catch(() => []))}`,
    `alerts: ${JSON.stringify(await page.getByRole('alert').allTextContents().catch(() => []))}`,
    `problems: ${JSON.stringify(problems)}`,
    `proxy log:\n${standIn.logLines.slice(-20).join('\n')}`,
  ].join('\n');
  return {
    page,
    problems,
    calls,
    responses,
    field,
    diag,
    button: (name) => page.getByRole('button', { name, exact: true }),
    /** A button of the run panel. */
    runButton: (name) => page.locator('.run-panel').getByRole('button', { name, exact: true }),
    /** The select labelled "Language" (in English) or "语言" (in Chinese). */
    choose: (tag) => page.getByLabel(/^(Language|语言)$/).selectOption(tag),
    /** `{ loaded, total }` of the Chinese status sentence "已加载 N / M 条记录", or null. */
    async chineseStatus() {
      for (const text of await statuses()) {
        const m = /^已加载 (\d+) \/ (\d+) 条记录$/.exec(text.trim());
        if (m) return { loaded: Number(m[1]), total: Number(m[2]) };
      }
      return null;
    },
  };
}

function assertNoCrash(problems) {
  const crashes = problems.filter((p) => p.startsWith('pageerror') || /panicked|RuntimeError|unreachable/i.test(p));
  assert.deepEqual(crashes, [], 'no panic or uncaught exception');
}

async function assertAllChinese(page, within) {
  const words = await untranslatedWords(page, within);
  assert.deepEqual(words, [], `English words left in ${within}`);
}

test('in Chinese, Fetch all by its Chinese name loads every record, reports a failed page in Chinese, and 继续 completes it; English comes back on a switch', { timeout: 180_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 3000, seed: 12 });
  const app = await openApp(t, standIn);
  const { page, runButton, diag } = app;
  // The page at 2000 fails every try (503 from the "gateway") until `broken` is cleared.
  let broken = true;
  await page.route((url) => url.pathname.endsWith(API_PATH), async (route) => {
    const offset = Number(new URL(route.request().url()).searchParams.get('offset') ?? 0);
    if (broken && offset === 2000) {
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        headers: { 'x-request-id': `injected-${offset}` },
        body: JSON.stringify({ error_code: 'APIGW.0503', error_msg: 'injected: service unavailable' }),
      });
    }
    return route.continue();
  });

  await app.choose('zh-CN');
  for (const zh of Object.values(RUN_BUTTONS)) {
    await eventually(() => runButton(zh).count().then((n) => n === 1), `the button "${zh}"`);
  }
  await runButton('获取全部').click();
  await eventually(async () => {
    const s = await app.chineseStatus();
    return s?.loaded === 2000 && s.total === 3000 && !(await runButton('取消').isEnabled());
  }, async () => `"已加载 2000 / 3000 条记录" with the run over\n${await diag()}`, 90_000);
  const panel = page.locator('.run-panel');
  assert.match(await panel.innerText(), /1 页（1,000 条记录）失败。点击“继续”即可获取。/);
  assert.match(await panel.locator('.failed-pages').textContent(), /1 个页面失败.*记录 2001–3000：HTTP 503 错误，已尝试 5 次/s);
  assert.match(await panel.locator('progress').getAttribute('aria-label'), /^获取全部进度$/);
  await assertAllChinese(page, '.run-panel');
  // The last try's error report, in Chinese, with the injected code and request ID as they are.
  const alert = page.getByRole('alert').filter({ hasText: 'APIGW.0503' });
  await alert.waitFor();
  const report = await alert.innerText();
  assert.ok(report.includes('服务暂不可用') || report.includes('服务出错'), `Chinese advice: ${report}`);
  assert.ok(report.includes('请求ID') && report.includes('injected-2000') && report.includes('injected: service unavailable'), report);
  await assertAllChinese(page, '.error-box');

  broken = false;
  await runButton('继续').click();
  await eventually(async () => {
    const s = await app.chineseStatus();
    return s?.loaded === 3000 && s.total === 3000;
  }, async () => `"已加载 3000 / 3000 条记录" after 继续\n${await diag()}`, 60_000);
  await eventually(async () => (await panel.innerText()).includes('全部 3,000 条记录已加载。'), async () => `the reconciliation\n${await diag()}`);
  await assertAllChinese(page, '.run-panel');

  // Back to English: the same run, worded in English, with no new request.
  const requests = app.calls.length;
  await app.choose('en');
  for (const en of Object.keys(RUN_BUTTONS)) {
    await eventually(() => runButton(en).count().then((n) => n === 1), `the button "${en}"`);
  }
  await eventually(async () => (await page.getByRole('status').allTextContents()).some((s) => s.trim() === 'Loaded 3000 of 3000 records'), async () => `"Loaded 3000 of 3000 records"\n${await diag()}`);
  assert.ok((await panel.innerText()).includes('All 3,000 records loaded.'));
  assert.equal(app.calls.length, requests, 'a language switch sends no request');
  assertNoCrash(app.problems);
});

test('in Chinese, a refused signature (401) shows the Chinese report with the API\'s code and request ID unchanged; English shows the same report without a new request; the inspector is Chinese too', { timeout: 90_000 }, async (t) => {
  const standIn = await startStandIn({ t, records: 100, seed: 5 });
  const app = await openApp(t, standIn);
  const { page, button, runButton, diag } = app;
  await app.field('Secret access key').fill('wrongSecretKeyTypedByTheUser00000000000001');
  await app.choose('zh-CN');
  await runButton('查询').click();

  const alert = page.getByRole('alert').filter({ hasText: 'APIGW.0301' });
  await eventually(() => alert.isVisible(), async () => `a role=alert with APIGW.0301\n${await diag()}`);
  const answer = await eventually(() => app.responses.find((r) => r.status === 401), 'the 401 answer');
  const body = JSON.parse(await answer.body);
  const zh = await alert.innerText();
  assert.match(zh, /认证失败（HTTP 401）/);
  for (const label of ['状态码', '错误码', '错误信息', '请求ID']) assert.ok(zh.includes(label), `"${label}" in ${zh}`);
  assert.ok(zh.includes(body.error_msg), `the API's message as it is: ${zh}`);
  assert.ok(answer.requestId && zh.includes(answer.requestId), `the request ID ${answer.requestId}: ${zh}`);
  assert.match(zh, /请检查访问密钥ID、秘密访问密钥、安全令牌或IAM令牌，以及本机时钟/);
  assert.match(zh, /本机时钟：.* UTC；服务器时钟：.* UTC（两者一致，问题不在时钟）。/);
  assert.equal(await alert.locator('[translate="no"]', { hasText: 'APIGW.0301' }).count(), 1, 'the code is marked translate="no"');
  await assertAllChinese(page, '.error-box');
  await assertAllChinese(page, '.run-panel');
  await eventually(async () => (await page.getByRole('status').allTextContents()).some((s) => s.trim() === '请求失败。'), 'the status "请求失败。"');

  // The request inspector, opened by its Chinese name.
  await page.locator('#inspector summary').filter({ hasText: '请求详情' }).click();
  const inspector = page.locator('#inspector');
  await eventually(() => button('复制 curl 命令').isVisible(), 'the button "复制 curl 命令"');
  const inspectorText = await inspector.innerText();
  for (const words of ['经代理的 URL', '直连 URL', '请求头', 'curl 命令', '显示密钥的值']) {
    assert.ok(inspectorText.includes(words), `"${words}" in the inspector: ${inspectorText}`);
  }
  assert.ok(inspectorText.includes(`${DEMO.endpoint}/v2/${DEMO.projectId}/connections/desktops`), 'the URL as sent');
  await assertAllChinese(page, '#inspector');

  // English: the same report from the same answer, no new request.
  assert.equal(app.calls.length, 1, 'one request');
  await app.choose('en');
  await eventually(async () => (await alert.innerText()).includes('Authentication failed (HTTP 401)'), async () => `the English report\n${await diag()}`);
  const en = await alert.innerText();
  assert.ok(en.includes('Request ID') && en.includes(answer.requestId) && en.includes(body.error_msg), en);
  assert.match(en, /This computer's clock: .* UTC; the server's: .* UTC \(they agree/);
  assert.ok(await button('Copy curl command').isVisible());
  assert.ok((await inspector.innerText()).includes('URL through the proxy'));
  assert.equal(app.calls.length, 1, 'a language switch sends no request');
  assert.deepEqual(standIn.apiRequests().map((e) => e.status), [401], 'the stand-in saw one request');
  assertNoCrash(app.problems);
});
