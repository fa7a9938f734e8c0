import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyProgress } from '../../../../shared/domain/operations/apply-progress.js';
import type { OperationRecord } from '../../../../shared/domain/state/state-records.js';

const op: OperationRecord = { id: 'op', kind: 'DeployCluster', clusterName: 'c', status: 'Running', percent: 10, steps: [], requestedBy: 'tester', trigger: 'api', createdAt: 't0', updatedAt: 't0' };

describe('applyProgress', () => {
  it('adds a step, then closes it keeping its start time', () => {
    const running = applyProgress(op, { operationId: 'op', step: 'network', status: 'Running', stepPercent: 0, operationPercent: 5, at: 't1' });
    const done = applyProgress(running, { operationId: 'op', step: 'network', status: 'Succeeded', stepPercent: 100, operationPercent: 25, at: 't2' });
    assert.deepEqual(done.steps, [{ name: 'network', status: 'Succeeded', percent: 100, startedAt: 't1', endedAt: 't2' }]);
    assert.equal(running.percent, 10, 'overall percent never goes back');
    assert.equal(done.percent, 25);
  });
  it('is idempotent for a replayed update and clamps percents', () => {
    const update = { operationId: 'op', step: 'join', status: 'Running' as const, stepPercent: 140, operationPercent: 60, at: 't3' };
    const once = applyProgress(op, update);
    assert.deepEqual(applyProgress(once, update), once);
    assert.equal(once.steps[0]?.percent, 100);
  });
  it('ignores a late Running update for a step that already finished', () => {
    const done = applyProgress(op, { operationId: 'op', step: 'nodes', status: 'Succeeded', stepPercent: 100, operationPercent: 50, at: 't4' });
    assert.deepEqual(applyProgress(done, { operationId: 'op', step: 'nodes', status: 'Running', stepPercent: 50, operationPercent: 40, at: 't5' }), done);
  });
});
