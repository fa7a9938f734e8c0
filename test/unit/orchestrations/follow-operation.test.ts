import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { FOLLOW_POLL_SECONDS, followOperation, type FollowOperationInput } from '../../../shared/orchestrations/follow-operation.js';
import { ACTIVITIES } from '../../../shared/contracts/names.js';
import type { OperationOutcome } from '../../../shared/contracts/backup-io.js';

const INPUT: FollowOperationInput = { start: ACTIVITIES.startDrillRestore, input: { clusterName: 'demo', drillId: 'd-1' } };
const START = new Date('2026-01-01T00:00:00Z');

/** An operation that starts as `op-7` and is read as each of `outcomes` in turn. */
function operation(outcomes: OperationOutcome[], started: unknown = { ok: true, value: { operationId: 'op-7' } }) {
  let reads = 0;
  return (call: Scheduled): unknown => {
    if (call.name === ACTIVITIES.startDrillRestore) return started;
    if (call.name === ACTIVITIES.readOperationOutcome) return outcomes[Math.min(reads++, outcomes.length - 1)];
    throw new Error(`unexpected ${call.name}`);
  };
}
type Outcome = { ok: boolean; value?: { operationId: string; endedAt: string }; error?: { code: string; message: string } };
const run = (respond: (c: Scheduled) => unknown) => {
  const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, respond, START);
  return { runner, result: runner.run(followOperation, INPUT) as Outcome };
};

describe('followOperation', () => {
  it('starts the operation with the named activity and its input, and returns when it succeeded with its end time', () => {
    const { runner, result } = run(operation([{ status: 'Succeeded', endedAt: '2026-01-01T01:00:00.000Z' }]));
    assert.deepEqual(result, { ok: true, value: { operationId: 'op-7', endedAt: '2026-01-01T01:00:00.000Z' } });
    assert.deepEqual(runner.log.map((c) => [c.name, c.input]), [[ACTIVITIES.startDrillRestore, INPUT.input],
      [ACTIVITIES.readOperationOutcome, { operationId: 'op-7' }]]);
  });

  it('reads a running operation again after a durable timer, until it ends', () => {
    const { runner, result } = run(operation([{ status: 'Running' }, { status: 'Running' }, { status: 'Succeeded', endedAt: 'e' }]));
    assert.equal(result.ok, true);
    assert.deepEqual(runner.log.map((c) => c.kind === 'timer' ? 'timer' : c.name), [ACTIVITIES.startDrillRestore,
      ACTIVITIES.readOperationOutcome, 'timer', ACTIVITIES.readOperationOutcome, 'timer', ACTIVITIES.readOperationOutcome]);
    const fires = runner.log.filter((c) => c.kind === 'timer').map((c) => c.fireAt!.getTime() - START.getTime());
    assert.deepEqual(fires, [FOLLOW_POLL_SECONDS * 1000, 2 * FOLLOW_POLL_SECONDS * 1000]);
  });

  it('takes the time it saw the operation succeeded when the operation names no end time', () => {
    const { result } = run(operation([{ status: 'Running' }, { status: 'Succeeded' }]));
    assert.equal(result.value?.endedAt, new Date(START.getTime() + FOLLOW_POLL_SECONDS * 1000).toISOString());
  });

  it('fails with the followed operation\'s own error', () => {
    const error = { code: 'CASSOPS_RESTORE_FILE_INVALID' as const, message: 'checksum-mismatch x' };
    const { result } = run(operation([{ status: 'Running' }, { status: 'Failed', error }]));
    assert.deepEqual(result, { ok: false, error });
  });

  it('fails with CASSOPS_INTERNAL naming the operation when it failed without an error', () => {
    const { result } = run(operation([{ status: 'Failed' }]));
    assert.equal(result.error?.code, 'CASSOPS_INTERNAL');
    assert.match(result.error?.message ?? '', /op-7/);
  });

  it('returns a refused start as it is, and reads nothing', () => {
    const refused = { ok: false, error: { code: 'CASSOPS_BACKUP_NOT_RESTORABLE', message: 'b-1 is Partial' } };
    const { runner, result } = run(operation([{ status: 'Succeeded' }], refused));
    assert.deepEqual(result, refused);
    assert.deepEqual(runner.names(), [ACTIVITIES.startDrillRestore]);
  });
});
