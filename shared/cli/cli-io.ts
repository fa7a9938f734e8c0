import { readFile } from 'node:fs/promises';

/** What a command may touch: its output streams, the environment and files. Tests pass fakes. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  readText: (path: string) => Promise<string>;
}

/**
 * The command line's exit codes, the one catalog (docs/cli.md lists them and a test keeps the two
 * equal): 0 success; 1 a usage or I/O error, the API unreachable, or a request it refused (4xx);
 * 2 an invalid spec or a change refused; 3 what was followed failed (an operation, repair run,
 * drill or health check), or a backup that is not restorable.
 */
export const EXIT = { ok: 0, usage: 1, invalidSpec: 2, operationFailed: 3 } as const;

/** The real process's streams, environment and file system; `-` reads standard input. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    readText: (path) => (path === '-' ? readStdin() : readFile(path, 'utf8')),
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
