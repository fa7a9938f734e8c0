import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { ROUNDS_PER_GENERATION, repairCluster } from '../../../shared/orchestrations/repair-cluster.js';
import { ACTIVITIES, ORCHESTRATIONS } from '../../../shared/contracts/names.js';

const INPUT = { operationId: 'run-1', clusterName: 'c1', runId: 'run-1', mode: 'full' };

/** A run that needs `rounds` rounds, each looking again in `nextCheckSeconds`. */
function world(rounds: number, overrides: (call: Scheduled) => unknown = () => undefined) {
  let round = 0;
  return (call: Scheduled): unknown => {
    const answer = overrides(call);
    if (answer !== undefined) return answer;
    if (call.name === ACTIVITIES.planRepairRun) return { ok: true, value: { segments: 40 } };
    if (call.name === ACTIVITIES.advanceRepairRun) {
      round++;
      return { ok: true, value: { state: 'Running', finished: round >= rounds, segmentsDone: Math.min(40, round), segmentsTotal: 40,
        message: `${round}/40`, nextCheckSeconds: 7 } };
    }
    if (call.name === ACTIVITIES.recordProgress) return { recorded: true, holdsLease: true };
    return { ok: true, value: undefined };
  };
}

describe('repairCluster', () => {
  it('checks, plans, runs rounds a timer apart recording percent, then the ledger; finishes Succeeded', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(3));
    const result = runner.run(repairCluster, INPUT);
    assert.deepEqual(result, { ok: true, value: undefined });
    const names = runner.names();
    assert.deepEqual(names.filter((n) => n !== ACTIVITIES.recordProgress), [ACTIVITIES.checkRepairReady, ACTIVITIES.planRepairRun,
      ACTIVITIES.advanceRepairRun, ACTIVITIES.advanceRepairRun, ACTIVITIES.advanceRepairRun, ACTIVITIES.recordRepairLedger, ACTIVITIES.finishOperation]);
    const timers = runner.log.filter((c) => c.kind === 'timer');
    assert.equal(timers.length, 2, 'no timer after the last round');
    const repairPercents = runner.log.filter((c) => c.name === ACTIVITIES.recordProgress)
      .map((c) => c.input as { step: string; status: string; stepPercent: number }).filter((p) => p.step === 'repair').map((p) => p.stepPercent);
    assert.deepEqual(repairPercents, [0, 2, 5, 7, 100], 'the step starts at 0, each round records its share, the step ends Succeeded');
    const finish = runner.log.find((c) => c.name === ACTIVITIES.finishOperation)!.input as { status: string };
    assert.equal(finish.status, 'Succeeded');
  });

  it('continues the run loop as new every ROUNDS_PER_GENERATION rounds, so a long run keeps a short history', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(ROUNDS_PER_GENERATION * 2 + 5));
    assert.deepEqual(runner.run(repairCluster, INPUT), { ok: true, value: undefined });
    assert.equal(runner.log.filter((c) => c.kind === 'continueAsNew').length, 2);
    assert.equal(runner.names().filter((n) => n === ACTIVITIES.advanceRepairRun).length, ROUNDS_PER_GENERATION * 2 + 5);
    assert.equal(runner.log.find((c) => c.kind === 'sub')?.name, ORCHESTRATIONS.repairRounds);
  });

  it('fails the operation with the round\'s error (a refused start, a cancel) and records no ledger', () => {
    const refused = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(3, (call) => call.name === ACTIVITIES.checkRepairReady
      ? { ok: false, error: { code: 'CASSOPS_CLUSTER_UNHEALTHY', message: 'down: n3' } } : undefined));
    const result = refused.run(repairCluster, INPUT) as { ok: boolean; error?: { code: string } };
    assert.equal(result.error?.code, 'CASSOPS_CLUSTER_UNHEALTHY');
    assert.equal(refused.names().includes(ACTIVITIES.planRepairRun), false);
    const cancelled = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(3, (call) => call.name === ACTIVITIES.advanceRepairRun
      ? { ok: false, error: { code: 'CASSOPS_REPAIR_CANCELLED', message: 'cancelled' } } : undefined));
    assert.equal((cancelled.run(repairCluster, INPUT) as { error?: { code: string } }).error?.code, 'CASSOPS_REPAIR_CANCELLED');
    assert.equal(cancelled.names().includes(ACTIVITIES.recordRepairLedger), false);
  });

  it('stops when a progress record finds the lease gone', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(10, (call) => call.name === ACTIVITIES.recordProgress
      && (call.input as { step: string }).step === 'repair' ? { recorded: true, holdsLease: false } : undefined));
    assert.equal((runner.run(repairCluster, INPUT) as { error?: { code: string } }).error?.code, 'CASSOPS_LEASE_LOST');
    assert.equal(runner.names().filter((n) => n === ACTIVITIES.advanceRepairRun).length, 1);
  });
});
