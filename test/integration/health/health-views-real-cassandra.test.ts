import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuestVm } from '../../../local/arm-sim/guest-driver.js';
import { CassandraGuestDriver } from '../../../local/cassandra/cassandra-guest-driver.js';
import { fixtureVm, type FixtureNode } from '../cassandra/fixture-cloud-init.js';
import { waitFor, waitForStates } from '../cassandra/cluster-probes.js';
import { readCqlView } from '../../../shared/adapters/cql/read-cql-view.js';
import { renderProbeScript } from '../../../shared/domain/health/render-probe-script.js';
import { parseProbeOutput } from '../../../shared/domain/health/parse-probe-output.js';
import { parseNodetoolStatus } from '../../../shared/domain/health/parse-nodetool-status.js';
import { parseNodetoolInfo } from '../../../shared/domain/health/parse-nodetool-info.js';
import { parsePendingCompactions } from '../../../shared/domain/health/parse-compaction-stats.js';
import { parseTpstatsDropped } from '../../../shared/domain/health/parse-tpstats-dropped.js';
import { evaluateClusterHealth } from '../../../shared/domain/health/evaluate-cluster-health.js';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../shared/domain/health/health-thresholds.js';
import type { HealthViews, NodeProbe } from '../../../shared/domain/health/health-views.js';

// Addresses of their own, so this suite never collides with another suite's guests.
const nodes: FixtureNode[] = [
  { name: 'health-1', ip: '127.1.77.4', dc: 'dc1', rack: 'rack1' },
  { name: 'health-2', ip: '127.1.77.5', dc: 'dc1', rack: 'rack2' },
  { name: 'health-3', ip: '127.1.77.6', dc: 'dc1', rack: 'rack3' },
];
const managed = nodes.map((n) => ({ name: n.name, datacenter: n.dc, rack: n.rack, address: n.ip, vmName: n.name }));
const PROBE = renderProbeScript({ nodetool: ['nodetool'], dataDirectory: '/var/lib/cassandra' });

describe('health views against three real Cassandra 5.0 nodes', () => {
  const rootDir = mkdtempSync(join(tmpdir(), 'health-guests-'));
  const driver = new CassandraGuestDriver({ rootDir });
  const vms = nodes.map((n) => fixtureVm('health-itest', nodes, n)) as [GuestVm, GuestVm, GuestVm];

  const probeAll = async (): Promise<NodeProbe[]> => Promise.all(vms.map(async (vm) => {
    const result = await driver.runScript(vm, PROBE, { timeoutInMs: 120_000 });
    return parseProbeOutput(vm.name, new Date().toISOString(), result.stdout);
  }));
  const cqlView = () => readCqlView({ contactPoints: nodes.map((n) => n.ip), localDataCenter: 'dc1', perHostTimeoutInMs: 3_000 });
  const views = async (): Promise<HealthViews> => ({
    nodes: managed, cql: await cqlView(), probes: await probeAll(),
    azure: { observedAt: new Date().toISOString(), ok: true, vms: managed.map((n) => ({ vmName: n.vmName, powerState: 'running', provisioningState: 'succeeded' })) },
  });

  before(async () => {
    for (const vm of vms) await driver.create(vm);
    for (const [i, vm] of vms.entries()) {
      const started = await driver.runScript(vm, 'sudo systemctl start cassandra');
      assert.equal(started.exitCode, 0, started.stderr);
      await waitForStates(driver, vm, Object.fromEntries(nodes.slice(0, i + 1).map((n) => [n.ip, 'UN'])), 180_000);
    }
  });

  after(async () => {
    await driver.close();
    rmSync(rootDir, { recursive: true, force: true });
  });

  test('the parsers read real nodetool and df output (recorded when HEALTH_RECORD_DIR is set)', async () => {
    const raw: Record<string, string> = {};
    for (const cmd of ['nodetool status', 'nodetool info', 'nodetool tpstats', 'nodetool compactionstats', 'df -P -B1 /var/lib/cassandra']) {
      const result = await driver.runScript(vms[0], cmd, { timeoutInMs: 60_000 });
      assert.equal(result.exitCode, 0, `${cmd}: ${result.stderr}`);
      raw[cmd.startsWith('df') ? 'df' : cmd.split(' ')[1]!] = result.stdout;
    }
    const status = parseNodetoolStatus(raw.status!);
    assert.deepEqual(status.map((r) => `${r.status}${r.state} ${r.address} ${r.rack}`).sort(), nodes.map((n) => `UN ${n.ip} ${n.rack}`));
    assert.ok(status.every((r) => r.hostId && r.tokens === 16 && r.loadBytes !== undefined && r.ownsPercent !== undefined), raw.status);
    const info = parseNodetoolInfo(raw.info!);
    assert.equal(info.gossipActive, true);
    assert.equal(info.nativeTransportActive, true);
    assert.equal(info.datacenter, 'dc1');
    assert.ok((info.heapMaxMb ?? 0) > 0, raw.info);
    assert.ok(parsePendingCompactions(raw.compactionstats!) !== undefined, raw.compactionstats);
    assert.ok('MUTATION_REQ' in parseTpstatsDropped(raw.tpstats!), raw.tpstats);
    const dir = process.env.HEALTH_RECORD_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      for (const [name, text] of Object.entries(raw)) writeFileSync(join(dir, `${name}.txt`), text);
    }
  });

  test('all up: the CQL view and every deep probe agree, and the cluster is Healthy', async () => {
    const v = await views();
    assert.equal(v.cql.reachable, true, v.cql.error);
    assert.deepEqual(v.cql.hosts.map((h) => `${h.address}:${h.up}`).sort(), nodes.map((n) => `${n.ip}:true`));
    assert.equal(new Set(v.cql.hosts.map((h) => h.schemaVersion)).size, 1);
    for (const p of v.probes) {
      assert.equal(p.ok, true, p.error);
      assert.equal(p.status?.filter((r) => r.status === 'U').length, 3);
      assert.ok(p.disk && p.disk.usedPercent > 0 && p.disk.usedPercent < 100);
    }
    const report = evaluateClusterHealth(v, DEFAULT_HEALTH_THRESHOLDS, undefined, new Date().toISOString());
    assert.equal(report.status, 'Healthy', JSON.stringify(report.findings));
  });

  test('a killed process: the driver and the peers see it down, its own probe cannot reach it; Degraded naming it', async () => {
    const pid = driver.describe(vms[2]).pid;
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');
    await waitForStates(driver, vms[0], { [nodes[2]!.ip]: 'DN' }, 60_000);
    const v = await waitFor('the CQL view to see health-3 down', 30_000, async () => {
      const seen = await views();
      return seen.cql.hosts.some((h) => h.address === nodes[2]!.ip && !h.up) ? seen : undefined;
    });
    const own = v.probes.find((p) => p.node === 'health-3')!;
    assert.equal(own.status, undefined);
    assert.match(own.error ?? '', /status: exit/);
    assert.ok(own.disk, 'the VM still answers Run Command');
    const report = evaluateClusterHealth(v, DEFAULT_HEALTH_THRESHOLDS, undefined, new Date().toISOString());
    assert.equal(report.status, 'Degraded', JSON.stringify(report.findings));
    const down = report.findings.find((f) => f.code === 'node-down');
    assert.equal(down?.node, 'health-3');
    assert.ok(!report.findings.some((f) => f.code === 'dc-quorum-lost'));
  });
});
