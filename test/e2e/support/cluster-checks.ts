import cassandra from 'cassandra-driver';

/** Opens a driver session on one DC's nodes, runs `work`, shuts it down. */
export async function withSession<T>(contactPoints: string[], dc: string, credentials: { username: string; password: string },
  work: (client: cassandra.Client) => Promise<T>): Promise<T> {
  const client = new cassandra.Client({ contactPoints, localDataCenter: dc,
    authProvider: new cassandra.auth.PlainTextAuthProvider(credentials.username, credentials.password) });
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.shutdown();
  }
}

/** How the driver sees the ring: address → {dc, rack, up}. */
export async function ringView(client: cassandra.Client): Promise<Map<string, { dc: string; rack: string; up: boolean }>> {
  return new Map(client.hosts.values().map((h) => [h.address.replace(/:\d+$/, ''), { dc: h.datacenter, rack: h.rack, up: h.isUp() }]));
}

/** True when a login is refused by Cassandra (as opposed to the node being unreachable). */
export async function isLoginRefused(contactPoint: string, dc: string, username: string, password: string): Promise<boolean> {
  try {
    await withSession([contactPoint], dc, { username, password }, async () => undefined);
    return false;
  } catch (error) {
    const inner = Object.values((error as { innerErrors?: Record<string, { name?: string }> }).innerErrors ?? {});
    if (inner.some((e) => e?.name === 'AuthenticationError')) return true;
    throw error;
  }
}
