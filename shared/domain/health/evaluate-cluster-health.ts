import { assessNodeLiveness } from './assess-node-liveness.js';
import { evaluateNodeFindings, type DraftFinding } from './evaluate-node-findings.js';
import { evaluateDiskFindings, evaluateStatsFindings } from './evaluate-resource-findings.js';
import { evaluateDcQuorum, evaluateSchemaAgreement, evaluateUnknownHosts } from './evaluate-cluster-findings.js';
import { evaluateRepairFindings } from './evaluate-repair-findings.js';
import { evaluateBackupFindings } from '../backup/evaluate-backup-findings.js';
import { findingKey, type HealthFinding, type HealthReport, type HealthStatus, type NodeHealth } from './health-report.js';
import type { HealthThresholds } from './health-thresholds.js';
import type { HealthViews } from './health-views.js';
import type { NodeEvidence } from './assess-node-liveness.js';

/** A finding as an evaluator drafts it; one that knows when its condition began (backup findings) carries `since`. */
type Draft = DraftFinding & { since?: string };

/** Findings from the disk probe: kept from the previous report when it did not run. */
const DISK_CODES = new Set<string>(['disk-usage-high']);
/** Findings from a node's own virtual tables: kept from the previous report when it did not answer them. */
const STATS_CODES = new Set<string>(['pending-compactions-high', 'dropped-mutations', 'hints-pending']);

/**
 * Turns one check's views into a cluster status and findings. Pure and total: any combination
 * of missing views yields a report. Invariants: `since` is the finding's own when its evaluator
 * derives it from records (backup findings), else carried from `previous` for a finding with the
 * same code, node and DC; disk findings of nodes the disk probe did not visit this time,
 * and counter findings of nodes whose virtual tables did not answer, are carried over unchanged;
 * without a CQL view, each node's native transport port (`views.liveness`) says whether it is up;
 * the work is linear in the nodes (every view is indexed once). Status is Critical if any finding
 * is critical, Degraded if any is a warning, Unknown if no view could tell whether some node is
 * up, Healthy otherwise.
 */
export function evaluateClusterHealth(views: HealthViews, thresholds: HealthThresholds,
  previous: HealthReport | undefined, now: string): HealthReport {
  const drafts: Draft[] = [];
  const nodes: NodeHealth[] = [];
  const previousNodes = new Map((previous?.nodes ?? []).map((n) => [n.node, n]));
  const kept = findingsByNode(previous);
  for (const evidence of assessNodeLiveness(views)) {
    const judged = evaluateNodeFindings(evidence);
    drafts.push(...judged.findings);
    const before = previousNodes.get(evidence.node.name);
    nodes.push(nodeHealth(evidence, judged.state, before));
    drafts.push(...resourceFindings(evidence, thresholds, before, kept.get(evidence.node.name) ?? [], now));
  }
  drafts.push(...evaluateSchemaAgreement(views.cql), ...evaluateUnknownHosts(views.nodes, views.cql));
  drafts.push(...evaluateDcQuorum(views.nodes, nodes, thresholds.replicationFactor));
  drafts.push(...viewFindings(views), ...evaluateRepairFindings(views.repairLedger, now));
  if (views.backupHistory) drafts.push(...evaluateBackupFindings({ ...views.backupHistory, now: new Date(now), thresholds }));
  const findings = carrySince(drafts, previous, now);
  return { status: decideStatus(findings, nodes), evaluatedAt: now, findings, nodes, deepProbe: views.probes.length > 0 };
}

function resourceFindings(e: NodeEvidence, thresholds: HealthThresholds, before: NodeHealth | undefined,
  kept: DraftFinding[], now: string): DraftFinding[] {
  const disk = e.probe?.disk !== undefined
    ? evaluateDiskFindings(e.node, e.probe.disk, thresholds) : kept.filter((f) => DISK_CODES.has(f.code));
  const stats = e.stats !== undefined
    ? evaluateStatsFindings(e.node, e.stats, thresholds, before?.droppedMutations, now) : kept.filter((f) => STATS_CODES.has(f.code));
  return [...disk, ...stats];
}

/** The previous report's node findings by node, without `since` (carrySince puts it back). */
function findingsByNode(previous: HealthReport | undefined): Map<string, DraftFinding[]> {
  const byNode = new Map<string, DraftFinding[]>();
  for (const { since: _since, ...draft } of previous?.findings ?? []) {
    if (draft.node === undefined) continue;
    const list = byNode.get(draft.node);
    if (list) list.push(draft); else byNode.set(draft.node, [draft]);
  }
  return byNode;
}

function nodeHealth(e: NodeEvidence, state: NodeHealth['state'], previous: NodeHealth | undefined): NodeHealth {
  const probed = e.probe?.disk !== undefined;
  return {
    node: e.node.name, datacenter: e.node.datacenter, rack: e.node.rack, state,
    powerState: e.powerState,
    diskUsedPercent: probed ? e.probe?.disk?.usedPercent : previous?.diskUsedPercent,
    pendingCompactions: e.stats ? e.stats.pendingCompactions : previous?.pendingCompactions,
    droppedMutations: e.stats ? e.stats.droppedMessages : previous?.droppedMutations,
    hintFiles: e.stats ? e.stats.hintFiles : previous?.hintFiles,
  };
}

function viewFindings(views: HealthViews): DraftFinding[] {
  const findings: DraftFinding[] = [];
  if (!views.cql.reachable) {
    const fallback = views.liveness
      ? ' Whether each node is up was read from its native transport port instead, without a login.' : '';
    findings.push({ code: 'view-unavailable', severity: 'info',
      message: `The CQL view is unavailable: ${views.cql.error ?? 'no contact point answered'}.${fallback}`,
      action: 'Expected while most of a DC is down (a login reads system_auth at LOCAL_QUORUM); otherwise check the native transport '
        + 'port and the credentials the product uses.' });
  }
  if (!views.azure.ok) {
    findings.push({ code: 'view-unavailable', severity: 'info', datacenter: 'azure', message: `The Azure view is unavailable: ${views.azure.error ?? 'unknown error'}.`,
      action: 'Check the app identity\'s Reader role on the cluster\'s resource group and ARM throttling.' });
  }
  for (const probe of views.probes.filter((p) => !p.ok)) {
    findings.push({ code: 'probe-failed', severity: 'info', node: probe.node, message: `The disk probe (Run Command) on ${probe.node} failed: ${probe.error ?? 'no output'}.`,
      action: 'Check the VM agent (Run Command) on the VM; a busy or throttled VM is tried again at the next due probe.' });
  }
  return findings;
}

function carrySince(drafts: Draft[], previous: HealthReport | undefined, now: string): HealthFinding[] {
  const sinceByKey = new Map((previous?.findings ?? []).map((f) => [findingKey(f), f.since]));
  const seen = new Set<string>();
  const findings: HealthFinding[] = [];
  for (const draft of drafts) {
    const key = findingKey(draft);
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ...draft, since: draft.since ?? sinceByKey.get(key) ?? now });
  }
  return findings;
}

function decideStatus(findings: HealthFinding[], nodes: NodeHealth[]): HealthStatus {
  if (nodes.length === 0 || nodes.every((n) => n.state === 'unknown')) return 'Unknown';
  if (findings.some((f) => f.severity === 'critical')) return 'Critical';
  if (findings.some((f) => f.severity === 'warning')) return 'Degraded';
  if (nodes.some((n) => n.state === 'unknown')) return 'Unknown';
  return 'Healthy';
}
