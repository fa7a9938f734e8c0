/** How `waitFor` polls. */
export interface WaitForOptions {
  /** Pause between probes; 100 ms unless told (probes that run scripts or CQL ask for more). */
  intervalInMs?: number;
}

/**
 * Polls `probe` until it returns a value other than undefined and returns that value. A probe
 * that throws is polled again, so a probe may also throw to say what it saw instead of the
 * awaited state. At the deadline the error names `what`, the timeout and the last error thrown
 * (or that the last probe returned undefined), so a failed wait explains itself.
 */
export async function waitFor<T>(what: string, timeoutInMs: number, probe: () => Promise<T | undefined>, options: WaitForOptions = {}): Promise<T> {
  const intervalInMs = options.intervalInMs ?? 100;
  const deadline = Date.now() + timeoutInMs;
  let last: string;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = 'the last probe returned undefined';
    } catch (error) {
      last = `the last probe threw ${error instanceof Error ? error.message : String(error)}`;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutInMs} ms waiting for ${what}; ${last}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalInMs, Math.max(0, deadline - Date.now()))));
  }
}
