// Boots a six-node cluster (two DCs of three racks) on real Cassandra guests, one node at a time,
// and prints per node: time from `systemctl start` to CQL up (log), to UN (nodetool), and resident
// memory; then the six-node total against the 6 GiB budget. Stops every node by pid at the end.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CassandraGuestDriver } from '../../local/cassandra/cassandra-guest-driver.js';
import { fixtureVm, type FixtureNode } from '../integration/cassandra/fixture-cloud-init.js';
import { waitFor, waitForStates } from '../integration/cassandra/cluster-probes.js';

const BUDGET_BYTES = 6 * 1024 ** 3;
const nodes: FixtureNode[] = [1, 2].flatMap((d) => [1, 2, 3].map((r) => ({
  name: `bench-${d}-${r}`, ip: `127.${d}.3.${3 + r}`, dc: `dc${d}`, rack: `rack${r}`,
})));

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number.parseInt(line!.replace(/\D+/g, ''), 10) * 1024;
}

function cqlUpAt(nodeDir: string): number | undefined {
  const log = readFileSync(join(nodeDir, 'var/log/cassandra/system.log'), 'utf8');
  const line = log.split('\n').find((l) => l.includes('Startup complete'));
  const stamp = line && /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3})/.exec(line);
  return stamp ? new Date(`${stamp[1]!.replace(' ', 'T')}.${stamp[2]}`).getTime() : undefined;
}

async function main(): Promise<void> {
  const rootDir = mkdtempSync(join(tmpdir(), 'cassandra-bench-'));
  const driver = new CassandraGuestDriver({ rootDir });
  const vms = nodes.map((n) => fixtureVm('guest-bench', nodes, n));
  const rows: string[] = [];
  try {
    for (const vm of vms) await driver.create(vm);
    for (const [i, vm] of vms.entries()) {
      const started = Date.now();
      const result = await driver.runScript(vm, 'systemctl start cassandra');
      if (result.exitCode !== 0) throw new Error(`start ${vm.name}: ${result.stderr}`);
      const nodeDir = driver.describe(vm).nodeDir;
      const cqlAt = await waitFor(`${vm.name} CQL up`, 180_000, async () => cqlUpAt(nodeDir));
      await waitForStates(driver, vm, Object.fromEntries(nodes.slice(0, i + 1).map((n) => [n.ip, 'UN'])), 180_000);
      rows.push(`${vm.name} ${nodes[i]!.ip}: start→CQL up ${((cqlAt - started) / 1000).toFixed(1)} s, start→UN seen ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    let total = 0;
    for (const [i, vm] of vms.entries()) {
      const rss = rssBytes(driver.describe(vm).pid!);
      total += rss;
      rows[i] += `, RSS ${(rss / 1024 ** 2).toFixed(0)} MiB`;
    }
    console.log(rows.join('\n'));
    console.log(`six-node RSS total ${(total / 1024 ** 3).toFixed(2)} GiB; ratio to the 6 GiB budget ${(total / BUDGET_BYTES).toFixed(2)}`);
  } finally {
    await driver.close();
    rmSync(rootDir, { recursive: true, force: true });
  }
}

await main();
