// Boots a six-node cluster (two DCs of three racks) from the product's plan and cloud-init on real
// Cassandra guests, one node at a time in join order, and prints per node: time from `systemctl
// start` to CQL up (its log) and to UN (nodetool), and resident memory; then the six-node total
// against the 6 GiB budget. Stops every node by pid at the end.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuestVm } from '../../local/arm-sim/guest-driver.js';
import { CassandraGuestDriver } from '../../local/cassandra/cassandra-guest-driver.js';
import { testNodeTlsFiles } from '../support/node-tls-fixture.js';
import { renderCloudInit } from '../../shared/domain/render/render-cloud-init.js';
import type { ClusterPlan, NodePlan } from '../../shared/domain/topology/cluster-plan.js';
import { waitForStates } from '../integration/cassandra/cluster-probes.js';
import { waitFor } from '../support/wait-for.js';
import { planLocalCluster, planNodes } from '../integration/cassandra/deploy-through-simulator.js';

const BUDGET_BYTES = 6 * 1024 ** 3;
const plan = planLocalCluster({
  cluster: { name: 'guestbench', authentication: { enabled: false } },
  azure: { subscriptionId: '00000000-0000-0000-0000-000000000000', vmSize: 'Standard_B2ms', dataDisk: { sizeGiB: 64, sku: 'StandardSSD_LRS' } },
  datacenters: [1, 2].map((d) => ({
    name: `dc${d}`, region: d === 1 ? 'eastus' : 'westus2', racks: 3, nodes: 3,
    network: { addressSpace: `127.${d}.0.0/16`, dataSubnet: `127.${d}.7.0/24`, appSubnet: `127.${d}.8.0/24` },
  })),
  network: { interRegionLink: 'globalVnetPeering', cqlAllowedCidrs: ['127.0.0.1/32'] },
  keyspaces: [{ name: 'app', replication: { dc1: 3, dc2: 3 } }],
});

async function guestVm(p: ClusterPlan, node: NodePlan): Promise<GuestVm> {
  return {
    id: `/subscriptions/${p.subscriptionId}/resourceGroups/${node.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${node.vmName}`,
    name: node.vmName, subscriptionId: p.subscriptionId, resourceGroup: node.resourceGroup, location: node.location,
    vmSize: node.vmSize, privateIpAddresses: [node.privateIp], customData: Buffer.from(renderCloudInit(p, node, 'ordered', {}, await testNodeTlsFiles(p.clusterName, node))).toString('base64'),
    osDiskDeleteOption: 'Delete', dataDisks: [{ lun: node.dataDiskLun, name: node.dataDiskName, diskSizeGB: 64, deleteOption: 'Delete' }],
  };
}

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number.parseInt(line!.replace(/\D+/g, ''), 10) * 1024;
}

function cqlUpAt(nodeDir: string): number | undefined {
  const line = readFileSync(join(nodeDir, 'var/log/cassandra/system.log'), 'utf8').split('\n').find((l) => l.includes('Startup complete'));
  const stamp = line && /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3})/.exec(line);
  return stamp ? new Date(`${stamp[1]!.replace(' ', 'T')}.${stamp[2]}`).getTime() : undefined;
}

async function main(): Promise<void> {
  const rootDir = mkdtempSync(join(tmpdir(), 'cassandra-bench-'));
  const driver = new CassandraGuestDriver({ rootDir });
  const byName = new Map(planNodes(plan).map((n) => [n.name, n]));
  const ordered = plan.joinOrder.map((name) => byName.get(name)!);
  const vms = await Promise.all(ordered.map((n) => guestVm(plan, n)));
  const rows: string[] = [];
  try {
    for (const vm of vms) await driver.create(vm);
    for (const [i, vm] of vms.entries()) {
      const run = async (script: string) => (await driver.runScript(vm, script)).stdout;
      const started = Date.now();
      await run('systemctl start cassandra');
      const cqlAt = await waitFor(`${vm.name} CQL up`, 180_000, async () => cqlUpAt(driver.describe(vm).nodeDir));
      await waitForStates(run, Object.fromEntries(ordered.slice(0, i + 1).map((n) => [n.privateIp, 'UN'])), 180_000);
      rows.push(`${vm.name} ${ordered[i]!.privateIp}: start→CQL up ${((cqlAt - started) / 1000).toFixed(1)} s, start→UN seen ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const rss = vms.map((vm) => rssBytes(driver.describe(vm).pid!));
    const total = rss.reduce((a, b) => a + b, 0);
    console.log(rows.map((row, i) => `${row}, RSS ${(rss[i]! / 1024 ** 2).toFixed(0)} MiB`).join('\n'));
    console.log(`six-node RSS total ${(total / 1024 ** 3).toFixed(2)} GiB; ratio to the 6 GiB budget ${(total / BUDGET_BYTES).toFixed(2)}`);
  } finally {
    await driver.close();
    rmSync(rootDir, { recursive: true, force: true });
  }
}

await main();
