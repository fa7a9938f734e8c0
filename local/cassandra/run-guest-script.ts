import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GuestScriptResult } from '../arm-sim/guest-driver.js';

/** The systemctl, service, nodetool and sudo stand-ins, kept beside this module's source. */
export const GUEST_SHIMS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'local', 'cassandra', 'shims');

/** Azure's limit for an action Run Command; scripts given no timeout get the same. */
const DEFAULT_TIMEOUT_IN_MS = 90 * 60 * 1000;

export interface GuestScriptOptions {
  nodeDir: string;
  parameters?: Record<string, string>;
  timeoutInMs?: number;
  abortSignal?: AbortSignal;
}

const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function guestEnv(options: GuestScriptOptions): NodeJS.ProcessEnv {
  const parameters = options.parameters ?? {};
  for (const name of Object.keys(parameters)) {
    if (!PARAMETER_NAME.test(name)) throw new Error(`parameters.${name}: not a valid environment variable name`);
  }
  return {
    ...process.env,
    ...parameters,
    PATH: `${GUEST_SHIMS_DIR}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    CASSANDRA_GUEST_DIR: options.nodeDir,
  };
}

/**
 * Runs a bash script for a guest with its shims first on PATH and its parameters as environment
 * variables, in its own process group so a timeout or abort ends the whole script (a Cassandra
 * the script started is in a session of its own and survives, as a service would).
 * Exit code 124 means the script timed out, 130 that it was aborted.
 * @throws Error naming `parameters.<name>` when a parameter name is not an environment variable name.
 */
export function runGuestScript(script: string, options: GuestScriptOptions): Promise<GuestScriptResult> {
  const env = guestEnv(options);
  // Like the Linux agent, run the script from a file so that commands reading stdin get nothing.
  const file = join(options.nodeDir, 'run', `runcommand-${randomUUID()}.sh`);
  writeFileSync(file, script, { mode: 0o700 });
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [file], { cwd: options.nodeDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let forcedExit: number | undefined;
    const stop = (code: number) => {
      forcedExit = code;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    };
    const timer = setTimeout(() => stop(124), options.timeoutInMs ?? DEFAULT_TIMEOUT_IN_MS);
    const onAbort = () => stop(130);
    options.abortSignal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(file, { force: true });
      options.abortSignal?.removeEventListener('abort', onAbort);
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        exitCode: forcedExit ?? code ?? 1,
      });
    });
  });
}
