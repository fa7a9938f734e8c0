import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type ApiTarget, type FetchLike } from '../api-client.js';
import { followUntilEnded } from '../follow-until-ended.js';
import { formatOperation, formatStep, type OperationView } from '../format-operation.js';
import { refused, type ApiCommandOptions } from './api-command-kit.js';

/** Options of a subcommand that starts an operation. */
export interface WatchOptions extends ApiCommandOptions {
  watch?: boolean;
  intervalMs: string;
}

/** An operation the API accepted: its id, the API's answer, and the line that says what started. */
export interface Started {
  operationId: string;
  accepted: unknown;
  line: string;
}

/** Adds `--watch` and `--interval-ms` to a subcommand that starts (or shows) an operation. */
export function watchable(command: Command, then = ''): Command {
  return command.option('-w, --watch', `follow the operation until it ends, showing each step${then}`)
    .option('--interval-ms <ms>', 'polling interval while watching', '2000');
}

/** A request that starts an operation: where it goes, what to say when refused, and what the operation does. */
export interface OperationStart {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  refusal: string;
  /** Says what started, e.g. `restarting demo-dc1-002 of demo`; the operation and its URL follow. */
  what: (accepted: { operationId: string; clusterName: string }) => string;
}

/**
 * Sends a request that starts an operation (202 with `{operationId, clusterName, statusUrl}`) and
 * reports it as reportStarted does. Exit: as reportStarted; 1 when the API refuses.
 */
export async function startOperation(io: CliIo, fetchFn: FetchLike, target: ApiTarget, options: WatchOptions, start: OperationStart): Promise<number> {
  const answer = await callApi(fetchFn, target, start.method, start.path,
    { ...(start.body !== undefined ? { body: start.body } : {}), ...(start.headers ? { headers: start.headers } : {}) });
  if (answer.status !== 202) return refused(io, start.refusal, answer);
  const accepted = answer.body as { operationId: string; clusterName: string; statusUrl: string };
  return reportStarted(io, fetchFn, target, options, { operationId: accepted.operationId, accepted,
    line: `${start.what(accepted)}: operation ${accepted.operationId} (${target.baseUrl}${accepted.statusUrl})` });
}

/**
 * Reports an operation the API accepted: the line (or, with --json, the API's answer). With
 * --watch it follows the operation, printing each step as it changes (to standard error under
 * --json, so standard output stays one JSON document), then `show` prints what the operation
 * made and decides the exit code. Exit: 0; 3 when the operation failed or `show` says so; 1 when
 * the operation cannot be read.
 */
export async function reportStarted(io: CliIo, fetchFn: FetchLike, target: ApiTarget, options: WatchOptions, started: Started,
  show?: () => Promise<number>): Promise<number> {
  if (options.json && !(options.watch && show)) io.stdout(`${JSON.stringify(started.accepted, null, 2)}\n`);
  if (!options.json) io.stdout(`${started.line}\n`);
  if (!options.watch) return EXIT.ok;
  const ended = await watchOperation(progressIo(io, options), fetchFn, target, started.operationId, Number(options.intervalMs));
  if (ended === EXIT.usage || !show) return ended;
  // Shown even when the operation failed: the record says how far it got (nodes left out, the drill's check).
  const shown = await show();
  return ended === EXIT.ok ? shown : ended;
}

/** Where live progress goes: standard output, or standard error under --json so standard output stays one JSON document. */
export function progressIo(io: CliIo, options: ApiCommandOptions): CliIo {
  return options.json ? { ...io, stdout: io.stderr } : io;
}

/**
 * Polls an operation until it ends, printing each step whenever its status, percent or message
 * changes, and the proposal while it awaits approval. Exit: 0 Succeeded, 3 Failed, 1 unreadable.
 */
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
    return op.status === 'Succeeded' ? EXIT.ok : EXIT.operationFailed;
  });
}
