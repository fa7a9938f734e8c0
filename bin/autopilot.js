#!/usr/bin/env node
// The `autopilot` command: runs the compiled command line (npm run build compiles it to dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/shared/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('autopilot: the command line is not built yet; run `npm run build` first');
  process.exit(1);
}
const { runCli } = await import(main.href);
const { processIo } = await import(new URL('../dist/shared/cli/cli-io.js', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2), processIo());
