import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../../support/fake-orchestration-context.js';
import { runOperation, type OperationOutcome } from '../../../../shared/orchestrations/kit/run-operation.js';
import { callActivity } from '../../../../shared/orchestrations/kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from '../../../../shared/orchestrations/kit/orchestration-context.js';
import { ACTIVITIES } from '../../../../shared/contracts/names.js';
import type { FinishOperationInput, OperationRef, RecordProgressInput } from '../../../../shared/contracts/activity-io.js';
import type { ErrorInfo } from '../../../../shared/errors/ops-error.js';

const OPERATION: OperationRef = { operationId: 'op-1', clusterName: 'demo', kind: 'DeleteCluster' };
const locked: ErrorInfo = { code: 'CASSOPS_ARM_FAILED', message: 'rg-demo: ScopeLocked' };

/** Two steps, `resources` (deleteResourceGroup) then `secrets` (deleteClusterSecrets), under the outcome made for the context. */
function operation(outcomeOf: (context: OrchestrationContextLike) => OperationOutcome) {
  return function* (context: OrchestrationContextLike): Orchestration<unknown> {
    return yield* runOperation(context, OPERATION, [
      { name: 'resources', start: () => [callActivity(context, ACTIVITIES.deleteResourceGroup, 'arm', {})] },
      { name: 'secrets', start: () => [callActivity(context, ACTIVITIES.deleteClusterSecrets, 'arm', {})] },
    ], outcomeOf(context));
  };
}

/** A failure handler that notes the error it was given and records it through an activity of its own. */
function recordingHandler(context: OrchestrationContextLike, seen: ErrorInfo[]) {
  return function* (error: ErrorInfo): Orchestration<void> {
    seen.push(error);
    yield callActivity(context, ACTIVITIES.recordBackupFailed, 'finish', { error });
  };
}

function world(respond: (c: Scheduled) => unknown = () => undefined) {
  return (c: Scheduled): unknown => respond(c) ?? (c.name === ACTIVITIES.recordProgress ? { recorded: true, holdsLease: true } : { ok: true, value: undefined });
}
const failResources = (c: Scheduled) => (c.name === ACTIVITIES.deleteResourceGroup ? { ok: false, error: locked } : undefined);
const order = (runner: FakeOrchestrationRunner) => runner.log.map((c) => (c.name === ACTIVITIES.recordProgress
  ? `${(c.input as RecordProgressInput).step}:${(c.input as RecordProgressInput).status}` : c.name));
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === ACTIVITIES.finishOperation)!.input as FinishOperationInput;

describe('runOperation', () => {
  it('runs handleFailure after the failed step is recorded and before the operation closes, with the step\'s error', () => {
    const seen: ErrorInfo[] = [];
    const runner = new FakeOrchestrationRunner({}, world(failResources));
    const result = runner.run(operation((c) => ({ onFailure: 'Failed', handleFailure: recordingHandler(c, seen) })), undefined);
    assert.deepEqual(result, { ok: false, error: locked });
    assert.deepEqual(seen, [locked]);
    assert.deepEqual(order(runner), ['resources:Running', ACTIVITIES.deleteResourceGroup, 'resources:Failed',
      ACTIVITIES.recordBackupFailed, ACTIVITIES.finishOperation]);
    assert.deepEqual([finishOf(runner).status, finishOf(runner).clusterState, finishOf(runner).error], ['Failed', 'Failed', locked]);
  });

  it('does not run handleFailure when every step succeeds', () => {
    const seen: ErrorInfo[] = [];
    const runner = new FakeOrchestrationRunner({}, world());
    assert.deepEqual(runner.run(operation((c) => ({ handleFailure: recordingHandler(c, seen) })), undefined), { ok: true, value: undefined });
    assert.deepEqual(seen, []);
    assert.equal(runner.names().includes(ACTIVITIES.recordBackupFailed), false);
    assert.equal(finishOf(runner).status, 'Succeeded');
  });

  it('still closes the operation when handleFailure throws, naming both faults in the error and keeping the step\'s code', () => {
    const runner = new FakeOrchestrationRunner({}, world((c) => failResources(c)
      ?? (c.name === ACTIVITIES.recordBackupFailed ? { throws: new Error('CASSOPS_STATE_CONFLICT: the record changed') } : undefined)));
    const result = runner.run(operation((c) => ({ handleFailure: recordingHandler(c, []) })), undefined) as { ok: false; error: ErrorInfo };
    assert.equal(result.error.code, locked.code);
    assert.equal(result.error.message, `${locked.message} (then handling the failure failed: the record changed)`);
    assert.deepEqual(finishOf(runner).error, result.error);
    assert.equal(order(runner).at(-1), ACTIVITIES.finishOperation);
  });
});
