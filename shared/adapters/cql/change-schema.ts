import type cassandra from 'cassandra-driver';

/** How often agreement is checked: a schema change reaches a ring in a second or two, and the driver's own 500 ms polls left up to half a second idle. */
const AGREEMENT_POLL_IN_MS = 100;

/** How long a change waits for agreement before going on, as the driver's own wait did (a node down keeps its old version in system.peers). */
export const SCHEMA_AGREEMENT_WAIT_IN_MS = 10_000;

/** Runs one schema change on the coordinator `changeSchema` pinned. */
export type RunSchemaChange = (cql: string) => Promise<void>;

/**
 * Runs `change`'s schema changes on one coordinator, one after another, then waits once for
 * every node to report one schema version (awaitSchemaAgreement). Sessions turn the driver's own
 * wait after each change off (withCqlSession): on one coordinator a change may build on the one
 * before it (a table on its keyspace, a table on its type) without waiting for the ring, so a
 * group of changes costs one round of agreement rather than one each. Returns whether the ring agreed.
 */
export async function changeSchema(client: cassandra.Client, change: (run: RunSchemaChange) => Promise<void>,
  timeoutInMs = SCHEMA_AGREEMENT_WAIT_IN_MS): Promise<boolean> {
  const host = client.getState().getConnectedHosts()[0];
  await change(async (cql) => {
    await client.execute(cql, [], host ? { host } : {});
  });
  return awaitSchemaAgreement(client, timeoutInMs);
}

/** Polls until system.local and every system.peers row report one schema version; false at the deadline. */
export async function awaitSchemaAgreement(client: cassandra.Client, timeoutInMs: number): Promise<boolean> {
  // checkSchemaAgreement is public driver API (a one-time check of system.local and system.peers)
  // missing from the driver's type declarations.
  const metadata = client.metadata as unknown as { checkSchemaAgreement(): Promise<boolean> };
  const deadline = Date.now() + timeoutInMs;
  for (;;) {
    if (await metadata.checkSchemaAgreement()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, AGREEMENT_POLL_IN_MS));
  }
}
