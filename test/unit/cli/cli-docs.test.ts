import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT } from '../../../shared/cli/cli-io.js';
import { buildCli } from '../../../shared/cli/main.js';

const docs = readFileSync(new URL('../../../../docs/cli.md', import.meta.url), 'utf8');

/** Every command's path of names below the program: `backup`, `backup start`, … */
function commandPaths(command: Command, prefix: string[] = []): string[] {
  return command.commands.flatMap((c) => [[...prefix, c.name()].join(' '), ...commandPaths(c, [...prefix, c.name()])]);
}

describe('docs/cli.md', () => {
  it('documents every command the CLI registers', () => {
    const program = buildCli({ stdout: () => {}, stderr: () => {}, env: {}, readText: async () => '' }, () => {});
    const missing = commandPaths(program).filter((path) => !docs.includes(`autopilot ${path}`));
    assert.deepEqual(missing, []);
  });

  it('lists exactly the exit codes of the EXIT catalog', () => {
    const section = docs.split('## Exit codes')[1]?.split('\n## ')[0] ?? '';
    const listed = [...section.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    assert.deepEqual(listed, Object.values(EXIT).sort((a, b) => a - b));
  });
});
