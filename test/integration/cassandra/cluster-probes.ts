import type { GuestDriver, GuestVm } from '../../../local/arm-sim/guest-driver.js';

/** A node's line in `nodetool status`: status/state (e.g. UN, DN), address, rack. */
export interface RingEntry { state: string; address: string; rack: string; dc: string }

/** Parses `nodetool status` output into one entry per node. */
export function parseNodetoolStatus(output: string): RingEntry[] {
  const entries: RingEntry[] = [];
  let dc = '';
  for (const line of output.split('\n')) {
    const header = /^Datacenter: (\S+)/.exec(line);
    if (header) dc = header[1]!;
    const row = /^([UD][NLJM])\s+(\S+)\s.*\s(\S+)\s*$/.exec(line);
    if (row) entries.push({ state: row[1]!, address: row[2]!, rack: row[3]!, dc });
  }
  return entries;
}

/** Polls `check` until it returns a value, or throws with the last observation at the deadline. */
export async function waitFor<T>(what: string, timeoutInMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutInMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutInMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Runs `nodetool status` on `vm` and returns the ring as that node sees it. */
export async function ringSeenBy(driver: GuestDriver, vm: GuestVm): Promise<RingEntry[]> {
  const result = await driver.runScript(vm, 'nodetool status', { timeoutInMs: 60_000 });
  if (result.exitCode !== 0) throw new Error(`nodetool status exited ${result.exitCode}: ${result.stderr.trim()}`);
  return parseNodetoolStatus(result.stdout);
}

/** Waits until `vm` sees each address in `expected` with the given state (UN, DN, ...). */
export async function waitForStates(driver: GuestDriver, vm: GuestVm, expected: Record<string, string>, timeoutInMs: number): Promise<RingEntry[]> {
  return waitFor(`${JSON.stringify(expected)} seen by ${vm.name}`, timeoutInMs, async () => {
    const ring = await ringSeenBy(driver, vm);
    const ok = Object.entries(expected).every(([address, state]) => ring.some((e) => e.address === address && e.state === state));
    return ok ? ring : undefined;
  });
}
