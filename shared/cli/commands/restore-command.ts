import { InvalidArgumentError, Option, type Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { apiAction, refused, withApi } from './api-command-kit.js';
import { reportStarted, watchable, type WatchOptions } from './watch-started.js';

/** A DC's network as the restore request takes it. */
type Network = { addressSpace: string; dataSubnet: string; appSubnet: string; gatewaySubnet?: string };

interface RestoreOptions extends WatchOptions {
  backup: string;
  target?: string;
  network: Record<string, Network>;
  inPlace?: boolean;
  tables?: string[];
  keyspaces?: string[];
  confirm?: string;
}

/**
 * `autopilot restore <cluster> --backup <id> --target <name> [--network dc=…]…`: restores a
 * Complete backup into a new cluster with the backup's racks and tokens (`--network` gives a DC
 * of it another network; the API checks the addresses). `… --in-place --tables ks.t[,…] |
 * --keyspaces ks[,…] --confirm <cluster>`: restores those tables into the backed-up cluster itself
 * (Admin): a safety backup of them, then each emptied and loaded. `--watch` follows the operation.
 * Exit: 0 started (or Succeeded when watching), 1 usage error or request refused, 3 the restore failed.
 */
export function registerRestoreCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(watchable(program.command('restore')
    .description('restore a Complete backup into a new cluster (same racks, the backup\'s tokens, schema with the original table ids), '
      + 'or chosen tables of it in place; files checked by SHA-256')
    .argument('<cluster>', 'the backed-up cluster')
    .requiredOption('--backup <id>', 'a Complete backup of the cluster (autopilot backup list)')
    .option('--target <name>', 'the new cluster\'s name; it must not exist')
    .option('--network <dc=addressSpace,dataSubnet,appSubnet[,gatewaySubnet]>',
      'the new cluster\'s network in a DC (repeatable; default: the DC\'s own address space, in a VNet of the new cluster)', collectNetwork, {})
    .addOption(new Option('--in-place', 'restore tables into the backed-up cluster itself (Admin): a safety backup of them, then each emptied and loaded')
      .conflicts(['target', 'network']))
    .addOption(new Option('--tables <keyspace.table,...>', 'with --in-place: the tables to restore')
      .argParser(commaList).conflicts('keyspaces'))
    .option('--keyspaces <keyspace,...>', 'with --in-place: every table of these keyspaces the backup holds', commaList)
    .option('--confirm <cluster>', 'with --in-place: the cluster\'s name again (the tables are emptied before they are loaded)')))
    .action(apiAction<RestoreOptions>(io, setExitCode, async (target, options, cluster) => {
      const request = restoreRequest(options);
      if ('usage' in request) {
        io.stderr(`restore: ${request.usage}\n`);
        return EXIT.usage;
      }
      const path = `/api/clusters/${encodeURIComponent(cluster!)}/restores`;
      const answer = await callApi(fetchFn, target, 'POST', path, { body: JSON.stringify(request.body) });
      if (answer.status !== 202) return refused(io, 'restore refused', answer);
      const accepted = answer.body as { operationId: string; statusUrl: string; tables?: string[]; safetyBackupId?: string };
      const what = options.inPlace
        ? `restoring ${accepted.tables?.join(', ')} of ${cluster} in place from backup ${options.backup}, after safety backup ${accepted.safetyBackupId}`
        : `restoring backup ${options.backup} of ${cluster} into ${options.target}`;
      const line = `${what}: operation ${accepted.operationId} (${target.baseUrl}${accepted.statusUrl})`;
      return reportStarted(io, fetchFn, target, options, { operationId: accepted.operationId, accepted, line });
    }));
}

/** The request body the options ask for, or why they do not make one (what commander's own checks cannot say). */
function restoreRequest(o: RestoreOptions): { body: Record<string, unknown> } | { usage: string } {
  if (o.inPlace) {
    if (!o.tables && !o.keyspaces) return { usage: '--in-place needs --tables or --keyspaces' };
    if (!o.confirm) return { usage: '--in-place needs --confirm <cluster>' };
    const targets = o.tables ? { tables: o.tables } : { keyspaces: o.keyspaces };
    return { body: { backupId: o.backup, inPlace: true, ...targets, confirm: o.confirm } };
  }
  if (o.tables || o.keyspaces || o.confirm) return { usage: '--tables, --keyspaces and --confirm go with --in-place' };
  if (!o.target) return { usage: 'give --target <name> (a new cluster), or --in-place' };
  return { body: { backupId: o.backup, targetCluster: o.target, ...(Object.keys(o.network).length > 0 ? { networks: o.network } : {}) } };
}

/** `a,b,c` as a list; an empty item is refused. */
function commaList(value: string): string[] {
  const items = value.split(',');
  if (items.some((i) => i.trim() === '')) throw new InvalidArgumentError('expected a comma-separated list without empty items');
  return items.map((i) => i.trim());
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
