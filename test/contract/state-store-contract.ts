import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StateStore } from '../../shared/domain/ports/state-store.js';
import type { ClusterRecord, OperationRecord } from '../../shared/domain/state/state-records.js';
import type { DeploymentPlan } from '../../shared/domain/deploy/deployment-plan.js';
import type { LeaseHolder } from '../../shared/domain/operations/lease.js';
import { releaseHolder, renewHolder } from '../../shared/domain/operations/lease-changes.js';

const at = '2026-01-01T00:00:00.000Z';
const plan = (name: string): DeploymentPlan => ({
  clusterName: name, cassandraClusterName: name, authentication: true, vm: {} as DeploymentPlan['vm'], datacenters: [],
  peerings: [], keyspaces: [], systemReplication: {}, resourceGroups: [], nodes: [],
  // Larger than one Table property can hold.
  tags: { note: 'x'.repeat(70_000) },
});
const cluster = (name: string): ClusterRecord => ({ name, state: 'Provisioning', spec: { name }, plan: plan(name), lastOperationId: 'op-1', createdAt: at, updatedAt: at });
const operation = (id: string): OperationRecord => ({ id, kind: 'DeployCluster', clusterName: 'c1', status: 'Running', percent: 0, steps: [],
  requestedBy: 'tester', trigger: 'api', createdAt: at, updatedAt: at });
const holder = (operationId: string): LeaseHolder => ({ operationId, instanceId: operationId, kind: 'DeployCluster', requestedBy: 'tester',
  claimedAt: at, expiresAt: '2026-01-01T00:02:00.000Z' });

/**
 * The StateStore contract: every implementation (the Table adapter on Azurite, the in-memory
 * twin) runs these same cases, so the twin cannot drift from the real store.
 */
export function describeStateStoreContract(name: string, store: () => StateStore): void {
  describe(`StateStore contract: ${name}`, () => {
    it('round-trips a cluster whose plan exceeds one Table property, and refuses a second create', async () => {
      await store().createCluster(cluster('c1'));
      assert.equal((await store().getCluster('c1'))?.plan.tags.note?.length, 70_000);
      await assert.rejects(store().createCluster(cluster('c1')), { code: 'CASSOPS_CLUSTER_EXISTS' });
      await store().setClusterState('c1', 'Ready', 'op-2', at);
      assert.equal((await store().getCluster('c1'))?.state, 'Ready');
      assert.ok((await store().listClusters()).some((c) => c.name === 'c1'));
    });

    it('inserts an operation once: a second create of the same id is "exists" and changes nothing', async () => {
      assert.equal(await store().createOperation(operation('op-once')), 'created');
      assert.equal(await store().createOperation({ ...operation('op-once'), requestedBy: 'someone else' }), 'exists');
      assert.equal((await store().getOperation('op-once'))?.requestedBy, 'tester');
    });

    it('lists a cluster\'s operations newest first, each once however often it was created, and no other cluster\'s', async () => {
      const of = (id: string, clusterName: string, minute: number): OperationRecord => ({ ...operation(id), clusterName,
        createdAt: new Date(Date.parse(at) + minute * 60_000).toISOString() });
      for (const [id, cluster, minute] of [['list-a1', 'lister', 1], ['list-b1', 'other', 2], ['list-a3', 'lister', 3], ['list-a2', 'lister', 2]] as const) {
        assert.equal(await store().createOperation(of(id, cluster, minute)), 'created');
      }
      assert.equal(await store().createOperation(of('list-a3', 'lister', 9)), 'exists', 'a retried start indexes what is stored, not a second row');
      assert.deepEqual((await store().listOperations('lister', 10)).map((o) => o.id), ['list-a3', 'list-a2', 'list-a1']);
      assert.deepEqual((await store().listOperations('lister', 2)).map((o) => o.id), ['list-a3', 'list-a2']);
      assert.deepEqual((await store().listOperations('nobody', 10)), []);
      await store().finishOperation('list-a2', { status: 'Succeeded', at });
      assert.equal((await store().listOperations('lister', 10))[1]?.status, 'Succeeded', 'the list reads the records as they are now');
    });

    it('records steps and percent idempotently, keeps concurrent updates, and finishes with the error', async () => {
      await store().createOperation(operation('op-p'));
      const update = { operationId: 'op-p', step: 'network', status: 'Running' as const, stepPercent: 50, operationPercent: 10, at };
      await store().recordProgress(update);
      await store().recordProgress(update);
      await Promise.all(['a', 'b', 'c'].map((step) => store().recordProgress({ ...update, step })));
      assert.deepEqual((await store().getOperation('op-p'))?.steps.map((s) => s.name).sort(), ['a', 'b', 'c', 'network']);
      await store().finishOperation('op-p', { status: 'Failed', at, error: { code: 'CASSOPS_ARM_FAILED', message: 'no capacity', azureCode: 'AllocationFailed' } });
      const done = await store().getOperation('op-p');
      assert.equal(done?.status, 'Failed');
      assert.equal(done?.error?.azureCode, 'AllocationFailed');
      await assert.rejects(store().updateOperation('op-missing', (op) => op), { code: 'CASSOPS_OPERATION_NOT_FOUND' });
    });

    it('creates a lease if absent, renews and releases only its own holder, and removes it when empty', async () => {
      assert.deepEqual((await store().readLease('c2')).holders, []);
      await store().updateLease('c2', (lease) => ({ ...lease, holders: [holder('op-a')] }));
      await store().updateLease('c2', (lease) => releaseHolder(lease, 'op-b'));
      await store().updateLease('c2', (lease) => renewHolder(lease, 'op-b', '2030-01-01T00:00:00.000Z'));
      assert.deepEqual((await store().readLease('c2')).holders, [holder('op-a')]);
      await store().updateLease('c2', (lease) => renewHolder(lease, 'op-a', '2026-01-01T00:05:00.000Z'));
      assert.equal((await store().readLease('c2')).holders[0]?.expiresAt, '2026-01-01T00:05:00.000Z');
      await store().updateLease('c2', (lease) => releaseHolder(lease, 'op-a'));
      assert.deepEqual((await store().readLease('c2')).holders, []);
      await store().updateLease('c2', (lease) => ({ ...lease, holders: [holder('op-c')] }));
      assert.equal((await store().readLease('c2')).holders[0]?.operationId, 'op-c');
    });

    it('lets exactly one of many racing claims take an empty lease: each re-reads after a lost race', async () => {
      const claim = (id: string) => store().updateLease('c3', async (lease) => {
        if (lease.holders.length > 0) throw new Error(`held by ${lease.holders[0]?.operationId}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { ...lease, holders: [holder(id)] };
      });
      const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => claim(`op-${i}`)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.equal((await store().readLease('c3')).holders.length, 1);
    });

    it('returns the first request stored under an Idempotency-Key', async () => {
      const first = await store().rememberIdempotencyKey({ key: 'k1', operationId: 'op-1', clusterName: 'c1', requestHash: 'h1' });
      const second = await store().rememberIdempotencyKey({ key: 'k1', operationId: 'op-2', clusterName: 'c1', requestHash: 'h2' });
      assert.deepEqual(second, first);
    });

    it('stores nodes per cluster and deletes a cluster with its nodes', async () => {
      const node = { clusterName: 'c4', name: 'n1', dc: 'dc1', rack: 'rack1', privateIp: '127.1.0.4', isSeed: true, vmName: 'vm1', state: 'Joined' as const, updatedAt: at };
      await store().createCluster(cluster('c4'));
      await store().upsertNode(node);
      assert.deepEqual(await store().listNodes('c4'), [node]);
      await store().deleteClusterRecords('c4');
      assert.equal(await store().getCluster('c4'), undefined);
      assert.deepEqual(await store().listNodes('c4'), []);
    });

    it('deletes one node record, and deleting it again is not an error', async () => {
      const node = (name: string) => ({ clusterName: 'c5', name, dc: 'dc1', rack: 'rack1', privateIp: '127.1.0.4', isSeed: false, vmName: `vm-${name}`,
        state: 'Joined' as const, updatedAt: at });
      await store().upsertNode(node('n1'));
      await store().upsertNode(node('n2'));
      await store().deleteNode('c5', 'n2');
      await store().deleteNode('c5', 'n2');
      assert.deepEqual(await store().listNodes('c5'), [node('n1')]);
    });
  });
}
