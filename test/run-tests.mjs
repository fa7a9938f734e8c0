#!/usr/bin/env node
// Runs the compiled suites named on the command line (unit, integration, e2e, bench) with
// Node's own test runner, one file at a time: the integration and end-to-end suites start real
// processes (Azurite, Cassandra) and two cores do not leave room to run them side by side.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const suites = process.argv.slice(2);
if (suites.length === 0) {
  console.error('usage: run-tests.mjs <unit|integration|e2e|bench>...');
  process.exit(2);
}

function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findFiles(path, suffix);
    return path.endsWith(suffix) ? [path] : [];
  }).sort();
}

const files = suites.flatMap((suite) =>
  findFiles(join(root, 'dist', 'test', suite), suite === 'bench' ? '.bench.js' : '.test.js'));
if (files.length === 0) {
  console.error(`no compiled test files for ${suites.join(', ')}: run the build first`);
  process.exit(1);
}

if (suites.includes('bench')) {
  // Benchmarks print their own ratios; run them plainly, one after another.
  let failed = 0;
  for (const file of files) {
    console.log(`\n# ${relative(root, file)}`);
    const r = spawnSync(process.execPath, [file], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) failed++;
  }
  process.exit(failed === 0 ? 0 : 1);
}

const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(r.status ?? 1);
