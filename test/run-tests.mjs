#!/usr/bin/env node
// Runs the compiled suites named on the command line (unit, integration, e2e, bench) with
// Node's own test runner, one file at a time: the integration and end-to-end suites start real
// processes (Azurite, Cassandra) and two cores do not leave room to run them side by side.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

// The e2e scenarios record the RBAC actions the app called into a fresh directory, and
// test/e2e/zz-least-privilege (last in sorted order) checks them against the app's custom role.
// A directory given from outside is kept, for a look at what was recorded.
const rbacDir = suites.includes('e2e') && !process.env.AUTOPILOT_RBAC_ACTIONS_DIR
  ? mkdtempSync(join(tmpdir(), 'autopilot-rbac-actions-')) : undefined;
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, ...(rbacDir ? { AUTOPILOT_RBAC_ACTIONS_DIR: rbacDir } : {}) },
});
if (rbacDir) rmSync(rbacDir, { recursive: true, force: true });
process.exit(r.status ?? 1);
