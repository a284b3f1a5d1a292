// The end-to-end infrastructure itself, without a browser: the stand-in starts on an ephemeral
// port, serves the app and /app-config.json, answers signed requests through the proxy URL
// convention, and logs no secrets. If this fails, query.test.mjs cannot pass either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, startStandIn } from './support/stand-in.mjs';
import { signedGet } from './support/sign.mjs';

const HOST = 'workspace.cn-north-4.myhuaweicloud.com';
const PATH = `/v2/${DEMO.projectId}/connections/desktops`;

test('the stand-in serves the app, its start-up settings and signed API calls', async (t) => {
  const standIn = await startStandIn({ t, records: 2500, seed: 3 });
  assert.match(standIn.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.ok(standIn.port > 0);

  const index = await fetch(standIn.url);
  assert.equal(index.status, 200);
  assert.match(await index.text(), /<title>Workspace Login Records<\/title>/);

  const config = await fetch(`${standIn.url}app-config.json`);
  assert.equal(config.headers.get('cache-control'), 'no-store');
  assert.deepEqual(await config.json(), {
    source: 'stand-in',
    proxy_url: standIn.origin,
    region: DEMO.region,
    endpoint: DEMO.endpoint,
    project_id: DEMO.projectId,
    auth: 'aksk',
    access_key_id: DEMO.ak,
    secret_access_key: DEMO.sk,
    iam_token: DEMO.token,
  });

  const call = (query, sk = DEMO.sk) => {
    const { url, headers } = signedGet({ proxyUrl: standIn.origin, host: HOST, path: PATH, query, ak: DEMO.ak, sk, projectId: DEMO.projectId });
    return fetch(url, { headers });
  };
  const page = await call({ limit: 1000, offset: 2000 });
  assert.equal(page.status, 200);
  const body = await page.json();
  assert.equal(body.total_count, 2500);
  assert.equal(body.records.length, 500);

  const denied = await call({ limit: 10 }, 'not-the-secret');
  assert.equal(denied.status, 401);
  assert.equal((await denied.json()).error_code, 'APIGW.0301');
  assert.match(denied.headers.get('x-request-id') ?? '', /^[0-9a-f]{32}$/);

  const api = standIn.apiRequests();
  assert.deepEqual(api.map((e) => e.status), [200, 401]);
  assert.ok(api.every((e) => e.target === `${HOST}${PATH}`), 'the log names host and path, no query string');
  const requestLines = standIn.logLines.filter((l) => !l.startsWith('  demo '));
  assert.ok(!requestLines.some((l) => l.includes(DEMO.sk) || l.includes('limit=')), standIn.logLines.join('\n'));

  await standIn.stop();
  assert.ok(await fetch(standIn.url).then(() => false, () => true), 'stopped: the port no longer answers');
});

test('the fault flags reach the stand-in, and faults replay with the seed', async (t) => {
  const standIn = await startStandIn({ t, records: 100, seed: 41, faults: { failRate: 0.1, throttleRate: 0.05, truncateRate: 0.02 } });
  const statuses = [];
  for (let i = 0; i < 6; i += 1) {
    const { url, headers } = signedGet({ proxyUrl: standIn.origin, host: HOST, path: PATH, query: { limit: 100 }, ak: DEMO.ak, sk: DEMO.sk, projectId: DEMO.projectId });
    const r = await fetch(url, { headers });
    const text = await r.text();
    statuses.push(r.status === 200 ? (isJson(text) ? 'ok' : 'truncated') : String(r.status));
  }
  // Seed 41 puts a 500, a truncation and a 429 in the first five requests: query.test.mjs's
  // fault-injected fetch-all relies on it to meet every fault kind.
  assert.deepEqual(statuses, ['ok', '500', 'truncated', 'ok', '429', 'ok']);
});

function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
