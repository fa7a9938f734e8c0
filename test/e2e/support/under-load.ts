import cassandra from 'cassandra-driver';
import { withSession } from './cluster-checks.js';

/** Where the load runs: one DC's nodes, as a driver in that DC. */
export interface LoadTarget {
  contactPoints: string[];
  dc: string;
  credentials: { username: string; password: string };
}

/**
 * Runs `work` while a client writes and reads rows of load_check.rows at LOCAL_QUORUM in the
 * target's DC, as an application would (idempotent statements, the driver's default retry
 * policy), 100 ms apart; stops once `work` ends (or after 10 minutes) and returns the requests
 * that succeeded and failed.
 */
export async function underLoad<T>(target: LoadTarget, work: () => Promise<T>): Promise<{ result: T; ok: number; failed: string[] }> {
  return withSession(target.contactPoints, target.dc, target.credentials, async (client) => {
    await client.execute(`CREATE KEYSPACE IF NOT EXISTS load_check WITH replication = {'class': 'NetworkTopologyStrategy', '${target.dc}': 3}`);
    await client.execute('CREATE TABLE IF NOT EXISTS load_check.rows (id int PRIMARY KEY, v text)');
    const quorum = { prepare: true, isIdempotent: true, consistency: cassandra.types.consistencies.localQuorum };
    const counts = { ok: 0, failed: [] as string[] };
    let done = false;
    const deadline = Date.now() + 600_000;
    const client$ = (async () => {
      for (let i = 0; !done && Date.now() < deadline; i++) {
        const request = i % 2 === 0 ? client.execute('INSERT INTO load_check.rows (id, v) VALUES (?, ?)', [i, `v${i}`], quorum)
          : client.execute('SELECT v FROM load_check.rows WHERE id = ?', [i - 1], quorum).then((r) => {
            if (r.first()?.get('v') !== `v${i - 1}`) throw new Error(`row ${i - 1} read back as ${String(r.first()?.get('v'))}`);
          });
        await request.then(() => { counts.ok++; }, (error: unknown) => { counts.failed.push(error instanceof Error ? error.message : String(error)); });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      return { result: await work(), ...counts };
    } finally {
      done = true;
      await client$;
    }
  });
}
