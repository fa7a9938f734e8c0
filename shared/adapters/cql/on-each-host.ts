import type cassandra from 'cassandra-driver';

/** What a read pinned to each host shares: idempotent, unprepared (virtual tables), this read timeout. */
export type PinnedOptions = { isIdempotent: true; prepare: false; host: cassandra.Host; readTimeout: number };

/**
 * Runs `read` once per address, each query pinned to that host (virtual tables are node-local,
 * so what comes back is what that node holds). An address the driver does not know, or whose
 * read fails, gets `unreachable(address, why)`; never throws for one.
 */
export async function onEachHost<T>(client: cassandra.Client, addresses: readonly string[], timeoutInMs: number,
  read: (options: PinnedOptions, address: string) => Promise<T>, unreachable: (address: string, error: string) => T): Promise<T[]> {
  const hosts = new Map(client.hosts.values().map((h) => [h.address.replace(/:\d+$/, ''), h]));
  return Promise.all(addresses.map(async (address) => {
    const host = hosts.get(address);
    if (!host) return unreachable(address, 'not in the cluster\'s metadata');
    try {
      return await read({ isIdempotent: true, prepare: false, host, readTimeout: timeoutInMs }, address);
    } catch (error) {
      return unreachable(address, (error as Error).message);
    }
  }));
}
