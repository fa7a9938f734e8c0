import { performance } from 'node:perf_hooks';
import { planRepairSegments } from '../../shared/domain/repair/plan-repair-segments.js';
import type { RepairSettings, RingNode, RingView, SegmentRecord } from '../../shared/domain/repair/repair-model.js';
import { applySegmentOutcome, chooseDispatches, markDispatched } from '../../shared/domain/repair/schedule-repair.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const SETTINGS: RepairSettings = {
  mode: 'full', segmentsPerNode: 64, intensity: 1, segmentTimeoutMinutes: 30, minSegmentTokens: String(2 ** 20),
  maxAttempts: 3, pendingCompactionsThreshold: 20, nodeDownLimitMinutes: 60, batchSize: Number(process.env.BATCH ?? 8),
};

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ringOf(nodes: number, dcs: number, random: () => number): RingView {
  const ring: RingNode[] = Array.from({ length: nodes }, (_, i) => ({
    address: `10.${i % dcs}.${i >> 8}.${i & 255}`, dc: `dc${i % dcs}`, rack: `r${Math.floor(i / dcs) % 3}`,
    tokens: Array.from({ length: 16 }, () => (BigInt(Math.floor(random() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(random() * 2 ** 32)) - 2n ** 63n).toString()),
  }));
  const replication = Object.fromEntries(Array.from({ length: dcs }, (_, d) => [`dc${d}`, 3]));
  return { nodes: ring, keyspaces: [{ name: 'app', replication, tables: [{ keyspace: 'app', table: 't', gcGraceSeconds: 864000 }] }] };
}

/**
 * A record as the run loop reads it back from Table storage. Also keeps the simulation fast:
 * V8 (Node 20) reads properties of `{ ...record, field }` copies about 50 times slower than of
 * parsed objects, and the scheduler reads every record on every call.
 */
function stored(record: SegmentRecord): SegmentRecord {
  return JSON.parse(JSON.stringify(record)) as SegmentRecord;
}

function simulate(nodes: number, dcs: number) {
  const random = prng(nodes);
  const view = ringOf(nodes, dcs, random);
  const planStart = performance.now();
  const plan = planRepairSegments(view, {}, SETTINGS);
  const planMs = performance.now() - planStart;
  const duration = new Map(plan.map((s) => [s.id, 10_000 + Math.floor(random() * 110_000)]));
  const perNode = new Map<string, number>();
  for (const s of plan) for (const n of s.replicas) perNode.set(n, (perNode.get(n) ?? 0) + duration.get(s.id)!);
  const lowerBound = Math.max(...perNode.values());
  // The records not done yet, in plan order (a Map keeps an updated key in its place). At intensity
  // 1 done records carry no rest and the scheduler ignores them, so leaving them out changes no
  // decision and keeps 1,000 nodes quick.
  const open = new Map(plan.map((s) => [s.id, stored({ ...s, status: 'pending', attempts: 0 })]));
  const batches: { ids: string[]; next: number; at: number }[] = [];
  let t = 0;
  let dispatches = 0;
  let calls = 0;
  const chooseStart = performance.now();
  for (;;) {
    const now = new Date(T0 + t).toISOString();
    calls++;
    for (const d of chooseDispatches([...open.values()], { now, settings: SETTINGS, unavailable: new Set(), batchIdPrefix: `c${calls}` })) {
      dispatches++;
      for (const id of d.segmentIds) open.set(id, stored(markDispatched(open.get(id)!, d, now)));
      batches.push({ ids: d.segmentIds, next: 0, at: t + duration.get(d.segmentIds[0]!)! });
    }
    if (batches.length === 0) break;
    // Within a batch a finished segment frees no node (the batch holds the same replicas), so
    // the scheduler can only start something new when a whole batch has finished.
    for (;;) {
      let first = 0;
      for (let i = 1; i < batches.length; i++) if (batches[i]!.at < batches[first]!.at) first = i;
      const batch = batches[first]!;
      t = batch.at;
      const id = batch.ids[batch.next]!;
      const { changed } = applySegmentOutcome([open.get(id)!], { segmentId: id, kind: 'succeeded', durationMs: duration.get(id)! }, SETTINGS, new Date(T0 + t).toISOString());
      for (const c of changed) {
        if (c.status === 'done') open.delete(c.id);
        else open.set(c.id, stored(c));
      }
      batch.next++;
      if (batch.next < batch.ids.length) batch.at += duration.get(batch.ids[batch.next]!)!;
      else {
        batches.splice(first, 1);
        break;
      }
    }
  }
  const chooseMs = performance.now() - chooseStart;
  if (open.size > 0) throw new Error(`${open.size} segments not done`);
  return { segments: plan.length, planMs, makespan: t, lowerBound, ratio: t / lowerBound, dispatches, calls, chooseMs };
}

for (const [nodes, dcs] of (process.env.RINGS ? JSON.parse(process.env.RINGS) as [number, number][] : [[6, 1], [48, 2], [1000, 3]] as [number, number][])) {
  const r = simulate(nodes, dcs);
  console.log(`${nodes} nodes ${dcs} DCs: ${r.segments} segments, makespan ${(r.makespan / 3.6e6).toFixed(2)} h, lower bound ${(r.lowerBound / 3.6e6).toFixed(2)} h, ratio ${r.ratio.toFixed(3)}; ${r.dispatches} Run Commands; plan ${r.planMs.toFixed(0)} ms; sim ${r.chooseMs.toFixed(0)} ms, ${r.calls} calls`);
}
