// Launches Debian's Chromium through playwright-core. Never a downloaded browser: there is no
// network here beyond the package registries, and the flags keep Chromium from trying.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `extraArgs`: more Chromium switches, e.g. `['--ip-address-space-overrides=127.0.0.1:8080=public']`. */
export function launchBrowser({ extraArgs = [] } = {}) {
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
      ...extraArgs,
    ],
  });
}

/**
 * Opens a page that records every console error and uncaught exception, so a test can assert
 * that none happened.
 *
 * `expectedFailedLoads` lists URL path endings whose failed loads (an HTTP error status, or an
 * aborted or reset request) are expected and not a problem: Chromium logs every failed resource
 * load as a console error, on a plain static host the app's optional `app-config.json` is
 * absent by design, and tests that provoke API errors add the API's path.
 *
 * `contextOptions` go to the page's new browser context (`browser.newPage`), e.g.
 * `{ timezoneId: 'Europe/Berlin' }` to give local times a zone other than the machine's.
 */
export async function openRecordingPage(browser, { expectedFailedLoads = ['/app-config.json'], contextOptions = {} } = {}) {
  const page = await browser.newPage(contextOptions);
  const problems = [];
  const expected = (url) => {
    try {
      const path = new URL(url).pathname;
      return expectedFailedLoads.some((end) => path.endsWith(end));
    } catch {
      return false;
    }
  };
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    if (/Failed to load resource/.test(msg.text()) && expected(msg.location()?.url ?? '')) return;
    const where = /Failed to load resource/.test(msg.text()) ? ` (${msg.location()?.url})` : '';
    problems.push(`console.${msg.type()}: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => expected(req.url()) || problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  return { page, problems };
}
