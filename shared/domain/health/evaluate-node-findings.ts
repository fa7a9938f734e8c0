import type { NodeEvidence } from './assess-node-liveness.js';
import type { HealthFinding, NodeHealth } from './health-report.js';

/** A finding before `since` is filled in from the previous evaluation. */
export type DraftFinding = Omit<HealthFinding, 'since'>;

const STOPPED_POWER = new Set(['stopped', 'stopping']);
const DEALLOCATED_POWER = new Set(['deallocated', 'deallocating']);

/**
 * Judges one node's liveness from its evidence: VM power first (a stopped VM explains a silent
 * node, so it is reported instead of node-down), then gossip disagreement (the node sees itself
 * up while peers see it down), then down as the driver or every peer sees it.
 */
export function evaluateNodeFindings(e: NodeEvidence): { state: NodeHealth['state']; findings: DraftFinding[] } {
  const at = { node: e.node.name, datacenter: e.node.datacenter };
  const findings: DraftFinding[] = [];
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
  return judgeProcess(e, at, findings);
}

function judgeProcess(e: NodeEvidence, at: { node: string; datacenter: string }, findings: DraftFinding[]): { state: NodeHealth['state']; findings: DraftFinding[] } {
  const vmRuns = e.powerState === 'running' ? `although VM ${e.node.vmName} runs` : `(VM ${e.node.vmName} power state ${e.powerState ?? 'unknown'})`;
  if (e.selfUp === true && e.peersDown > 0) {
    findings.push({ ...at, code: 'node-not-seen-by-peers', severity: 'warning',
      message: `Node ${e.node.name} sees itself up, but ${e.peersDown} peer(s) see it down ${vmRuns}.`,
      action: `Check the storage port between ${e.node.name} and its peers (firewall, NSG) and \`nodetool gossipinfo\` on both sides; restart Cassandra on ${e.node.name} if gossip does not recover.` });
    return { state: 'down', findings };
  }
  const downByDriver = e.cqlUp === false && !(e.peersUp > 0 && e.peersDown === 0);
  const downByPeers = e.peersDown > 0 && e.peersUp === 0 && e.cqlUp !== true;
  // The script ran on the VM (df answered) but nodetool could not reach the JVM at all. Peers
  // still saying UN do not outweigh that: gossip takes seconds to convict a dead node.
  const silentToProbe = e.probe?.disk !== undefined && e.probe.status === undefined && e.probe.info === undefined;
  const downByProbe = silentToProbe && e.cqlUp !== true;
  if (downByDriver || downByPeers || downByProbe) {
    findings.push({ ...at, code: 'node-down', severity: 'warning',
      message: `Node ${e.node.name} (${e.node.address}) is down ${vmRuns}.`,
      action: `Check the Cassandra service and system.log on ${e.node.vmName}; restart it. If the machine or its data is lost, replace the node.` });
    return { state: 'down', findings };
  }
  const topology = topologyFindings(e, at);
  if (topology.length > 0) return { state: 'up', findings: [...findings, ...topology] };
  const notServing = e.cqlUp === false || e.probe?.info?.nativeTransportActive === false || e.probe?.info?.gossipActive === false;
  if (notServing) {
    findings.push({ ...at, code: 'node-not-serving', severity: 'warning',
      message: `Node ${e.node.name} is in the ring but not serving clients (${describeNotServing(e)}).`,
      action: `On ${e.node.vmName} run \`nodetool enablebinary\` / \`nodetool enablegossip\` if they were disabled; otherwise check the native transport port and system.log.` });
    return { state: 'down', findings };
  }
  const known = e.cqlUp !== undefined || e.peersUp > 0 || e.selfUp !== undefined;
  return { state: known ? 'up' : 'unknown', findings };
}

function describeNotServing(e: NodeEvidence): string {
  if (e.cqlUp === false) return 'the driver cannot reach it while its peers see it up';
  if (e.probe?.info?.nativeTransportActive === false) return 'native transport inactive';
  return 'gossip inactive';
}

const TOPOLOGY: Record<string, { code: 'node-joining' | 'node-leaving' | 'node-moving'; what: string }> = {
  J: { code: 'node-joining', what: 'joining (bootstrapping)' },
  L: { code: 'node-leaving', what: 'leaving (decommissioning)' },
  M: { code: 'node-moving', what: 'moving tokens' },
};

function topologyFindings(e: NodeEvidence, at: { node: string; datacenter: string }): DraftFinding[] {
  const ownState = e.probe?.status?.find((r) => r.address === e.node.address)?.state;
  const state = ownState ?? e.peerStates.find((s) => s !== 'N');
  const topology = state ? TOPOLOGY[state] : undefined;
  if (!topology) return [];
  return [{ ...at, code: topology.code, severity: 'info', message: `Node ${e.node.name} is ${topology.what}.`,
    action: 'Wait for it to finish (`nodetool netstats` shows streaming); start no other topology change on this cluster meanwhile.' }];
}
