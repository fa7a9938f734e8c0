import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import type { ApiTarget, FetchLike } from '../api-client.js';
import { formatOperation, formatOperationList, type OperationView } from '../format-operation.js';
import { apiAction, clusterPath, readAndPrint, withApi } from './api-command-kit.js';
import { addApprovalCommands } from './approval-command.js';
import { progressIo, watchable, watchOperation, type WatchOptions } from './watch-started.js';

interface OpsOptions extends WatchOptions {
  cluster?: string;
  limit?: string;
}

/**
 * `autopilot ops <id> [--watch]` (also `ops show`, and `ops watch` to follow it): an operation's
 * status, steps with progress and timings, error. `autopilot ops --cluster <name> [--limit n]`
 * (also `ops list <cluster>`): the cluster's operations, newest first. `ops approve|reject <id>`:
 * as `autopilot approve|reject`. Exit: 0 (when watching: Succeeded), 1 usage error or refused,
 * 3 the operation watched failed.
 */
export function registerOpsCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  const ops = withApi(watchable(program.command('ops')
    .description('show, follow, list, approve or reject operations')
    .argument('[id]', 'operation id')
    .option('-c, --cluster <name>', 'list this cluster\'s operations, newest first, instead')
    .option('--limit <n>', 'with --cluster: how many (1 to 200, default 50)')))
    .action(apiAction<OpsOptions>(io, setExitCode, async (target, options, id) => {
      if (!id === !options.cluster) {
        io.stderr('autopilot ops: give an operation id, or --cluster <name> to list a cluster\'s operations\n');
        return EXIT.usage;
      }
      return id ? showOperation(target, id, options) : listOperations(target, options.cluster!, options);
    }));

  withApi(ops.command('list').description('the cluster\'s operations, newest first, whoever started them')
    .argument('<cluster>', 'cluster name').option('--limit <n>', 'how many (1 to 200, default 50)'))
    .action(apiAction<OpsOptions>(io, setExitCode, (target, options, cluster) => listOperations(target, cluster!, options)));

  withApi(watchable(ops.command('show').description('an operation: status, steps with progress and timings, error')
    .argument('<id>', 'operation id')))
    .action(apiAction<OpsOptions>(io, setExitCode, (target, options, id) => showOperation(target, id!, options)));

  withApi(watchable(ops.command('watch').description('follow an operation until it ends, showing each step as it changes')
    .argument('<id>', 'operation id')))
    .action(apiAction<OpsOptions>(io, setExitCode, (target, options, id) => showOperation(target, id!, { ...options, watch: true })));

  addApprovalCommands(ops, io, setExitCode, fetchFn);

  /** Prints the operation; with --watch follows it first (progress on standard error under --json, then the operation as JSON). */
  async function showOperation(target: ApiTarget, id: string, options: OpsOptions): Promise<number> {
    const read = { path: `/api/operations/${encodeURIComponent(id)}`, refusal: `cannot read operation ${id}`, format: formatOperation };
    if (!options.watch) return readAndPrint(io, fetchFn, target, options, read);
    const ended = await watchOperation(progressIo(io, options), fetchFn, target, id, Number(options.intervalMs));
    if (!options.json || ended === EXIT.usage) return ended;
    const shown = await readAndPrint(io, fetchFn, target, options, read);
    return shown === EXIT.ok ? ended : shown;
  }

  function listOperations(target: ApiTarget, cluster: string, options: OpsOptions): Promise<number> {
    return readAndPrint(io, fetchFn, target, options, {
      path: `${clusterPath(cluster, 'operations')}${options.limit ? `?limit=${encodeURIComponent(options.limit)}` : ''}`,
      refusal: `cannot list the operations of ${cluster}`, format: (body: { operations: OperationView[] }) => formatOperationList(body.operations) });
  }
}
