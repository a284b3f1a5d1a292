// The records table's row count as a user and assistive technology see it: the toolbar's
// "N of M rows" (shown of loaded) and the table's aria-rowcount (shown + the header row).
import { eventually } from './wait.mjs';

/** `{ shown, loaded }` from "N of M rows", or null when the page does not say it. */
export async function countText(page) {
  const m = /\b(\d+) of (\d+) rows\b/.exec(await page.locator('body').innerText());
  return m && { shown: Number(m[1]), loaded: Number(m[2]) };
}

/** The records table's aria-rowcount (NaN when there is no table). */
export async function ariaRowCount(page) {
  return Number(await page.getByRole('table', { name: 'Login records' }).getAttribute('aria-rowcount'));
}

/**
 * Waits until "N of M rows" says `shown` of `loaded` (any `loaded` when undefined) and
 * aria-rowcount agrees; on timeout the message also carries `more()` when given (e.g. the
 * status line).
 */
export async function waitForRowCount(page, shown, loaded, { timeoutMs = 15_000, more } = {}) {
  await eventually(async () => {
    const c = await countText(page);
    return c && c.shown === shown && (loaded === undefined || c.loaded === loaded) && (await ariaRowCount(page)) === shown + 1;
  }, async () => `"${shown} of ${loaded ?? 'M'} rows" and aria-rowcount ${shown + 1}, got ${JSON.stringify(await countText(page))}, aria-rowcount ${await ariaRowCount(page).catch(() => '?')}${more ? `; ${await more()}` : ''}`, timeoutMs);
}
