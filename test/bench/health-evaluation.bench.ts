// Evaluates 1,000 nodes' worth of probe results and prints the time per node: once as a fleet
// of 100 ten-node clusters (the timer's real shape), once as a single 1,000-node cluster (the
// worst case: every probe lists every node, so peer indexing is quadratic in cluster size).
// Each includes parsing the raw probe output, as the activity does. Ratios come from one run.
import { performance } from 'node:perf_hooks';
import { evaluateClusterHealth } from '../../shared/domain/health/evaluate-cluster-health.js';
import { parseProbeOutput } from '../../shared/domain/health/parse-probe-output.js';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../shared/domain/health/health-thresholds.js';
import type { HealthViews, ManagedNode } from '../../shared/domain/health/health-views.js';

const AT = '2026-01-01T00:00:00.000Z';

function nodesOf(cluster: number, size: number): ManagedNode[] {
  return Array.from({ length: size }, (_, i) => ({
    name: `c${cluster}-n${i}`, datacenter: `dc${i % 2}`, rack: `rack${i % 3}`,
    address: `127.${1 + (cluster % 200)}.${Math.floor(i / 250)}.${(i % 250) + 4}`, vmName: `vm-c${cluster}-n${i}`,
  }));
}

function probeText(nodes: ManagedNode[], downIndex: number): string {
  const rows = nodes.map((n, i) => `${i === downIndex ? 'DN' : 'UN'} ${n.address} 104.34 KiB 16 33.3% 2c9b7f0e-7f8a-4f9f-9d9f-${String(i).padStart(12, '0')} ${n.rack}`);
  return ['### probe status rc=0', 'Datacenter: dc0', '-- Address Load Tokens Owns (effective) Host ID Rack', ...rows,
    '### probe tpstats rc=0', 'Message type Dropped', 'MUTATION_REQ 3', '### probe compactionstats rc=0', 'pending tasks 4',
    '### probe info rc=0', 'Gossip active : true', 'Native Transport active: true',
    '### probe df rc=0', 'Filesystem 1-blocks Used Available Capacity Mounted on', '/dev/sdc1 1000 400 600 40% /var/lib/cassandra',
    '### probe end', ''].join('\n');
}

function viewsFor(nodes: ManagedNode[], texts: string[]): HealthViews {
  return {
    nodes,
    cql: { observedAt: AT, reachable: true, hosts: nodes.map((n, i) => ({ address: n.address, datacenter: n.datacenter, rack: n.rack, up: i !== 1, schemaVersion: 'v1' })) },
    probes: nodes.map((n, i) => parseProbeOutput(n.name, AT, texts[i]!)),
    azure: { observedAt: AT, ok: true, vms: nodes.map((n) => ({ vmName: n.vmName, powerState: 'running' as const, provisioningState: 'succeeded' })) },
  };
}

function measure(clusters: number, size: number): { perNodeUs: number; statuses: string } {
  const inputs = Array.from({ length: clusters }, (_, c) => {
    const nodes = nodesOf(c, size);
    return { nodes, texts: nodes.map(() => probeText(nodes, 1)) };
  });
  const statuses = new Map<string, number>();
  const started = performance.now();
  for (const { nodes, texts } of inputs) {
    const report = evaluateClusterHealth(viewsFor(nodes, texts), DEFAULT_HEALTH_THRESHOLDS, undefined, AT);
    statuses.set(report.status, (statuses.get(report.status) ?? 0) + 1);
  }
  const elapsed = performance.now() - started;
  return { perNodeUs: (elapsed * 1000) / (clusters * size), statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(' ') };
}

measure(10, 10); // warm-up: JIT, so the first measured shape is not charged for compilation
const fleet = measure(100, 10);
const single = measure(1, 1000);
console.log(`fleet of 100 clusters × 10 nodes: ${fleet.perNodeUs.toFixed(1)} µs per node (parse + evaluate; ${fleet.statuses})`);
console.log(`one cluster of 1,000 nodes:       ${single.perNodeUs.toFixed(1)} µs per node (${single.statuses})`);
console.log(`ratio 1,000-node cluster / fleet: ${(single.perNodeUs / fleet.perNodeUs).toFixed(1)}×`);
console.log(`a 5-minute check interval allows ${(300e6 / fleet.perNodeUs).toExponential(1)} fleet nodes of evaluation per interval on one core`);
