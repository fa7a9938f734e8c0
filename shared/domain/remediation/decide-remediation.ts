import type { HealthStatusChangedEvent } from '../health/health-store.js';

/** One decision of the autopilot about one health change: what it did or would not do, and why. Stored as strings. */
export interface RemediationRecord {
  clusterName: string;
  /** `<checkId>` for a change with nothing to act on, else `<checkId>:<node>`: a redelivered event decides nothing twice. */
  id: string;
  checkId: string;
  at: string;
  /** The health status the change went to. */
  status: string;
  node?: string;
  action: 'restartCassandra' | 'none';
  decision: 'taken' | 'declined' | 'nothing-to-do';
  reason: string;
  /** The operation a taken decision started. */
  operationId?: string;
}

/** How long a node's automatic Cassandra restart keeps another away (Priam's rule). */
export const RESTART_QUIET_MS = 3_600_000;

/** What the autopilot weighs beside the event. */
export interface RemediationContext {
  /** The spec's `autopilot.restartCassandra`. */
  restartCassandra: boolean;
  /** The cluster's earlier decisions, any order. */
  earlier: readonly RemediationRecord[];
  now: Date;
}

/** A decision before it is carried out: a taken one still has to start its operation. */
export type RemediationDraft = Omit<RemediationRecord, 'operationId'>;

/**
 * The remediation policy for a health change. A node down while its VM runs (`node-down`) gets
 * its Cassandra restarted, unless: the spec turns that off; a datacenter lost quorum (a person
 * decides); the node's Cassandra was restarted by the autopilot within the last hour; or another
 * node of this change is restarted first (one remediation at a time: the next check decides again).
 * Every node-down finding gets a decision; a change with none gets one saying there is nothing to do.
 */
export function decideRemediation(event: HealthStatusChangedEvent, context: RemediationContext): RemediationDraft[] {
  const base = { clusterName: event.cluster, checkId: event.checkId, at: context.now.toISOString(), status: event.status };
  const down = [...new Set(event.findings.filter((f) => f.code === 'node-down' && f.node).map((f) => f.node!))].sort();
  if (down.length === 0) {
    return [{ ...base, id: event.checkId, action: 'none', decision: 'nothing-to-do', reason: `the cluster is ${event.status}; no node is down while its VM runs` }];
  }
  const quorumLost = event.findings.some((f) => f.code === 'dc-quorum-lost');
  let taken = false;
  return down.map((node): RemediationDraft => {
    const draft = { ...base, id: `${event.checkId}:${node}`, node, action: 'restartCassandra' as const };
    const declined = (reason: string) => ({ ...draft, decision: 'declined' as const, reason });
    if (!context.restartCassandra) return declined('the spec\'s autopilot.restartCassandra is false');
    if (quorumLost) return declined('a datacenter lost quorum: nothing automatic, a person decides');
    const last = context.earlier.filter((r) => r.node === node && r.action === 'restartCassandra' && r.decision === 'taken')
      .map((r) => r.at).sort().at(-1);
    if (last && context.now.getTime() - Date.parse(last) < RESTART_QUIET_MS) {
      return declined(`its Cassandra was restarted at ${last}: at most once per node per hour`);
    }
    if (taken) return declined('another node of this change is restarted first: one at a time; the next check decides again');
    taken = true;
    return { ...draft, decision: 'taken', reason: `Cassandra is down on ${node} while its VM runs` };
  });
}
