import { RetryOptions, type DurableOrchestrationContext, type Task } from 'durable-functions';
import { RETRY_PROFILES, type RetryProfileName } from '../contracts/retry-profiles.js';
import {
  HEALTH_ACTIVITIES, type CheckClusterHealthInput, type CheckClusterHealthResult, type HealthNode, type LoadHealthContextOutput,
  type ProbeCqlViewOutput, type ReadAzureViewOutput, type RecordHealthCheckOutput,
} from '../contracts/health-io.js';
import { evaluateClusterHealth } from '../domain/health/evaluate-cluster-health.js';
import { decideDeepProbe, recordVmWrites } from '../domain/health/decide-deep-probe.js';
import { summarizeViews } from '../domain/health/summarize-views.js';
import type { HealthViews, NodeProbe } from '../domain/health/health-views.js';

/** The slice of the Durable context health orchestrations use (and unit tests fake). */
export interface HealthOrchestrationContext {
  df: Pick<DurableOrchestrationContext, 'currentUtcDateTime' | 'callActivityWithRetry' | 'callSubOrchestratorWithRetry' | 'setCustomStatus' | 'getInput' | 'Task'>;
}

/** Run Commands in flight at once for one cluster: each VM runs one script at a time anyway. */
const PROBE_CONCURRENCY = 8;

/** Schedules a health activity with its named retry profile. */
export function callHealthActivity(context: HealthOrchestrationContext, name: string, profile: RetryProfileName, input: unknown): Task {
  const p = RETRY_PROFILES[profile];
  const options = new RetryOptions(p.firstRetryIntervalInMs, p.maxNumberOfAttempts);
  options.backoffCoefficient = p.backoffCoefficient;
  options.maxRetryIntervalInMilliseconds = p.maxRetryIntervalInMs;
  return context.df.callActivityWithRetry(name, options, input);
}

/**
 * One health check of one cluster: load what is known, take the CQL and Azure views together,
 * ask the domain whether the deep probe is due (always when the quick views show trouble, never
 * beyond the VM write budget or while an operation holds the cluster), probe, evaluate, record.
 * Steps: load → quick views → decide → deep probe (bounded) → evaluate → record.
 */
export function* checkClusterHealth(context: HealthOrchestrationContext): Generator<Task, CheckClusterHealthResult, unknown> {
  const input = context.df.getInput() as CheckClusterHealthInput;
  const base = { cluster: input.cluster, checkId: input.checkId };
  context.df.setCustomStatus({ phase: 'load', cluster: input.cluster });
  const loaded = (yield callHealthActivity(context, HEALTH_ACTIVITIES.loadHealthContext, 'bookkeeping', { cluster: input.cluster })) as LoadHealthContextOutput;
  if (!loaded.found) return { ...base, status: 'Skipped', reason: loaded.reason, findings: 0 };
  context.df.setCustomStatus({ phase: 'views', cluster: input.cluster });
  const [cql, azure] = (yield context.df.Task.all([
    callHealthActivity(context, HEALTH_ACTIVITIES.probeCqlView, 'bookkeeping', { cluster: input.cluster, nodes: loaded.nodes }),
    callHealthActivity(context, HEALTH_ACTIVITIES.readAzureView, 'bookkeeping', { nodes: loaded.nodes }),
  ])) as [ProbeCqlViewOutput, ReadAzureViewOutput];
  const views: HealthViews = { nodes: loaded.nodes, cql, azure, probes: [] };
  const now = context.df.currentUtcDateTime.toISOString();
  const quick = evaluateClusterHealth(views, loaded.thresholds, loaded.previous, now);
  const decision = decideDeepProbe({
    now, lastDeepProbeAt: loaded.lastDeepProbeAt, operationRunning: loaded.operationRunning, recentVmWrites: loaded.vmWrites,
    troubleSuspected: quick.status !== 'Healthy' || (loaded.previous !== undefined && loaded.previous.status !== 'Healthy') || input.trigger === 'alert',
  }, loaded.thresholds);
  if (decision.run) {
    context.df.setCustomStatus({ phase: 'deep-probe', cluster: input.cluster, reason: decision.reason });
    views.probes = yield* probeNodes(context, loaded.nodes);
  }
  const report = evaluateClusterHealth(views, loaded.thresholds, loaded.previous, context.df.currentUtcDateTime.toISOString());
  const probed = decision.run ? loaded.nodes.map((n) => n.vmName) : [];
  const record = {
    cluster: input.cluster, checkId: input.checkId, trigger: input.trigger, report, views: summarizeViews(views),
    lastDeepProbeAt: decision.run ? now : loaded.lastDeepProbeAt, vmWrites: recordVmWrites(loaded.vmWrites, probed, now),
  };
  const recorded = (yield callHealthActivity(context, HEALTH_ACTIVITIES.recordHealthCheck, 'bookkeeping', { record })) as RecordHealthCheckOutput;
  context.df.setCustomStatus({ phase: 'done', cluster: input.cluster, status: report.status, changed: recorded.changed });
  return { ...base, status: report.status, findings: report.findings.length, deepProbe: decision };
}

function* probeNodes(context: HealthOrchestrationContext, nodes: HealthNode[]): Generator<Task, NodeProbe[], unknown> {
  const probes: NodeProbe[] = [];
  for (let i = 0; i < nodes.length; i += PROBE_CONCURRENCY) {
    const batch = nodes.slice(i, i + PROBE_CONCURRENCY).map((node) => callHealthActivity(context, HEALTH_ACTIVITIES.probeNodeHealth, 'bookkeeping', { node }));
    probes.push(...((yield context.df.Task.all(batch)) as NodeProbe[]));
  }
  return probes;
}
