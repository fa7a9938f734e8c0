import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { FetchLike } from '../api-client.js';
import { formatCluster, formatClusterList } from '../format-cluster.js';
import { apiAction, clusterPath, readAndPrint, withApi, type ApiCommandOptions } from './api-command-kit.js';

/**
 * `autopilot status [name]` (also `autopilot clusters [name]`): every cluster with its state, or
 * one cluster with its nodes. Exit: 0, 1 refused (no such cluster).
 */
export function registerStatusCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(program.command('status').alias('clusters')
    .description('list clusters, or show one cluster and its nodes')
    .argument('[name]', 'cluster name'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, (target, options, name) => (name
      ? readAndPrint(io, fetchFn, target, options, { path: clusterPath(name), refusal: `cannot read cluster ${name}`, format: formatCluster })
      : readAndPrint(io, fetchFn, target, options, { path: '/api/clusters', refusal: 'cannot list the clusters', format: formatClusterList }))));
}
