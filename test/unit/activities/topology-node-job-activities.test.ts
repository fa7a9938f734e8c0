import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { createNodeJobActivities } from '../../../shared/activities/node-job-activities.js';
import { InMemoryNodeAgent } from '../../../shared/adapters/memory/in-memory-node-agent.js';
import type { NodeJobInput } from '../../../shared/contracts/backup-io.js';
import { nodeJobName } from '../../../shared/domain/backup/node-job-names.js';
import { repairApiWorld } from '../../support/repair-api-world.js';

/** Cluster `orders` on the twins, its first node's VM running; the backup container may not be asked for. */
async function world() {
  const { state } = await repairApiWorld({ orders: 'Ready' });
  const node = (await state.getCluster('orders'))!.plan.nodes[0]!;
  const agent = new InMemoryNodeAgent();
  agent.addVm(node);
  assert.equal((await agent.runScript(node, 'startCassandra')).ok, true);
  const backupBlobs = () => assert.fail('a topology job asked for the backup container (a SAS)');
  const activities = createNodeJobActivities({ state, agent, backupBlobs } as unknown as ActivityDeps);
  const input = (script: 'cleanupNode' | 'decommissionNode', operationId: string): NodeJobInput =>
    ({ clusterName: 'orders', node: node.name, job: { script, operationId } });
  return { agent, node, activities, input };
}

describe('topology node jobs through the activities', () => {
  it('names cleanup and decommission jobs after the operation, in the forms Azure takes', () => {
    assert.equal(nodeJobName('cleanupNode', 'op-Scale.1'), 'ap-cleanup-op-scale-1');
    assert.equal(nodeJobName('decommissionNode', '3f2b1c9e-7d41-4c1a-9b0e-5e6f7a8b9c0d'), 'ap-decom-3f2b1c9e-7d41-4c1a-9b0e-5e6f7a8b9c0d');
  });

  it('starts them without a credential or parameters, once per operation, and reads and deletes them by that name', async () => {
    const w = await world();
    assert.deepEqual(await w.activities.startNodeJob(w.input('cleanupNode', 'op-1')), { state: 'Succeeded', detail: 'cleaned', stderrTail: '' });
    assert.deepEqual(await w.activities.startNodeJob(w.input('decommissionNode', 'op-1')),
      { state: 'Succeeded', detail: 'decommissioned', stderrTail: '' });
    await w.activities.startNodeJob(w.input('decommissionNode', 'op-1'));
    assert.deepEqual(w.agent.startedJobs(), [
      { vmName: w.node.vmName, name: 'ap-cleanup-op-1', script: 'cleanupNode', parameters: {}, withSecret: false },
      { vmName: w.node.vmName, name: 'ap-decom-op-1', script: 'decommissionNode', parameters: {}, withSecret: false },
    ], 'a replayed start finds the job it started');
    assert.equal(w.agent.isDecommissioned(w.node), true);
    assert.equal((await w.activities.readNodeJob(w.input('decommissionNode', 'op-1'))).detail, 'decommissioned');
    await w.activities.deleteNodeJob(w.input('decommissionNode', 'op-1'));
    assert.equal((await w.activities.readNodeJob(w.input('decommissionNode', 'op-1'))).state, 'Missing');
  });

  it('runs a decommission that failed anew on the next start, not the failed run\'s status', async () => {
    const w = await world();
    const refused = { state: 'Failed' as const, detail: 'decommission Unsupported operation: no other normal nodes in the ring' };
    w.agent.setJobOutcome('ap-decom-op-2', refused);
    assert.deepEqual(await w.activities.startNodeJob(w.input('decommissionNode', 'op-2')), { ...refused, stderrTail: '' });
    assert.equal(w.agent.isDecommissioned(w.node), false);
    await w.activities.startNodeJob(w.input('decommissionNode', 'op-2'));
    assert.deepEqual(w.agent.startedJobs().map((j) => j.name), ['ap-decom-op-2', 'ap-decom-op-2'], 'the failed job removed and started again');
    w.agent.setJobOutcome('ap-decom-op-2', undefined);
    assert.equal((await w.activities.readNodeJob(w.input('decommissionNode', 'op-2'))).detail, 'decommissioned');
    assert.equal(w.agent.isDecommissioned(w.node), true);
  });
});
