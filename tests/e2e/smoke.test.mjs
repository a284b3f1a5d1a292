// Smoke test of the built app: dist/ served statically on loopback, opened in Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { serveStatic } from './support/static-server.mjs';
import { launchBrowser, openRecordingPage } from './support/browser.mjs';

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

test('the app mounts, shows its title and landmarks, and logs no errors', async () => {
  const { page, problems } = await openRecordingPage(browser);
  await page.goto(server.url);

  // The <h1> exists only once the wasm app has mounted: index.html itself has no heading.
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await heading.textContent(), 'Workspace Login Records');
  assert.equal(await page.title(), 'Workspace Login Records');

  for (const role of ['banner', 'main', 'contentinfo']) {
    assert.equal(await page.getByRole(role).count(), 1, `exactly one ${role} landmark`);
  }
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
  await page.close();
});

test('assets load from relative URLs, so dist/ works under any path', async () => {
  const html = await (await fetch(server.url)).text();
  const assetRefs = [...html.matchAll(/(?:href|src)="([^"]+\.(?:js|wasm|css))"/g)].map((m) => m[1]);
  assert.ok(assetRefs.length >= 2, `expected the js and css to be referenced, got ${assetRefs}`);
  for (const ref of assetRefs) {
    assert.ok(!ref.startsWith('/') && !/^[a-z]+:/i.test(ref), `asset reference ${ref} is not relative`);
  }
});

test('on a plain static host, "Try demo data" shows generated records with no network at all', async () => {
  const { page, problems } = await openRecordingPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Try demo data', exact: true }).click();
  const status = page.getByRole('status').filter({ hasText: 'Loaded' });
  await status.waitFor({ timeout: 15_000 });
  assert.equal((await status.textContent()).trim(), 'Loaded 10000 of 10000 records (generated demo data)');
  const table = page.getByRole('table', { name: 'Login records' });
  assert.ok(await table.isVisible());
  assert.equal(await table.getAttribute('aria-rowcount'), '10001', 'header + 10,000 rows');
  // Virtualized: the rows in view (plus a small buffer) are in the DOM, not all 10,000.
  const domRows = await table.getByRole('row').count();
  assert.ok(domRows > 10 && domRows < 200, `${domRows} rows in the DOM`);
  // Only the app's own static files were requested: the demo needs no API, proxy or account.
  const foreign = requests.filter((url) => !url.startsWith(server.url));
  assert.deepEqual(foreign, []);
  assert.ok(!requests.some((url) => url.includes('/connections/desktops')));
  assert.deepEqual(problems, []);
  await page.close();
});
