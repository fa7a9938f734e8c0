import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../azurite/start-azurite.js';
import { findFreePort } from '../net/find-free-port.js';
import { hostSystemKey, SYSTEM_KEY_SETTING } from './durable/durable-client-payload.js';

/** Options for a host child process. */
export interface StartFunctionHostOptions {
  appDir: string;
  /** 127.0.0.1 port; a free one when omitted. */
  port?: number;
  /** Extra app settings for the child (they win over local.settings.json). */
  env?: Record<string, string>;
  storageConnectionString: string;
  /** Task hub name (sets DURABLE_TASK_HUB and WEBSITE_SITE_NAME for the child). */
  hubName?: string;
  /** Receives each line the host prints (stdout and stderr); lines are kept in `logs()` too. */
  onLine?: (line: string) => void;
  startTimeoutInMs?: number;
}

/** A running host child process. */
export interface FunctionHostProcess {
  url: string;
  pid: number;
  /** The key the host's admin API and durable endpoints accept (besides master keys). */
  systemKey: string;
  /** The last lines the host printed (up to 5,000). */
  logs(): string[];
  /** SIGTERM, then SIGKILL if it lingers; resolves when the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL at once (for crash tests); resolves when the process is gone. */
  kill(): Promise<void>;
}

/**
 * Spawns `main.js --app <dir> --port <port>` as a child process and resolves once the host
 * answers GET /admin/host/status. The child is handed its system key, so callers of the admin
 * API and the durable endpoints have one even when no keys are configured.
 * Errors: FUNC_HOST_START_FAILED with the host's last output
 * when it exits or does not answer within the timeout (the child is then stopped).
 */
export async function startFunctionHost(o: StartFunctionHostOptions): Promise<FunctionHostProcess> {
  const port = o.port ?? await findFreePort();
  const entry = fileURLToPath(new URL('./main.js', import.meta.url));
  const env: Record<string, string> = { ...process.env as Record<string, string>, ...o.env, AzureWebJobsStorage: o.storageConnectionString };
  const systemKey = hostSystemKey(env, env.FUNCTIONS_MASTER_KEY?.split(',')[0]?.trim());
  env[SYSTEM_KEY_SETTING] = systemKey;
  if (o.hubName) { env.DURABLE_TASK_HUB = o.hubName; env.WEBSITE_SITE_NAME = o.hubName; }
  const child = spawn(process.execPath, [entry, '--app', o.appDir, '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const collect = (chunk: Buffer, carry: { text: string }): void => {
    carry.text += chunk.toString('utf8');
    const parts = carry.text.split('\n');
    carry.text = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length > 5000) lines.shift();
      o.onLine?.(line);
    }
  };
  const outCarry = { text: '' };
  const errCarry = { text: '' };
  child.stdout.on('data', (c: Buffer) => collect(c, outCarry));
  child.stderr.on('data', (c: Buffer) => collect(c, errCarry));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, systemKey, exited, o.startTimeoutInMs ?? 30_000);
  } catch (error) {
    await stopChild(child);
    throw new Error(`FUNC_HOST_START_FAILED: ${(error as Error).message}\n${lines.slice(-30).join('\n')}`, { cause: error });
  }
  return {
    url,
    pid: child.pid ?? -1,
    systemKey,
    logs: () => [...lines],
    stop: () => stopChild(child),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
      await exited;
    },
  };
}

async function waitReady(url: string, key: string, exited: Promise<void>, timeoutInMs: number): Promise<void> {
  let gone = false;
  void exited.then(() => { gone = true; });
  const deadline = Date.now() + timeoutInMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error('the host exited before it was ready');
    try {
      const r = await fetch(`${url}/admin/host/status`, { headers: { 'x-functions-key': key } });
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the host did not answer ${url}/admin/host/status within ${timeoutInMs} ms`);
}
