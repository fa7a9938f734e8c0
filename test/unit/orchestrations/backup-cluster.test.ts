import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { backupCluster, backupClusterV1, backupClusterV2, backupNode, backupNodeV1 } from '../../../shared/orchestrations/backup-cluster.js';
import { ACTIVITIES, ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { BackupNodeInput, NodeJobInput } from '../../../shared/contracts/backup-io.js';
import type { FinishOperationInput, OperationRef, RecordProgressInput } from '../../../shared/contracts/activity-io.js';
import type { Orchestration, OrchestrationContextLike } from '../../../shared/orchestrations/kit/orchestration-context.js';

const INPUT = { operationId: 'op-1', clusterName: 'demo', backupId: 'op-1' };
const OPERATION: OperationRef = { operationId: 'op-1', clusterName: 'demo', kind: 'BackupCluster' };
const unhealthy = { ok: false, error: { code: 'CASSOPS_CLUSTER_UNHEALTHY', message: 'schema disagrees' } };

/** The node's share as planBackupNode counts it: distinct per node, so a record shows which plan it took. */
const statsOf = (node: string) => ({ files: node.length, bytes: 100 * node.length, newFiles: 1, newBytes: 10 });
const jobOf = (c: Scheduled) => c.input as NodeJobInput;

/** A cluster with n1 and n2 up and n3 down, where every job and activity succeeds unless `override` answers it. */
function world(override: (c: Scheduled) => unknown = () => undefined) {
  return (call: Scheduled): unknown => {
    const answer = override(call);
    if (answer !== undefined) return answer;
    switch (call.name) {
      case ACTIVITIES.checkBackupReady: return { ok: true, value: { nodes: ['n1', 'n2'], nodesDown: ['n3'] } };
      case ACTIVITIES.startNodeJob: return { state: 'Succeeded', detail: 'done', stderrTail: '' };
      case ACTIVITIES.planBackupNode: return { ok: true, value: statsOf((call.input as { node: string }).node) };
      case ACTIVITIES.writeBackupManifest: return { ok: true, value: { status: 'Partial' } };
      case ACTIVITIES.recordProgress: return { recorded: true, holdsLease: true };
      default: return { ok: true, value: undefined };
    }
  };
}

/** What the orchestration under test scheduled itself (not its sub-orchestrations), as `name` or `name(node)` for node work. */
function topLevel(runner: FakeOrchestrationRunner): string[] {
  return runner.log.filter((c) => c.depth === 0 && c.name !== ACTIVITIES.recordProgress).map((c) => {
    const node = (c.input as { node?: unknown }).node;
    return typeof node === 'string' ? `${c.name}(${node})` : c.name;
  });
}
const clearJobs = (runner: FakeOrchestrationRunner) => runner.log
  .filter((c) => c.name === ORCHESTRATIONS.runNodeJob && jobOf(c).job.script === 'clearSnapshot').map((c) => jobOf(c).node);
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === ACTIVITIES.finishOperation)!.input as FinishOperationInput;
const stepRecord = (runner: FakeOrchestrationRunner, step: string, status: string) => runner.log
  .filter((c) => c.name === ACTIVITIES.recordProgress).map((c) => c.input as RecordProgressInput).find((p) => p.step === step && p.status === status);

describe('backupCluster', () => {
  it('checks, backs up each node the check found up, writes the manifest, then clears the snapshots and applies retention', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(backupCluster, INPUT), { ok: true, value: undefined });
    assert.deepEqual(topLevel(runner), [ACTIVITIES.checkBackupReady,
      `${ORCHESTRATIONS.backupNode}(n1)`, `${ORCHESTRATIONS.backupNode}(n2)`,
      ACTIVITIES.writeBackupManifest,
      `${ORCHESTRATIONS.runNodeJob}(n1)`, `${ORCHESTRATIONS.runNodeJob}(n2)`, ACTIVITIES.applyBackupRetention,
      ACTIVITIES.finishOperation]);
    assert.equal(finishOf(runner).status, 'Succeeded');
    assert.equal(runner.names().includes(ACTIVITIES.recordBackupFailed), false);
  });

  it('leaves the nodes that were down out of the backup, and says so in the check step', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    runner.run(backupCluster, INPUT);
    const touched = runner.log.filter((c) => c.name === ORCHESTRATIONS.backupNode || c.name === ACTIVITIES.startNodeJob)
      .map((c) => (c.input as { node: string }).node);
    assert.ok(touched.length > 0);
    assert.ok(!touched.includes('n3'), 'no job on the node that was down');
    assert.match(stepRecord(runner, 'check', 'Succeeded')?.message ?? '', /down, left out: n3/);
    assert.equal(stepRecord(runner, 'manifest', 'Succeeded')?.message, 'Partial', 'the manifest step shows the backup\'s status');
  });

  it('counts the nodes backed up when none is down', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.checkBackupReady
      ? { ok: true, value: { nodes: ['n1', 'n2', 'n3'], nodesDown: [] } } : undefined));
    runner.run(backupCluster, INPUT);
    assert.equal(stepRecord(runner, 'check', 'Succeeded')?.message, '3 nodes');
    assert.deepEqual(runner.log.filter((c) => c.name === ORCHESTRATIONS.backupNode).map((c) => (c.input as BackupNodeInput).node), ['n1', 'n2', 'n3']);
  });

  it('starts every node\'s backup in one batch, each under its own instance id, with the backup and its operation', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    runner.run(backupCluster, INPUT);
    const batch = runner.batches.find((b) => b.some((c) => c.name === ORCHESTRATIONS.backupNode))!;
    const nodes = batch.filter((c) => c.name === ORCHESTRATIONS.backupNode);
    assert.deepEqual(nodes.map((c) => c.instanceId), ['op-1:node-n1', 'op-1:node-n2']);
    assert.deepEqual(nodes[0]!.input, { clusterName: 'demo', backupId: 'op-1', operation: OPERATION, node: 'n1' });
  });

  it('clears each node\'s snapshot of this backup beside the retention, in the cleanup step', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    runner.run(backupCluster, INPUT);
    const cleanup = runner.batches.find((b) => b.some((c) => c.name === ACTIVITIES.applyBackupRetention))!;
    const clears = cleanup.filter((c) => c.name === ORCHESTRATIONS.runNodeJob);
    assert.deepEqual(clears.map((c) => c.input), ['n1', 'n2'].map((node) => ({ clusterName: 'demo', node, job: { script: 'clearSnapshot', backupId: 'op-1' } })));
    assert.deepEqual(clears.map((c) => c.instanceId), ['op-1:clear-n1', 'op-1:clear-n2']);
    assert.deepEqual(cleanup.find((c) => c.name === ACTIVITIES.applyBackupRetention)!.input, { clusterName: 'demo', backupId: 'op-1' });
  });

  it('fails the operation when one node fails, records the backup Failed with that error, writes no manifest and still clears every snapshot', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.startNodeJob
      && jobOf(c).node === 'n2' && jobOf(c).job.script === 'backupFiles' ? { state: 'Failed', detail: 'upload-http-403', stderrTail: '' } : undefined));
    const result = runner.run(backupCluster, INPUT) as { ok: boolean; error?: { code: string; message: string } };
    assert.equal(result.ok, false);
    assert.equal(result.error?.code, 'CASSOPS_NODE_SCRIPT_FAILED');
    assert.match(result.error?.message ?? '', /backupFiles on n2/);
    assert.equal(finishOf(runner).status, 'Failed');
    assert.equal(runner.names().includes(ACTIVITIES.writeBackupManifest), false);
    assert.equal(runner.names().includes(ACTIVITIES.applyBackupRetention), false);
    const failed = runner.log.find((c) => c.name === ACTIVITIES.recordBackupFailed)!;
    assert.deepEqual(failed.input, { clusterName: 'demo', backupId: 'op-1', error: result.error });
    assert.deepEqual(clearJobs(runner), ['n1', 'n2'], 'the failed node\'s snapshot is cleared too');
    const clearIndex = runner.log.findIndex((c) => c.name === ORCHESTRATIONS.runNodeJob && jobOf(c).job.script === 'clearSnapshot');
    assert.ok(runner.log.indexOf(failed) < clearIndex, 'the failure is recorded before the best-effort clears');
    assert.deepEqual(topLevel(runner).slice(-4), [ACTIVITIES.recordBackupFailed, `${ORCHESTRATIONS.runNodeJob}(n1)`, `${ORCHESTRATIONS.runNodeJob}(n2)`,
      ACTIVITIES.finishOperation], 'the operation closes once the backup is recorded Failed and its snapshots cleared');
    // The node that succeeded finished its part: its files are stored, whatever the other's fate.
    assert.ok(runner.log.some((c) => c.name === ACTIVITIES.recordBackupNode && (c.input as { node: string }).node === 'n1'));
  });

  it('v2 (instances started before v3) backs each node up with backupNode_v1, as it was started', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(backupClusterV2, INPUT), { ok: true, value: undefined });
    assert.deepEqual(topLevel(runner).slice(1, 3), [`${ORCHESTRATIONS.backupNodeV1}(n1)`, `${ORCHESTRATIONS.backupNodeV1}(n2)`]);
    assert.ok(runner.log.some((c) => c.name === ACTIVITIES.planBackupNode), 'the app planned each node');
  });

  it('v1 (instances started before v2) records the failure and clears after the operation closed, as it was started', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.writeBackupManifest
      ? { ok: false, error: { code: 'CASSOPS_BACKUP_MANIFEST_INVALID', message: 'n2 stored no inventory' } } : undefined));
    runner.run(backupClusterV1, INPUT);
    assert.deepEqual(topLevel(runner).slice(-4), [ACTIVITIES.finishOperation, ACTIVITIES.recordBackupFailed,
      `${ORCHESTRATIONS.runNodeJob}(n1)`, `${ORCHESTRATIONS.runNodeJob}(n2)`]);
  });

  it('records the backup Failed and clears nothing when the check refuses (no snapshot was taken)', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.checkBackupReady ? unhealthy : undefined));
    const result = runner.run(backupCluster, INPUT) as { ok: boolean; error?: { code: string } };
    assert.equal(result.error?.code, 'CASSOPS_CLUSTER_UNHEALTHY');
    assert.equal(runner.log.some((c) => c.kind === 'sub'), false);
    assert.deepEqual((runner.log.find((c) => c.name === ACTIVITIES.recordBackupFailed)!.input as { error: unknown }).error, unhealthy.error);
  });

  for (const [version, fn] of [['v2', backupCluster], ['v1', backupClusterV1]] as const) {
    it(`${version}: after a refused check, asks for no Task.all of no clears (durable-functions throws on an empty list)`, () => {
      const sizes: number[] = [];
      // Every Task.all the orchestration asks for, counted by size before the fake (which throws on an empty one, as Durable does).
      const counting = (context: OrchestrationContextLike): Orchestration<unknown> => {
        const all = context.df.Task.all.bind(context.df.Task);
        context.df.Task = { ...context.df.Task, all: (tasks) => { sizes.push(tasks.length); return all(tasks); } };
        return fn(context);
      };
      const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.checkBackupReady ? unhealthy : undefined));
      assert.equal((runner.run(counting, INPUT) as { ok: boolean }).ok, false);
      assert.ok(sizes.length > 0);
      assert.ok(!sizes.includes(0), `Task.all sizes: ${sizes.join(', ')}`);
      assert.ok(runner.names().includes(ACTIVITIES.recordBackupFailed));
    });
  }

  it('records the backup Failed and clears every snapshot when the manifest cannot be written', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => c.name === ACTIVITIES.writeBackupManifest
      ? { ok: false, error: { code: 'CASSOPS_BACKUP_MANIFEST_INVALID', message: 'n2 stored no inventory' } } : undefined));
    const result = runner.run(backupCluster, INPUT) as { ok: boolean; error?: { code: string } };
    assert.equal(result.error?.code, 'CASSOPS_BACKUP_MANIFEST_INVALID');
    assert.ok(runner.names().includes(ACTIVITIES.recordBackupFailed));
    assert.deepEqual(clearJobs(runner), ['n1', 'n2']);
    assert.equal(runner.names().includes(ACTIVITIES.applyBackupRetention), false);
  });

  it('reports the backup\'s own failure when a clear after it fails too', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => {
      if (c.name === ACTIVITIES.checkBackupReady) return { ok: true, value: { nodes: ['n1'], nodesDown: [] } };
      if (c.name !== ACTIVITIES.startNodeJob) return undefined;
      if (jobOf(c).job.script === 'backupFiles') return { state: 'Failed', detail: 'disk-full', stderrTail: '' };
      if (jobOf(c).job.script === 'clearSnapshot') return { throws: new Error('CASSOPS_RUN_COMMAND_CONFLICT: busy') };
      return undefined;
    }));
    const result = runner.run(backupCluster, INPUT) as { ok: boolean; error?: { code: string; message: string } };
    assert.equal(result.error?.code, 'CASSOPS_NODE_SCRIPT_FAILED');
    assert.match(result.error?.message ?? '', /disk-full/);
    assert.deepEqual(clearJobs(runner), ['n1'], 'the clear was tried');
  });
});

describe('backupNode', () => {
  const NODE_INPUT: BackupNodeInput = { clusterName: 'demo', backupId: 'b-1', operation: OPERATION, node: 'n1' };

  it('lists the node\'s stored blobs, runs one job that snapshots, plans and uploads, then records the node', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(backupNode, NODE_INPUT, 'op-1:node-n1'), { ok: true, value: undefined });
    const own = runner.log.filter((c) => c.depth === 0);
    assert.deepEqual(own.map((c) => c.name), [ACTIVITIES.listStoredBlobs, ORCHESTRATIONS.runNodeJob, ACTIVITIES.recordBackupNode]);
    assert.deepEqual(own[0]!.input, { clusterName: 'demo', backupId: 'b-1', node: 'n1' });
    assert.deepEqual(own[1]!.input, { clusterName: 'demo', node: 'n1', job: { script: 'backupFiles', backupId: 'b-1' } });
    assert.equal(own[1]!.instanceId, 'op-1:node-n1:backup');
    assert.deepEqual(own[2]!.input, { clusterName: 'demo', backupId: 'b-1', node: 'n1', operation: OPERATION, jobDetail: 'done' },
      'no stats: the record counts the node\'s share against the listing the job planned with, and keeps what the job said');
  });

  const failing = { ok: false, error: { code: 'CASSOPS_NODE_SCRIPT_FAILED', message: 'boom' } };
  const failedJob = { state: 'Failed', detail: 'boom', stderrTail: '' };
  const cases: [string, (c: Scheduled) => unknown, string[]][] = [
    ['the job fails: the node is not recorded',
      (c) => c.name === ACTIVITIES.startNodeJob && jobOf(c).job.script === 'backupFiles' ? failedJob : undefined,
      [ACTIVITIES.listStoredBlobs, ORCHESTRATIONS.runNodeJob]],
    ['the record fails',
      (c) => c.name === ACTIVITIES.recordBackupNode ? failing : undefined,
      [ACTIVITIES.listStoredBlobs, ORCHESTRATIONS.runNodeJob, ACTIVITIES.recordBackupNode]],
  ];
  for (const [name, override, ran] of cases) {
    it(`stops at the first failure: ${name}`, () => {
      const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(override));
      const result = runner.run(backupNode, NODE_INPUT) as { ok: boolean; error?: { code: string } };
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'CASSOPS_NODE_SCRIPT_FAILED');
      assert.deepEqual(runner.log.filter((c) => c.depth === 0).map((c) => c.name), ran);
    });
  }
});

describe('backupNode v1 (instances started before v2)', () => {
  const NODE_INPUT: BackupNodeInput = { clusterName: 'demo', backupId: 'b-1', operation: OPERATION, node: 'n1' };

  it('snapshots, plans, uploads, then records the node with its plan\'s stats', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(backupNodeV1, NODE_INPUT, 'op-1:node-n1'), { ok: true, value: undefined });
    const own = runner.log.filter((c) => c.depth === 0);
    assert.deepEqual(own.map((c) => c.name), [ORCHESTRATIONS.runNodeJob, ACTIVITIES.planBackupNode, ORCHESTRATIONS.runNodeJob, ACTIVITIES.recordBackupNode]);
    assert.deepEqual(own[0]!.input, { clusterName: 'demo', node: 'n1', job: { script: 'snapshotBackup', backupId: 'b-1' } });
    assert.equal(own[0]!.instanceId, 'op-1:node-n1:snapshot');
    assert.deepEqual(own[1]!.input, { clusterName: 'demo', backupId: 'b-1', node: 'n1' });
    assert.deepEqual(own[2]!.input, { clusterName: 'demo', node: 'n1', job: { script: 'uploadBackup', backupId: 'b-1' } });
    assert.equal(own[2]!.instanceId, 'op-1:node-n1:upload');
    assert.deepEqual(own[3]!.input, { clusterName: 'demo', backupId: 'b-1', node: 'n1', stats: statsOf('n1'), operation: OPERATION });
  });

  const failing = { ok: false, error: { code: 'CASSOPS_NODE_SCRIPT_FAILED', message: 'boom' } };
  const failedJob = { state: 'Failed', detail: 'boom', stderrTail: '' };
  const cases: [string, (c: Scheduled) => unknown, string[]][] = [
    ['the snapshot fails: nothing planned or uploaded',
      (c) => c.name === ACTIVITIES.startNodeJob && jobOf(c).job.script === 'snapshotBackup' ? failedJob : undefined,
      [ORCHESTRATIONS.runNodeJob]],
    ['the plan fails: nothing uploaded',
      (c) => c.name === ACTIVITIES.planBackupNode ? failing : undefined,
      [ORCHESTRATIONS.runNodeJob, ACTIVITIES.planBackupNode]],
    ['the upload fails: the node is not recorded',
      (c) => c.name === ACTIVITIES.startNodeJob && jobOf(c).job.script === 'uploadBackup' ? failedJob : undefined,
      [ORCHESTRATIONS.runNodeJob, ACTIVITIES.planBackupNode, ORCHESTRATIONS.runNodeJob]],
  ];
  for (const [name, override, ran] of cases) {
    it(`stops at the first failure: ${name}`, () => {
      const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world(override));
      const result = runner.run(backupNodeV1, NODE_INPUT) as { ok: boolean; error?: { code: string } };
      assert.equal(result.ok, false);
      assert.deepEqual(runner.log.filter((c) => c.depth === 0).map((c) => c.name), ran);
    });
  }
});
