// Launches Debian's Chromium through playwright-core. Never a downloaded browser: there is no
// network here beyond the package registries, and the flags keep Chromium from trying.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: !process.env.E2E_HEADED,
    slowMo: Number(process.env.E2E_SLOWMO ?? 0),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Opens a page that records every console error and uncaught exception, so a test can assert
 * that none happened.
 *
 * `expectedMissing` lists URL path endings whose 404 is expected and not a problem: Chromium
 * logs every failed resource load as a console error, and on a plain static host the app's
 * optional `app-config.json` is absent by design.
 */
export async function openRecordingPage(browser, { expectedMissing = ['/app-config.json'] } = {}) {
  const page = await browser.newPage();
  const problems = [];
  const expected = (url) => {
    try {
      const path = new URL(url).pathname;
      return expectedMissing.some((end) => path.endsWith(end));
    } catch {
      return false;
    }
  };
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    if (/Failed to load resource/.test(msg.text()) && expected(msg.location()?.url ?? '')) return;
    problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  return { page, problems };
}
