// Starts the logins-proxy binary in stand-in mode on an ephemeral loopback port, serving dist/
// next to the fake login-records API, so a test drives the real app against the real proxy.
//
//   const standIn = await startStandIn({ t, records: 5000, faults: { failRate: 0.1 } });
//   await page.goto(standIn.url);
//   ... standIn.apiRequests() ...
//
// The child is always killed: by `t.after` when a test context is given (the recommended way;
// it runs even when the test fails), by `stop()`, and as a last resort when Node exits.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** The binary: LOGINS_PROXY_BIN, else the debug build (`cargo build -p logins-proxy`). */
export const PROXY_BIN = process.env.LOGINS_PROXY_BIN ?? `${REPO}target/debug/logins-proxy`;

/** The built app (`trunk build --release --offline`); E2E_DIST points elsewhere. */
export const DIST = process.env.E2E_DIST ?? `${REPO}dist`;

/**
 * The demo data's "now" (2025-01-01T00:00:00Z): fixed, so every run serves the same records.
 * Tests that filter by time must pick "All time" or explicit times, not a "Last …" preset.
 */
export const FIXED_NOW_UNIX = 1735689600;

/** The stand-in's default demo credentials (proxy/README.md); not secrets, but the app must
 * treat the SK as one, which is what the end-to-end tests check. */
export const DEMO = {
  projectId: '0e69423d4400f4a82f67c0059a1e4cc8',
  ak: 'DEMOAKLOGINSVIEWER01',
  sk: 'demoSKloginsViewerNotASecret0000000000001',
  token: 'demo-iam-token-logins-viewer',
  region: 'cn-north-4',
  endpoint: 'https://workspace.cn-north-4.myhuaweicloud.com',
};

// One access-log line of the proxy: `GET workspace.cn-north-4.myhuaweicloud.com/v2/p/connections/desktops 200 3ms id=…`.
const ACCESS_LINE = /^([A-Z]+) (\S+) (\d{3}) (\d+)ms id=(\S+)$/;
const LISTENING = /listening on (http:\/\/\S+)/;

const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Starts a stand-in and resolves once it listens.
 *
 * @param {object} [options]
 * @param {import('node:test').TestContext} [options.t] registers `stop()` with `t.after`
 * @param {number} [options.records=1000]
 * @param {number} [options.seed=1]
 * @param {number} [options.nowUnix=FIXED_NOW_UNIX]
 * @param {{failRate?: number, throttleRate?: number, truncateRate?: number, resetRate?: number, latencyMs?: number}} [options.faults]
 * @param {string[]} [options.extraArgs] more flags, e.g. ['--reject-user-name', 'x']
 * @param {string|null} [options.serveDir=DIST] null to serve no static files
 * @param {number} [options.startTimeoutMs=30000]
 * @returns {Promise<{url: string, origin: string, port: number, logLines: string[],
 *   accessLog: () => Array<{method: string, target: string, status: number, ms: number, id: string}>,
 *   apiRequests: () => Array<{method: string, target: string, status: number, ms: number, id: string}>,
 *   stop: () => Promise<void>}>}
 */
export async function startStandIn({
  t,
  records = 1000,
  seed = 1,
  nowUnix = FIXED_NOW_UNIX,
  faults = {},
  extraArgs = [],
  serveDir = DIST,
  startTimeoutMs = 30_000,
} = {}) {
  if (!existsSync(PROXY_BIN)) {
    throw new Error(`${PROXY_BIN} is missing: run \`cargo build -p logins-proxy\` (or set LOGINS_PROXY_BIN)`);
  }
  if (serveDir && !existsSync(`${serveDir}/index.html`)) {
    throw new Error(`${serveDir}/index.html is missing: run \`trunk build --release --offline\` first`);
  }
  const args = [
    '--stand-in',
    '--listen', '127.0.0.1:0',
    '--records', String(records),
    '--seed', String(seed),
    '--now-unix', String(nowUnix),
  ];
  const flag = { failRate: '--fail-rate', throttleRate: '--throttle-rate', truncateRate: '--truncate-rate', resetRate: '--reset-rate', latencyMs: '--latency-ms' };
  for (const [key, value] of Object.entries(faults)) {
    if (!(key in flag)) throw new Error(`unknown fault option ${key}`);
    if (value !== undefined) args.push(flag[key], String(value));
  }
  if (serveDir) args.push('--serve-dir', serveDir);
  args.push(...extraArgs);

  const child = spawn(PROXY_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const logLines = [];
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    live.delete(child);
    resolve({ code, signal });
  }));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  t?.after(stop);

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not print its address within ${startTimeoutMs} ms`), startTimeoutMs);
    function fail(why) {
      clearTimeout(timer);
      stop();
      reject(new Error(`logins-proxy ${args.join(' ')} ${why}:\n${logLines.join('\n')}`));
    }
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        logLines.push(line);
        const m = LISTENING.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(`${m[1]}/`);
        }
      });
    }
    child.once('error', (e) => fail(`could not start (${e.message})`));
    exited.then(({ code, signal }) => fail(`exited (code ${code}, signal ${signal})`));
  });

  const parsed = () => logLines
    .map((line) => ACCESS_LINE.exec(line))
    .filter(Boolean)
    .map(([, method, target, status, ms, id]) => ({ method, target, status: Number(status), ms: Number(ms), id }));
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    port: Number(new URL(url).port),
    /** Every line the proxy printed (stdout and stderr): the start banner, then one per request. */
    logLines,
    /** The access-log lines, parsed. */
    accessLog: parsed,
    /** Access-log entries of the login-records API (through the proxy convention or direct). */
    apiRequests: () => parsed().filter((e) => /\/v2\/[^/]+\/connections\/desktops$/.test(e.target)),
    stop,
  };
}
