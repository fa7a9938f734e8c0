import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryNodeAgent } from '../../../shared/adapters/memory/in-memory-node-agent.js';
import { contractSnapshotJob, describeNodeAgentContract } from '../../contract/node-agent-contract.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';

const CONTAINER = 'https://stbk.blob.core.windows.net/backups-test';
const agent = new InMemoryNodeAgent();
describeNodeAgentContract('InMemoryNodeAgent', () => ({
  agent,
  createVm: async (node) => agent.addVm(node),
  setStartFailure: async (node, stderr) => agent.setStartFailure(node, stderr),
  setFault: async (fault) => agent.setFault(fault),
  backupContainerUrl: CONTAINER,
}));

describe('InMemoryNodeAgent node jobs', () => {
  const node = deploymentPlanFixture(1, 1).nodes[0]!;

  it('records each job it starts with its parameters and that a secret came, never the secret', async () => {
    const twin = new InMemoryNodeAgent();
    twin.addVm(node);
    const { job, secret } = contractSnapshotJob(CONTAINER, 'snap-1');
    await twin.startNodeJob(node, job, secret);
    await twin.startNodeJob(node, job, secret);
    const started = twin.startedJobs();
    assert.deepEqual(started, [{ vmName: node.vmName, name: 'snap-1', script: 'snapshotBackup', parameters: job.parameters, withSecret: true }]);
    assert.ok(!JSON.stringify(started).includes(secret.reveal()));
  });

  it('reports the outcome set for a job name over the one set for its script, including for jobs already started', async () => {
    const twin = new InMemoryNodeAgent();
    twin.addVm(node);
    const { job, secret } = contractSnapshotJob(CONTAINER, 'snap-2');
    const other = { ...job, name: 'snap-3' };
    twin.setJobOutcome('snapshotBackup', { state: 'Running', detail: '' });
    assert.equal((await twin.startNodeJob(node, job, secret)).state, 'Running');
    await twin.startNodeJob(node, other, secret);
    twin.setJobOutcome('snap-2', { state: 'Failed', detail: 'flush-shop', stderrTail: 'nodetool: connection refused' });
    assert.deepEqual(await twin.readNodeJob(node, job), { state: 'Failed', detail: 'flush-shop', stderrTail: 'nodetool: connection refused' });
    assert.equal((await twin.readNodeJob(node, other)).state, 'Running');
    twin.setJobOutcome('snapshotBackup', undefined);
    assert.deepEqual(await twin.readNodeJob(node, other), { state: 'Succeeded', detail: 'files=0 bytes=0', stderrTail: '' });
  });

  it('throws a busy VM from the job calls as the adapter does', async () => {
    const twin = new InMemoryNodeAgent();
    twin.addVm(node);
    const { job, secret } = contractSnapshotJob(CONTAINER, 'snap-4');
    twin.setFault('conflict');
    await assert.rejects(twin.startNodeJob(node, job, secret), { code: 'CASSOPS_RUN_COMMAND_CONFLICT', retryable: true });
    await assert.rejects(twin.readNodeJob(node, job), { code: 'CASSOPS_RUN_COMMAND_CONFLICT' });
    twin.setFault(undefined);
    assert.deepEqual(twin.startedJobs(), []);
  });
});
