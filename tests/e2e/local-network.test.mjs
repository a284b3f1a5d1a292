// Chrome's Local Network Access (issue 13, item 7): an app on a public site whose proxy runs on
// this computer needs the user's permission to reach it. Everything here is on loopback, so
// Chromium is told to take the app's origin as public with `--ip-address-space-overrides`; the
// proxy, another stand-in on another loopback port, stays loopback. The permission is set per
// browser context through the DevTools protocol (`Browser.setPermission`), as a user's click on
// the prompt or in the site settings would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';
import { startStandIn } from './support/stand-in.mjs';
import { eventually } from './support/wait.mjs';

const API_PATH = '/connections/desktops';

/**
 * Starts the app's site (a stand-in serving dist/) and a separate proxy (a stand-in with no
 * files), launches Chromium with the site's origin overridden to public, sets the permission
 * for requests to this computer to `setting` in the page's context, and opens the app with the
 * proxy URL pointing at the proxy.
 */
async function openPublicApp(t, setting, { siteName } = {}) {
  // Under a name, the site's origin is not potentially trustworthy: Chromium is told to treat
  // it as secure, as an https site would be, and both servers to allow it (the site's port is
  // not known before it starts, hence `*` there: the site's own module script and wasm are
  // CORS requests).
  const site = await startStandIn({ t, records: 30, extraArgs: siteName ? ['--allow-origin', '*'] : [] });
  const siteOrigin = siteName ? `http://${siteName}:${site.port}` : site.origin;
  const proxy = await startStandIn({
    t,
    records: 30,
    serveDir: null,
    extraArgs: siteName ? ['--allow-origin', siteOrigin] : [],
  });
  const browser = await launchBrowser({
    extraArgs: [
      `--ip-address-space-overrides=127.0.0.1:${site.port}=public`,
      ...(siteName
        ? [`--host-resolver-rules=MAP ${siteName} 127.0.0.1`, `--unsafely-treat-insecure-origin-as-secure=${siteOrigin}`]
        : []),
    ],
  });
  t.after(() => browser.close());
  const { page, problems } = await openRecordingPage(browser, {
    expectedFailedLoads: ['/app-config.json', API_PATH],
  });
  // What each request to the proxy declared (Request.targetAddressSpace, "unknown" when not).
  await page.addInitScript(() => {
    const original = window.fetch;
    window.declaredTargets = [];
    window.fetch = function (input, init) {
      if (input instanceof Request && input.url.includes('/connections/desktops')) {
        window.declaredTargets.push(input.targetAddressSpace);
      }
      return original.call(this, input, init);
    };
  });
  await setPermission(browser, page, siteOrigin, setting);
  await page.goto(`${siteOrigin}/`);
  const field = (label) => page.getByLabel(label, { exact: true });
  await eventually(async () => (await field('Project ID').inputValue()) !== '', '"Project ID" to be prefilled');
  await field('Time range').selectOption({ label: 'All time' });
  await field('Proxy URL').fill(proxy.origin);
  return { page, problems, proxy, site };
}

/** Sets the loopback permission (and its older single name) of `origin` in `page`'s context. */
async function setPermission(browser, page, origin, setting) {
  const pageSession = await page.context().newCDPSession(page);
  const { targetInfo } = await pageSession.send('Target.getTargetInfo');
  const session = await browser.newBrowserCDPSession();
  const set = [];
  for (const name of ['loopback-network', 'local-network-access']) {
    try {
      await session.send('Browser.setPermission', {
        permission: { name },
        setting,
        origin,
        browserContextId: targetInfo.browserContextId,
      });
      set.push(name);
    } catch {
      // This Chromium does not know that name.
    }
  }
  assert.ok(set.length > 0, 'Chromium knows a local network permission');
}

test('a blocked local network permission is explained, with the ways out, and not retried', async (t) => {
  const { page, problems, proxy } = await openPublicApp(t, 'denied');
  await page.getByRole('button', { name: 'Fetch all', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'blocked this page from reaching the proxy' });
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /The browser blocked this page from reaching the proxy on this computer/);
  assert.ok(text.includes(proxy.origin), text);
  assert.match(text, /Allow/);
  assert.match(text, /--serve-dir/);
  assert.match(text, /https address on a public name/);
  assert.doesNotMatch(text, /No answer: network or CORS failure/);
  // The browser refused before connecting: the proxy saw no request at all, not even a
  // preflight.
  assert.deepEqual(proxy.apiRequests(), []);
  await eventually(
    async () => /Stopped because the browser blocks this page from reaching the proxy/.test(await page.locator('body').innerText()),
    'the Fetch all run to stop at once',
  );
  // Chromium logs each refused request once: one request, and no retry of it.
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /Permission was denied for this request to access the `loopback` address space/);
});

test('with the permission allowed, the same query goes through', async (t) => {
  const { page, problems, proxy } = await openPublicApp(t, 'granted');
  await page.getByLabel('Page size', { exact: true }).fill('10');
  await page.getByRole('button', { name: 'Run query', exact: true }).click();
  await eventually(
    async () => (await page.getByRole('status').allTextContents()).some((s) => /Loaded 10 of 30 records/.test(s)),
    async () => `"Loaded 10 of 30 records"; alerts: ${JSON.stringify(await page.getByRole('alert').allTextContents())}`,
  );
  // One preflight (OPTIONS) and one GET, which the proxy answered.
  assert.deepEqual(proxy.apiRequests().filter((e) => e.method === 'GET').map((e) => e.status), [200]);
  assert.deepEqual(problems, []);
  // The page's own URL shows a loopback address, so the app declares nothing: Chromium's
  // check does not depend on it for a loopback IP literal.
  assert.deepEqual(await page.evaluate(() => window.declaredTargets), ['unknown']);
});

test('a site under a name declares the loopback target, and the query goes through', async (t) => {
  const { page, problems, proxy } = await openPublicApp(t, 'granted', { siteName: 'logins.example' });
  await page.getByLabel('Page size', { exact: true }).fill('10');
  await page.getByRole('button', { name: 'Run query', exact: true }).click();
  await eventually(
    async () => (await page.getByRole('status').allTextContents()).some((s) => /Loaded 10 of 30 records/.test(s)),
    async () => `"Loaded 10 of 30 records"; alerts: ${JSON.stringify(await page.getByRole('alert').allTextContents())}; problems: ${JSON.stringify(problems)}`,
  );
  assert.deepEqual(await page.evaluate(() => window.declaredTargets), ['loopback']);
  assert.deepEqual(proxy.apiRequests().filter((e) => e.method === 'GET').map((e) => e.status), [200]);
  assert.deepEqual(problems, []);
});
