import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAzurite, type AzuriteInstance } from '../../../local/azurite/start-azurite.js';
import { TableStateStore } from '../../../shared/adapters/state/table-state-store.js';
import type { ClusterRecord, OperationRecord } from '../../../shared/contracts/state-records.js';
import type { DeploymentPlan } from '../../../shared/domain/deploy/deployment-plan.js';

const at = '2026-01-01T00:00:00.000Z';
const plan = (name: string): DeploymentPlan => ({
  clusterName: name, cassandraClusterName: name, authentication: true, tags: {}, vm: {} as DeploymentPlan['vm'], datacenters: [], peerings: [], keyspaces: [], systemReplication: {}, resourceGroups: [],
  // A plan larger than one Table property can hold, as rendered cloud-init makes it.
  nodes: [{ name: 'n1', customData: 'x'.repeat(70_000) } as DeploymentPlan['nodes'][number]],
});
const cluster = (name: string): ClusterRecord => ({ name, state: 'Provisioning', spec: { name }, plan: plan(name), lastOperationId: 'op-1', createdAt: at, updatedAt: at });
const operation = (id: string): OperationRecord => ({ id, kind: 'DeployCluster', clusterName: 'c1', status: 'Running', percent: 0, steps: [], createdAt: at, updatedAt: at });

describe('TableStateStore against Azurite', () => {
  let azurite: AzuriteInstance;
  let dir: string;
  let store: TableStateStore;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'state-store-'));
    azurite = await startAzurite({ location: dir });
    store = new TableStateStore({ connectionString: azurite.connectionString, tablePrefix: 't' });
  });
  after(async () => {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a cluster whose plan exceeds one property, and refuses a second create', async () => {
    await store.createCluster(cluster('c1'));
    const read = await store.getCluster('c1');
    assert.equal(read?.plan.nodes[0]?.customData.length, 70_000);
    await assert.rejects(store.createCluster(cluster('c1')), { code: 'CASSOPS_CLUSTER_EXISTS' });
    await store.setClusterState('c1', 'Ready', 'op-2', at);
    assert.equal((await store.getCluster('c1'))?.state, 'Ready');
    assert.deepEqual((await store.listClusters()).map((c) => c.name), ['c1']);
  });

  it('gives the lease to one operation and names the holder to the next', async () => {
    await store.acquireLease('c2', 'op-a', at);
    await store.acquireLease('c2', 'op-a', at);
    await assert.rejects(store.acquireLease('c2', 'op-b', at),
      (e: { code: string; message: string }) => e.code === 'CASSOPS_CLUSTER_BUSY' && e.message.includes('op-a'));
    await store.releaseLease('c2', 'op-b');
    assert.equal((await store.getLease('c2'))?.operationId, 'op-a');
    await store.releaseLease('c2', 'op-a');
    await store.acquireLease('c2', 'op-b', at);
  });

  it('lets exactly one of many racing operations take a lease', async () => {
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.acquireLease('c3', `op-${i}`, at)));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });

  it('records steps and percent, idempotently, and keeps concurrent updates', async () => {
    await store.createOperation(operation('op-p'));
    const update = { operationId: 'op-p', step: 'network', status: 'Running' as const, stepPercent: 50, operationPercent: 10, at };
    await store.recordProgress(update);
    await store.recordProgress(update);
    await Promise.all(['a', 'b', 'c'].map((step) => store.recordProgress({ ...update, step })));
    const op = await store.getOperation('op-p');
    assert.deepEqual(op?.steps.map((s) => s.name).sort(), ['a', 'b', 'c', 'network']);
    await store.finishOperation('op-p', { status: 'Failed', at, error: { code: 'CASSOPS_ARM_FAILED', message: 'AllocationFailed: no capacity', azureCode: 'AllocationFailed' } });
    const done = await store.getOperation('op-p');
    assert.equal(done?.status, 'Failed');
    assert.equal(done?.error?.azureCode, 'AllocationFailed');
  });

  it('returns the first request stored under an Idempotency-Key', async () => {
    const first = await store.rememberIdempotencyKey({ key: 'k1', operationId: 'op-1', clusterName: 'c1', requestHash: 'h1' });
    const second = await store.rememberIdempotencyKey({ key: 'k1', operationId: 'op-2', clusterName: 'c1', requestHash: 'h2' });
    assert.deepEqual(second, first);
  });

  it('stores nodes per cluster and deletes a cluster with its nodes', async () => {
    const node = { clusterName: 'c4', name: 'n1', dc: 'dc1', rack: 'rack1', privateIp: '127.1.0.4', isSeed: true, vmName: 'vm1', state: 'Joined' as const, updatedAt: at };
    await store.createCluster(cluster('c4'));
    await store.upsertNode(node);
    assert.deepEqual(await store.listNodes('c4'), [node]);
    await store.deleteClusterRecords('c4');
    assert.equal(await store.getCluster('c4'), undefined);
    assert.deepEqual(await store.listNodes('c4'), []);
  });
});
