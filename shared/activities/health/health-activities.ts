import type { NodePlan } from '../../contracts/deployment-plan.js';
import { CLUSTER_STATES, type ClusterRecord } from '../../domain/state/state-records.js';
import {
  HEALTH_ACTIVITIES, type HealthNode, type ListClustersDueInput, type ListClustersDueOutput, type LoadHealthContextInput,
  type LoadHealthContextOutput, type ProbeCqlViewInput, type ProbeCqlViewOutput, type ProbeNodeHealthInput,
  type ProbeNodeHealthOutput, type ReadAzureViewInput, type ReadAzureViewOutput, type RecordHealthCheckInput, type RecordHealthCheckOutput,
} from '../../contracts/health-io.js';
import { readCqlView } from '../../adapters/cql/read-cql-view.js';
import { readVmStates } from '../../adapters/arm/read-vm-states.js';
import { runHealthProbe } from '../../adapters/node-agent/run-health-probe.js';
import { decideHealthEvent } from '../../domain/health/health-store.js';
import { isHealthCheckDue } from '../../domain/health/is-health-check-due.js';
import type { HealthServices } from './health-services.js';

/** The spec field the health schedule lives in (foundation's ClusterSpecSchema: schedules.health.schedule). */
function healthSchedule(cluster: ClusterRecord): string {
  const spec = cluster.spec as { schedules?: { health?: { schedule?: string } } } | undefined;
  return spec?.schedules?.health?.schedule ?? '0 */5 * * * *';
}

function toHealthNode(node: NodePlan): HealthNode {
  return { name: node.name, datacenter: node.dc, rack: node.rack, address: node.privateIp, vmName: node.vmName, resourceGroup: node.resourceGroup };
}

/** Ready clusters whose own health schedule has had an occurrence since their last check. */
async function listClustersDueForHealth(s: HealthServices, input: ListClustersDueInput): Promise<ListClustersDueOutput> {
  const ready = (await s.state.listClusters()).filter((c) => c.state === CLUSTER_STATES.Ready);
  const due: string[] = [];
  for (const cluster of ready) {
    const latest = await s.health.getLatest(cluster.name);
    if (isHealthCheckDue(healthSchedule(cluster), latest?.report.evaluatedAt, input.now)) due.push(cluster.name);
  }
  return { clusters: due };
}

/** The cluster's nodes, thresholds, previous report, deep-probe bookkeeping and whether an operation holds it. */
async function loadHealthContext(s: HealthServices, input: LoadHealthContextInput): Promise<LoadHealthContextOutput> {
  const cluster = await s.state.getCluster(input.cluster);
  if (!cluster) return { found: false, reason: `cluster ${input.cluster} does not exist` };
  if (cluster.state !== CLUSTER_STATES.Ready) return { found: false, reason: `cluster ${input.cluster} is ${cluster.state}, not Ready` };
  const [latest, lease] = await Promise.all([s.health.getLatest(input.cluster), s.state.readLease(input.cluster)]);
  return {
    found: true, nodes: cluster.plan.nodes.map(toHealthNode), thresholds: s.thresholds, previous: latest?.report,
    lastDeepProbeAt: latest?.lastDeepProbeAt, vmWrites: latest?.vmWrites ?? {}, operationRunning: lease.holders.length > 0,
  };
}

async function probeCqlView(s: HealthServices, input: ProbeCqlViewInput): Promise<ProbeCqlViewOutput> {
  return readCqlView({
    contactPoints: input.nodes.map((n) => n.address), localDataCenter: input.nodes[0]?.datacenter ?? 'dc1',
    credentials: await s.cqlCredentials(input.cluster), port: s.cqlPort, connectTimeoutInMs: 5_000, now: s.now,
  });
}

async function readAzureView(s: HealthServices, input: ReadAzureViewInput): Promise<ReadAzureViewOutput> {
  return readVmStates(s.compute, input.nodes.map((n) => ({ resourceGroup: n.resourceGroup, vmName: n.vmName })), { now: s.now });
}

async function probeNodeHealth(s: HealthServices, input: ProbeNodeHealthInput): Promise<ProbeNodeHealthOutput> {
  return runHealthProbe(s.compute, { node: input.node.name, resourceGroup: input.node.resourceGroup, vmName: input.node.vmName },
    { script: s.probeScript, now: s.now });
}

/** Records the check and, when the status changed, puts the event on `cluster-events`. */
async function recordHealthCheck(s: HealthServices, input: RecordHealthCheckInput): Promise<RecordHealthCheckOutput> {
  const result = await s.health.recordCheck(input.record);
  const event = decideHealthEvent(input.record, result.replacedStatus, result.becameLatest);
  if (event) await s.events.publish(event);
  return { changed: event !== undefined, previousStatus: result.replacedStatus, becameLatest: result.becameLatest };
}

/**
 * The health activities by registered name, one side effect each. Expected outcomes (cluster
 * gone, a view that could not be taken) are values; only storage faults throw, for Durable to
 * retry under the activity's profile.
 */
export function createHealthActivities(s: HealthServices): Record<string, (input: never) => Promise<unknown>> {
  return {
    [HEALTH_ACTIVITIES.listClustersDueForHealth]: (input: ListClustersDueInput) => listClustersDueForHealth(s, input),
    [HEALTH_ACTIVITIES.loadHealthContext]: (input: LoadHealthContextInput) => loadHealthContext(s, input),
    [HEALTH_ACTIVITIES.probeCqlView]: (input: ProbeCqlViewInput) => probeCqlView(s, input),
    [HEALTH_ACTIVITIES.readAzureView]: (input: ReadAzureViewInput) => readAzureView(s, input),
    [HEALTH_ACTIVITIES.probeNodeHealth]: (input: ProbeNodeHealthInput) => probeNodeHealth(s, input),
    [HEALTH_ACTIVITIES.recordHealthCheck]: (input: RecordHealthCheckInput) => recordHealthCheck(s, input),
  };
}
