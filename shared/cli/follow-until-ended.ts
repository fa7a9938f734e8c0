import { EXIT, type CliIo } from './cli-io.js';
import { callApi, describeApiError, type ApiTarget, type FetchLike } from './api-client.js';

/**
 * Polls one API resource every `intervalMs` until `onBody` returns an exit code (the resource
 * ended), and returns that code; `onBody` returns undefined to keep following (printing what
 * changed is its business). An answer other than 200 stops with EXIT.usage, naming `what`.
 */
export async function followUntilEnded(io: CliIo, fetchFn: FetchLike, target: ApiTarget, path: string, intervalMs: number, what: string,
  onBody: (body: unknown) => number | undefined): Promise<number> {
  for (;;) {
    const answer = await callApi(fetchFn, target, 'GET', path);
    if (answer.status !== 200) {
      io.stderr(`cannot read ${what}: ${describeApiError(answer)}\n`);
      return EXIT.usage;
    }
    const code = onBody(answer.body);
    if (code !== undefined) return code;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
