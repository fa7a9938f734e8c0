import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import type { ArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import type { DeploymentNode } from '../../../shared/domain/deploy/deployment-plan.js';
import { LOCAL_SUBSCRIPTION_ID as SUBSCRIPTION } from '../../../local/stack/start-local-stack.js';
import { waitFor } from '../../support/wait-for.js';
import { hasEnded, useE2eStack } from '../support/e2e-stack.js';
import { runOnVm } from '../support/run-on-vm.js';
import { withSession } from '../support/cluster-checks.js';

/**
 * Three nodes, RF 3, four tokens each (twelve vnode ranges: a run of a keyspace is twelve
 * segments of a few seconds each), on an address space of their own.
 */
const SPEC = {
  cluster: { name: 'repairdemo', numTokens: 4, jvm: { maxHeapMiB: 512, newHeapMiB: 128 } },
  azure: { subscriptionId: SUBSCRIPTION, vmSize: 'Standard_B2ms', dataDisk: { sizeGiB: 64, sku: 'StandardSSD_LRS' } },
  datacenters: [{ name: 'dc1', region: 'eastus', racks: 3, nodes: 3,
    network: { addressSpace: '127.74.0.0/16', dataSubnet: '127.74.1.0/24', appSubnet: '127.74.2.0/24' } }],
  network: { cqlAllowedCidrs: ['127.0.0.1/32'] },
  keyspaces: [{ name: 'shop', replication: { dc1: 3 } }],
  schedules: { repair: { segmentsPerNode: 1, batchSize: 4 } },
};
const APP_SETTINGS = { HEALTH_CHECK_SCHEDULE: '0 0 0 1 1 *', AUTOPILOT_REPAIR_TIMER_SCHEDULE: '0 0 0 1 1 *' };
const ROWS = 200;
const POLL = { intervalInMs: 1000 };

interface RepairRun {
  runId: string;
  state: string;
  segmentsDone: number;
  segmentsTotal: number;
  pausedReason?: string;
  running: { node: string }[];
  error?: { code: string; message: string };
}

describe('repairs on the local stack: a repair that repairs, paused, resumed across a host kill, a node down mid-run, cancel', () => {
  const s = useE2eStack({ appSettings: APP_SETTINGS });
  const cluster = SPEC.cluster.name;
  let nodes: DeploymentNode[];
  let arm: ArmClients;
  let login: { username: string; password: string };

  const cql = <T>(work: (client: cassandra.Client) => Promise<T>) => withSession(nodes.map((n) => n.privateIp), 'dc1', login, work);
  const nodetool = async (node: DeploymentNode, args: string) => runOnVm(arm, node, `nodetool ${args} 2>&1`);
  const run = async (runId: string) => (await s.api('GET', `/api/clusters/${cluster}/repairs/${runId}`)).body as RepairRun;
  const waitRun = (runId: string, what: string, done: (r: RepairRun) => boolean, timeoutInMs = 300_000) =>
    waitFor(`repair ${runId}: ${what}`, timeoutInMs, async () => {
      const r = await run(runId);
      if (done(r)) return r;
      throw new Error(`last seen ${JSON.stringify(r)}`);
    }, POLL);
  async function start(body: unknown): Promise<string> {
    const answer = await s.api('POST', `/api/clusters/${cluster}/repairs`, { body });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    return (answer.body as { runId: string }).runId;
  }
  /** Partitions in the node's own SSTables of shop.items, after a flush. */
  async function partitionsOn(node: DeploymentNode): Promise<number> {
    await nodetool(node, 'flush shop items');
    const stats = await nodetool(node, 'tablestats shop.items');
    const match = /Number of partitions \(estimate\): (\d+)/.exec(stats);
    assert.ok(match, stats);
    return Number(match[1]);
  }
  /** Successful repair commands every node coordinated for a keyspace (system_views.repairs, pinned to each host). */
  async function repairsSucceeded(keyspace: string): Promise<number> {
    return cql(async (client) => {
      let total = 0;
      for (const host of client.hosts.values()) {
        const rs = await client.execute('SELECT keyspace_name, status FROM system_views.repairs', [], { host, prepare: false });
        total += rs.rows.filter((r) => r.get('keyspace_name') === keyspace && r.get('status') === 'success').length;
      }
      return total;
    });
  }
  const setCassandra = (node: DeploymentNode, verb: 'stop' | 'start') => runOnVm(arm, node, `sudo systemctl ${verb} cassandra`);
  const waitUp = (node: DeploymentNode) => waitFor(`${node.name} serving CQL`, 180_000, () => cql(async (client) => {
    const rs = await client.execute('SELECT now() FROM system.local', [], { host: client.hosts.values().find((h) => h.address.startsWith(node.privateIp)), prepare: false });
    return rs.rows.length === 1 ? true : undefined;
  }), POLL);

  before(async () => {
    nodes = (await s.deploy(SPEC)).plan.nodes;
    arm = s.armClients();
    login = { username: 'autopilot_admin', password: s.superuserPassword(cluster) };
    await cql(async (client) => {
      await client.execute('CREATE TABLE IF NOT EXISTS shop.items (id int PRIMARY KEY, name text)');
      // Tombstones of this table live a minute: its ledger entry turns overdue within the scenario.
      await client.execute('CREATE TABLE IF NOT EXISTS shop.carts (id int PRIMARY KEY, items int) WITH gc_grace_seconds = 60');
    });
  });

  test('bad input is a 400 naming the field; a run on a cluster with a node down is refused, saying which', async () => {
    const unknown = await s.api('POST', `/api/clusters/${cluster}/repairs`, { body: { keyspaces: ['nope'] } });
    assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
    assert.match(JSON.stringify(unknown.body), /\$\.keyspaces\[0\]/);
    const mode = await s.api('POST', `/api/clusters/${cluster}/repairs`, { body: { mode: 'sometimes' } });
    assert.equal(mode.status, 400);
    assert.match(JSON.stringify(mode.body), /\$\.mode/);

    await setCassandra(nodes[2]!, 'stop');
    const runId = await start({ keyspaces: ['shop'] });
    const op = await s.waitForOperation(runId, hasEnded, 120_000);
    assert.equal(op.status, 'Failed');
    assert.equal(op.error?.code, 'CASSOPS_CLUSTER_UNHEALTHY');
    assert.match(op.error?.message ?? '', new RegExp(nodes[2]!.privateIp.replace(/\./g, '\\.')));
    assert.equal((await run(runId)).state, 'Failed');
  });

  test('with hinted handoff off, rows written at QUORUM while a node is down are not on it; a repair run through the API puts every one there', async () => {
    const [first, second, third] = nodes as [DeploymentNode, DeploymentNode, DeploymentNode];
    for (const node of [first, second]) await nodetool(node, 'disablehandoff');
    await cql(async (client) => {
      for (let id = 0; id < ROWS; id++) {
        await client.execute('INSERT INTO shop.items (id, name) VALUES (?, ?)', [id, `item-${id}`],
          { prepare: true, consistency: cassandra.types.consistencies.quorum });
      }
    });
    await setCassandra(third, 'start');
    await waitUp(third);
    await nodetool(third, 'disablehandoff');
    assert.equal(await partitionsOn(third), 0, 'the node that was down holds none of the rows');

    const runId = await start({ keyspaces: ['shop'] });
    // Pause once a few segments are done: the segments in flight are stopped and nothing new starts.
    await waitRun(runId, 'two segments done', (r) => r.segmentsDone >= 2);
    assert.equal((await s.api('POST', `/api/clusters/${cluster}/repairs/${runId}/pause`)).status, 200);
    const paused = await waitRun(runId, 'paused', (r) => r.state === 'Paused' && r.running.length === 0, 120_000);
    await new Promise((r) => setTimeout(r, 8_000));
    assert.equal((await run(runId)).segmentsDone, paused.segmentsDone, 'nothing is repaired while paused');

    // The host dies mid-run and comes back; the run resumes where it stood.
    await s.stack.host.kill();
    await s.stack.restartHost();
    assert.equal((await s.api('POST', `/api/clusters/${cluster}/repairs/${runId}/resume`)).status, 200);
    const done = await waitRun(runId, 'Succeeded', (r) => r.state === 'Succeeded' || r.state === 'Failed');
    assert.equal(done.state, 'Succeeded', JSON.stringify(done));
    assert.equal(done.segmentsDone, done.segmentsTotal);
    assert.equal(await repairsSucceeded('shop'), done.segmentsTotal, 'every segment repaired exactly once: none again after the pause or the host kill');
    const op = await s.waitForOperation(runId, hasEnded, 60_000);
    assert.equal(op.status, 'Succeeded');
    assert.equal(op.percent, 100);

    const after = await partitionsOn(third);
    assert.ok(after >= ROWS * 0.95 && after <= ROWS * 1.05, `after the repair the node holds every row (estimate ${after} of ${ROWS})`);
  });

  test('the ledger shows each table repaired, and a table with a one-minute gc_grace_seconds turns overdue', async () => {
    const ledger = (await s.api('GET', `/api/clusters/${cluster}/repairs/ledger`)).body as { tables: { keyspace: string; table: string;
      lastCompleteRepairAt?: string; status: string }[] };
    const shop = ledger.tables.filter((t) => t.keyspace === 'shop');
    assert.deepEqual(shop.map((t) => t.table).sort(), ['carts', 'items']);
    for (const t of shop) assert.ok(t.lastCompleteRepairAt, `${t.table} repaired`);
    assert.equal(shop.find((t) => t.table === 'items')?.status, 'ok');
    const overdue = await waitFor('carts overdue', 120_000, async () => {
      const rows = ((await s.api('GET', `/api/clusters/${cluster}/repairs/ledger`)).body as typeof ledger).tables;
      return rows.find((t) => t.keyspace === 'shop' && t.table === 'carts' && t.status === 'critical');
    }, { intervalInMs: 5_000 });
    assert.ok(overdue);
    // The health check reports it as a finding naming the table.
    const started = await s.api('POST', `/api/clusters/${cluster}/health/check`);
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const { operationId } = started.body as { operationId: string };
    const health = await waitFor('the health check', 120_000, async () => {
      const latest = (await s.api('GET', `/api/clusters/${cluster}/health`)).body as { checkId?: string;
        findings: { code: string; table?: string; severity: string }[] };
      return latest.checkId === operationId ? latest : undefined;
    }, POLL);
    const finding = health.findings.find((f) => f.code === 'repair-overdue' && f.table === 'shop.carts');
    assert.equal(finding?.severity, 'critical', JSON.stringify(health.findings));
    assert.equal(health.findings.some((f) => f.code === 'repair-overdue' && f.table === 'shop.items'), false);
  });

  test('a node stopped mid-run pauses the run, and its restart resumes it', async () => {
    const runId = await start({ keyspaces: ['shop'] });
    await waitRun(runId, 'a segment done', (r) => r.segmentsDone >= 1);
    await setCassandra(nodes[1]!, 'stop');
    const paused = await waitRun(runId, 'paused for the node', (r) => r.state === 'Paused', 120_000);
    assert.match(paused.pausedReason ?? '', new RegExp(`node down: .*${nodes[1]!.privateIp.replace(/\./g, '\\.')}`));
    await setCassandra(nodes[1]!, 'start');
    await waitUp(nodes[1]!);
    const done = await waitRun(runId, 'Succeeded', (r) => r.state === 'Succeeded' || r.state === 'Failed');
    assert.equal(done.state, 'Succeeded', JSON.stringify(done));
    const op = await s.waitForOperation(runId, hasEnded, 60_000);
    assert.equal(op.status, 'Succeeded', 'the run\'s operation ends too, releasing the cluster');
  });

  test('cancel stops a run: Cancelled, its operation Failed with CASSOPS_REPAIR_CANCELLED, no repair left running on any node', async () => {
    const runId = await start({ keyspaces: ['shop'] });
    await waitRun(runId, 'under way', (r) => r.state === 'Running' && r.segmentsDone >= 1);
    assert.equal((await s.api('POST', `/api/clusters/${cluster}/repairs/${runId}/cancel`)).status, 200);
    const cancelled = await waitRun(runId, 'Cancelled', (r) => r.state === 'Cancelled', 120_000);
    assert.ok(cancelled.segmentsDone < cancelled.segmentsTotal);
    const op = await s.waitForOperation(runId, hasEnded, 60_000);
    assert.equal(op.error?.code, 'CASSOPS_REPAIR_CANCELLED');
    const running = await cql(async (client) => {
      let count = 0;
      for (const host of client.hosts.values()) {
        const rs = await client.execute('SELECT completed FROM system_views.repairs', [], { host, prepare: false });
        count += rs.rows.filter((r) => r.get('completed') !== true).length;
      }
      return count;
    });
    assert.equal(running, 0);
    assert.equal((await s.api('POST', `/api/clusters/${cluster}/repairs/${runId}/resume`)).status, 409, 'an ended run cannot be resumed');
  });
});
