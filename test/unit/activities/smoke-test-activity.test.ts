import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { createClusterActivities } from '../../../shared/activities/cluster-activities.js';
import { InMemoryCql } from '../../../shared/adapters/memory/in-memory-cql.js';
import { InMemorySecretStore } from '../../../shared/adapters/memory/in-memory-secret-store.js';
import type { CqlPort } from '../../../shared/domain/ports/cql-port.js';
import type { ClusterRef } from '../../../shared/domain/deploy/deployment-plan.js';
import { seedClusterCa } from '../../support/cluster-ca-fixture.js';

const cluster: ClusterRef = { clusterName: 'orders', cassandraClusterName: 'orders', authentication: true };
const nodesOf = (dc: string, octet: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ address: `127.${octet}.1.${4 + i}`, dc, rack: `rack${i + 1}` }));
const contact = (dc: string, octet: number) => ({ dc, contactPoints: [`127.${octet}.1.4`] });

/**
 * The in-memory cluster, with each session's open, write and close recorded in order: the one
 * thing the twin does not tell is when sessions overlap.
 */
async function world(nodes: ReturnType<typeof nodesOf>) {
  const secrets = new InMemorySecretStore();
  await seedClusterCa(secrets, 'orders');
  const twin = new InMemoryCql('orders', nodes);
  const events: string[] = [];
  const cql: CqlPort = Object.assign(Object.create(twin) as CqlPort, {
    withSession: async (target: Parameters<CqlPort['withSession']>[0], work: Parameters<CqlPort['withSession']>[1]) => {
      events.push(`open ${target.localDataCenter}`);
      try {
        return await twin.withSession(target, (session) => work({ ...session,
          writeSmokeRow: async (...args) => { await new Promise((r) => setTimeout(r, 20)); await session.writeSmokeRow(...args); events.push('written'); } }));
      } finally {
        events.push(`close ${target.localDataCenter}`);
      }
    },
  });
  return { events, activities: createClusterActivities({ secrets, cql } as unknown as ActivityDeps) };
}

describe('the deployment\'s smoke test', () => {
  it('writes in the first DC and reads the row back in each other DC, whose sessions connect while the write is under way', async () => {
    const { events, activities } = await world([...nodesOf('dc1', 1, 3), ...nodesOf('dc2', 2, 3), ...nodesOf('dc3', 3, 3)]);
    const result = await activities.runSmokeTest({ cluster, contacts: [contact('dc1', 1), contact('dc2', 2), contact('dc3', 3)],
      replication: { dc1: 3, dc2: 3, dc3: 3 }, probeId: 'op-1' });
    assert.deepEqual(result, { ok: true, value: undefined });
    assert.deepEqual(events.slice(0, 3).sort(), ['open dc1', 'open dc2', 'open dc3'], events.join(', '));
    assert.ok(events.indexOf('written') < events.indexOf('close dc2') && events.indexOf('written') < events.indexOf('close dc3'), events.join(', '));
    assert.equal(events.filter((e) => e.startsWith('close')).length, 3);
  });

  it('reads in the same session in a one-DC cluster', async () => {
    const { events, activities } = await world(nodesOf('dc1', 1, 3));
    const result = await activities.runSmokeTest({ cluster, contacts: [contact('dc1', 1)], replication: { dc1: 3 }, probeId: 'op-2' });
    assert.deepEqual(result, { ok: true, value: undefined });
    assert.deepEqual(events, ['open dc1', 'written', 'close dc1']);
  });

  it('fails with the write\'s own error once every session has closed, when a DC cannot take its quorum', async () => {
    const { events, activities } = await world([...nodesOf('dc1', 1, 3), ...nodesOf('dc2', 2, 1)]);
    await assert.rejects(activities.runSmokeTest({ cluster, contacts: [contact('dc1', 1), contact('dc2', 2)],
      replication: { dc1: 3, dc2: 3 }, probeId: 'op-3' }), /Cannot achieve consistency level EACH_QUORUM in DC dc2/);
    assert.deepEqual(events.filter((e) => e.startsWith('close')).sort(), ['close dc1', 'close dc2']);
  });
});
