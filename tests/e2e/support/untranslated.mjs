// The English words left on a page that should be all Chinese: every text node (shown or not,
// so a collapsed <details> or a tooltip's text counts), the document title, and the attributes
// that carry accessible names or hints (aria-label, aria-description, aria-valuetext,
// aria-roledescription, placeholder, title, alt). A word is a run of ASCII letters (digits
// allowed after the first: "p95"); it is allowed when core/src/i18n/allowed_latin.txt lists it
// (units, codes, product names: the list the native catalog tests use too). User data and the
// API's own words (records, codes, messages, the request inspector's wire text) are inside
// elements marked translate="no", which are skipped: that attribute is HTML's own "do not
// translate this", which browser translators honour too.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ALLOWED_FILE = fileURLToPath(new URL('../../../core/src/i18n/allowed_latin.txt', import.meta.url));

/** The allowed words, as the native tests read them. */
export function allowedLatin() {
  return new Set(
    readFileSync(ALLOWED_FILE, 'utf8')
      .split('\n')
      .map((line) => line.split('#')[0].trim())
      .filter(Boolean),
  );
}

/** `[{ word, where }]` for every word on `page` (or only inside the elements `within`, a CSS
 * selector, when given) that is neither allowed nor inside translate="no". */
export async function untranslatedWords(page, within = null) {
  const allowed = [...allowedLatin()];
  return page.evaluate(([allowed, within]) => {
    const allow = new Set(allowed);
    const found = [];
    const check = (text, where) => {
      for (const word of text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) {
        if (!allow.has(word)) found.push({ word, where: `${where}: ${text.trim().slice(0, 80)}` });
      }
    };
    const skipped = (el) => el.closest('[translate="no"], script, style, noscript, template');
    const describe = (el) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
      return `<${el.tagName.toLowerCase()}${id}${cls}>`;
    };
    const roots = within ? [...document.querySelectorAll(within)] : [document.body];
    if (!within) check(document.title, 'title');
    const attrs = ['aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'placeholder', 'title', 'alt'];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || skipped(el)) continue;
        check(node.data, describe(el));
      }
      for (const el of [root, ...root.querySelectorAll(attrs.map((a) => `[${a}]`).join(','))]) {
        if (skipped(el)) continue;
        for (const a of attrs) {
          const value = el.getAttribute(a);
          if (value) check(value, `${describe(el)}[${a}]`);
        }
      }
    }
    return found;
  }, [allowed, within]);
}
