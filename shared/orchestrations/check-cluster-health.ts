import { ACTIVITIES } from '../contracts/names.js';
import type {
  CheckClusterHealthInput, CheckClusterHealthResult, HealthNode, LoadHealthContextOutput, ProbeCqlViewOutput, ProbeNativeTransportOutput,
  ReadAzureViewOutput, RecordHealthCheckOutput,
} from '../contracts/health-io.js';
import { evaluateClusterHealth } from '../domain/health/evaluate-cluster-health.js';
import { decideDeepProbe, recordVmWrites } from '../domain/health/decide-deep-probe.js';
import { selectDeepProbeNodes } from '../domain/health/select-deep-probe-nodes.js';
import { summarizeViews } from '../domain/health/summarize-views.js';
import type { HealthViews, LivenessView, NodeProbe } from '../domain/health/health-views.js';
import { callActivity } from './kit/call-activity.js';
import { runInBatches } from './kit/run-in-batches.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/** Run Commands in flight at once for one cluster: each VM runs one script at a time anyway. */
const PROBE_CONCURRENCY = 8;

/**
 * One health check of one cluster: load what is known, take the CQL view (ring, and each host's
 * own virtual tables) and the Azure view together, and when the CQL view is not reachable ask each
 * node's native transport port instead; ask the domain whether the deep probe (Run Command `df`)
 * is due and on which VMs (when the quick views show trouble, only the nodes a `df` can explain;
 * never beyond the VM write budget or while an operation holds the cluster), probe, evaluate,
 * record. Steps: load → quick views → liveness (only without CQL) → decide → deep probe (bounded)
 * → evaluate → record.
 */
export function* checkClusterHealth(context: OrchestrationContextLike): Orchestration<CheckClusterHealthResult> {
  const input = context.df.getInput() as CheckClusterHealthInput;
  const base = { cluster: input.cluster, checkId: input.checkId };
  context.df.setCustomStatus({ phase: 'load', cluster: input.cluster });
  const loaded = (yield callActivity(context, ACTIVITIES.loadHealthContext, 'bookkeeping', { cluster: input.cluster })) as LoadHealthContextOutput;
  if (!loaded.found) return { ...base, status: 'Skipped', reason: loaded.reason, findings: 0 };
  context.df.setCustomStatus({ phase: 'views', cluster: input.cluster });
  const [cql, azure] = (yield context.df.Task.all([
    callActivity(context, ACTIVITIES.probeCqlView, 'bookkeeping', { cluster: input.cluster, nodes: loaded.nodes }),
    callActivity(context, ACTIVITIES.readAzureView, 'bookkeeping', { nodes: loaded.nodes }),
  ])) as [ProbeCqlViewOutput, ReadAzureViewOutput];
  const views: HealthViews = { nodes: loaded.nodes, cql, azure, probes: [], repairLedger: loaded.repairLedger,
    backupHistory: loaded.backupHistory };
  if (!cql.reachable) views.liveness = yield* probeLiveness(context, input.cluster, loaded.nodes);
  const now = context.df.currentUtcDateTime.toISOString();
  const quick = evaluateClusterHealth(views, loaded.thresholds, loaded.previous, now);
  const decision = decideDeepProbe({
    now, lastDeepProbeAt: loaded.lastDeepProbeAt, operationRunning: loaded.operationRunning, recentVmWrites: loaded.vmWrites,
    troubleSuspected: quick.status !== 'Healthy' || (loaded.previous !== undefined && loaded.previous.status !== 'Healthy') || input.trigger === 'alert',
  }, loaded.thresholds);
  const targets = selectDeepProbeNodes(decision, quick, loaded.nodes, input.trigger === 'alert');
  if (targets.nodes.length > 0) {
    context.df.setCustomStatus({ phase: 'deep-probe', cluster: input.cluster, reason: decision.reason, nodes: targets.nodes.length });
    views.probes = yield* probeNodes(context, targets.nodes);
  }
  const report = evaluateClusterHealth(views, loaded.thresholds, loaded.previous, context.df.currentUtcDateTime.toISOString());
  const probed = targets.nodes.map((n) => n.vmName);
  const record = {
    cluster: input.cluster, checkId: input.checkId, trigger: input.trigger, report, views: summarizeViews(views),
    lastDeepProbeAt: targets.full ? now : loaded.lastDeepProbeAt, vmWrites: recordVmWrites(loaded.vmWrites, probed, now),
  };
  const recorded = (yield callActivity(context, ACTIVITIES.recordHealthCheck, 'bookkeeping', { record })) as RecordHealthCheckOutput;
  context.df.setCustomStatus({ phase: 'done', cluster: input.cluster, status: report.status, changed: recorded.changed });
  return { ...base, status: report.status, findings: report.findings.length, deepProbe: decision };
}

/**
 * Asks each node's native transport port, with no login. Only without a CQL view: the login reads
 * the role at LOCAL_QUORUM, so with most of a DC down it is refused and the driver tells nothing
 * per node, while the port still tells which nodes are down, and so whether quorum is lost.
 */
function* probeLiveness(context: OrchestrationContextLike, cluster: string, nodes: HealthNode[]): Orchestration<LivenessView> {
  context.df.setCustomStatus({ phase: 'liveness', cluster });
  const addresses = nodes.map((n) => n.address);
  return (yield callActivity(context, ACTIVITIES.probeNativeTransport, 'bookkeeping', { addresses })) as ProbeNativeTransportOutput;
}

function probeNodes(context: OrchestrationContextLike, nodes: HealthNode[]): Orchestration<NodeProbe[]> {
  const starts = nodes.map((node) => () => callActivity(context, ACTIVITIES.probeNodeHealth, 'bookkeeping', { node }));
  return runInBatches<NodeProbe>(context, starts, PROBE_CONCURRENCY);
}
