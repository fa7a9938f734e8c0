import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { FetchLike } from '../api-client.js';
import { apiAction, clusterPath, withApi } from './api-command-kit.js';
import { startOperation, watchable, type WatchOptions } from './watch-started.js';

interface DeleteOptions extends WatchOptions {
  confirm: string;
}

/**
 * `autopilot delete <cluster> --confirm <cluster> [--watch]`: deletes the cluster and every
 * resource it owns; `--confirm` repeats the name (the API refuses otherwise), a guard against a
 * mistyped name. Exit: 0 started (when watching: Succeeded), 1 refused, 3 the deletion failed.
 */
export function registerDeleteCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(watchable(program.command('delete').description('delete a cluster and every resource it owns (VMs, disks, network, resource groups)')
    .argument('<cluster>', 'cluster name')
    .requiredOption('--confirm <cluster>', 'the cluster\'s name again')))
    .action(apiAction<DeleteOptions>(io, setExitCode, (target, options, cluster) => startOperation(io, fetchFn, target, options, {
      method: 'DELETE', path: `${clusterPath(cluster!)}?confirm=${encodeURIComponent(options.confirm)}`,
      refusal: 'delete refused', what: () => `deleting ${cluster}` })));
}
