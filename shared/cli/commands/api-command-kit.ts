import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, describeApiError, resolveApiTarget, type ApiAnswer, type ApiTarget, type FetchLike } from '../api-client.js';

/** What every API subcommand takes: where the API is, its key, and whether to print its answer as JSON. */
export interface ApiCommandOptions {
  url?: string;
  key?: string;
  json?: boolean;
}

/** Adds `--json`, `--url` and `--key` to a subcommand. */
export function withApi(command: Command): Command {
  return command.option('--json', 'print the API answer as JSON')
    .option('--url <url>', 'API base URL (default: $AUTOPILOT_URL, else http://127.0.0.1:7071)')
    .option('--key <key>', 'function key (default: $AUTOPILOT_KEY)');
}

/**
 * A commander action for an API subcommand: resolves the API target from the options and the
 * environment, runs `work` with the options and the positional arguments (commander passes them
 * first, then the options, then the command), and sets the exit code `work` returns.
 */
export function apiAction<O extends ApiCommandOptions>(io: CliIo, setExitCode: (code: number) => void,
  work: (target: ApiTarget, options: O, ...args: string[]) => Promise<number>) {
  return async (...args: unknown[]) => {
    const options = args[args.length - 2] as O;
    setExitCode(await work(resolveApiTarget(options, io.env), options, ...(args.slice(0, -2) as string[])));
  };
}

/** Says why the API refused (its code, message and every issue) and returns EXIT.usage. */
export function refused(io: CliIo, what: string, answer: ApiAnswer): number {
  io.stderr(`${what}: ${describeApiError(answer)}\n`);
  return EXIT.usage;
}

/** The API path of a cluster, or of a resource below it (each segment escaped). */
export function clusterPath(cluster: string, ...below: string[]): string {
  return ['/api/clusters', ...[cluster, ...below].map(encodeURIComponent)].join('/');
}

/** Prints an API answer's body: exactly as the API sent it with --json (for scripts and CI), else as `format` renders it. */
export function printAnswer<T>(io: CliIo, options: ApiCommandOptions, body: unknown, format: (body: T) => string): void {
  io.stdout(options.json ? `${JSON.stringify(body, null, 2)}\n` : format(body as T));
}

/** What a read subcommand asks: the path to GET, what to say when refused, and how to show the answer. */
export interface Read<T> {
  path: string;
  refusal: string;
  format: (body: T) => string;
}

/** GETs one resource and prints it (printAnswer). Exit: 0, or 1 when the API refuses (its code and message said). */
export async function readAndPrint<T>(io: CliIo, fetchFn: FetchLike, target: ApiTarget, options: ApiCommandOptions, read: Read<T>): Promise<number> {
  const answer = await callApi(fetchFn, target, 'GET', read.path);
  if (answer.status !== 200) return refused(io, read.refusal, answer);
  printAnswer(io, options, answer.body, read.format);
  return EXIT.ok;
}

/** A file's text to send as it is (the API validates it), or undefined once it said why the file cannot be read. */
export async function readSpecText(io: CliIo, file: string, what = 'the spec file'): Promise<string | undefined> {
  try {
    return await io.readText(file);
  } catch (error) {
    io.stderr(`${file}: cannot read ${what}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return undefined;
  }
}
