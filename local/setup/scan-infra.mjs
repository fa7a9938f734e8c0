#!/usr/bin/env node
// `npm run lint:infra`: Checkov (pinned, see checkov.mjs) over infra/ must report no failed
// check, no file it could not parse, and no skip without its inline reason.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKOV_VERSION, scanInfra } from './checkov.mjs';

const infra = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'infra');
const { summary, problems, skipped } = scanInfra(infra);
console.log(`checkov ${CHECKOV_VERSION} over infra/ (bicep): ${summary.passed} passed, ${summary.failed} failed, `
  + `${summary.skipped} skipped, ${summary.parsing_errors} not parsed, ${summary.resource_count} resources`);
for (const line of skipped) console.log(`  skipped ${line}`);
for (const line of problems) console.error(`  ${line}`);
process.exit(problems.length === 0 ? 0 : 1);
