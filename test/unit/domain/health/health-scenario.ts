import type { CqlHost, HealthViews, ManagedNode, NodeProbe, VmState } from '../../../../shared/domain/health/health-views.js';

/** Builds views for a small cluster: every node up and agreeing unless a test changes it. */
export function threeNodeViews(at = '2026-01-01T00:00:00.000Z'): HealthViews {
  const nodes: ManagedNode[] = [1, 2, 3].map((i) => ({
    name: `n${i}`, datacenter: 'dc1', rack: `rack${i}`, address: `127.1.0.${i + 3}`, vmName: `vm-n${i}`,
  }));
  const hosts: CqlHost[] = nodes.map((n) => ({ address: n.address, datacenter: n.datacenter, rack: n.rack, up: true, schemaVersion: 'v1' }));
  const vms: VmState[] = nodes.map((n) => ({ vmName: n.vmName, powerState: 'running', provisioningState: 'succeeded' }));
  return { nodes, cql: { observedAt: at, reachable: true, hosts }, probes: [], azure: { observedAt: at, ok: true, vms } };
}

/** A deep probe from `node` reporting the given status codes for each node address, healthy otherwise. */
export function probeFrom(views: HealthViews, node: string, codes: Record<string, string>, extra: Partial<NodeProbe> = {}): NodeProbe {
  return {
    node, observedAt: views.cql.observedAt, ok: true,
    status: views.nodes.map((n) => {
      const code = codes[n.name] ?? 'UN';
      return { datacenter: n.datacenter, status: code[0] as 'U', state: code[1] as 'N', address: n.address, rack: n.rack };
    }),
    info: { gossipActive: true, nativeTransportActive: true },
    pendingCompactions: 0,
    droppedMutations: 0,
    disk: { mount: '/var/lib/cassandra', sizeBytes: 100, usedBytes: 40, availableBytes: 60, usedPercent: 40 },
    ...extra,
  };
}

export function setHost(views: HealthViews, address: string, change: Partial<CqlHost>): void {
  views.cql.hosts = views.cql.hosts.map((h) => (h.address === address ? { ...h, ...change } : h));
}

export function setVm(views: HealthViews, vmName: string, change: Partial<VmState>): void {
  views.azure.vms = views.azure.vms.map((v) => (v.vmName === vmName ? { ...v, ...change } : v));
}
