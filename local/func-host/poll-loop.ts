/** A background loop that polls, backs off when idle and can be woken early. */
export interface PollLoop {
  /** Ends the idle wait now (new work was just enqueued in this process). */
  wake(): void;
  /** Stops after the current step and resolves when the loop has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `step` until stopped. A step returns true when it found work (poll again at once);
 * otherwise the loop waits, doubling from 50 ms up to `maxIdleInMs`, or until woken.
 * A step that throws is reported through `onError` and the loop backs off.
 */
export function startPollLoop(step: () => Promise<boolean>, maxIdleInMs: number, onError: (e: unknown) => void): PollLoop {
  let stopped = false;
  let wakeNow: (() => void) | undefined;
  let woken = false;
  const done = (async () => {
    let idle = 50;
    while (!stopped) {
      let busy = false;
      try {
        busy = await step();
      } catch (error) {
        if (!stopped) onError(error);
      }
      if (busy) { idle = 50; continue; }
      if (stopped) break;
      if (!woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idle);
          wakeNow = () => { clearTimeout(timer); resolve(); };
        });
      }
      woken = false;
      wakeNow = undefined;
      idle = Math.min(idle * 2, maxIdleInMs);
    }
  })();
  return {
    wake: () => { woken = true; wakeNow?.(); },
    stop: async () => { stopped = true; wakeNow?.(); await done; },
  };
}
