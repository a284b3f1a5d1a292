// Every record a stand-in serves, read directly (not through the app) with the Node signer:
// the independent answer that end-to-end tests compare the app's table, KPIs and exports with.
import assert from 'node:assert/strict';
import { DEMO } from './stand-in.mjs';
import { signedGet } from './sign.mjs';

const HOST = new URL(DEMO.endpoint).host;
const API_PATH = `/v2/${DEMO.projectId}/connections/desktops`;

/** All of `standIn`'s records for the demo project, in the API's order, pages of 1000. */
export async function standInRecords(standIn) {
  const records = [];
  for (let offset = 0; ; offset += 1000) {
    const { url, headers } = signedGet({ proxyUrl: standIn.origin, host: HOST, path: API_PATH, query: { limit: 1000, offset }, ak: DEMO.ak, sk: DEMO.sk, projectId: DEMO.projectId });
    const response = await fetch(url, { headers });
    assert.equal(response.status, 200, `direct read of the stand-in at offset ${offset}`);
    const body = await response.json();
    records.push(...body.records);
    if (records.length >= body.total_count || body.records.length === 0) return records;
  }
}
