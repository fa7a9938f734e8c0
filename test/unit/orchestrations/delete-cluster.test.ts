import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { deleteCluster } from '../../../shared/orchestrations/delete-cluster.js';
import type { DeleteClusterInput, FinishOperationInput } from '../../../shared/contracts/activity-io.js';

const input: DeleteClusterInput = { operationId: 'op-d', clusterName: 'c1',
  resourceGroups: [{ name: 'rg-c1-dc1', location: 'local' }, { name: 'rg-c1-dc2', location: 'local' }] };
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === 'finishOperation')?.input as FinishOperationInput;

describe('deleteCluster', () => {
  it('deletes every resource group of the cluster, then its secrets, then marks it Deleted', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, () => ({ ok: true, value: undefined }));
    runner.run(deleteCluster, input, 'op-d');
    assert.deepEqual(runner.names().filter((n) => n !== 'recordProgress'),
      ['deleteResourceGroup', 'deleteResourceGroup', 'deleteClusterSecrets', 'finishOperation']);
    assert.deepEqual(runner.log.filter((c) => c.name === 'deleteResourceGroup').map((c) => (c.input as { name: string }).name), ['rg-c1-dc1', 'rg-c1-dc2']);
    assert.equal(finishOf(runner).clusterState, 'Deleted');
  });

  it('finishes when a group is left alone, saying on the operation which group was left and why', () => {
    const reason = 'it does not carry the tag autopilot-cluster=c1';
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, (c: Scheduled) => (c.name === 'deleteResourceGroup'
      ? { ok: true, value: { name: (c.input as { name: string }).name, deleted: (c.input as { name: string }).name !== 'rg-c1-dc1',
        ...((c.input as { name: string }).name === 'rg-c1-dc1' ? { reason } : {}) } }
      : { ok: true, value: undefined }));
    runner.run(deleteCluster, input, 'op-d');
    assert.equal(finishOf(runner).clusterState, 'Deleted');
    assert.ok(runner.names().includes('deleteClusterSecrets'));
    const done = runner.log.find((c) => c.name === 'recordProgress'
      && (c.input as { step: string; status: string }).step === 'resources' && (c.input as { status: string }).status === 'Succeeded');
    assert.equal((done?.input as { message?: string }).message, `left resource group rg-c1-dc1: ${reason}`);
  });

  it('keeps the secrets and reports the reason when a resource group cannot be deleted', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, (c: Scheduled) => (c.name === 'deleteResourceGroup'
      ? { ok: false, error: { code: 'CASSOPS_ARM_FAILED', message: 'rg-c1-dc1: ScopeLocked: locked', azureCode: 'ScopeLocked' } }
      : { ok: true, value: undefined }));
    runner.run(deleteCluster, input, 'op-d');
    assert.equal(runner.names().includes('deleteClusterSecrets'), false);
    assert.equal(finishOf(runner).status, 'Failed');
    assert.equal(finishOf(runner).error?.azureCode, 'ScopeLocked');
  });

  it('records a fault thrown after retries instead of crashing', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, (c: Scheduled) => (c.name === 'deleteResourceGroup'
      ? { throws: new Error('CASSOPS_ARM_TRANSIENT: rg-c1-dc2: InternalServerError') } : { ok: true, value: undefined }));
    runner.run(deleteCluster, input, 'op-d');
    assert.equal(finishOf(runner).error?.code, 'CASSOPS_ARM_TRANSIENT');
  });
});
