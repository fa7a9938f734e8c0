import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { FetchLike } from '../api-client.js';
import { apiAction, clusterPath, withApi } from './api-command-kit.js';
import { startOperation, watchable, type WatchOptions } from './watch-started.js';

/**
 * `autopilot replace <cluster> <node>` (also `autopilot nodes replace`): replaces a dead node at
 * its address (a new VM streams its ranges); refused while the node answers CQL. `--watch`
 * follows it. Exit: 0 started (when watching: Succeeded), 1 refused, 3 the replacement failed.
 */
export function registerReplaceCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  addReplaceCommand(program, io, setExitCode, fetchFn);
}

/** Adds `replace <cluster> <node>` under `parent`: the top level keeps its old name, `nodes` groups it with the other node commands. */
export function addReplaceCommand(parent: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike): void {
  withApi(watchable(parent.command('replace').description('replace a dead node: a new VM at its address streams its ranges and joins')
    .argument('<cluster>', 'cluster name').argument('<node>', 'node name')))
    .action(apiAction<WatchOptions>(io, setExitCode, (target, options, cluster, node) => startOperation(io, fetchFn, target, options,
      { method: 'POST', path: clusterPath(cluster!, 'nodes', node!, 'replace'), refusal: 'replace refused', what: () => `replacing ${node} of ${cluster}` })));
}
