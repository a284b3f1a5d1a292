// A minimal SDK-HMAC-SHA256 signer for Node (GET, no body), so tests can call the stand-in the
// way the app does without a browser. The app's signer is logins-core's (core/src/api/sign.rs); this
// one only has to agree with it on simple requests (ASCII paths, unreserved query values).
import { createHash, createHmac } from 'node:crypto';

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const encode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** X-Sdk-Date for `date`: `YYYYMMDDTHHMMSSZ`. */
export function sdkDate(date = new Date()) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Signs `GET https://{host}{path}?{query}` and returns the request to send through the proxy:
 * `{ url, headers }` with url = `${proxyUrl}/https://{host}{path}?{query}`.
 */
export function signedGet({ proxyUrl, host, path, query = {}, ak, sk, projectId, date = new Date() }) {
  const pairs = Object.entries(query).map(([k, v]) => [encode(k), encode(String(v))]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const qs = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  const xDate = sdkDate(date);
  const headers = { host, 'x-project-id': projectId, 'x-sdk-date': xDate };
  const names = Object.keys(headers).sort();
  const uri = path.split('/').map((s) => encode(s)).join('/') + (path.endsWith('/') ? '' : '/');
  const canonical = ['GET', uri, qs, ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha256('')].join('\n');
  const toSign = `SDK-HMAC-SHA256\n${xDate}\n${sha256(canonical)}`;
  const signature = createHmac('sha256', sk).update(toSign).digest('hex');
  const base = proxyUrl.replace(/\/$/, '');
  return {
    url: `${base}/https://${host}${path}${qs ? `?${qs}` : ''}`,
    headers: {
      'X-Project-Id': projectId,
      'X-Sdk-Date': xDate,
      Authorization: `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    },
  };
}
