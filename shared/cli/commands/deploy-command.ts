import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import type { FetchLike } from '../api-client.js';
import { apiAction, readSpecText, withApi } from './api-command-kit.js';
import { startOperation, watchable, type WatchOptions } from './watch-started.js';

interface DeployOptions extends WatchOptions {
  idempotencyKey?: string;
}

/**
 * `autopilot deploy <spec> [--watch]`: posts the spec; prints the operation id and status URL;
 * with --watch follows the operation, printing each step as it changes, until it ends.
 * Exit: 0 accepted (or Succeeded when watching), 1 request refused or unreachable, 3 Failed.
 */
export function registerDeployCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(watchable(program.command('deploy')
    .description('deploy a cluster from a spec, optionally following its progress')
    .argument('<spec>', 'cluster spec JSON file (- for standard input)')
    .option('--idempotency-key <key>', 'retry-safe key: the same key returns the same operation')))
    .action(apiAction<DeployOptions>(io, setExitCode, async (target, options, file) => {
      const body = await readSpecText(io, file!);
      if (body === undefined) return EXIT.usage;
      return startOperation(io, fetchFn, target, options, { method: 'POST', path: '/api/clusters', body,
        ...(options.idempotencyKey ? { headers: { 'idempotency-key': options.idempotencyKey } } : {}),
        refusal: 'deploy refused', what: (accepted) => `deploying ${accepted.clusterName}` });
    }));
}
