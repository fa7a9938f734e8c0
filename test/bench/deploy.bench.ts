// Deploys the two-DC local cluster (3 + 3 nodes) with the simulator's realistic latency profile
// and prints the wall time against the critical-path bound: the longest chain of dependent ARM
// operations (mean durations of the simulator's profile) plus the sum of the measured node join
// times (start script through UN with schema agreement, read from the join orchestration's
// history). Target: ratio ≤ 1.15. Stops everything it started, by pid, whatever happens.
import { createLatencyProfile, type LatencyKey } from '../../local/arm-sim/latency-profile.js';
import { hasEnded, startE2eStack, type E2eStack } from '../e2e/support/e2e-stack.js';
import { e2eSpec } from '../e2e/support/e2e-specs.js';

const SCALE = Number(process.env.BENCH_LATENCY_SCALE ?? 1);

/** Mean duration of an operation in the profile (its ±10% jitter averaged out). */
function meanMs(key: LatencyKey): number {
  const profile = createLatencyProfile('realistic', SCALE);
  let sum = 0;
  for (let i = 0; i < 400; i++) sum += profile.delayFor(key);
  return sum / 400;
}

interface HistoryEvent { EventType: string; FunctionName?: string; Timestamp: string; ScheduledTime?: string; Input?: string }

/** Join time per node: runNodeScript scheduled → the last probe of that node completed. */
async function joinTimes(t: E2eStack, operationId: string): Promise<number[]> {
  const url = `${t.stack.apiUrl}/durabletask/instances/${encodeURIComponent(`${operationId}:join`)}?showHistory=true&showHistoryOutput=true`;
  const status = await (await fetch(url, { headers: { 'x-functions-key': t.stack.masterKey } })).json() as { historyEvents?: HistoryEvent[] };
  const events = (status.historyEvents ?? []).filter((e) => e.EventType === 'TaskCompleted');
  const times: number[] = [];
  let start: number | undefined;
  let lastProbe: number | undefined;
  for (const e of events) {
    if (e.FunctionName === 'runNodeScript') {
      if (start !== undefined && lastProbe !== undefined) times.push(lastProbe - start);
      start = Date.parse(e.ScheduledTime ?? e.Timestamp);
    }
    if (e.FunctionName === 'probeNodeJoined') lastProbe = Date.parse(e.Timestamp);
  }
  if (start !== undefined && lastProbe !== undefined) times.push(lastProbe - start);
  return times;
}

const t = await startE2eStack({ profile: 'realistic', latencyScale: SCALE, appSettings: { AUTOPILOT_ARM_POLL_INTERVAL_MS: '1000', AUTOPILOT_JOIN_POLL_INTERVAL_MS: '2000' } });
try {
  const started = Date.now();
  const res = await t.api('POST', '/api/clusters', { body: e2eSpec('ebench', 2, { subnetOctet: 70 }) });
  if (res.status !== 202) throw new Error(`deploy refused: ${JSON.stringify(res.body)}`);
  const operationId = (res.body as { operationId: string }).operationId;
  const op = await t.waitForOperation(operationId, hasEnded, 1_800_000);
  const wallMs = Date.now() - started;
  if (op.status !== 'Succeeded') throw new Error(`deployment ${op.status}: ${JSON.stringify(op.error)}`);
  // Dependencies: RG → NSG → VNet → LB → NIC → VM; peerings need both VNets; the joins need both chains.
  const chainKeys: LatencyKey[] = ['nsgPut', 'vnetPut', 'nicPut', 'vmCreate'];
  const armChainMs = Math.max(chainKeys.reduce((sum, k) => sum + meanMs(k), 0), meanMs('nsgPut') + meanMs('vnetPut') + meanMs('peeringPut'));
  const joins = await joinTimes(t, operationId);
  const joinSumMs = joins.reduce((a, b) => a + b, 0);
  const boundMs = armChainMs + joinSumMs;
  console.log(JSON.stringify({ benchmark: 'deploy two-DC 3+3, realistic ARM latency', latencyScale: SCALE,
    wallSeconds: +(wallMs / 1000).toFixed(1), armChainSeconds: +(armChainMs / 1000).toFixed(1),
    joinSeconds: joins.map((j) => +(j / 1000).toFixed(1)), criticalPathBoundSeconds: +(boundMs / 1000).toFixed(1),
    ratio: +(wallMs / boundMs).toFixed(3), target: 1.15,
    steps: op.steps.map((s) => s.name) }));
} finally {
  await t.dispose();
}
