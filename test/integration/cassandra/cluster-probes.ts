import cassandra from 'cassandra-driver';
import { waitFor } from '../../support/wait-for.js';

/** A node's line in `nodetool status`: status/state (e.g. UN, DN), address, rack, DC. */
export interface RingEntry { state: string; address: string; rack: string; dc: string }

/** Runs a script on one VM (through Run Command or the guest driver) and returns its stdout. */
export type RunOnVm = (script: string) => Promise<string>;

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

// nodetool starts a JVM per call: polling it faster than twice a second only loads the two cores.
const NODETOOL_INTERVAL_IN_MS = 500;

/** Waits until the node behind `run` sees each address in `expected` in the given state (UN, DN, ...). */
export async function waitForStates(run: RunOnVm, expected: Record<string, string>, timeoutInMs: number): Promise<RingEntry[]> {
  return waitFor(`nodetool status showing ${JSON.stringify(expected)}`, timeoutInMs, async () => {
    const ring = parseNodetoolStatus(await run('nodetool status'));
    const ok = Object.entries(expected).every(([address, state]) => ring.some((e) => e.address === address && e.state === state));
    return ok ? ring : undefined;
  }, { intervalInMs: NODETOOL_INTERVAL_IN_MS });
}

/**
 * Connects fresh driver sessions until one sees every address in `addresses` up, and returns it.
 * `nodetool status` can show a new node UN a moment before the control host's `system.peers`
 * row for it is complete, and a session that connected in that moment never learns of the node.
 */
export async function connectSeeingAll(options: cassandra.ClientOptions, addresses: string[], timeoutInMs: number): Promise<cassandra.Client> {
  const expected = [...addresses].sort().join(', ');
  return waitFor(`a driver session seeing ${expected} up`, timeoutInMs, async () => {
    const client = new cassandra.Client(options);
    try {
      await client.connect();
      const seen = client.hosts.values().filter((h) => h.isUp()).map((h) => h.address.split(':')[0]!).sort().join(', ');
      if (seen === expected) return client;
      throw new Error(`the session saw ${seen}`);
    } catch (error) {
      await client.shutdown();
      throw error;
    }
  }, { intervalInMs: 1_000 });
}
