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
  action: 'restartCassandra' | 'startVm' | 'replaceNode' | 'none';
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
  /** The spec's `autopilot.startVms`. */
  startVms: boolean;
  /** The spec's `autopilot.replaceNodes`. */
  replaceNodes: 'approval' | 'automatic' | 'off';
  /** The cluster's earlier decisions, any order. */
  earlier: readonly RemediationRecord[];
  now: Date;
}

/** A decision before it is carried out: a taken one still has to start its operation. */
export type RemediationDraft = Omit<RemediationRecord, 'operationId'>;

/**
 * The remediation policy for a health change. A node whose VM is gone (`vm-missing`), or failed
 * to provision while the node is down, is replaced
 * at its address: proposed for a person's approval, or at once, as the spec's
 * `autopilot.replaceNodes` says. A node whose VM was stopped or deallocated gets it started. A
 * node down while its VM runs (`node-down`) gets its Cassandra restarted, at most once per node
 * per hour; down again within that hour, the node itself is suspect and is replaced as a VM gone
 * is. Nothing happens that the spec turns off, nor while a datacenter lost quorum (a person
 * decides); and one remediation at a time: the first node acted on (replacements, then VM starts,
 * then restarts) takes the change, the others are declined and the next check decides again.
 * Every such node gets a decision; a change with none gets one saying there is nothing to do.
 */
export function decideRemediation(event: HealthStatusChangedEvent, context: RemediationContext): RemediationDraft[] {
  const base = { clusterName: event.cluster, checkId: event.checkId, at: context.now.toISOString(), status: event.status };
  const nodesWith = (code: string) => [...new Set(event.findings.filter((f) => f.code === code && f.node).map((f) => f.node!))].sort();
  // A VM Azure failed to provision is as lost as a VM gone once its node is down too.
  const nodeDown = nodesWith('node-down');
  const failedVms = nodesWith('vm-provisioning-failed').filter((n) => nodeDown.includes(n));
  const gone = [...new Set([...nodesWith('vm-missing'), ...failedVms])].sort();
  const stopped = [...nodesWith('vm-stopped'), ...nodesWith('vm-deallocated')].filter((n) => !gone.includes(n));
  const down = nodeDown.filter((n) => !gone.includes(n) && !stopped.includes(n));
  if (gone.length + stopped.length + down.length === 0) {
    return [{ ...base, id: event.checkId, action: 'none', decision: 'nothing-to-do', reason: `the cluster is ${event.status}; no node is down, stopped or gone` }];
  }
  const quorumLost = event.findings.some((f) => f.code === 'dc-quorum-lost');
  let taken = false;
  const decide = (node: string, action: 'replaceNode' | 'startVm' | 'restartCassandra', refusal: string | undefined, why: string): RemediationDraft => {
    const draft = { ...base, id: `${event.checkId}:${node}`, node, action };
    const declined = (reason: string) => ({ ...draft, decision: 'declined' as const, reason });
    if (refusal) return declined(refusal);
    if (quorumLost) return declined('a datacenter lost quorum: nothing automatic, a person decides');
    if (taken) return declined('another node of this change is remediated first: one at a time; the next check decides again');
    taken = true;
    return { ...draft, decision: 'taken', reason: why };
  };
  return [
    ...gone.map((node) => decide(node, 'replaceNode', context.replaceNodes === 'off' ? 'the spec\'s autopilot.replaceNodes is off' : undefined,
      `VM of ${node} is ${failedVms.includes(node) ? 'in provisioning state Failed and the node is down' : 'gone'}: ${context.replaceNodes === 'approval' ? 'a replacement at its address is proposed and waits for an approval' : 'it is replaced at its address'}`)),
    ...stopped.map((node) => decide(node, 'startVm', context.startVms ? undefined : 'the spec\'s autopilot.startVms is false',
      `VM of ${node} is stopped outside any operation: it is started`)),
    ...down.map((node) => {
      const restarted = lastRestart(node, context);
      if (!restarted) {
        return decide(node, 'restartCassandra', context.restartCassandra ? undefined : 'the spec\'s autopilot.restartCassandra is false',
          `Cassandra is down on ${node} while its VM runs`);
      }
      const once = `its Cassandra was restarted at ${restarted}: at most once per node per hour`;
      return decide(node, 'replaceNode', context.replaceNodes === 'off' ? `${once}, and the spec's autopilot.replaceNodes is off` : undefined,
        `${node} is down again after its Cassandra was restarted at ${restarted}: ${context.replaceNodes === 'approval'
          ? 'a replacement at its address is proposed and waits for an approval' : 'it is replaced at its address'}`);
    }),
  ];
}

/** When the autopilot last restarted the node's Cassandra, if within the hour. */
function lastRestart(node: string, context: RemediationContext): string | undefined {
  const last = context.earlier.filter((r) => r.node === node && r.action === 'restartCassandra' && r.decision === 'taken')
    .map((r) => r.at).sort().at(-1);
  return last && context.now.getTime() - Date.parse(last) < RESTART_QUIET_MS ? last : undefined;
}
