import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, describeApiError, resolveApiTarget, type FetchLike } from '../api-client.js';
import { formatOperation, type OperationView } from '../format-operation.js';
import { watchOperation, type ServiceCommandOptions } from './deploy-command.js';

/** `autopilot ops <id> [--watch]`: an operation's status, steps with progress and timings, error. */
export function registerOpsCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  program.command('ops')
    .description('show an operation: status, steps, progress, error')
    .argument('<id>', 'operation id')
    .option('-w, --watch', 'follow the operation until it ends')
    .option('--json', 'print the API answer as JSON')
    .option('--url <url>', 'API base URL (default: $AUTOPILOT_URL, else http://127.0.0.1:7071)')
    .option('--key <key>', 'function key (default: $AUTOPILOT_KEY)')
    .action(async (id: string, options: ServiceCommandOptions & { json?: boolean; watch?: boolean }) => {
      const target = resolveApiTarget(options, io.env);
      if (options.watch) return setExitCode(await watchOperation(io, fetchFn, target, id, 2000));
      const answer = await callApi(fetchFn, target, 'GET', `/api/operations/${encodeURIComponent(id)}`);
      if (answer.status !== 200) {
        io.stderr(`${describeApiError(answer)}\n`);
        return setExitCode(EXIT.usage);
      }
      io.stdout(options.json ? `${JSON.stringify(answer.body, null, 2)}\n` : formatOperation(answer.body as OperationView));
      setExitCode(EXIT.ok);
    });
}
