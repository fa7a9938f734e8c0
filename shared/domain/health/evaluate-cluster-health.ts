import { assessNodeLiveness } from './assess-node-liveness.js';
import { evaluateNodeFindings, type DraftFinding } from './evaluate-node-findings.js';
import { evaluateResourceFindings } from './evaluate-resource-findings.js';
import { evaluateDcQuorum, evaluateSchemaAgreement, evaluateUnknownHosts } from './evaluate-cluster-findings.js';
import { findingKey, type HealthFinding, type HealthReport, type HealthStatus, type NodeHealth } from './health-report.js';
import type { HealthThresholds } from './health-thresholds.js';
import type { HealthViews } from './health-views.js';
import type { NodeEvidence } from './assess-node-liveness.js';

/** Findings that come only from the deep probe: kept from the previous report when it did not run. */
const PROBE_CODES = new Set<string>(['disk-usage-high', 'pending-compactions-high', 'dropped-mutations']);

/**
 * Turns one check's views into a cluster status and findings. Pure and total: any combination
 * of missing views yields a report. Invariants: `since` is carried from `previous` for a finding
 * with the same code, node and DC; resource findings of nodes the deep probe did not visit this
 * time are carried over unchanged; status is Critical if any finding is critical, Degraded if
 * any is a warning, Unknown if no view could tell whether some node is up, Healthy otherwise.
 */
export function evaluateClusterHealth(views: HealthViews, thresholds: HealthThresholds,
  previous: HealthReport | undefined, now: string): HealthReport {
  const drafts: DraftFinding[] = [];
  const nodes: NodeHealth[] = [];
  const previousNodes = new Map((previous?.nodes ?? []).map((n) => [n.node, n]));
  for (const evidence of assessNodeLiveness(views)) {
    const judged = evaluateNodeFindings(evidence);
    drafts.push(...judged.findings);
    const health = nodeHealth(evidence, judged.state, previousNodes.get(evidence.node.name));
    nodes.push(health);
    drafts.push(...probeFindings(evidence, thresholds, previous, previousNodes.get(evidence.node.name)?.droppedMutations));
  }
  drafts.push(...evaluateSchemaAgreement(views.cql), ...evaluateUnknownHosts(views.nodes, views.cql));
  drafts.push(...evaluateDcQuorum(views.nodes, nodes, thresholds.replicationFactor));
  drafts.push(...viewFindings(views));
  const findings = carrySince(drafts, previous, now);
  return { status: decideStatus(findings, nodes), evaluatedAt: now, findings, nodes, deepProbe: views.probes.length > 0 };
}

function probeFindings(e: NodeEvidence, thresholds: HealthThresholds, previous: HealthReport | undefined,
  previousDropped: number | undefined): DraftFinding[] {
  if (e.probe?.ok || (e.probe && e.probe.disk)) {
    return evaluateResourceFindings(e.node, e.probe, thresholds, previousDropped);
  }
  const kept = (previous?.findings ?? []).filter((f) => f.node === e.node.name && PROBE_CODES.has(f.code));
  return kept.map(({ since: _since, ...draft }) => draft);
}

function nodeHealth(e: NodeEvidence, state: NodeHealth['state'], previous: NodeHealth | undefined): NodeHealth {
  const fresh = e.probe !== undefined;
  return {
    node: e.node.name, datacenter: e.node.datacenter, rack: e.node.rack, state,
    powerState: e.powerState,
    diskUsedPercent: fresh ? e.probe?.disk?.usedPercent : previous?.diskUsedPercent,
    pendingCompactions: fresh ? e.probe?.pendingCompactions : previous?.pendingCompactions,
    droppedMutations: fresh ? e.probe?.droppedMutations ?? previous?.droppedMutations : previous?.droppedMutations,
  };
}

function viewFindings(views: HealthViews): DraftFinding[] {
  const findings: DraftFinding[] = [];
  if (!views.cql.reachable) {
    findings.push({ code: 'view-unavailable', severity: 'info', message: `The CQL view is unavailable: ${views.cql.error ?? 'no contact point answered'}.`,
      action: 'If every node is down this is expected; otherwise check the native transport port and the credentials the product uses.' });
  }
  if (!views.azure.ok) {
    findings.push({ code: 'view-unavailable', severity: 'info', datacenter: 'azure', message: `The Azure view is unavailable: ${views.azure.error ?? 'unknown error'}.`,
      action: 'Check the app identity\'s Reader role on the cluster\'s resource group and ARM throttling.' });
  }
  for (const probe of views.probes.filter((p) => !p.ok)) {
    findings.push({ code: 'probe-failed', severity: 'info', node: probe.node, message: `The deep probe on ${probe.node} failed: ${probe.error ?? 'no output'}.`,
      action: 'Expected while the node is down; otherwise check the VM agent (Run Command) on the VM.' });
  }
  return findings;
}

function carrySince(drafts: DraftFinding[], previous: HealthReport | undefined, now: string): HealthFinding[] {
  const sinceByKey = new Map((previous?.findings ?? []).map((f) => [findingKey(f), f.since]));
  const seen = new Set<string>();
  const findings: HealthFinding[] = [];
  for (const draft of drafts) {
    const key = findingKey(draft);
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ...draft, since: sinceByKey.get(key) ?? now });
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
