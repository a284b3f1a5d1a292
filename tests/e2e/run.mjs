// Runs the end-to-end test files, one at a time, and fails unless every test in them ran and
// passed. What CI runs (scripts/test.sh); works on Node 20, 22 and 24.
//
//   node tests/e2e/run.mjs                      every tests/e2e/*.test.mjs
//   node tests/e2e/run.mjs query table          only query.test.mjs and table.test.mjs
//
// Why not `node --test tests/e2e/`: Node 22 and later take no directory argument, and a runner
// that finds no file (say, after a rename to .spec.mjs) reports "tests 0" and exits 0. Here the
// files are listed explicitly, a stray .mjs file that is not a test file is an error, and each
// file must run at least as many top-level tests as it has `test(` calls (a call in a loop
// counts once; a skipped or todo test does not count as run).
import { readdirSync, readFileSync } from 'node:fs';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const SUFFIX = '.test.mjs';

function testFiles(names) {
  const all = readdirSync(DIR).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs').sort();
  const strays = all.filter((f) => !f.endsWith(SUFFIX));
  if (strays.length) throw new Error(`not named *${SUFFIX}, so never run: ${strays.join(', ')}`);
  if (!names.length) return all;
  return names.map((name) => {
    const file = name.endsWith(SUFFIX) ? name.split('/').pop() : `${name}${SUFFIX}`;
    if (!all.includes(file)) throw new Error(`no end-to-end test file ${file} in ${DIR}`);
    return file;
  });
}

/** The `test(` call sites of a file; a skipped, todo or only test is refused outright. */
function declaredTests(file) {
  const source = readFileSync(DIR + file, 'utf8');
  const unrun = source.match(/^\s*(?:test|it)\.(?:skip|todo|only)\(/gm);
  if (unrun) throw new Error(`${file}: ${unrun.length} test(s) marked skip/todo/only`);
  return (source.match(/^\s*test\(/gm) ?? []).length;
}

let files;
let declared;
try {
  files = testFiles(process.argv.slice(2));
  declared = new Map(files.map((f) => [DIR + f, declaredTests(f)]));
} catch (e) {
  console.error(`e2e: ${e.message}`);
  process.exit(2);
}
const ran = new Map(files.map((f) => [DIR + f, 0]));
let failed = 0;

const stream = run({ files: [...declared.keys()], concurrency: 1 });
// A file with no test at all reports one passing "test" named after the file: not a test.
const isTest = (t) => t.nesting === 0 && t.name !== t.file;
stream.on('test:pass', (t) => {
  if (isTest(t) && !t.skip && !t.todo) ran.set(t.file, (ran.get(t.file) ?? 0) + 1);
});
stream.on('test:fail', (t) => {
  if (t.nesting !== 0) return;
  failed += 1;
  if (isTest(t)) ran.set(t.file, (ran.get(t.file) ?? 0) + 1);
});
await pipeline(stream.compose(spec), process.stdout, { end: false });

const short = (path) => path.slice(DIR.length);
const missing = [...declared].filter(([file, n]) => n === 0 || ran.get(file) < n);
const total = [...ran.values()].reduce((a, b) => a + b, 0);
for (const [file, n] of missing) {
  console.error(`e2e: ${short(file)} declares ${n} test(s) but ${ran.get(file)} ran`);
}
if (failed || missing.length) {
  console.error(`e2e: FAILED (${failed} failed, ${missing.length} file(s) with tests not run; ${total} ran)`);
  process.exitCode = 1;
} else {
  console.log(`e2e: all ${total} tests in ${files.length} files ran and passed`);
}
