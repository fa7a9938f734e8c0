import type { NodeEvidence } from './assess-node-liveness.js';
import type { HealthFinding, NodeHealth } from './health-report.js';

/** A finding before `since` is filled in from the previous evaluation. */
export type DraftFinding = Omit<HealthFinding, 'since'>;

const STOPPED_POWER = new Set(['stopped', 'stopping']);
const DEALLOCATED_POWER = new Set(['deallocated', 'deallocating']);

/** One node's state and the findings that explain it. */
export interface NodeJudgement {
  state: NodeHealth['state'];
  findings: DraftFinding[];
}

type At = { node: string; datacenter: string };

/**
 * Judges one node's liveness from its evidence: VM power first (a stopped VM explains a silent
 * node, so it is reported instead of node-down), then down when it does not answer a query
 * pinned to it (or, without a CQL view, when its native transport port refuses connections),
 * then a topology change in gossip, then native transport off.
 */
export function evaluateNodeFindings(e: NodeEvidence): NodeJudgement {
  const at = { node: e.node.name, datacenter: e.node.datacenter };
  const findings: DraftFinding[] = [];
  // A VM deleted from under the node: nothing can come back by itself; the node is replaced at its address.
  if (e.vm?.provisioningState.toLowerCase() === 'notfound') {
    findings.push({ ...at, code: 'vm-missing', severity: 'warning', message: `VM ${e.node.vmName} of node ${e.node.name} does not exist.`,
      action: `Replace the node (POST /api/clusters/{name}/nodes/${e.node.name}/replace): a new VM takes its address and streams its ranges.` });
    return { state: 'down', findings };
  }
  if (e.vm?.provisioningState.toLowerCase() === 'failed') {
    findings.push({ ...at, code: 'vm-provisioning-failed', severity: 'warning',
      message: `VM ${e.node.vmName} is in provisioning state Failed.`,
      action: 'Look at the VM\'s activity log in Azure; reapply or redeploy the VM, or replace the node.' });
  }
  if (e.powerState && STOPPED_POWER.has(e.powerState)) {
    findings.push({ ...at, code: 'vm-stopped', severity: 'warning', message: `VM ${e.node.vmName} is ${e.powerState}; node ${e.node.name} is out of the ring.`,
      action: `Start VM ${e.node.vmName}; Cassandra rejoins by itself. Run repair if it stayed down longer than max_hint_window (3 h).` });
    return { state: 'down', findings };
  }
  if (e.powerState && DEALLOCATED_POWER.has(e.powerState)) {
    findings.push({ ...at, code: 'vm-deallocated', severity: 'warning', message: `VM ${e.node.vmName} is ${e.powerState}; node ${e.node.name} is out of the ring.`,
      action: `Start VM ${e.node.vmName}. If it cannot be allocated, replace the node. Run repair if it stayed down longer than max_hint_window (3 h).` });
    return { state: 'down', findings };
  }
  return e.cqlUp === undefined ? judgeByPort(e, at, findings) : judgeProcess(e, at, findings);
}

function judgeProcess(e: NodeEvidence, at: At, findings: DraftFinding[]): NodeJudgement {
  // A joining node answers no CQL until it has bootstrapped: that is topology, not an outage.
  if (e.cqlUp === false && !isJoining(e)) {
    findings.push(nodeDown(e, at, ''));
    return { state: 'down', findings };
  }
  const topology = topologyFindings(e, at);
  if (topology.length > 0) return { state: 'up', findings: [...findings, ...topology] };
  if (e.cqlHost?.rpcReady === false) {
    findings.push({ ...at, code: 'node-not-serving', severity: 'warning',
      message: `Node ${e.node.name} is in the ring but not serving clients (gossip says its native transport is off).`,
      action: `On ${e.node.vmName} run \`nodetool enablebinary\` / \`nodetool enablegossip\` if they were disabled; otherwise check the native transport port and system.log.` });
    return { state: 'down', findings };
  }
  return { state: 'up', findings };
}

/**
 * Without a CQL view (a refused login, no contact point) the node's native transport port is
 * the one login-free sign: a refused connect means no Cassandra listens on a host that answers,
 * the same node-down as a failed pinned query (so its `since` carries across); a silent port
 * cannot tell the node from the network path, so the node's state stays unknown.
 */
function judgeByPort(e: NodeEvidence, at: At, findings: DraftFinding[]): NodeJudgement {
  const answer = e.liveness;
  if (answer?.answer === 'accepted') return { state: 'up', findings };
  if (answer?.answer === 'refused') {
    const why = answer.detail ?? 'connection refused';
    findings.push(nodeDown(e, at, `: its native transport port refuses connections (${why})`));
    return { state: 'down', findings };
  }
  if (answer?.answer === 'silent') {
    findings.push({ ...at, code: 'probe-failed', severity: 'info',
      message: `Node ${e.node.name}'s native transport port (${e.node.address}) did not answer a connect `
        + `(${answer.detail ?? 'no answer'}): whether it is up cannot be told.`,
      action: `Check the network path from the app to ${e.node.address} (NSG rules, VNet integration) `
        + `and whether VM ${e.node.vmName} responds.` });
  }
  return { state: 'unknown', findings };
}

function nodeDown(e: NodeEvidence, at: At, why: string): DraftFinding {
  const vmRuns = e.powerState === 'running'
    ? `although VM ${e.node.vmName} runs` : `(VM ${e.node.vmName} power state ${e.powerState ?? 'unknown'})`;
  return { ...at, code: 'node-down', severity: 'warning',
    message: `Node ${e.node.name} (${e.node.address}) is down ${vmRuns}${why}.`,
    action: `Check the Cassandra service and system.log on ${e.node.vmName}; restart it. `
      + 'If the machine or its data is lost, replace the node.' };
}

/** Gossip STATUS values of a topology change (hibernate: a replacement bootstrapping). */
const TOPOLOGY = new Map<string, { code: 'node-joining' | 'node-leaving' | 'node-moving'; what: string }>([
  ['BOOT', { code: 'node-joining', what: 'joining (bootstrapping)' }],
  ['BOOT_REPLACE', { code: 'node-joining', what: 'joining (replacing a node)' }],
  ['hibernate', { code: 'node-joining', what: 'joining (replacing a node)' }],
  ['LEAVING', { code: 'node-leaving', what: 'leaving (decommissioning)' }],
  ['MOVING', { code: 'node-moving', what: 'moving tokens' }],
]);

function isJoining(e: NodeEvidence): boolean {
  return TOPOLOGY.get(e.gossipStatus ?? '')?.code === 'node-joining';
}

function topologyFindings(e: NodeEvidence, at: At): DraftFinding[] {
  const topology = TOPOLOGY.get(e.gossipStatus ?? '');
  if (!topology) return [];
  return [{ ...at, code: topology.code, severity: 'info', message: `Node ${e.node.name} is ${topology.what}.`,
    action: 'Wait for it to finish (`nodetool netstats` shows streaming); start no other topology change on this cluster meanwhile.' }];
}
