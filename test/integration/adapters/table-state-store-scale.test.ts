import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableClient } from '@azure/data-tables';
import { startAzurite, type AzuriteInstance } from '../../../local/azurite/start-azurite.js';
import { TableStateStore } from '../../../shared/adapters/state/table-state-store.js';
import { OPERATION_STEPS, operationPercent } from '../../../shared/domain/operations/operation-steps.js';
import { releaseHolder, renewHolder } from '../../../shared/domain/operations/lease-changes.js';
import type { ClusterRecord, NodeRecord, OperationRecord } from '../../../shared/domain/state/state-records.js';
import { deploymentPlanFixture, validSpecFixture } from '../../support/deployment-plan-fixture.js';

// Table storage's limits (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model).
const MAX_ENTITY_BYTES = 1024 * 1024;
const MAX_PROPERTIES = 252;
const MAX_STRING_CHARS = 32 * 1024;

/** An entity's size as Table storage counts it: UTF-16 keys and strings, 8 bytes of overhead per property. */
function entityBytes(entity: Record<string, unknown>): { bytes: number; properties: number; longestString: number } {
  const own = Object.entries(entity).filter(([k]) => !['partitionKey', 'rowKey', 'etag', 'timestamp'].includes(k) && !k.startsWith('odata'));
  const valueBytes = (v: unknown) => (typeof v === 'string' ? 4 + v.length * 2 : typeof v === 'boolean' ? 1 : 8);
  const bytes = 4 + (String(entity.partitionKey).length + String(entity.rowKey).length) * 2
    + own.reduce((sum, [k, v]) => sum + 8 + k.length * 2 + valueBytes(v), 0);
  return { bytes, properties: own.length, longestString: Math.max(...own.map(([, v]) => (typeof v === 'string' ? v.length : 0))) };
}

describe('TableStateStore holds the largest cluster (2 DCs × 250 nodes) on Azurite', () => {
  let azurite: AzuriteInstance;
  let dir: string;
  let store: TableStateStore;
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
  const spec = validSpecFixture(2, 250);
  const plan = deploymentPlanFixture(2, 250);
  const cluster: ClusterRecord = { name: plan.clusterName, state: 'Provisioning', spec, plan, lastOperationId: 'op-big', createdAt: at(0), updatedAt: at(0) };
  const nodes: NodeRecord[] = plan.nodes.map((n) => ({ clusterName: plan.clusterName, name: n.name, dc: n.dc, rack: n.rack, privateIp: n.privateIp,
    isSeed: n.isSeed, vmName: n.vmName, state: 'Planned', updatedAt: at(0) }));
  const operation: OperationRecord = { id: 'op-big', kind: 'DeployCluster', clusterName: plan.clusterName, status: 'Running', percent: 0,
    steps: [], requestedBy: 'ci-key', trigger: 'api', createdAt: at(0), updatedAt: at(0) };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'state-scale-'));
    azurite = await startAzurite({ location: dir });
    store = new TableStateStore({ connectionString: azurite.connectionString, tablePrefix: 'scale' });
  });
  after(async () => {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the cluster record well inside an entity\'s limits and reads it back intact', async () => {
    assert.equal(plan.nodes.length, 500);
    await store.createCluster(cluster);
    const raw = await TableClient.fromConnectionString(azurite.connectionString, 'scaleClusters', { allowInsecureConnection: true })
      .getEntity<Record<string, unknown>>(plan.clusterName, 'record');
    const size = entityBytes(raw);
    console.log(`cluster entity: ${size.bytes} bytes (${(100 * size.bytes / MAX_ENTITY_BYTES).toFixed(1)} % of 1 MiB), `
      + `${size.properties} properties, longest string ${size.longestString} chars`);
    assert.ok(size.bytes < MAX_ENTITY_BYTES / 2, `${size.bytes} bytes`);
    assert.ok(size.properties < MAX_PROPERTIES);
    assert.ok(size.longestString <= MAX_STRING_CHARS);
    assert.deepEqual(await store.getCluster(plan.clusterName), cluster);
  });

  it('records 500 nodes and lists them back', async () => {
    for (const node of nodes) await store.upsertNode(node);
    for (const node of nodes.slice(0, 10)) await store.upsertNode({ ...node, state: 'VmCreated', updatedAt: at(1) });
    const listed = await store.listNodes(plan.clusterName);
    const byName = new Map(listed.map((n) => [n.name, n]));
    assert.equal(listed.length, 500);
    for (const [i, node] of nodes.entries()) {
      assert.deepEqual(byName.get(node.name), i < 10 ? { ...node, state: 'VmCreated', updatedAt: at(1) } : node);
    }
  });

  it('runs an operation through every step with a progress record per node, renewing and releasing the lease', async () => {
    assert.equal(await store.createOperation(operation), 'created');
    const holder = { operationId: operation.id, instanceId: operation.id, kind: operation.kind, requestedBy: 'ci-key', claimedAt: at(0), expiresAt: at(120) };
    await store.updateLease(plan.clusterName, (lease) => ({ ...lease, holders: [...lease.holders, holder] }));
    let second = 1;
    for (const { name } of OPERATION_STEPS.DeployCluster) {
      const updates: { percent: number; message?: string }[] = name === 'join'
        ? nodes.map((n, i) => ({ percent: Math.round((100 * i) / nodes.length), message: `starting ${n.name}` })) : [{ percent: 0 }];
      for (const u of [...updates, { percent: 100 }]) {
        second++;
        const status = u.percent === 100 ? 'Succeeded' as const : 'Running' as const;
        await store.recordProgress({ operationId: operation.id, step: name, status, stepPercent: u.percent,
          operationPercent: operationPercent('DeployCluster', name, u.percent), at: at(second), ...(u.message ? { message: u.message } : {}) });
        await store.updateLease(plan.clusterName, (lease) => renewHolder(lease, operation.id, at(second + 120)));
      }
    }
    assert.deepEqual((await store.readLease(plan.clusterName)).holders, [{ ...holder, expiresAt: at(second + 120) }]);
    await store.finishOperation(operation.id, { status: 'Succeeded', at: at(second) });
    await store.setClusterState(plan.clusterName, 'Ready', operation.id, at(second));
    await store.updateLease(plan.clusterName, (lease) => releaseHolder(lease, operation.id));

    const stored = await store.getOperation(operation.id);
    assert.equal(stored?.status, 'Succeeded');
    assert.equal(stored?.percent, 100);
    assert.deepEqual(stored?.steps.map((s) => `${s.name}:${s.status}:${s.percent}`), OPERATION_STEPS.DeployCluster.map((s) => `${s.name}:Succeeded:100`));
    assert.equal(JSON.stringify(stored).length < 4096, true, 'the operation record does not grow with the node count');
    assert.deepEqual((await store.readLease(plan.clusterName)).holders, []);
    assert.deepEqual(await store.getCluster(plan.clusterName), { ...cluster, state: 'Ready', updatedAt: at(second) });
  });
});
