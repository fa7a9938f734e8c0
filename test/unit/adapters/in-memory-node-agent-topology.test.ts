import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryNodeAgent } from '../../../shared/adapters/memory/in-memory-node-agent.js';
import type { NodeJob } from '../../../shared/domain/ports/node-agent-port.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';

const [node, other] = deploymentPlanFixture(1, 2).nodes;
const job = (script: NodeJob['script'], name: string): NodeJob => ({ name, script, parameters: {} });

/** A twin with both VMs, the first one's Cassandra running. */
async function twin(): Promise<InMemoryNodeAgent> {
  const agent = new InMemoryNodeAgent();
  agent.addVm(node!);
  agent.addVm(other!);
  assert.equal((await agent.runScript(node!, 'startCassandra')).ok, true);
  return agent;
}

describe('InMemoryNodeAgent topology jobs', () => {
  it('decommissions a running node as the script does: remembered, Cassandra stopped, a later run already done', async () => {
    const agent = await twin();
    assert.deepEqual(await agent.startNodeJob(node!, job('decommissionNode', 'ap-decom-op-1')),
      { state: 'Succeeded', detail: 'decommissioned', stderrTail: '' });
    assert.deepEqual([agent.isDecommissioned(node!), agent.isDecommissioned(other!)], [true, false]);
    assert.deepEqual(await agent.runScript(node!, 'stopCassandra'), { ok: true, value: { detail: 'already-stopped', stderrTail: '' } });
    assert.equal((await agent.startNodeJob(node!, job('decommissionNode', 'ap-decom-op-2'))).detail, 'already-decommissioned');
    assert.deepEqual(agent.startedJobs().map((j) => [j.name, j.withSecret]), [['ap-decom-op-1', false], ['ap-decom-op-2', false]]);
  });

  it('fails a decommission of a stopped node that never left, and cleans up with nothing to clean', async () => {
    const agent = await twin();
    assert.deepEqual(await agent.startNodeJob(other!, job('decommissionNode', 'ap-decom-op-3')), { state: 'Failed', detail: 'not-running', stderrTail: '' });
    assert.equal(agent.isDecommissioned(other!), false);
    assert.deepEqual(await agent.startNodeJob(node!, job('cleanupNode', 'ap-cleanup-op-3')), { state: 'Succeeded', detail: 'cleaned', stderrTail: '' });
  });

  it('reports the outcome set for a decommission, and remembers the node only once one is read Succeeded', async () => {
    const agent = await twin();
    const refused = { state: 'Failed' as const, detail: 'decommission Not enough live nodes to maintain replication factor in keyspace shop' };
    agent.setJobOutcome('decommissionNode', refused);
    assert.deepEqual(await agent.startNodeJob(node!, job('decommissionNode', 'ap-decom-op-4')), { ...refused, stderrTail: '' });
    agent.setJobOutcome('decommissionNode', { state: 'Running', detail: '' });
    assert.equal((await agent.readNodeJob(node!, job('decommissionNode', 'ap-decom-op-4'))).state, 'Running');
    assert.equal(agent.isDecommissioned(node!), false, 'still streaming: in the ring, running');
    agent.setJobOutcome('decommissionNode', undefined);
    assert.equal((await agent.readNodeJob(node!, job('decommissionNode', 'ap-decom-op-4'))).detail, 'decommissioned');
    assert.equal(agent.isDecommissioned(node!), true);
  });
});
