import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { restoreData, type RestoreDataInput } from '../../../shared/orchestrations/restore-data.js';
import { ACTIVITIES, ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { NodeJobInput, RestoreRef } from '../../../shared/contracts/backup-io.js';
import type { RecordProgressInput } from '../../../shared/contracts/activity-io.js';

const RESTORE: RestoreRef = { sourceCluster: 'demo', backupId: 'b-1', targetCluster: 'demo-new', restoreId: 'r-1' };
const INPUT: RestoreDataInput = { restore: RESTORE, operation: { operationId: 'r-1', clusterName: 'demo-new', kind: 'RestoreCluster' } };

/** A restore whose schema loads and whose nodes each load their files, unless `override` answers. */
function world(override: (c: Scheduled) => unknown = () => undefined) {
  return (call: Scheduled): unknown => {
    const answer = override(call);
    if (answer !== undefined) return answer;
    if (call.name === ACTIVITIES.prepareRestore) return { ok: true, value: { nodes: ['demo-new-1', 'demo-new-2'] } };
    if (call.name === ACTIVITIES.startNodeJob) return { state: 'Succeeded', detail: 'imported=4', stderrTail: '' };
    return undefined;
  };
}
const loads = (runner: FakeOrchestrationRunner) => runner.log.filter((c) => c.name === ORCHESTRATIONS.runNodeJob);

describe('restoreData', () => {
  it('prepares the restore, records progress, then loads every node\'s files in one parallel batch on the new cluster', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(restoreData, INPUT, 'r-1:restore'), { ok: true, value: undefined });
    const own = runner.log.filter((c) => c.depth === 0);
    assert.deepEqual(own.map((c) => c.name), [ACTIVITIES.prepareRestore, ACTIVITIES.recordProgress, ORCHESTRATIONS.runNodeJob, ORCHESTRATIONS.runNodeJob]);
    assert.deepEqual(own[0]!.input, RESTORE);
    assert.deepEqual(loads(runner).map((c) => c.input as NodeJobInput), ['demo-new-1', 'demo-new-2'].map((node) => ({ clusterName: 'demo-new', node,
      job: { script: 'restoreFiles', sourceCluster: 'demo', backupId: 'b-1', restoreId: 'r-1' } })));
    assert.deepEqual(loads(runner).map((c) => c.instanceId), ['r-1:restore:load-demo-new-1', 'r-1:restore:load-demo-new-2']);
    assert.deepEqual(runner.batches.map((b) => b.length), [2], 'the nodes load in parallel');
  });

  it('records the restore step running, with the number of nodes loading', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    runner.run(restoreData, INPUT);
    const progress = runner.log.find((c) => c.name === ACTIVITIES.recordProgress)!.input as RecordProgressInput;
    assert.equal(progress.operationId, 'r-1');
    assert.equal(progress.step, 'restore');
    assert.equal(progress.status, 'Running');
    assert.match(progress.message ?? '', /\b2 nodes\b/);
  });

  it('loads no files when the schema or the plan cannot be prepared, and returns that failure', () => {
    const conflict = { ok: false, error: { code: 'CASSOPS_RESTORE_SCHEMA_CONFLICT', message: 'ks.a exists with another id' } };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.prepareRestore ? conflict : undefined));
    assert.deepEqual(runner.run(restoreData, INPUT), conflict);
    assert.deepEqual(runner.names('sub'), []);
    assert.deepEqual(runner.names(), [ACTIVITIES.prepareRestore]);
  });

  it('fails naming the invalid file when one node finds a file that does not match its checksum; the other nodes still load', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.startNodeJob && (c.input as NodeJobInput).node === 'demo-new-2'
      ? { state: 'Failed', detail: 'checksum-mismatch ks/t-5a1c/nb-1-big-Data.db', stderrTail: '' } : undefined));
    const result = runner.run(restoreData, INPUT) as { ok: boolean; error?: { code: string; message: string } };
    assert.equal(result.error?.code, 'CASSOPS_RESTORE_FILE_INVALID');
    assert.match(result.error?.message ?? '', /ks\/t-5a1c\/nb-1-big-Data\.db/);
    assert.match(result.error?.message ?? '', /demo-new-2/);
    assert.deepEqual(runner.log.filter((c) => c.name === ACTIVITIES.startNodeJob).map((c) => (c.input as NodeJobInput).node), ['demo-new-1', 'demo-new-2']);
  });
});
