import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { apiAction, refused, withApi } from './api-command-kit.js';
import { reportStarted, watchable, type WatchOptions } from './watch-started.js';

interface RestartOptions extends WatchOptions {
  node?: string[];
}

/**
 * `autopilot restart <cluster> [--node <name>]…`: a rolling restart of every node, or of the
 * nodes named, one at a time (drain, stop, start, wait until it is back); `--watch` follows it
 * node by node. Exit: 0 started (when watching: Succeeded), 1 refused, 3 the restart failed.
 */
export function registerRestartCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(watchable(program.command('restart').description('rolling restart: one node at a time, each back (UN, serving CQL) before the next')
    .argument('<cluster>', 'cluster name')
    .option('--node <name>', 'restart this node (repeatable, in this order); default: every node, in join order',
      (value: string, previous: string[] = []) => [...previous, value])))
    .action(apiAction<RestartOptions>(io, setExitCode, async (target, options, cluster) => {
      const body = options.node ? { nodes: options.node } : {};
      const answer = await callApi(fetchFn, target, 'POST', `/api/clusters/${encodeURIComponent(cluster!)}/restart`, { body: JSON.stringify(body) });
      if (answer.status !== 202) return refused(io, 'restart refused', answer);
      const accepted = answer.body as { operationId: string; statusUrl: string };
      const what = options.node ? options.node.join(', ') : 'every node';
      return reportStarted(io, fetchFn, target, options, { operationId: accepted.operationId, accepted,
        line: `restarting ${what} of ${cluster}, one at a time: operation ${accepted.operationId} (${target.baseUrl}${accepted.statusUrl})` });
    }));
}
