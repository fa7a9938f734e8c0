import type { ActivityDeps } from '../../shared/activities/activity-deps.js';
import { FAKE_CA, seedClusterCa } from './cluster-ca-fixture.js';
import { DEFAULT_CREDENTIALS, SUPERUSER_ROLE } from '../../shared/activities/with-cluster-session.js';
import { InMemoryCql } from '../../shared/adapters/memory/in-memory-cql.js';
import { InMemoryRepairEngine } from '../../shared/adapters/memory/in-memory-repair-engine.js';
import { InMemorySecretStore } from '../../shared/adapters/memory/in-memory-secret-store.js';
import type { CqlSession } from '../../shared/domain/ports/cql-port.js';
import { superuserSecretName } from '../../shared/domain/ports/secret-store.js';
import type { RingView } from '../../shared/domain/repair/repair-model.js';
import { backupApiWorld } from './backup-api-world.js';
import { backupManifest, storeBackup, tokensOf } from './backup-fixtures.js';

/**
 * An in-place restore's world on the twins: cluster `orders` (three nodes of dc1, node `i` with
 * tokensOf(i) in `ring`), Complete backup `b-1` of it (backupManifest), and the cluster as the
 * backup found it (hardened): ks1.orders, ks1.users and ks2.events with the backup's ids, two rows each.
 * `deps` are the activities' ports; the backup API's clock, ids and started orchestrations are `api`'s.
 */
export async function tableRestoreWorld() {
  const api = await backupApiWorld({ orders: 'Ready' });
  const plan = (await api.state.getCluster('orders'))!.plan;
  // The ring the CQL twin reads: a test changes a node's tokens here.
  const ring: RingView = { keyspaces: [], nodes: plan.nodes.map((n, i) => ({ address: n.privateIp,
    hostId: `00000000-0000-4000-8000-00000000000${i}`, dc: n.dc, rack: n.rack, tokens: tokensOf(i) })) };
  const engine = new InMemoryRepairEngine(ring);
  const cql = new InMemoryCql(plan.cassandraClusterName, plan.nodes.map((n) => ({ address: n.privateIp, dc: n.dc, rack: n.rack })), engine);
  const manifest = backupManifest(plan, 'b-1');
  await storeBackup(api.deps, manifest);
  // Hardened: the generated superuser exists and its password is stored.
  const secrets = new InMemorySecretStore();
  await secrets.setSecret(superuserSecretName('orders'), 'generated');
  await seedClusterCa(secrets, 'orders');
  const credentials = { username: SUPERUSER_ROLE, password: 'generated' };
  await cql.withSession({ contactPoints: [plan.nodes[0]!.privateIp], localDataCenter: 'dc1', credentials: DEFAULT_CREDENTIALS, trustedCaPem: FAKE_CA.certPem },
    (s) => s.ensureSuperuserRole(credentials.username, credentials.password));
  const session = <T>(work: (s: CqlSession) => Promise<T>) =>
    cql.withSession({ contactPoints: [plan.nodes[0]!.privateIp], localDataCenter: 'dc1', credentials, trustedCaPem: FAKE_CA.certPem }, work);
  const userTables = manifest.tables.filter((t) => !t.keyspace.startsWith('system'));
  await session((s) => s.restoreSchema({ statements: manifest.statements, tables: userTables }));
  for (const t of userTables) cql.putRows(t.keyspace, t.table, ['row-a', 'row-b']);
  const deps = { state: api.state, backups: api.backups, backupBlobs: api.deps.backupBlobs, backupApi: () => api.deps, cql,
    secrets } as unknown as ActivityDeps;
  const rows = (keyspace: string, table: string) => session(async (s) => (await s.countRows(keyspace, table, { cap: 100, consistency: 'ONE' })).rows);
  return { api, plan, ring, engine, cql, manifest, deps, session, rows };
}
