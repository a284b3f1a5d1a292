// A minimal static file server for dist/ on loopback, on an ephemeral port, so end-to-end tests
// exercise exactly the files a static host would serve.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `root` at http://127.0.0.1:{port}/ and resolves to { url, close }.
 *
 * `headers` are added to every response (e.g. a Content-Security-Policy); `metaCsp` puts
 * `<meta http-equiv="Content-Security-Policy" content="...">` first in the <head> of HTML files,
 * the way index.html would carry it.
 */
export async function serveStatic(root, { headers = {}, metaCsp } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      if (metaCsp && extname(file) === '.html') {
        const attr = metaCsp.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
        body = body.toString('utf8').replace(/<head>/i, `<head>\n    <meta http-equiv="Content-Security-Policy" content="${attr}">`);
      }
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    // Drops kept-alive browser connections too: a plain close() waits for them, and a browser
    // that keeps its connection open would hold a test's after-hook forever.
    close: () => new Promise((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}
