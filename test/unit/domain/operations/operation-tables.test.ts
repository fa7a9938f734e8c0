import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EXCLUDES, OPERATION_CLASSES, OPERATION_KIND_TABLE, OPERATION_KINDS, mayRunBeside, yieldsTo } from '../../../../shared/domain/operations/operation-kinds.js';
import { OPERATION_STEPS, operationPercent } from '../../../../shared/domain/operations/operation-steps.js';

describe('the admission table', () => {
  it('is symmetric: if A keeps B out, B keeps A out', () => {
    for (const a of OPERATION_CLASSES) for (const b of OPERATION_CLASSES) {
      assert.equal(EXCLUDES[a].includes(b), EXCLUDES[b].includes(a), `${a} / ${b}`);
    }
  });
  it('keeps a topology change away from repairs, backups, in-place restores and other topology changes; lets a repair and a backup share', () => {
    assert.deepEqual([...EXCLUDES.topology].sort(), ['backup', 'repair', 'restore', 'topology']);
    assert.equal(EXCLUDES.repair.includes('backup'), false);
    assert.equal(mayRunBeside('DeployCluster', 'DeleteCluster'), false);
  });
  it('lets a topology change start beside a running repair (the repair pauses), never a repair beside a topology change', () => {
    assert.equal(mayRunBeside('RepairCluster', 'DeleteCluster'), true);
    assert.equal(yieldsTo('RepairCluster', 'DeleteCluster'), true);
    assert.equal(mayRunBeside('DeployCluster', 'RepairCluster'), false);
    assert.equal(mayRunBeside('RepairCluster', 'RepairCluster'), false);
    assert.equal(yieldsTo('DeleteCluster', 'RepairCluster'), false);
  });
  it('keeps topology changes, repairs and another in-place restore away from an in-place restore, and lets a backup (its safety backup) run beside it', () => {
    for (const other of ['DeployCluster', 'DeleteCluster', 'RestoreCluster', 'RepairCluster', 'RestoreTables'] as const) {
      assert.equal(mayRunBeside('RestoreTables', other), false, `${other} beside a restore`);
      assert.equal(mayRunBeside(other, 'RestoreTables'), false, `a restore beside ${other}`);
    }
    assert.equal(mayRunBeside('RestoreTables', 'BackupCluster'), true);
    assert.equal(mayRunBeside('BackupCluster', 'RestoreTables'), true);
    assert.equal(mayRunBeside('RestoreDrill', 'RestoreTables'), true);
    assert.equal(yieldsTo('RepairCluster', 'RestoreTables'), false, 'a running repair keeps the restore out rather than pausing');
  });
  it('gives every kind a class', () => {
    for (const kind of Object.values(OPERATION_KINDS)) assert.ok(OPERATION_CLASSES.includes(OPERATION_KIND_TABLE[kind].class), kind);
  });
});

describe('the step table', () => {
  for (const kind of Object.values(OPERATION_KINDS)) {
    it(`${kind}: weights sum to 100, names are unique, percent rises from 0 to 100 through the steps`, () => {
      const steps = OPERATION_STEPS[kind];
      assert.equal(steps.reduce((sum, s) => sum + s.weight, 0), 100);
      assert.equal(new Set(steps.map((s) => s.name)).size, steps.length);
      const percents = steps.flatMap((s) => [operationPercent(kind, s.name, 0), operationPercent(kind, s.name, 50), operationPercent(kind, s.name, 100)]);
      assert.deepEqual(percents, [...percents].sort((a, b) => a - b));
      assert.equal(percents[0], 0);
      assert.equal(percents.at(-1), 100);
    });
  }
  it('clamps a step percent outside 0..100 and refuses a step the table does not list', () => {
    assert.equal(operationPercent('DeleteCluster', 'resources', 250), 90);
    assert.equal(operationPercent('DeleteCluster', 'resources', -5), 5, 'the links step before it counts as done');
    assert.throws(() => operationPercent('DeployCluster', 'teleport', 10), RangeError);
  });
});
