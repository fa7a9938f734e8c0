import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { FetchLike } from '../api-client.js';
import { apiAction, clusterPath, withApi } from './api-command-kit.js';
import { startOperation, watchable, type WatchOptions } from './watch-started.js';

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
    .action(apiAction<RestartOptions>(io, setExitCode, (target, options, cluster) => startOperation(io, fetchFn, target, options, {
      method: 'POST', path: clusterPath(cluster!, 'restart'), body: JSON.stringify(options.node ? { nodes: options.node } : {}),
      refusal: 'restart refused', what: () => `restarting ${options.node ? options.node.join(', ') : 'every node'} of ${cluster}, one at a time` })));
}
