import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { apiAction, refused, withApi } from './api-command-kit.js';
import { reportStarted, watchable, type WatchOptions } from './watch-started.js';

/**
 * `autopilot replace <cluster> <node>`: replaces a dead node at its address (a new VM streams its
 * ranges); refused while the node answers CQL. `--watch` follows it. Exit: 0 started (when
 * watching: Succeeded), 1 refused, 3 the replacement failed.
 */
export function registerReplaceCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(watchable(program.command('replace').description('replace a dead node: a new VM at its address streams its ranges and joins')
    .argument('<cluster>', 'cluster name').argument('<node>', 'node name')))
    .action(apiAction<WatchOptions>(io, setExitCode, async (target, options, cluster, node) => {
      const answer = await callApi(fetchFn, target, 'POST', `/api/clusters/${encodeURIComponent(cluster!)}/nodes/${encodeURIComponent(node!)}/replace`);
      if (answer.status !== 202) return refused(io, 'replace refused', answer);
      const accepted = answer.body as { operationId: string; statusUrl: string };
      return reportStarted(io, fetchFn, target, options, { operationId: accepted.operationId, accepted,
        line: `replacing ${node} of ${cluster}: operation ${accepted.operationId} (${target.baseUrl}${accepted.statusUrl})` });
    }));
}
