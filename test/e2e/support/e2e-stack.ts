import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack, type StartLocalStackOptions } from '../../../local/stack/start-local-stack.js';

/** The local stack for one scenario, in a fresh state directory, with API helpers. */
export interface E2eStack {
  stack: LocalStack;
  stateDir: string;
  /** Calls the API with the function key (unless `key` is given: '' sends none). */
  api(method: string, path: string, options?: { body?: unknown; rawBody?: string; key?: string; headers?: Record<string, string> }): Promise<{ status: number; body: unknown; headers: Headers }>;
  /** Polls an operation until `done(op)` or the deadline; throws with the last state seen. */
  waitForOperation(id: string, done: (op: OperationBody) => boolean, timeoutInMs: number): Promise<OperationBody>;
  /** The generated superuser password, read from the owner-only secret file. */
  superuserPassword(cluster: string): string;
  dispose(): Promise<void>;
}

export interface OperationBody {
  id: string;
  status: string;
  percent: number;
  steps: { name: string; status: string; percent: number; message?: string }[];
  error?: { code: string; message: string; azureCode?: string };
}

/** Starts the stack for a scenario. */
export async function startE2eStack(options: Partial<StartLocalStackOptions> = {}): Promise<E2eStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'autopilot-e2e-'));
  // E2E_HOST_LOG=<file> keeps the Functions host's log lines for a post-mortem.
  const hostLog = process.env.E2E_HOST_LOG;
  const stack = await startLocalStack({ stateDir, ...(hostLog ? { onHostLine: (line: string) => appendFileSync(hostLog, `${line}\n`) } : {}), ...options });
  const api: E2eStack['api'] = async (method, path, o = {}) => {
    const key = o.key ?? stack.functionKey;
    const body = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    const response = await fetch(`${stack.apiUrl}${path}`, { method, headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(key ? { 'x-functions-key': key } : {}), ...(o.headers ?? {}) },
    ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text */ }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  return {
    stack, stateDir, api,
    async waitForOperation(id, done, timeoutInMs) {
      const deadline = Date.now() + timeoutInMs;
      let last: OperationBody | undefined;
      while (Date.now() < deadline) {
        const answer = await api('GET', `/api/operations/${id}`);
        if (answer.status === 200) {
          last = answer.body as OperationBody;
          if (done(last)) return last;
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      throw new Error(`operation ${id} did not reach the expected state within ${timeoutInMs} ms; last: ${JSON.stringify(last)}`);
    },
    superuserPassword(cluster) {
      const all = JSON.parse(readFileSync(join(stateDir, 'secrets', 'secrets.json'), 'utf8')) as Record<string, string>;
      const password = all[`${cluster}-cassandra-superuser`];
      if (!password) throw new Error(`no superuser secret for ${cluster}`);
      return password;
    },
    async dispose() {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
