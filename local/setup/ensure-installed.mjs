#!/usr/bin/env node
// Makes a fresh checkout runnable: `npm start` and `npm test` call this first, so the README's
// two commands work on a machine that has only Node, Java and Maven.
//   --deps       npm ci when node_modules is missing or older than package-lock.json
//   --build      compile TypeScript to a fresh dist/ (the Functions host loads dist/functions/*.js,
//                so the output of a source file that was moved or deleted must not linger)
//   --cassandra  fetch the pinned Cassandra release when it is not cached yet
//   --checkov    install the pinned Checkov (PyPI, into a virtualenv in the cache) that scans infra/
//   --chromium   install Debian's chromium when /usr/bin/chromium is missing: the console's browser
//                test drives it through playwright-core, which never downloads a browser of its own
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCheckov } from './checkov.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = new Set(process.argv.slice(2));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, argv) {
  execFileSync(cmd, argv, { cwd: root, stdio: 'inherit' });
}

function depsAreCurrent() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  return existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
}

if (args.has('--deps') && !depsAreCurrent()) {
  console.log('[setup] installing dependencies (npm ci)');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}
if (args.has('--build')) {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  run(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')]);
  // The console's page module is browser code (DOM types, no Node): a project of its own.
  run(process.execPath, [tsc, '-p', join(root, 'console', 'tsconfig.json')]);
}
if (args.has('--cassandra')) {
  const installer = join(root, 'dist', 'local', 'cassandra', 'install-cassandra.js');
  if (existsSync(installer)) run(process.execPath, [installer, '--if-missing']);
}
if (args.has('--checkov')) ensureCheckov();
if (args.has('--chromium')) ensureChromium();

function ensureChromium() {
  if (existsSync('/usr/bin/chromium') || process.platform !== 'linux') return;
  console.log('[setup] installing chromium (apt-get) for the console\'s browser test');
  // apt-get needs root; CI runs as root, a developer's machine goes through sudo.
  const asRoot = (argv) => (process.getuid?.() === 0 ? run('apt-get', argv) : run('sudo', ['apt-get', ...argv]));
  process.env.DEBIAN_FRONTEND = 'noninteractive';
  asRoot(['update', '-qq']);
  asRoot(['install', '-y', '-qq', 'chromium']);
}
