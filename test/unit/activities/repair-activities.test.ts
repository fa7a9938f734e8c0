import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivityDeps } from '../../../shared/activities/activity-deps.js';
import { createRepairActivities } from '../../../shared/activities/repair-activities.js';
import { InMemoryCql } from '../../../shared/adapters/memory/in-memory-cql.js';
import { InMemoryNodeAgent } from '../../../shared/adapters/memory/in-memory-node-agent.js';
import { InMemoryRepairEngine } from '../../../shared/adapters/memory/in-memory-repair-engine.js';
import { InMemoryRepairStore } from '../../../shared/adapters/memory/in-memory-repair-store.js';
import { InMemoryStateStore } from '../../../shared/adapters/memory/in-memory-state-store.js';
import { InMemorySecretStore } from '../../../shared/adapters/memory/in-memory-secret-store.js';
import type { RepairRunRecord, RepairSettings, RingView } from '../../../shared/domain/repair/repair-model.js';
import type { Result } from '../../../shared/errors/result.js';
import type { AdvanceRepairRunOutput } from '../../../shared/contracts/repair-io.js';
import { deploymentPlanFixture } from '../../support/deployment-plan-fixture.js';
import { hostIdOf } from '../domain/repair/repair-fixtures.js';
import { superuserSecretName } from '../../../shared/domain/ports/secret-store.js';
import { DEFAULT_CREDENTIALS, SUPERUSER_ROLE } from '../../../shared/activities/with-cluster-session.js';
import { FAKE_CA, seedClusterCa } from '../../support/cluster-ca-fixture.js';

const START = Date.parse('2026-03-01T00:00:00.000Z');
const SETTINGS: RepairSettings = { mode: 'full', segmentsPerNode: 1, intensity: 1, segmentTimeoutMinutes: 1, minSegmentTokens: '1048576',
  maxAttempts: 2, pendingCompactionsThreshold: 20, nodeDownLimitMinutes: 5, batchSize: 2 };

/** Three nodes of one DC, four tokens each, a keyspace with RF 3: twelve segments that all share one replica set. */
async function world(settings: Partial<RepairSettings> = {}) {
  let now = START;
  const plan = deploymentPlanFixture(1, 3);
  const ring: RingView = {
    nodes: plan.nodes.map((n, i) => ({ address: n.privateIp, hostId: hostIdOf(n.privateIp), dc: n.dc, rack: n.rack,
      tokens: [0, 1, 2, 3].map((k) => String(BigInt(-9e18) + BigInt(k * 3 + i) * 1_500_000_000_000_000n)) })),
    keyspaces: [{ name: 'shop', replication: { [plan.nodes[0]!.dc]: 3 }, tables: [{ keyspace: 'shop', table: 'items', gcGraceSeconds: 864000 }] }],
  };
  const engine = new InMemoryRepairEngine(ring, () => now, () => 10_000);
  const agent = new InMemoryNodeAgent(engine);
  for (const n of plan.nodes) agent.addVm(n);
  const cql = new InMemoryCql(plan.cassandraClusterName, plan.nodes.map((n) => ({ address: n.privateIp, dc: n.dc, rack: n.rack })), engine);
  const state = new InMemoryStateStore();
  const repairs = new InMemoryRepairStore();
  const at = new Date(START).toISOString();
  await state.createCluster({ name: plan.clusterName, state: 'Ready', spec: {}, plan, lastOperationId: 'op-0', createdAt: at, updatedAt: at });
  // A hardened cluster: the generated superuser exists and its password is stored.
  const secrets = new InMemorySecretStore();
  await secrets.setSecret(superuserSecretName(plan.clusterName), 'generated');
  await seedClusterCa(secrets, plan.clusterName);
  await cql.withSession({ contactPoints: [plan.nodes[0]!.privateIp], localDataCenter: plan.nodes[0]!.dc, credentials: DEFAULT_CREDENTIALS,
    trustedCaPem: FAKE_CA.certPem },
    (session) => session.ensureSuperuserRole(SUPERUSER_ROLE, 'generated'));
  const run: RepairRunRecord = { clusterName: plan.clusterName, runId: 'run-1', state: 'Planning', desired: 'run', mode: 'full',
    settings: { ...SETTINGS, ...settings }, requestedBy: 'ci', trigger: 'api', createdAt: at, updatedAt: at, segmentsTotal: 0, segmentsDone: 0,
    running: [], failures: [] };
  await repairs.createRun(run);
  const deps = { state, repairs, agent, cql, secrets, leaseTtlInMs: 120_000 } as unknown as ActivityDeps;
  const activities = createRepairActivities(deps);
  const ref = { clusterName: plan.clusterName, runId: 'run-1' };
  const advance = async () => {
    const result = await activities.advanceRepairRun({ ...ref, now: new Date(now).toISOString() }) as Result<AdvanceRepairRunOutput>;
    return result;
  };
  const tick = (ms: number) => { now += ms; };
  return { plan, engine, agent, repairs, state, activities, ref, advance, tick, run: () => repairs.getRun(ref.clusterName, ref.runId) };
}

/** Rounds every `stepMs` until the run finishes or `maxRounds` pass; returns the last result. */
async function runToEnd(w: Awaited<ReturnType<typeof world>>, stepMs = 5_000, maxRounds = 400) {
  let last: Result<AdvanceRepairRunOutput> | undefined;
  for (let i = 0; i < maxRounds; i++) {
    last = await w.advance();
    if (!last.ok || last.value.finished) return last;
    w.tick(stepMs);
  }
  return last!;
}

describe('repair run activities on the twins', () => {
  it('plans, repairs every segment once, and records the ledger', async () => {
    const w = await world();
    assert.deepEqual(await w.activities.checkRepairReady(w.ref), { ok: true, value: undefined });
    const planned = await w.activities.planRepairRun(w.ref) as Result<{ segments: number }>;
    assert.ok(planned.ok && planned.value.segments >= 12);
    const end = await runToEnd(w);
    assert.ok(end.ok && end.value.finished, JSON.stringify(end));
    const segments = await w.repairs.listSegments(w.ref.clusterName, w.ref.runId);
    assert.ok(segments.every((s) => s.status === 'done'));
    for (const s of segments) assert.equal(w.engine.commandsFor(s.id), 1, `${s.id} repaired once`);
    await w.activities.recordRepairLedger(w.ref);
    const ledger = await w.repairs.getLedger(w.ref.clusterName);
    assert.deepEqual(ledger.map((e) => `${e.keyspace}.${e.table}`), ['shop.items']);
    assert.equal((await w.run())?.state, 'Succeeded');
  });

  it('never runs two segments on one replica at once', async () => {
    const w = await world();
    await w.activities.planRepairRun(w.ref);
    for (let i = 0; i < 50; i++) {
      const r = await w.advance();
      if (r.ok && r.value.finished) break;
      const running = (await w.repairs.listSegments(w.ref.clusterName, w.ref.runId)).filter((s) => s.status === 'running');
      const coordinators = new Set(running.map((s) => s.batchId));
      assert.ok(coordinators.size <= 1, `one batch at a time on a shared replica set, saw ${[...coordinators].join(', ')}`);
      w.tick(3_000);
    }
  });

  it('refuses to start with a node down, naming it', async () => {
    const w = await world();
    w.engine.setDown(w.plan.nodes[1]!.privateIp, true);
    const refused = await w.activities.checkRepairReady(w.ref);
    assert.equal(!refused.ok && refused.error.code, 'CASSOPS_CLUSTER_UNHEALTHY');
    assert.match(!refused.ok ? refused.error.message : '', new RegExp(w.plan.nodes[1]!.name));
  });

  it('splits a segment that runs past its timeout, after stopping it on its coordinator', async () => {
    const w = await world();
    await w.activities.planRepairRun(w.ref);
    const first = (await w.repairs.listSegments(w.ref.clusterName, w.ref.runId))[0]!;
    w.engine.hang(first.id);
    const end = await runToEnd(w);
    assert.ok(end.ok && end.value.finished, JSON.stringify(end));
    const segments = await w.repairs.listSegments(w.ref.clusterName, w.ref.runId);
    assert.equal(segments.some((s) => s.id === first.id), false, 'the parent is gone');
    const halves = segments.filter((s) => s.splitFrom === first.id);
    assert.equal(halves.length, 2);
    assert.deepEqual([halves[0]!.start, halves[1]!.end].sort(), [first.start, first.end].sort());
    assert.ok(halves.every((h) => h.status === 'done'));
  });

  it('retries a failing segment, and fails the run with the node, range and Cassandra\'s message once it keeps failing', async () => {
    const w = await world({ maxAttempts: 2 });
    await w.activities.planRepairRun(w.ref);
    const first = (await w.repairs.listSegments(w.ref.clusterName, w.ref.runId))[0]!;
    w.engine.fail(first.id, 'Validation failed in /127.0.0.5');
    const end = await runToEnd(w, 30_000);
    assert.equal(!end.ok && end.error.code, 'CASSOPS_REPAIR_SEGMENT_FAILED');
    const message = !end.ok ? end.error.message : '';
    assert.match(message, /Validation failed in \/127\.0\.0\.5/);
    assert.ok(message.includes(`(${first.start},${first.end}]`), message);
    assert.equal((await w.run())?.state, 'Failed');
    assert.equal(w.engine.commandsFor(first.id), 2);
  });

  it('pauses while a node is down and resumes when it is back; fails once it stays down past the limit', async () => {
    const w = await world({ nodeDownLimitMinutes: 2 });
    await w.activities.planRepairRun(w.ref);
    await w.advance();
    w.engine.setDown(w.plan.nodes[2]!.privateIp, true);
    w.tick(5_000);
    const paused = await w.advance();
    assert.ok(paused.ok && paused.value.state === 'Paused');
    assert.match((await w.run())?.pausedReason ?? '', /node down/);
    w.engine.setDown(w.plan.nodes[2]!.privateIp, false);
    const end = await runToEnd(w);
    assert.ok(end.ok && end.value.finished, JSON.stringify(end));

    const w2 = await world({ nodeDownLimitMinutes: 2 });
    await w2.activities.planRepairRun(w2.ref);
    w2.engine.setDown(w2.plan.nodes[0]!.privateIp, true);
    const failed = await runToEnd(w2, 30_000);
    assert.equal(!failed.ok && failed.error.code, 'CASSOPS_REPAIR_NODE_DOWN');
  });

  it('pause stops the segments in flight and starts none; resume goes on; cancel ends the run', async () => {
    const w = await world();
    await w.activities.planRepairRun(w.ref);
    await w.advance();
    await w.repairs.updateRun(w.ref.clusterName, w.ref.runId, (r) => ({ ...r, desired: 'pause' }));
    w.tick(1_000);
    await w.advance();
    let segments = await w.repairs.listSegments(w.ref.clusterName, w.ref.runId);
    assert.equal(segments.filter((s) => s.status === 'running').length, 0);
    const doneWhenPaused = segments.filter((s) => s.status === 'done').length;
    for (let i = 0; i < 5; i++) { w.tick(20_000); await w.advance(); }
    segments = await w.repairs.listSegments(w.ref.clusterName, w.ref.runId);
    assert.equal(segments.filter((s) => s.status === 'done').length, doneWhenPaused);
    await w.repairs.updateRun(w.ref.clusterName, w.ref.runId, (r) => ({ ...r, desired: 'run' }));
    w.tick(1_000);
    await w.advance();
    await w.repairs.updateRun(w.ref.clusterName, w.ref.runId, (r) => ({ ...r, desired: 'cancel' }));
    const cancelled = await w.advance();
    assert.equal(!cancelled.ok && cancelled.error.code, 'CASSOPS_REPAIR_CANCELLED');
    assert.equal((await w.run())?.state, 'Cancelled');
  });

  it('a segment that finishes while the pause is on its way counts as done, and no segment is repaired twice', async () => {
    const w = await world();
    await w.activities.planRepairRun(w.ref);
    await w.advance();
    const running = (await w.repairs.listSegments(w.ref.clusterName, w.ref.runId)).filter((s) => s.status === 'running');
    assert.ok(running.length > 0, 'segments are in flight when the pause is asked for');
    // The round looks at the nodes, then stops them: the segments in flight finish in between.
    const stop = w.agent.stopRepairs.bind(w.agent);
    w.agent.stopRepairs = async (node, runId) => { w.tick(25_000); return stop(node, runId); };
    await w.repairs.updateRun(w.ref.clusterName, w.ref.runId, (r) => ({ ...r, desired: 'pause' }));
    await w.advance();
    w.agent.stopRepairs = stop;
    const afterPause = await w.repairs.listSegments(w.ref.clusterName, w.ref.runId);
    for (const s of running) assert.equal(afterPause.find((a) => a.id === s.id)?.status, 'done', `${s.id} finished before the stop reached it`);
    await w.repairs.updateRun(w.ref.clusterName, w.ref.runId, (r) => ({ ...r, desired: 'run' }));
    const end = await runToEnd(w);
    assert.ok(end.ok && end.value.finished && end.value.segmentsDone === end.value.segmentsTotal, JSON.stringify(end));
    for (const s of await w.repairs.listSegments(w.ref.clusterName, w.ref.runId)) assert.equal(w.engine.commandsFor(s.id), 1, `${s.id} repaired once`);
  });

  it('a topology change holding the cluster pauses the run; afterwards the rest is planned again and nothing done is repaired twice', async () => {
    const w = await world();
    await w.activities.planRepairRun(w.ref);
    for (let i = 0; i < 6; i++) { await w.advance(); w.tick(6_000); }
    const at = new Date(START).toISOString();
    await w.state.updateLease(w.ref.clusterName, (lease) => ({ ...lease, holders: [...lease.holders, { operationId: 'op-del', instanceId: 'op-del',
      kind: 'DeleteCluster', requestedBy: 'ci', claimedAt: at, expiresAt: at }] }));
    const paused = await w.advance();
    assert.ok(paused.ok && paused.value.state === 'Paused', JSON.stringify(paused));
    assert.match((await w.run())?.pausedReason ?? '', /topology change DeleteCluster/);
    await w.state.updateLease(w.ref.clusterName, (lease) => ({ ...lease, holders: [] }));
    const end = await runToEnd(w);
    assert.ok(end.ok && end.value.finished, JSON.stringify(end));
    const segments = await w.repairs.listSegments(w.ref.clusterName, w.ref.runId);
    for (const s of segments) assert.ok(w.engine.commandsFor(s.id) <= 1, `${s.id} repaired at most once`);
  });

  it('holds segments while a replica has too many pending compactions, and starts once it has caught up', async () => {
    const w = await world({ pendingCompactionsThreshold: 20 });
    await w.activities.planRepairRun(w.ref);
    w.engine.setPendingCompactions(w.plan.nodes[1]!.privateIp, 21);
    for (let i = 0; i < 3; i++) { await w.advance(); w.tick(5_000); }
    const held = await w.repairs.listSegments(w.ref.clusterName, w.ref.runId);
    assert.equal(held.filter((s) => s.status !== 'pending').length, 0, 'nothing starts on a replica over the threshold');
    w.engine.setPendingCompactions(w.plan.nodes[1]!.privateIp, 20);
    const end = await runToEnd(w);
    assert.ok(end.ok && end.value.finished, JSON.stringify(end));
  });
});
