import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOrchestrationRunner, type Scheduled } from '../../support/fake-orchestration-context.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';
import { ORCHESTRATION_TABLE } from '../../../shared/orchestrations/orchestration-table.js';
import { restartCluster } from '../../../shared/orchestrations/restart-cluster.js';
import { ACTIVITIES, ORCHESTRATIONS } from '../../../shared/contracts/names.js';
import type { FinishOperationInput, RecordProgressInput, RunNodeScriptInput } from '../../../shared/contracts/activity-io.js';
import type { RestartClusterInput } from '../../../shared/contracts/restart-io.js';

const NODES = deploymentPlanFixture(1, 3).nodes;
const INPUT: RestartClusterInput = { operationId: 'op-1', clusterName: 'demo', nodes: NODES, settings: { nodeTimeoutInMs: 60_000, pollIntervalInMs: 5_000 } };

/** Every node is back at its second probe after its start, unless `override` answers. */
function world(override: (c: Scheduled) => unknown = () => undefined) {
  const probes = new Map<string, number>();
  return (call: Scheduled): unknown => {
    const answer = override(call);
    if (answer !== undefined) return answer;
    switch (call.name) {
      case ACTIVITIES.checkRestartReady: return { ok: true, value: { up: 3 } };
      case ACTIVITIES.readNodeGeneration: return 1_700_000_000;
      case ACTIVITIES.runNodeScript: return { ok: true, value: { detail: 'done', stderrTail: '' } };
      case ACTIVITIES.probeNodeRestarted: {
        const node = (call.input as { node: string }).node;
        probes.set(node, (probes.get(node) ?? 0) + 1);
        return probes.get(node)! >= 2 ? { ready: true, detail: 'back' } : { ready: false, detail: '127.1.1.6 has not heard of the restarted node yet' };
      }
      case ACTIVITIES.recordProgress: return { recorded: true, holdsLease: true };
      default: return { ok: true, value: undefined };
    }
  };
}

/** The node work in order: `script(node)`, `probe(node)` and `generation(node)`. */
function nodeWork(runner: FakeOrchestrationRunner): string[] {
  return runner.log.flatMap((c) => {
    const node = (c.input as { node?: { name: string } | string } | undefined)?.node;
    const name = typeof node === 'string' ? node : node?.name;
    if (c.name === ACTIVITIES.runNodeScript) return [`${(c.input as RunNodeScriptInput).script}(${name})`];
    if (c.name === ACTIVITIES.readNodeGeneration) return [`generation(${name})`];
    if (c.name === ACTIVITIES.probeNodeRestarted) return [`probe(${name})`];
    return [];
  });
}
const finishOf = (runner: FakeOrchestrationRunner) => runner.log.find((c) => c.name === ACTIVITIES.finishOperation)!.input as FinishOperationInput;

describe('restartCluster', () => {
  it('checks, then restarts one node at a time: the next goes down only once the one before is back; the cluster\'s state is left alone', () => {
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    assert.deepEqual(runner.run(restartCluster, INPUT, 'op-1'), { ok: true, value: undefined });
    assert.deepEqual(runner.log.find((c) => c.name === ACTIVITIES.checkRestartReady)!.input, { clusterName: 'demo', nodes: NODES.map((n) => n.name) });
    assert.deepEqual(nodeWork(runner), NODES.flatMap((n) => [`generation(${n.name})`, `stopCassandra(${n.name})`, `startCassandra(${n.name})`,
      `probe(${n.name})`, `probe(${n.name})`]));
    assert.deepEqual(runner.log.filter((c) => c.name === ACTIVITIES.probeNodeRestarted).map((c) => (c.input as { previousGeneration: number }).previousGeneration),
      [1_700_000_000, 1_700_000_000, 1_700_000_000, 1_700_000_000, 1_700_000_000, 1_700_000_000]);
    assert.equal(runner.log.filter((c) => c.kind === 'timer').length, 3, 'a timer between a node\'s two probes');
    const restartRecords = runner.log.filter((c) => c.name === ACTIVITIES.recordProgress).map((c) => c.input as RecordProgressInput)
      .filter((p) => p.step === 'restart' && p.status === 'Running' && p.message?.startsWith('restarting'));
    assert.deepEqual(restartRecords.map((p) => [p.stepPercent, p.message?.split(' (')[0]]), [[0, `restarting ${NODES[0]!.name}`],
      [33, `restarting ${NODES[1]!.name}`], [66, `restarting ${NODES[2]!.name}`]]);
    const finish = finishOf(runner);
    assert.deepEqual([finish.status, finish.clusterState], ['Succeeded', undefined]);
  });

  it('restarts nothing when the check finds a node down', () => {
    const down = { ok: false, error: { code: 'CASSOPS_CLUSTER_UNHEALTHY', message: 'demo-dc1-002 is down' } };
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => (c.name === ACTIVITIES.checkRestartReady ? down : undefined)));
    const result = runner.run(restartCluster, INPUT, 'op-1') as { ok: boolean; error?: { code: string } };
    assert.equal(result.error?.code, 'CASSOPS_CLUSTER_UNHEALTHY');
    assert.deepEqual(nodeWork(runner), []);
    assert.equal(runner.names().includes(ORCHESTRATIONS.restartNodes), false);
  });

  it('stops at the first node that is not back in time, naming it and what was last seen; the nodes after it are not touched', () => {
    const second = NODES[1]!.name;
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => (c.name === ACTIVITIES.probeNodeRestarted
      && (c.input as { node: string }).node === second ? { ready: false, detail: 'not serving yet: no CQL answer' } : undefined)));
    const result = runner.run(restartCluster, INPUT, 'op-1') as { ok: boolean; error?: { code: string; message: string } };
    assert.equal(result.error?.code, 'CASSOPS_NODE_JOIN_TIMEOUT');
    assert.match(result.error?.message ?? '', new RegExp(`${second} was not back within 60 s of its restart, so the restart stopped there \\(1 node\\(s\\) left as they were\\); last seen: not serving yet: no CQL answer`));
    assert.equal(nodeWork(runner).some((w) => w.endsWith(`(${NODES[2]!.name})`)), false);
    assert.equal(finishOf(runner).status, 'Failed');
  });

  it('stops when a node\'s script fails, and before the next node once the lease is gone', () => {
    const failed = { ok: false, error: { code: 'CASSOPS_NODE_SCRIPT_FAILED', message: 'stopCassandra failed systemctl-stop' } };
    const scriptFails = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => (c.name === ACTIVITIES.runNodeScript ? failed : undefined)));
    assert.equal((scriptFails.run(restartCluster, INPUT, 'op-1') as { error?: { code: string } }).error?.code, 'CASSOPS_NODE_SCRIPT_FAILED');
    assert.deepEqual(nodeWork(scriptFails), [`generation(${NODES[0]!.name})`, `stopCassandra(${NODES[0]!.name})`]);

    let records = 0;
    const leaseGone = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world((c) => (c.name === ACTIVITIES.recordProgress
      && (c.input as RecordProgressInput).message?.startsWith('restarting') && ++records === 2 ? { recorded: true, holdsLease: false } : undefined)));
    assert.equal((leaseGone.run(restartCluster, INPUT, 'op-1') as { error?: { code: string } }).error?.code, 'CASSOPS_LEASE_LOST');
    assert.equal(nodeWork(leaseGone).some((w) => w.endsWith(`(${NODES[1]!.name})`)), false, 'the second node is never touched');
  });

  it('by rack: a wave\'s nodes go down together, and the next wave only once every node of it is back', () => {
    const [a, b, c] = NODES as [typeof NODES[number], typeof NODES[number], typeof NODES[number]];
    const runner = new FakeOrchestrationRunner(ORCHESTRATION_TABLE, world());
    const input: RestartClusterInput = { ...INPUT, waves: [[a, c], [b]] };
    assert.deepEqual(runner.run(restartCluster, input, 'op-1'), { ok: true, value: undefined });
    assert.deepEqual(nodeWork(runner), [`generation(${a.name})`, `generation(${c.name})`, `stopCassandra(${a.name})`, `stopCassandra(${c.name})`,
      `startCassandra(${a.name})`, `startCassandra(${c.name})`, `probe(${a.name})`, `probe(${a.name})`, `probe(${c.name})`, `probe(${c.name})`,
      `generation(${b.name})`, `stopCassandra(${b.name})`, `startCassandra(${b.name})`, `probe(${b.name})`, `probe(${b.name})`]);
    const messages = runner.log.filter((c2) => c2.name === ACTIVITIES.recordProgress).map((c2) => (c2.input as RecordProgressInput).message ?? '')
      .filter((m) => m.startsWith('restarting'));
    assert.deepEqual(messages, [`restarting rack ${a.dc}/${a.rack}: ${a.name}, ${c.name} (1 of 2)`, `restarting ${b.name} (2 of 2, ${b.dc}/${b.rack})`]);
  });
});
