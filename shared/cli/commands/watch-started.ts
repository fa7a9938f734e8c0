import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import type { ApiTarget, FetchLike } from '../api-client.js';
import type { ApiCommandOptions } from './api-command-kit.js';
import { watchOperation } from './deploy-command.js';

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

/** Adds `--watch` and `--interval-ms` to a subcommand that starts an operation. */
export function watchable(command: Command, then = ''): Command {
  return command.option('-w, --watch', `follow the operation until it ends, showing each step${then}`)
    .option('--interval-ms <ms>', 'polling interval while watching', '2000');
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
  const progress = options.json ? { ...io, stdout: io.stderr } : io;
  const ended = await watchOperation(progress, fetchFn, target, started.operationId, Number(options.intervalMs));
  if (ended === EXIT.usage || !show) return ended;
  // Shown even when the operation failed: the record says how far it got (nodes left out, the drill's check).
  const shown = await show();
  return ended === EXIT.ok ? shown : ended;
}
