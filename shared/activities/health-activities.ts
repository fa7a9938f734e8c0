import { ACTIVITIES } from '../contracts/names.js';
import type { DeploymentNode } from '../domain/deploy/deployment-plan.js';
import { CLUSTER_STATES, type ClusterRecord } from '../domain/state/state-records.js';
import type {
  HealthNode, ListClustersDueInput, ListClustersDueOutput, LoadHealthContextInput, LoadHealthContextOutput, ProbeCqlViewInput,
  ProbeCqlViewOutput, ProbeNativeTransportInput, ProbeNativeTransportOutput, ProbeNodeHealthInput, ProbeNodeHealthOutput,
  ReadAzureViewInput, ReadAzureViewOutput, RecordHealthCheckInput, RecordHealthCheckOutput,
} from '../contracts/health-io.js';
import { selectBackupEvidence } from '../domain/backup/evaluate-backup-findings.js';
import { decideHealthEvent } from '../domain/health/health-store.js';
import { isHealthCheckDue } from '../domain/health/is-health-check-due.js';
import { OPERATION_KIND_TABLE } from '../domain/operations/operation-kinds.js';
import type { ActivityDeps } from './activity-deps.js';
import type { CqlTarget } from '../domain/ports/cql-port.js';
import { isOpsError } from '../errors/ops-error.js';
import { clusterCqlTarget, monitoringCredentials } from './with-cluster-session.js';

/** The spec field the health schedule lives in (foundation's ClusterSpecSchema: schedules.health.schedule). */
function healthSchedule(cluster: ClusterRecord): string {
  const spec = cluster.spec as { schedules?: { health?: { schedule?: string } } } | undefined;
  return spec?.schedules?.health?.schedule ?? '0 */5 * * * *';
}

/** Backups and drills read per check, newest first: weeks of daily backups, so a run of failures still shows the last Complete one. */
const BACKUP_HISTORY = 50;

function toHealthNode(node: DeploymentNode): HealthNode {
  return { name: node.name, datacenter: node.dc, rack: node.rack, address: node.privateIp, vmName: node.vmName, resourceGroup: node.resourceGroup };
}

/** Ready clusters whose own health schedule has had an occurrence since their last check. */
async function listClustersDueForHealth(s: ActivityDeps, input: ListClustersDueInput): Promise<ListClustersDueOutput> {
  const ready = (await s.state.listClusters()).filter((c) => c.state === CLUSTER_STATES.Ready);
  const due: string[] = [];
  for (const cluster of ready) {
    const latest = await s.health.getLatest(cluster.name);
    if (isHealthCheckDue(healthSchedule(cluster), latest?.report.evaluatedAt, input.now)) due.push(cluster.name);
  }
  return { clusters: due };
}

/** The cluster's nodes, thresholds, previous report, deep-probe bookkeeping, whether an operation holds it, its ledger and backups. */
async function loadHealthContext(s: ActivityDeps, input: LoadHealthContextInput): Promise<LoadHealthContextOutput> {
  const cluster = await s.state.getCluster(input.cluster);
  if (!cluster) return { found: false, reason: `cluster ${input.cluster} does not exist` };
  if (cluster.state !== CLUSTER_STATES.Ready) return { found: false, reason: `cluster ${input.cluster} is ${cluster.state}, not Ready` };
  const [latest, lease, ledger, backups, drills] = await Promise.all([s.health.getLatest(input.cluster), s.state.readLease(input.cluster),
    s.repairs.getLedger(input.cluster), s.backups.listBackups(input.cluster, BACKUP_HISTORY), s.backups.listDrills(input.cluster, BACKUP_HISTORY)]);
  return {
    found: true, nodes: cluster.plan.nodes.map(toHealthNode), thresholds: s.thresholds, previous: latest?.report,
    lastDeepProbeAt: latest?.lastDeepProbeAt, vmWrites: latest?.vmWrites ?? {}, // A repair run holds the lease for days and leaves the VMs' Run Command budget mostly alone.
    operationRunning: lease.holders.some((h) => OPERATION_KIND_TABLE[h.kind].class !== 'repair'),
    repairLedger: { entries: ledger, clusterCreatedAt: cluster.createdAt },
    backupHistory: selectBackupEvidence({ clusterCreatedAt: cluster.createdAt, backups, drills }),
  };
}

/**
 * Cassandra's view, read over TLS as the read-only monitoring role, never the superuser: a health
 * check runs every few minutes from wherever the app runs, so its login is the one that may leak
 * least. A cluster without authentication is read with no login.
 */
async function probeCqlView(s: ActivityDeps, input: ProbeCqlViewInput): Promise<ProbeCqlViewOutput> {
  const target = { contactPoints: input.nodes.map((n) => n.address), localDataCenter: input.nodes[0]?.datacenter ?? 'dc1' };
  let trusted: CqlTarget;
  try {
    trusted = await clusterCqlTarget(s, input.cluster, target, await monitoringCredentials(s, input.cluster));
  } catch (error) {
    // A cluster without a CA cannot be read over TLS: a view that says so, as for any unreachable cluster.
    if (!isOpsError(error) || error.code !== 'CASSOPS_TLS_CA_MISSING') throw error;
    return { observedAt: new Date().toISOString(), reachable: false, error: error.message, hosts: [] };
  }
  return s.cql.readCqlView(trusted);
}

/** Whether each node's native transport port takes a connect, without a login: never throws. */
async function probeNativeTransport(s: ActivityDeps,
  input: ProbeNativeTransportInput): Promise<ProbeNativeTransportOutput> {
  return s.cql.probeNativeTransport(input.addresses);
}

async function readAzureView(s: ActivityDeps, input: ReadAzureViewInput): Promise<ReadAzureViewOutput> {
  return s.arm.readVmStates(input.nodes.map((n) => ({ resourceGroup: n.resourceGroup, vmName: n.vmName })));
}

async function probeNodeHealth(s: ActivityDeps, input: ProbeNodeHealthInput): Promise<ProbeNodeHealthOutput> {
  return s.agent.probeHealth({ node: input.node.name, resourceGroup: input.node.resourceGroup, vmName: input.node.vmName });
}

/** Records the check and, when its status or actionable findings changed, puts the event on `cluster-events`. */
async function recordHealthCheck(s: ActivityDeps, input: RecordHealthCheckInput): Promise<RecordHealthCheckOutput> {
  const result = await s.health.recordCheck(input.record);
  const event = decideHealthEvent(input.record, result);
  if (event) await s.events.publish(event);
  return { changed: event !== undefined, previousStatus: result.replacedStatus, becameLatest: result.becameLatest };
}

/**
 * The health activities by registered name, one side effect each. Expected outcomes (cluster
 * gone, a view that could not be taken) are values; only storage faults throw, for Durable to
 * retry under the activity's profile.
 */
export function createHealthActivities(s: ActivityDeps) {
  return {
    [ACTIVITIES.listClustersDueForHealth]: (input: ListClustersDueInput) => listClustersDueForHealth(s, input),
    [ACTIVITIES.loadHealthContext]: (input: LoadHealthContextInput) => loadHealthContext(s, input),
    [ACTIVITIES.probeCqlView]: (input: ProbeCqlViewInput) => probeCqlView(s, input),
    [ACTIVITIES.probeNativeTransport]: (input: ProbeNativeTransportInput) => probeNativeTransport(s, input),
    [ACTIVITIES.readAzureView]: (input: ReadAzureViewInput) => readAzureView(s, input),
    [ACTIVITIES.probeNodeHealth]: (input: ProbeNodeHealthInput) => probeNodeHealth(s, input),
    [ACTIVITIES.recordHealthCheck]: (input: RecordHealthCheckInput) => recordHealthCheck(s, input),
  };
}
