import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { FetchLike } from '../api-client.js';
import { formatNodes } from '../format-cluster.js';
import { apiAction, clusterPath, readAndPrint, withApi, type ApiCommandOptions } from './api-command-kit.js';
import { addReplaceCommand } from './replace-command.js';
import { startOperation, watchable, type WatchOptions } from './watch-started.js';

/**
 * `autopilot nodes [list] <cluster>`: the cluster's nodes (--json: the cluster as the API
 * answers it, nodes included). `nodes restart <cluster> <node>`: drain, stop, start one node and
 * wait until it is back. `nodes replace <cluster> <node>`: as `autopilot replace`. Exit: 0 (when
 * watching: Succeeded), 1 refused, 3 the restart or replacement failed.
 */
export function registerNodesCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  const nodes = program.command('nodes').description('a cluster\'s nodes: list them, restart one, replace a dead one');

  withApi(nodes.command('list', { isDefault: true }).description('the cluster\'s nodes in join order: DC, rack, address, state, seed')
    .argument('<cluster>', 'cluster name'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, (target, options, cluster) => readAndPrint(io, fetchFn, target, options,
      { path: clusterPath(cluster!), refusal: `cannot read cluster ${cluster}`, format: formatNodes })));

  withApi(watchable(nodes.command('restart').description('restart one node: drain, stop, start, wait until it is back (UN, serving CQL)')
    .argument('<cluster>', 'cluster name').argument('<node>', 'node name')))
    .action(apiAction<WatchOptions>(io, setExitCode, (target, options, cluster, node) => startOperation(io, fetchFn, target, options,
      { method: 'POST', path: clusterPath(cluster!, 'nodes', node!, 'restart'), body: '{}', refusal: 'restart refused',
        what: () => `restarting ${node} of ${cluster}` })));

  addReplaceCommand(nodes, io, setExitCode, fetchFn);
}
