import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, describeApiError, resolveApiTarget, type FetchLike } from '../api-client.js';
import { formatOperation, formatOperationList, type OperationView } from '../format-operation.js';
import { watchOperation, type ServiceCommandOptions } from './deploy-command.js';

type OpsOptions = ServiceCommandOptions & { json?: boolean; watch?: boolean; cluster?: string; limit?: string };

/**
 * `autopilot ops <id> [--watch]`: an operation's status, steps with progress and timings, error.
 * `autopilot ops --cluster <name> [--limit n]`: the cluster's operations, newest first.
 */
export function registerOpsCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  program.command('ops')
    .description('show an operation (status, steps, progress, error), or list a cluster\'s operations')
    .argument('[id]', 'operation id')
    .option('-c, --cluster <name>', 'list this cluster\'s operations, newest first, instead')
    .option('--limit <n>', 'with --cluster: how many (1 to 200, default 50)')
    .option('-w, --watch', 'follow the operation until it ends')
    .option('--json', 'print the API answer as JSON')
    .option('--url <url>', 'API base URL (default: $AUTOPILOT_URL, else http://127.0.0.1:7071)')
    .option('--key <key>', 'function key (default: $AUTOPILOT_KEY)')
    .action(async (id: string | undefined, options: OpsOptions) => {
      const target = resolveApiTarget(options, io.env);
      if (!id === !options.cluster) {
        io.stderr('autopilot ops: give an operation id, or --cluster <name> to list a cluster\'s operations\n');
        return setExitCode(EXIT.usage);
      }
      if (id && options.watch) return setExitCode(await watchOperation(io, fetchFn, target, id, 2000));
      const path = id ? `/api/operations/${encodeURIComponent(id)}`
        : `/api/clusters/${encodeURIComponent(options.cluster!)}/operations${options.limit ? `?limit=${encodeURIComponent(options.limit)}` : ''}`;
      const answer = await callApi(fetchFn, target, 'GET', path);
      if (answer.status !== 200) {
        io.stderr(`${describeApiError(answer)}\n`);
        return setExitCode(EXIT.usage);
      }
      io.stdout(options.json ? `${JSON.stringify(answer.body, null, 2)}\n`
        : id ? formatOperation(answer.body as OperationView) : formatOperationList((answer.body as { operations: OperationView[] }).operations));
      setExitCode(EXIT.ok);
    });
}
