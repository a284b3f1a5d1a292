// Bundle sizes of the built app: raw, gzip -9 and brotli (quality 11, what a static host or CDN
// serves) of the shipped wasm, JS and CSS in dist/, and their total, checked against the budget.
//
//   node bench/bundle.mjs [--dist dist] [--budget-gzip-kb 250] [--json out.json]
//
// gzip sizes come from GNU gzip -9 (the figure the budget is defined by: zlib's level 9, which
// Node has built in, compresses this wasm about 1.5% worse); brotli from Node's zlib.
//
// Exits 2 when the total gzip size is over the budget (after printing and writing the
// figures), so a script or CI step can check it. kB = 1000 bytes.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    'budget-gzip-kb': { type: 'string', default: '250' },
    json: { type: 'string' },
  },
});
const budgetBytes = Number(args['budget-gzip-kb']) * 1000;

const KINDS = [['wasm', /\.wasm$/], ['js', /\.js$/], ['css', /\.css$/]];
const names = await readdir(args.dist);
const files = [];
for (const [kind, pattern] of KINDS) {
  const matching = names.filter((n) => pattern.test(n));
  if (matching.length === 0) throw new Error(`no ${kind} file in ${args.dist}: build the app first`);
  for (const name of matching) {
    const bytes = await readFile(join(args.dist, name));
    files.push({
      kind,
      name,
      raw: bytes.length,
      gzip: execFileSync('gzip', ['-9', '-c'], { input: bytes, maxBuffer: 1 << 28 }).length,
      brotli: brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    });
  }
}
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
const result = { files, total, budget: { gzip: budgetBytes, within: total.gzip <= budgetBytes } };

const kb = (n) => (n / 1000).toFixed(1).padStart(8);
for (const f of [...files, { kind: 'total', name: '', ...total }]) {
  console.log(`${f.kind.padEnd(5)} raw ${kb(f.raw)} kB  gzip ${kb(f.gzip)} kB  brotli ${kb(f.brotli)} kB  ${f.name}`);
}
console.log(`budget: total gzip ${kb(total.gzip).trim()} kB of ${kb(budgetBytes).trim()} kB: ${result.budget.within ? 'within' : 'OVER'}`);
if (args.json) await writeFile(args.json, JSON.stringify(result, null, 2));
if (!result.budget.within) process.exitCode = 2;
