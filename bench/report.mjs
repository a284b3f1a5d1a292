// Writes bench/RESULTS.md from the JSON files one run of bench/run.sh left in its output folder:
// bundle.json, browser.json, sdk.json, micro.json and (when present) load.json, stages.json and
// targets.json.
//
//   node bench/report.mjs --in bench/out --out bench/RESULTS.md
//
// `--only targets` rewrites only section 10 (from targets.json) in the existing RESULTS.md and
// keeps every other section as it is, for a run of `node bench/targets.mjs` alone:
//
//   node bench/report.mjs --in bench/out --out bench/RESULTS.md --only targets
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median, range } from './stats.mjs';

const { values: args } = parseArgs({
  options: {
    in: { type: 'string', default: 'bench/out' },
    out: { type: 'string', default: 'bench/RESULTS.md' },
    only: { type: 'string' },
  },
});
const read = (name) => {
  const path = join(args.in, name);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};
const bundle = read('bundle.json');
const browser = read('browser.json');
const sdk = read('sdk.json');
const sdkLatency = read('sdk-latency.json');
const micro = read('micro.json');
const load = read('load.json');
const stages = read('stages.json');
const targets = read('targets.json');

const run = (cmd, argv) => {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};
const osName = (() => {
  try {
    return /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))[1];
  } catch {
    return os.type();
  }
})();

const kB = (n) => (n / 1000).toFixed(1);
const ms = (n) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const ms1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const spread = (values, f = ms) => {
  const [lo, hi] = range(values);
  return `${f(lo)}–${f(hi)}`;
};
const yes = (ok) => (ok ? 'yes' : '**no**');

// --- 10. several targets (issue 17) --------------------------------------------------------------
/** Section 10 from targets.json; `standalone` adds where the figures come from (for --only). */
function targetsSection(t, { standalone = false } = {}) {
  const section = [];
  const add = (...l) => section.push(...l);
  const records = (n) => n.toLocaleString('en');
  const m = (which, k) => median(t[which].runs.map((r) => r[k]));
  const describe = (which) => t[which].targets.map((x) => `${records(x.records)} in ${x.region}`).join(', ');
  add(
    `## 10. Several targets: three totalling ${records(t.records)} against one of ${records(t.records)}`,
    '',
  );
  if (standalone) {
    add(
      `Written by \`node bench/targets.mjs --runs ${t.runs}\` and \`node bench/report.mjs --only targets\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC at commit`,
      `\`${run('git', ['rev-parse', '--short', 'HEAD'])}\`, on the machine above (Chromium ${t.chromium} headless); the other sections are from the run named at the top.`,
      '',
    );
  }
  add(
    `"Fetch all" of three targets (${describe('three')}: three projects of one release stand-in, each through its`,
    `region's host and the proxy, under the app's one limit of 4 pages in flight shared by the targets) against one target of`,
    `${records(t.records)} (${describe('one')}: a fourth project of the same stand-in), medians of ${t.runs} runs each in one session, the two`,
    'alternating (`bench/targets.mjs`). Time and phases are the app\'s own measures, as in section 3: click → the frame with the',
    'table and the analytics. *Most in flight*: the most pages whose network measures overlapped, the largest of the runs.',
    '',
    '| Setup | Total (click → rendered) | Range | Fetch (click → last page) | Network (sum) | Parse (sum) | Index (sum) | Final index | First render | Analytics | Pages | Most in flight |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const [which, label] of [['one', 'One target'], ['three', 'Three targets']]) {
    const r = t[which].runs;
    add(`| ${label}: ${t[which].targets.map((x) => records(x.records)).join(' + ')} | **${ms(m(which, 'total'))} ms** | ${spread(r.map((x) => x.total))} ms | ${ms(m(which, 'fetchWall'))} ms | ${ms(m(which, 'networkSum'))} ms | ${ms(m(which, 'parseSum'))} ms | ${ms(m(which, 'indexSum'))} ms | ${ms1(m(which, 'finalIndex'))} ms | ${ms(m(which, 'firstRender'))} ms | ${ms(m(which, 'analytics'))} ms | ${ms(m(which, 'pages'))} | ${Math.max(...r.map((x) => x.maxInFlight))} |`);
  }
  const paired = t.one.runs.map((o, i) => t.three.runs[i].total / o.total);
  const delta = (k) => {
    const d = m('three', k) - m('one', k);
    return `${d >= 0 ? '+' : '−'}${ms(Math.abs(d))} ms`;
  };
  add(
    '',
    `**Three targets / one target: ${(m('three', 'total') / m('one', 'total')).toFixed(2)}×** (median / median; run by run ${spread(paired, (x) => x.toFixed(2))}×).`,
    `Differences of the medians (three − one): total ${delta('total')}; fetch ${delta('fetchWall')}, final index ${delta('finalIndex')},`,
    `first render ${delta('firstRender')}, analytics ${delta('analytics')}. With one target the engine's table is handed to the views as it`,
    'is (a copy of a compact table); with several, *final index* joins the targets\' tables into one (`RecordTable::append`:',
    'each distinct string interned once, rows copied with their symbols translated and keyed; `merged_table` in src/runner.rs).',
    'Before `append` (at 7a1dc21, rebuilding the table record by record), the same run measured 1793 ms against 2336 ms,',
    '1.30×, with a final index of 390 ms.',
    '',
  );
  return section;
}

if (args.only) {
  if (args.only !== 'targets') throw new Error(`--only: only "targets" is supported, not ${args.only}`);
  if (!targets) throw new Error(`--only targets: ${join(args.in, 'targets.json')} is missing (run node bench/targets.mjs --json ...)`);
  const existing = existsSync(args.out) ? readFileSync(args.out, 'utf8') : '# Benchmark results\n';
  const section = `${targetsSection(targets, { standalone: true }).join('\n')}\n`;
  // Section 10 runs from its heading to the next "## " heading or the end of the file.
  const start = existing.search(/^## 10\. /m);
  let text;
  if (start < 0) {
    text = `${existing.replace(/\n*$/, '\n\n')}${section}`;
  } else {
    const rest = existing.slice(start + 1).search(/^## /m);
    text = existing.slice(0, start) + section + (rest < 0 ? '' : existing.slice(start + 1 + rest));
  }
  await writeFile(args.out, text);
  console.log(`wrote section 10 of ${args.out}`);
  process.exit(0);
}

const lines = [];
const out = (...l) => lines.push(...l);

out(
  '# Benchmark results',
  '',
  `Written by \`bench/run.sh\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC at commit`,
  `\`${run('git', ['rev-parse', '--short', 'HEAD'])}\`${run('git', ['status', '--porcelain']) ? ' (with uncommitted changes)' : ''}. Medians of ${browser?.runs ?? targets?.runs ?? '?'} runs; ranges are the`,
  'fastest and slowest run. See bench/README.md for what each figure measures.',
  '',
  '**Machine**: ' + [
    `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores`,
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `${osName} (Linux ${os.release()})`,
    `Chromium ${browser?.chromium ?? targets?.chromium ?? '?'} headless`,
    `${run('rustc', ['--version'])}`,
    `Node ${process.version}`,
    sdk ? `Python ${sdk.python}` : null,
  ].filter(Boolean).join('; ') + '. A shared machine: other work may have run at the same time.',
  '',
);

// --- targets first: the summary a reader wants ---------------------------------------------------
const big = browser && Math.max(...Object.keys(browser.load).map(Number));
const appBig = browser && median(browser.load[big].map((r) => r.total));
const sdkMedian = sdk && median(sdk.seconds) * 1000;
const interactionMedians = browser ? Object.entries(browser.interactions).map(([name, v]) => [name, median(v)]) : [];
const slowest = (entries) => entries.reduce((a, b) => (b[1] > (a?.[1] ?? -1) ? b : a), null);
// Filters are recorded twice (": table", ": analytics"); sorts only touch the table.
const tableMedians = interactionMedians.filter(([name]) => !name.endsWith(': analytics'));
const analyticsMedians = interactionMedians.filter(([name]) => name.endsWith(': analytics'));
const memoryMb = browser?.memory ? browser.memory.wasmLinearMb + browser.memory.jsHeapUsedMb : NaN;
out(
  '## Targets',
  '',
  '| Target | Measured | Met |',
  '|---|---|---|',
);
if (bundle) out(`| Total gzip ≤ 250 kB | ${kB(bundle.total.gzip)} kB | ${yes(bundle.budget.within)} |`);
if (browser) out(`| ${big.toLocaleString('en')} records loaded and rendered in < 3 s | ${ms(appBig)} ms | ${yes(appBig < 3000)} |`);
if (browser && sdk) out(`| ≥ 3× faster than the SDK's sequential paging (loopback stand-in) | ${(sdkMedian / appBig).toFixed(1)}× | ${yes(sdkMedian / appBig >= 3)} |`);
if (browser?.loadWithLatency && sdkLatency) {
  const ratio = (median(sdkLatency.seconds) * 1000) / median(browser.loadWithLatency.runs.map((r) => r.total));
  out(`| … with ${sdkLatency.latency_ms} ms gateway latency per page | ${ratio.toFixed(1)}× | ${yes(ratio >= 3)} |`);
}
if (tableMedians.length) {
  const worst = slowest(tableMedians);
  out(`| Every interaction at ${big.toLocaleString('en')} records < 100 ms: the table's response | slowest median: ${worst[0].replace(/: table$/, '')}, ${ms(worst[1])} ms | ${yes(worst[1] < 100)} |`);
}
if (analyticsMedians.length) {
  const worst = slowest(analyticsMedians);
  out(`| … and the analytics (KPIs, charts) settled | slowest median: ${worst[0].replace(/: analytics$/, '')}, ${ms(worst[1])} ms | ${yes(worst[1] < 100)} |`);
}
if (browser?.memory) out(`| Memory < 150 MB | ${memoryMb.toFixed(0)} MB (wasm + JS heap) | ${yes(memoryMb < 150)} |`);
out('');

// --- 1. bundle -----------------------------------------------------------------------------------
if (bundle) {
  out(
    '## 1. Bundle',
    '',
    'The files in dist/ a browser downloads (index.html aside). kB = 1000 bytes; gzip is GNU `gzip -9`, brotli is quality 11.',
    '',
    '| File | Raw | gzip -9 | brotli |',
    '|---|---:|---:|---:|',
    ...bundle.files.map((f) => `| ${f.kind} (\`${f.name.replace(/-[0-9a-f]{8,}/, '-…')}\`) | ${kB(f.raw)} kB | ${kB(f.gzip)} kB | ${kB(f.brotli)} kB |`),
    `| **Total** | ${kB(bundle.total.raw)} kB | **${kB(bundle.total.gzip)} kB** | ${kB(bundle.total.brotli)} kB |`,
    '',
    `Budget: total gzip ≤ ${kB(bundle.budget.gzip)} kB: **${bundle.budget.within ? 'within' : `over by ${kB(bundle.total.gzip - bundle.budget.gzip)} kB`}** (\`bench/run.sh\` exits non-zero when over).`,
    '',
  );
}

// --- 2–5. browser --------------------------------------------------------------------------------
if (browser) {
  const s = browser.startup;
  out(
    '## 2. Start-up',
    '',
    'From navigation (the page\'s time origin) in a fresh browser context, served by the stand-in over loopback.',
    '',
    '| Milestone | Median | Range |',
    '|---|---:|---:|',
    `| App mounted and interactive (\`logins:interactive\`) | ${ms(median(s.interactive))} ms | ${spread(s.interactive)} ms |`,
    `| Form prefilled from /app-config.json (\`logins:prefilled\`) | ${ms(median(s.prefilled))} ms | ${spread(s.prefilled)} ms |`,
    '',
    '## 3. Load: "Fetch all"',
    '',
    'From the click on "Fetch all" to the frame that shows the table and the analytics (KPIs, charts), records from the',
    'stand-in through the proxy (pages of 1000, 4 in flight). Phases from the app\'s User Timing entries: *fetch* runs from',
    'the click to the last page merged; *network*, *parse* and *index* are sums over the pages (they overlap: network waits',
    'run 4 at a time while the main thread parses); then *final index*, the table\'s *first render*, and the *analytics*',
    '(computed after the table\'s frame is painted, until their own frame).',
    '',
    '| Records | Total (click → rendered) | Range | Records/s | Fetch (click → last page) | Network (sum) | Parse (sum) | Index (sum) | Final index | First render | Analytics |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const [size, runs] of Object.entries(browser.load)) {
    const m = (k) => median(runs.map((r) => r[k]));
    out(`| ${Number(size).toLocaleString('en')} | **${ms(m('total'))} ms** | ${spread(runs.map((r) => r.total))} ms | ${Math.round(Number(size) / (m('total') / 1000)).toLocaleString('en')} | ${ms(m('fetchWall'))} ms | ${ms(m('networkSum'))} ms | ${ms(m('parseSum'))} ms | ${ms(m('indexSum'))} ms | ${ms(m('finalIndex'))} ms | ${ms(m('firstRender'))} ms | ${ms(m('analytics'))} ms |`);
  }
  out(
    '',
    `## 4. Interactions at ${big.toLocaleString('en')} records`,
    '',
    'From the input event (caught before the app sees it) to the first frame that shows the result. A filter change is',
    'recorded twice: the frame in which the table shows it (*table*), and the frame in which the KPIs and charts have caught',
    'up (*analytics*: the app computes them after the table\'s frame is painted, so typing and clicks are never held up by them).',
    '',
    '| Interaction | Median | Range | < 100 ms |',
    '|---|---:|---:|---|',
    ...Object.entries(browser.interactions).map(([name, v]) => `| ${name} | **${ms(median(v))} ms** | ${spread(v)} ms | ${yes(median(v) < 100)} |`),
    '',
  );
  if (browser.memory) {
    const mem = browser.memory;
    out(
      `## 5. Memory after loading ${big.toLocaleString('en')} records`,
      '',
      '| What | MB (2^20 bytes) |',
      '|---|---:|',
      `| Wasm linear memory (its size; it never shrinks) | ${mem.wasmLinearMb.toFixed(1)} |`,
      `| JS heap used, after a forced garbage collection | ${mem.jsHeapUsedMb.toFixed(1)} |`,
      `| JS heap allocated | ${mem.jsHeapTotalMb.toFixed(1)} |`,
      `| **Wasm + JS heap used** | **${memoryMb.toFixed(1)}** |`,
      '',
    );
  }
}

// --- 6. SDK baseline -----------------------------------------------------------------------------
if (sdk) {
  out(
    '## 6. Baseline: the official Python SDK',
    '',
    `\`${sdk.sdk}\` (\`ListLoginRecordsNewRequest\`, limit 1000, one page after the other, as its users write it) reading the same`,
    `${sdk.records.toLocaleString('en')} records from the same stand-in program and data (directly, no proxy), timed from the first request to the last`,
    'record parsed into the SDK\'s models; the app\'s time is its "Fetch all" through the proxy, until table and analytics are rendered.',
    '',
    '| Stand-in | Python SDK, sequential | This app, Fetch all | App faster by (SDK median / app median) |',
    '|---|---:|---:|---:|',
  );
  const row = (label, sdkRun, appRuns) => {
    const s = median(sdkRun.seconds) * 1000;
    const a = appRuns ? median(appRuns.map((r) => r.total)) : NaN;
    out(`| ${label} | ${ms(s)} ms (${spread(sdkRun.seconds.map((x) => x * 1000))}) | ${appRuns ? `${ms(a)} ms (${spread(appRuns.map((r) => r.total))})` : '–'} | **${appRuns ? `${(s / a).toFixed(1)}×` : '–'}** |`);
  };
  row('answering at once (loopback)', sdk, browser?.load[big]);
  if (sdkLatency) {
    row(`each page after ${sdkLatency.latency_ms} ms ±50% (like a gateway)`, sdkLatency, browser?.loadWithLatency?.runs);
  }
  out(
    '',
    'On loopback a page costs the stand-in and either client only milliseconds, and both clients share the 2 cores with the',
    'server, so paging in parallel gains little; with a gateway\'s latency per page, the app\'s 4 pages in flight do.',
    '',
  );
}

// --- 7. micro ------------------------------------------------------------------------------------
if (micro) {
  out(
    '## 7. Native micro-benchmarks of `core`',
    '',
    '`cargo bench -p logins-core --bench micro` (release, natively; the browser runs the same code compiled to wasm).',
    '',
    '| Benchmark | Median | Range | Samples |',
    '|---|---:|---:|---:|',
    ...micro.benchmarks.map((b) => `| ${b.name} | ${b.median_ms < 1 ? `${(b.median_ms * 1000).toFixed(1)} µs` : `${ms1(b.median_ms)} ms`} | ${b.median_ms < 1 ? `${(b.min_ms * 1000).toFixed(1)}–${(b.max_ms * 1000).toFixed(1)} µs` : `${ms1(b.min_ms)}–${ms1(b.max_ms)} ms`} | ${b.samples} |`),
    '',
    `Page parsing throughput (a ${kB(micro.page_bytes)} kB page of 1000 records): **${micro.page_parse_mb_per_s.toFixed(0)} MB/s** into the app's records, against ${micro.value_parse_mb_per_s.toFixed(0)} MB/s for \`serde_json::Value\` (ratio ${(micro.page_parse_mb_per_s / micro.value_parse_mb_per_s).toFixed(2)}).`,
    '',
  );
}

// --- proxy load (issue 9) ------------------------------------------------------------------------
if (load) {
  out(
    '## 8. Proxy load',
    '',
    `${load.clients} concurrent clients × ${load.requests} requests each through the proxy to the stand-in (\`bench/load.mjs\`).`,
    '',
    '| Requests | Errors | Requests/s | p50 | p95 | p99 | max | RSS before → peak → after |',
    '|---:|---:|---:|---:|---:|---:|---:|---|',
    `| ${load.total} | ${Object.values(load.errors ?? {}).reduce((a, b) => a + b, 0)} | ${Math.round(load.requests_per_s)} | ${ms1(load.latency_ms.p50)} ms | ${ms1(load.latency_ms.p95)} ms | ${ms1(load.latency_ms.p99)} ms | ${ms1(load.latency_ms.max)} ms | ${load.rss_mb.before.toFixed(0)} → ${load.rss_mb.peak.toFixed(0)} → ${load.rss_mb.after.toFixed(0)} MB |`,
    '',
  );
}

// --- logon-phase analysis (issue 16) -------------------------------------------------------------
if (stages) {
  out(
    '## 9. Analyze logon phases',
    '',
    `The release app analyzes ${stages.logins} logins through the proxy against a stand-in answering each access-stages request after ${stages.latencyMs} ms (±50%) (\`bench/stages.mjs\`); every request's start and end from the page's Resource Timing entries.`,
    '',
    '| Logins | Requests | Time | Mean rate | Most starts in any 1 s | Most starts in any 60 s | Most in flight |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${stages.logins} | ${stages.requests} | ${stages.seconds.toFixed(1)} s | ${stages.meanPerSecond.toFixed(2)}/s | ${stages.maxStartsInAnySecond} | ${stages.maxStartsInAnyMinute} | ${stages.maxInFlight} |`,
    '',
    'The app\'s limit is 3 starts in any second and 2 in flight, under the API\'s documented 200 a minute. The driver tells the engine when each request really went out (`StagesAnalysis::on_sent`), so a request delayed by a busy main thread cannot crowd a second.',
    '',
  );
}

if (targets) out(...targetsSection(targets));

await writeFile(args.out, `${lines.join('\n')}\n`);
console.log(`wrote ${args.out}`);
