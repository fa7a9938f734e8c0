import { InvalidArgumentError, type Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { apiAction, refused, withApi } from './api-command-kit.js';
import { reportStarted, watchable, type WatchOptions } from './watch-started.js';

/** A DC's network as the restore request takes it. */
type Network = { addressSpace: string; dataSubnet: string; appSubnet: string; gatewaySubnet?: string };

interface RestoreOptions extends WatchOptions {
  backup: string;
  target: string;
  network: Record<string, Network>;
}

/**
 * `autopilot restore <cluster> --backup <id> --target <name> [--network dc=…]…`: restores a
 * Complete backup into a new cluster with the backup's racks and tokens (`--network` gives a DC
 * of it another network; the API checks the addresses). `--watch` follows the new cluster's
 * deployment. Exit: 0 started (or Succeeded when watching), 1 usage error or request refused,
 * 3 the restore failed.
 */
export function registerRestoreCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(watchable(program.command('restore')
    .description('restore a Complete backup into a new cluster: same racks, the backup\'s tokens, schema with the original table ids, files checked by SHA-256')
    .argument('<cluster>', 'the backed-up cluster')
    .requiredOption('--backup <id>', 'a Complete backup of the cluster (autopilot backup list)')
    .requiredOption('--target <name>', 'the new cluster\'s name; it must not exist')
    .option('--network <dc=addressSpace,dataSubnet,appSubnet[,gatewaySubnet]>',
      'the new cluster\'s network in a DC (repeatable; default: the DC\'s own address space, in a VNet of the new cluster)', collectNetwork, {})))
    .action(apiAction<RestoreOptions>(io, setExitCode, async (target, options, cluster) => {
      const body = { backupId: options.backup, targetCluster: options.target,
        ...(Object.keys(options.network).length > 0 ? { networks: options.network } : {}) };
      const answer = await callApi(fetchFn, target, 'POST', `/api/clusters/${encodeURIComponent(cluster!)}/restores`, { body: JSON.stringify(body) });
      if (answer.status !== 202) return refused(io, 'restore refused', answer);
      const accepted = answer.body as { operationId: string; statusUrl: string };
      const line = `restoring backup ${options.backup} of ${cluster} into ${options.target}: operation ${accepted.operationId} (${target.baseUrl}${accepted.statusUrl})`;
      return reportStarted(io, fetchFn, target, options, { operationId: accepted.operationId, accepted, line });
    }));
}

/** Adds one `--network dc=addressSpace,dataSubnet,appSubnet[,gatewaySubnet]` to those given before. */
function collectNetwork(value: string, previous: Record<string, Network>): Record<string, Network> {
  const [, dc, list] = /^([^=\s]+)=(\S+)$/.exec(value) ?? [];
  const parts = list?.split(',') ?? [];
  if (!dc || parts.length < 3 || parts.length > 4 || parts.some((p) => p === '')) {
    throw new InvalidArgumentError('expected dc=addressSpace,dataSubnet,appSubnet[,gatewaySubnet], e.g. dc1=10.20.0.0/16,10.20.1.0/24,10.20.2.0/24');
  }
  if (dc in previous) throw new InvalidArgumentError(`datacenter ${dc} is given twice`);
  const [addressSpace, dataSubnet, appSubnet, gatewaySubnet] = parts as [string, string, string, string?];
  return { ...previous, [dc]: { addressSpace, dataSubnet, appSubnet, ...(gatewaySubnet ? { gatewaySubnet } : {}) } };
}
