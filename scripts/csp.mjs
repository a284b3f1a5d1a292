// Trunk post-build hook: writes the Content Security Policy into the built index.html.
//
// Why a hook: the policy must allow Trunk's one inline module loader by its hash, and that
// loader names the content-hashed JS file, so the hash changes with every build. The policy
// itself is defined once, in csp-policy.mjs, which the end-to-end test also reads.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentSecurityPolicy, inlineScriptHash } from './csp-policy.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk post_build hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
const html = await readFile(file, 'utf8');
const policy = contentSecurityPolicy(inlineScriptHash(html));
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', '&quot;')}">`;
// First in <head> after the charset, so it applies before anything loads.
const withPolicy = html.replace(/(<meta charset="utf-8">)/i, `$1\n    ${meta}`);
if (withPolicy === html) {
  console.error('csp.mjs: no <meta charset="utf-8"> in index.html to put the policy after');
  process.exit(1);
}
await writeFile(file, withPolicy);
