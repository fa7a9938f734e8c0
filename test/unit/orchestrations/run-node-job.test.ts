import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { NODE_JOB_POLL_SECONDS, runNodeJob } from '../../../shared/orchestrations/run-node-job.js';
import { ACTIVITIES } from '../../../shared/contracts/names.js';
import { RETRY_PROFILES } from '../../../shared/contracts/retry-profiles.js';
import type { NodeJobInput } from '../../../shared/contracts/backup-io.js';
import type { NodeJobStatus } from '../../../shared/domain/ports/node-agent-port.js';

const UPLOAD: NodeJobInput = { clusterName: 'demo', node: 'n1', job: { script: 'uploadBackup', backupId: 'b-1' } };
const RESTORE: NodeJobInput = { clusterName: 'demo-drill', node: 'n2', job: { script: 'restoreFiles', sourceCluster: 'demo', backupId: 'b-1', restoreId: 'r-1' } };
const running: NodeJobStatus = { state: 'Running', detail: '', stderrTail: '' };
const succeeded: NodeJobStatus = { state: 'Succeeded', detail: 'files=3 bytes=42', stderrTail: '' };

/** A job that is Running for `reads` reads (the start included), then ends as `end`. */
function job(reads: number, end: NodeJobStatus) {
  let seen = 0;
  return (call: Scheduled): unknown => {
    if (call.name === ACTIVITIES.deleteNodeJob) return undefined;
    return seen++ < reads ? running : end;
  };
}
type Outcome = { ok: boolean; value?: { detail: string }; error?: { code: string; message: string } };
const run = (respond: (c: Scheduled) => unknown, input: NodeJobInput = UPLOAD) => {
  const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, respond);
  return { runner, result: runner.run(runNodeJob, input) as Outcome };
};

describe('runNodeJob', () => {
  it('starts a job that ends at once, deletes it and returns its detail, without a timer', () => {
    const { runner, result } = run(job(0, succeeded));
    assert.deepEqual(result, { ok: true, value: { detail: 'files=3 bytes=42' } });
    assert.deepEqual(runner.log.map((c) => c.name), [ACTIVITIES.startNodeJob, ACTIVITIES.deleteNodeJob]);
  });

  it('hands every activity the job\'s input, under the Run Command retry profile', () => {
    const { runner } = run(job(2, succeeded));
    const activities = runner.log.filter((c) => c.kind === 'activity');
    assert.equal(activities.length, 4);
    for (const c of activities) {
      assert.deepEqual(c.input, UPLOAD, c.name);
      assert.equal(c.maxAttempts, RETRY_PROFILES.runCommand.maxNumberOfAttempts, c.name);
    }
  });

  it('reads a running job on a timer until it ends, then deletes it', () => {
    const { runner, result } = run(job(3, succeeded));
    assert.equal(result.ok, true);
    assert.deepEqual(runner.log.map((c) => c.kind === 'timer' ? 'timer' : c.name), [ACTIVITIES.startNodeJob,
      'timer', ACTIVITIES.readNodeJob, 'timer', ACTIVITIES.readNodeJob, 'timer', ACTIVITIES.readNodeJob, ACTIVITIES.deleteNodeJob]);
  });

  it('waits a quarter of the job\'s age between reads, from the first wait up to the longest, then stays there', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const { runner } = run(job(16, succeeded));
    const fireTimes = runner.log.filter((c) => c.kind === 'timer').map((c) => c.fireAt!.getTime());
    const waits = fireTimes.map((t, i) => (t - (i === 0 ? start.getTime() : fireTimes[i - 1]!)) / 1000);
    for (let i = 0; i < waits.length; i++) {
      const age = (i === 0 ? 0 : fireTimes[i - 1]! - start.getTime()) / 1000;
      assert.equal(waits[i], Math.min(NODE_JOB_POLL_SECONDS.max, Math.max(NODE_JOB_POLL_SECONDS.first, Math.floor(age / 4))), `wait ${i} at age ${age}s`);
    }
    // A job of a few seconds is seen ended within a second; one of minutes costs a read every 5 s.
    assert.deepEqual(waits, [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 5, 5]);
  });

  it('fails a job that failed with CASSOPS_NODE_SCRIPT_FAILED naming the script, the node, its detail and stderr, and still deletes it', () => {
    const { runner, result } = run(job(1, { state: 'Failed', detail: 'upload-http-403', stderrTail: 'AuthorizationFailure' }));
    assert.equal(result.ok, false);
    assert.equal(result.error?.code, 'CASSOPS_NODE_SCRIPT_FAILED');
    assert.match(result.error?.message ?? '', /uploadBackup on n1/);
    assert.match(result.error?.message ?? '', /upload-http-403/);
    assert.match(result.error?.message ?? '', /stderr: AuthorizationFailure/);
    assert.equal(runner.log.at(-1)?.name, ACTIVITIES.deleteNodeJob);
  });

  it('leaves stderr out of the message when the job printed none', () => {
    const { result } = run(job(0, { state: 'Failed', detail: 'no-marker', stderrTail: '' }));
    assert.doesNotMatch(result.error?.message ?? '', /stderr/);
  });

  const restoreCases: [string, string, string][] = [
    ['a file that differs from its checksum', 'checksum-mismatch shop/items-5a1c/nb-1-big-Data.db', 'CASSOPS_RESTORE_FILE_INVALID'],
    ['a file of the wrong size', 'size-mismatch shop/items-5a1c/nb-1-big-Index.db', 'CASSOPS_RESTORE_FILE_INVALID'],
    ['a blob that is missing', 'download-http-404 blobs/ab/cdef', 'CASSOPS_RESTORE_FILE_INVALID'],
    ['an import that failed (the node\'s fault)', 'import-failed shop.items', 'CASSOPS_NODE_SCRIPT_FAILED'],
    ['a marker that only mentions a mismatch later on', 'import-failed after checksum-mismatch x', 'CASSOPS_NODE_SCRIPT_FAILED'],
  ];
  for (const [name, detail, code] of restoreCases) {
    it(`fails a restore that found ${name} with ${code}, naming what it found`, () => {
      const { result } = run(job(1, { state: 'Failed', detail, stderrTail: '' }), RESTORE);
      assert.equal(result.error?.code, code);
      assert.ok(result.error?.message.includes(detail), result.error?.message);
      assert.match(result.error?.message ?? '', /restoreFiles on n2/);
    });
  }

  it('blames the node, not the backup, for a checksum mismatch from a script other than a restore', () => {
    const { result } = run(job(0, { state: 'Failed', detail: 'checksum-mismatch x', stderrTail: '' }));
    assert.equal(result.error?.code, 'CASSOPS_NODE_SCRIPT_FAILED');
  });

  it('fails a job that vanished while running (the VM restarted), naming the script and the node', () => {
    const { runner, result } = run(job(2, { state: 'Missing', detail: '', stderrTail: '' }));
    assert.equal(result.ok, false);
    assert.equal(result.error?.code, 'CASSOPS_NODE_SCRIPT_FAILED');
    assert.match(result.error?.message ?? '', /uploadBackup on n1 vanished/);
    assert.equal(runner.names().filter((n) => n === ACTIVITIES.readNodeJob).length, 2);
  });

  it('fails a job its start could not find', () => {
    const { result } = run(job(0, { state: 'Missing', detail: '', stderrTail: '' }));
    assert.equal(result.error?.code, 'CASSOPS_NODE_SCRIPT_FAILED');
  });
});
