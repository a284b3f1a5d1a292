// The app's Content Security Policy (see SECURITY.md), in one place for the build hook
// (csp.mjs) and the end-to-end test that checks the app runs under it.
import { createHash } from 'node:crypto';

/**
 * The CSP hash source of the one inline script in `html` (Trunk's module loader). Throws if
 * there is not exactly one: a second inline script would run unhashed, or not at all.
 */
export function inlineScriptHash(html) {
  const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
  if (scripts.length !== 1) {
    throw new Error(`expected exactly one inline script (Trunk's loader), found ${scripts.length}`);
  }
  return `'sha256-${createHash('sha256').update(scripts[0][1], 'utf8').digest('base64')}'`;
}

/**
 * The policy. Scripts: our own files, the loader by hash, and WebAssembly compilation.
 * connect-src mirrors the proxy URLs the app accepts: https anywhere, plain http only on
 * loopback (`[::1]` cannot be written as a CSP source, so use 127.0.0.1 for a local proxy).
 */
export function contentSecurityPolicy(scriptHash) {
  return [
    "default-src 'none'",
    `script-src 'self' ${scriptHash} 'wasm-unsafe-eval'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' http://127.0.0.1:* http://localhost:* https:",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}
