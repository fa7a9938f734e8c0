import type { CqlHost, HealthViews, ManagedNode, NodeProbe, NodeStats, PortAnswer, VmState } from '../../../../shared/domain/health/health-views.js';

/** An idle node's counters. */
export const IDLE_STATS: NodeStats = { pendingCompactions: 0, runningSstableTasks: 0, droppedMessages: 0, blockedTasks: 0, hintFiles: 0 };

/** Builds views for a small cluster: every node up, NORMAL, idle and agreeing unless a test changes it. */
export function threeNodeViews(at = '2026-01-01T00:00:00.000Z'): HealthViews {
  const nodes: ManagedNode[] = [1, 2, 3].map((i) => ({
    name: `n${i}`, datacenter: 'dc1', rack: `rack${i}`, address: `127.1.0.${i + 3}`, vmName: `vm-n${i}`,
  }));
  const hosts: CqlHost[] = nodes.map((n) => ({ address: n.address, datacenter: n.datacenter, rack: n.rack, up: true, schemaVersion: 'v1',
    gossipStatus: 'NORMAL', rpcReady: true, stats: { ...IDLE_STATS } }));
  const vms: VmState[] = nodes.map((n) => ({ vmName: n.vmName, powerState: 'running', provisioningState: 'succeeded' }));
  return { nodes, cql: { observedAt: at, reachable: true, hosts }, probes: [], azure: { observedAt: at, ok: true, vms } };
}

/** A disk probe of `node` at `usedPercent` (40 % unless given). */
export function diskProbe(views: HealthViews, node: string, usedPercent = 40): NodeProbe {
  return { node, observedAt: views.cql.observedAt, ok: true,
    disk: { mount: '/var/lib/cassandra', sizeBytes: 100, usedBytes: usedPercent, availableBytes: 100 - usedPercent, usedPercent } };
}

export function setHost(views: HealthViews, address: string, change: Partial<CqlHost>): void {
  views.cql.hosts = views.cql.hosts.map((h) => (h.address === address ? { ...h, ...change } : h));
}

/** Changes the counters one host's virtual tables report. */
export function setStats(views: HealthViews, address: string, change: Partial<NodeStats>): void {
  views.cql.hosts = views.cql.hosts.map((h) => (h.address === address ? { ...h, stats: { ...IDLE_STATS, ...h.stats, ...change } } : h));
}

export function setVm(views: HealthViews, vmName: string, change: Partial<VmState>): void {
  views.azure.vms = views.azure.vms.map((v) => (v.vmName === vmName ? { ...v, ...change } : v));
}

/**
 * The CQL login refused (as when system_auth's LOCAL_QUORUM is lost), so the check asked each
 * node's native transport port instead: `answers` by address, every other port accepted.
 */
export function loginRefused(views: HealthViews, answers: Record<string, PortAnswer> = {}): void {
  views.cql = { observedAt: views.cql.observedAt, reachable: false, error: 'the cluster refused the product\'s CQL login', hosts: [] };
  views.liveness = { observedAt: views.cql.observedAt, answers: views.nodes.map((n) => {
    const answer = answers[n.address] ?? 'accepted';
    return answer === 'accepted' ? { address: n.address, answer } : { address: n.address, answer, detail: `port 9042: ${answer}` };
  }) };
}
