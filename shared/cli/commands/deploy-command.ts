import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, describeApiError, resolveApiTarget, type ApiTarget, type FetchLike } from '../api-client.js';
import { formatOperation, formatStep, type OperationView } from '../format-operation.js';
import { followUntilEnded } from '../follow-until-ended.js';

/** Exit code when the operation itself failed (the request was fine). */
export const EXIT_OPERATION_FAILED = 3;

export interface ServiceCommandOptions {
  url?: string;
  key?: string;
}

interface DeployOptions extends ServiceCommandOptions {
  watch?: boolean;
  idempotencyKey?: string;
  intervalMs?: string;
}

/**
 * `autopilot deploy <spec> [--watch]`: posts the spec; prints the operation id and status URL;
 * with --watch follows the operation, printing each step as it changes, until it ends.
 * Exit: 0 accepted (or Succeeded when watching), 1 request refused or unreachable, 3 Failed.
 */
export function registerDeployCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  program.command('deploy')
    .description('deploy a cluster from a spec, optionally following its progress')
    .argument('<spec>', 'cluster spec JSON file (- for standard input)')
    .option('-w, --watch', 'follow the operation until it ends, showing each step')
    .option('--idempotency-key <key>', 'retry-safe key: the same key returns the same operation')
    .option('--interval-ms <ms>', 'polling interval while watching', '2000')
    .option('--url <url>', 'API base URL (default: $AUTOPILOT_URL, else http://127.0.0.1:7071)')
    .option('--key <key>', 'function key (default: $AUTOPILOT_KEY)')
    .action(async (file: string, options: DeployOptions) => {
      const target = resolveApiTarget(options, io.env);
      const body = await io.readText(file);
      const answer = await callApi(fetchFn, target, 'POST', '/api/clusters',
        { body, ...(options.idempotencyKey ? { headers: { 'idempotency-key': options.idempotencyKey } } : {}) });
      if (answer.status !== 202) {
        io.stderr(`deploy refused: ${describeApiError(answer)}\n`);
        setExitCode(EXIT.usage);
        return;
      }
      const accepted = answer.body as { operationId: string; clusterName: string; statusUrl: string };
      io.stdout(`deploying ${accepted.clusterName}: operation ${accepted.operationId} (${target.baseUrl}${accepted.statusUrl})\n`);
      if (!options.watch) return setExitCode(EXIT.ok);
      setExitCode(await watchOperation(io, fetchFn, target, accepted.operationId, Number(options.intervalMs ?? 2000)));
    });
}

/** Polls an operation until it ends, printing each step whenever its status, percent or message changes. */
export async function watchOperation(io: CliIo, fetchFn: FetchLike, target: ApiTarget, id: string, intervalMs: number): Promise<number> {
  const shown = new Map<string, string>();
  return followUntilEnded(io, fetchFn, target, `/api/operations/${encodeURIComponent(id)}`, intervalMs, `operation ${id}`, (body) => {
    const op = body as OperationView;
    for (const step of op.steps) {
      const line = formatStep(step);
      if (shown.get(step.name) !== line) io.stdout(`${line}\n`);
      shown.set(step.name, line);
    }
    if (op.status === 'AwaitingApproval' && op.proposal) {
      const line = `awaiting approval until ${op.proposal.expiresAt}: ${op.proposal.action} (${op.proposal.reason}); autopilot approve|reject ${id}`;
      if (shown.get('\u0000proposal') !== line) io.stdout(`${line}\n`);
      shown.set('\u0000proposal', line);
    }
    if (op.status === 'Running' || op.status === 'AwaitingApproval') return undefined;
    io.stdout(formatOperation(op).split('\n')[0] + '\n');
    if (op.error) io.stderr(`error ${op.error.code}${op.error.azureCode ? ` (${op.error.azureCode})` : ''}: ${op.error.message}\n`);
    return op.status === 'Succeeded' ? EXIT.ok : EXIT_OPERATION_FAILED;
  });
}
