// Load test of logins-proxy (issue 9, item 5): N concurrent clients x M sequential requests each
// (default 100 x 100) against a running `logins-proxy --stand-in`, through the proxy URL
// convention exactly as the browser app calls it, while the server's resident memory is sampled.
//
//   target/release/logins-proxy --stand-in --records 100000 --listen 127.0.0.1:0 2>proxy.log &
//   node bench/load.mjs --base http://127.0.0.1:PORT --pid $! [--clients 100] [--requests 100]
//        [--limit 100] [--auth aksk|token] [--max-rss-growth-mb 64] [--json out.json]
//
// (bench/run.sh starts a stand-in, runs this and stops it; see bench/README.md, "The proxy load test".)
//
// Each client is one keep-alive connection (an http.Agent with one socket), like a browser tab,
// and sends its requests one after the other: `GET {base}/https://workspace.cn-north-4.
// myhuaweicloud.com/v2/{project}/connections/desktops?limit=100&offset=…` with the headers the
// app sends (SDK-HMAC-SHA256 signed with the stand-in's demo AK/SK, or the demo IAM token in
// X-Auth-Token with --auth token) and an allowed `Origin`, as a cross-origin app page would.
// Offsets vary over the whole data set. A request counts as ok when it is a 200 whose JSON
// has the expected total_count and number of records.
//
// Memory: VmRSS from /proc/PID/status every ~100 ms (before, peak, after) and VmHWM at the end
// (the kernel's high-water mark over the server's whole life, start-up included).
//
// Exit code: 0 when every request was ok and the peak RSS grew by at most --max-rss-growth-mb
// over the RSS before the run; 1 otherwise; 2 on bad arguments. The summary and the JSON are
// written either way.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { signedGet } from '../tests/e2e/support/sign.mjs';
import { DEMO } from '../tests/e2e/support/stand-in.mjs';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    pid: { type: 'string' },
    clients: { type: 'string', default: '100' },
    requests: { type: 'string', default: '100' },
    limit: { type: 'string', default: '100' },
    auth: { type: 'string', default: 'aksk' },
    // Why 64 MB: what a run legitimately adds is bounded by the server's own limits. At most
    // --max-concurrency (64) requests are handled at once, each holding one page of --limit 100
    // records (~60 kB of JSON plus the records it was built from), and each of the 100
    // connections holds hyper's buffers (the head is capped at 16 KiB): about 64 x 0.2 MB +
    // 100 x 0.05 MB, under 20 MB, plus what the allocator keeps per worker thread. 64 MB leaves
    // room for that and still catches a leak of one ~6.5 kB object per request over the
    // default 10,000 requests (one leaked page body is ~60 kB).
    'max-rss-growth-mb': { type: 'string', default: '64' },
    'timeout-ms': { type: 'string', default: '30000' },
    json: { type: 'string' },
  },
});

function usage(why) {
  console.error(`load.mjs: ${why}`);
  console.error('usage: node bench/load.mjs --base http://127.0.0.1:PORT --pid PID [--clients 100] [--requests 100] [--limit 100] [--auth aksk|token] [--max-rss-growth-mb 64] [--timeout-ms 30000] [--json out.json]');
  process.exit(2);
}

const positive = (name) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1) usage(`--${name} must be a positive integer`);
  return n;
};
if (!args.base) usage('--base is required');
if (!args.pid) usage('--pid is required (the server process, for /proc/PID/status)');
const BASE = args.base.replace(/\/$/, '');
const PID = positive('pid');
const CLIENTS = positive('clients');
const REQUESTS = positive('requests');
const LIMIT = positive('limit');
const TIMEOUT_MS = positive('timeout-ms');
const MAX_GROWTH_MB = Number(args['max-rss-growth-mb']);
if (!(MAX_GROWTH_MB >= 0)) usage('--max-rss-growth-mb must be a number >= 0');
if (!['aksk', 'token'].includes(args.auth)) usage('--auth is aksk or token');
if (!/^http:\/\/[^/]+$/.test(BASE)) usage('--base is http://host:port');

const HOST = new URL(DEMO.endpoint).host;
const PATH = `/v2/${DEMO.projectId}/connections/desktops`;
// A cross-origin app page on loopback (allowed by the proxy's default origin policy).
const ORIGIN = 'http://127.0.0.1:8080';

/** The URL and headers of one page request, as the app sends them through the proxy. */
function pageRequest(offset) {
  const query = { limit: LIMIT, offset };
  if (args.auth === 'token') {
    const qs = `limit=${LIMIT}&offset=${offset}`;
    return {
      url: `${BASE}/https://${HOST}${PATH}?${qs}`,
      headers: { 'Content-Type': 'application/json;charset=UTF-8', 'X-Auth-Token': DEMO.token, Origin: ORIGIN },
    };
  }
  const signed = signedGet({ proxyUrl: BASE, host: HOST, path: PATH, query, ak: DEMO.ak, sk: DEMO.sk, projectId: DEMO.projectId });
  return { url: signed.url, headers: { ...signed.headers, Origin: ORIGIN } };
}

/** One GET; resolves to {status, body} or rejects with a network error / timeout. */
function get(agent, { url, headers }) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers, timeout: TIMEOUT_MS }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    request.on('error', reject);
  });
}

// ---- memory ----
function memory() {
  try {
    const status = readFileSync(`/proc/${PID}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}
const mb = (x) => Math.round(x * 10) / 10;
const round = (x) => Math.round(x * 100) / 100;

/** The server's CPU time so far (user + system), seconds, from /proc/PID/stat. */
function serverCpuSeconds() {
  try {
    const stat = readFileSync(`/proc/${PID}/stat`, 'utf8');
    // Fields after the command name (which is in parentheses and may hold spaces).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

const before = memory();
if (!before) usage(`cannot read /proc/${PID}/status: is --pid the server's process id?`);

// The sampler runs in a worker thread, so its 100 ms ticks keep time while this thread is busy
// with 100 clients' responses.
const SAMPLER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { readFileSync } = require('node:fs');
  let peak = 0, samples = 0;
  const sample = () => {
    try {
      const m = /^VmRSS:\\s+(\\d+) kB/m.exec(readFileSync('/proc/' + workerData.pid + '/status', 'utf8'));
      if (m) { peak = Math.max(peak, Number(m[1]) / 1024); samples += 1; }
    } catch {}
  };
  sample();
  const timer = setInterval(sample, 100);
  parentPort.on('message', () => { clearInterval(timer); sample(); parentPort.postMessage({ peak, samples }); });
`;
const sampler = new Worker(SAMPLER, { eval: true, workerData: { pid: PID } });
async function stopSampler() {
  const done = new Promise((resolve) => sampler.once('message', resolve));
  sampler.postMessage('stop');
  const result = await done;
  await sampler.terminate();
  return result;
}

// ---- the run ----
// One request first (not counted) to learn total_count, so offsets can cover the data.
const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let total;
try {
  const probe = await get(probeAgent, pageRequest(0));
  if (probe.status !== 200) throw new Error(`status ${probe.status}: ${probe.body.slice(0, 200)}`);
  total = JSON.parse(probe.body).total_count;
  if (!Number.isInteger(total)) throw new Error('no total_count in the answer');
} catch (e) {
  await stopSampler();
  console.error(`load.mjs: the first request to ${BASE} failed: ${e.message}`);
  process.exit(1);
} finally {
  probeAgent.destroy();
}

/** Client c's i-th offset: spread over [0, total - LIMIT], different for every request. */
const lastStart = Math.max(0, total - LIMIT);
const offsetOf = (c, i) => ((c * REQUESTS + i) * 7919 * LIMIT) % (lastStart + 1);

const latencies = [];
const errors = {};
let ok = 0;
const fail = (kind) => { errors[kind] = (errors[kind] ?? 0) + 1; };

async function client(c) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < REQUESTS; i += 1) {
      const offset = offsetOf(c, i);
      const request = pageRequest(offset);
      const started = process.hrtime.bigint();
      try {
        const { status, body } = await get(agent, request);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (status !== 200) {
          fail(String(status));
          continue;
        }
        let page;
        try {
          page = JSON.parse(body);
        } catch {
          fail('bad-json');
          continue;
        }
        const expected = Math.min(LIMIT, Math.max(0, total - offset));
        if (page.total_count !== total || !Array.isArray(page.records) || page.records.length !== expected) {
          fail('wrong-page');
          continue;
        }
        ok += 1;
      } catch (e) {
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        fail(e.code ?? 'network');
      }
    }
  } finally {
    agent.destroy();
  }
}

const cpu0 = { server: serverCpuSeconds(), client: process.cpuUsage() };
const t0 = process.hrtime.bigint();
await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
const clientCpu = process.cpuUsage(cpu0.client);
const cpu = {
  server_s: round(serverCpuSeconds() - cpu0.server),
  server_ms_per_request: 0,
  client_s: round((clientCpu.user + clientCpu.system) / 1e6),
};
cpu.server_ms_per_request = round((cpu.server_s * 1000) / (CLIENTS * REQUESTS));

// Let the server notice the closed connections, then take the last samples.
await new Promise((r) => setTimeout(r, 500));
const { peak: sampledPeak, samples } = await stopSampler();
const end = memory() ?? { rss: NaN, hwm: NaN };
const peak = Math.max(before.rss, sampledPeak, end.rss);

// ---- report ----
latencies.sort((a, b) => a - b);
/** Nearest rank, as core::stats: the ceil(p/100 * n)-th smallest value. */
const percentile = (p) => (latencies.length ? latencies[Math.max(1, Math.ceil((p / 100) * latencies.length)) - 1] : NaN);
const totalRequests = CLIENTS * REQUESTS;
const errorCount = totalRequests - ok;
const growth = peak - before.rss;
const result = {
  clients: CLIENTS,
  requests: REQUESTS,
  total: totalRequests,
  ok,
  errors,
  wall_ms: Math.round(wallMs),
  requests_per_s: Math.round(totalRequests / (wallMs / 1000)),
  latency_ms: { p50: round(percentile(50)), p95: round(percentile(95)), p99: round(percentile(99)), max: round(latencies.at(-1) ?? NaN) },
  rss_mb: { before: mb(before.rss), peak: mb(peak), after: mb(end.rss) },
  hwm_mb: mb(end.hwm),
  rss_samples: samples,
  cpu_s: cpu,
  limit: LIMIT,
  records: total,
  auth: args.auth,
  max_rss_growth_mb: MAX_GROWTH_MB,
};
const memoryOk = growth <= MAX_GROWTH_MB;
result.pass = errorCount === 0 && memoryOk;

const errorText = errorCount ? Object.entries(errors).map(([k, n]) => `${k}: ${n}`).join(', ') : 'none';
console.log(`load: ${CLIENTS} clients x ${REQUESTS} requests (limit=${LIMIT}, ${args.auth}, ${total} records) against ${BASE}`);
console.log(`  ${ok}/${totalRequests} ok, errors: ${errorText}`);
console.log(`  ${result.wall_ms} ms, ${result.requests_per_s} requests/s; latency ms p50 ${result.latency_ms.p50}, p95 ${result.latency_ms.p95}, p99 ${result.latency_ms.p99}, max ${result.latency_ms.max}`);
console.log(`  CPU during the run: server ${cpu.server_s} s (${cpu.server_ms_per_request} ms per request), this client ${cpu.client_s} s (of ${round(wallMs / 1000)} s wall)`);
console.log(`  server RSS MB: before ${result.rss_mb.before}, peak ${result.rss_mb.peak} (+${mb(growth)}, bound +${MAX_GROWTH_MB}), after ${result.rss_mb.after}; VmHWM ${result.hwm_mb} (${samples} samples)`);
console.log(`  ${result.pass ? 'PASS' : 'FAIL'}${errorCount ? ` (${errorCount} failed requests)` : ''}${memoryOk ? '' : ' (memory grew past the bound)'}`);
if (errors['503']) {
  console.log('  503s are the proxy shedding load (PROXY.0503): more requests in flight than its --max-concurrency (default 64);');
  console.log('  start it with --max-concurrency >= --clients to measure the stand-in rather than the limit (bench/README.md, "The proxy load test").');
}
if (args.json) await writeFile(args.json, `${JSON.stringify(result, null, 2)}\n`);
process.exit(result.pass ? 0 : 1);
