import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { describeApiError, resolveApiTarget, type ApiAnswer, type ApiTarget } from '../api-client.js';
import type { ServiceCommandOptions } from './deploy-command.js';

/** What every API subcommand takes: where the API is, its key, and whether to print its answer as JSON. */
export interface ApiCommandOptions extends ServiceCommandOptions {
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

/** A spec file's text to send as it is (the API validates it), or undefined once it said why the file cannot be read. */
export async function readSpecText(io: CliIo, file: string): Promise<string | undefined> {
  try {
    return await io.readText(file);
  } catch (error) {
    io.stderr(`${file}: cannot read the spec file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return undefined;
  }
}
