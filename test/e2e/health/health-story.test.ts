import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TableHealthStore } from '../../../shared/adapters/state/table-health-store.js';
import type { ArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import type { DeploymentNode } from '../../../shared/domain/deploy/deployment-plan.js';
import { waitFor } from '../../support/wait-for.js';
import { vmAlert } from '../../unit/domain/health/alert-fixtures.js';
import { LOCAL_SUBSCRIPTION_ID as SUBSCRIPTION } from '../../../local/stack/start-local-stack.js';
import { useE2eStack } from '../support/e2e-stack.js';
import { runOnVm } from '../support/run-on-vm.js';
import { actionableFindings } from '../../../shared/domain/health/health-store.js';
import { isLoginRefused, withSession } from '../support/cluster-checks.js';

/** A spec with an address space of its own, so this scenario never collides with another suite's guests. */
const SPEC = {
  cluster: { name: 'healthdemo', numTokens: 16, jvm: { maxHeapMiB: 512, newHeapMiB: 128 } },
  azure: { subscriptionId: SUBSCRIPTION, vmSize: 'Standard_B2ms', dataDisk: { sizeGiB: 64, sku: 'StandardSSD_LRS' } },
  datacenters: [{ name: 'dc1', region: 'eastus', racks: 3, nodes: 3,
    network: { addressSpace: '127.37.0.0/16', dataSubnet: '127.37.1.0/24', appSubnet: '127.37.2.0/24' } }],
  network: { cqlAllowedCidrs: ['127.0.0.1/32'] },
  keyspaces: [{ name: 'app', replication: { dc1: 3 } }],
  // The story keeps its killed node down and its stopped VM stopped across checks; the autopilot's acts are the single-DC story's.
  autopilot: { restartCassandra: false, startVms: false },
};

const APP_SETTINGS = {
  // Checks follow each other within seconds here; in production the floor stays at two minutes.
  HEALTH_THRESHOLDS: JSON.stringify({ deepProbeMinIntervalInMs: 0 }),
  // The timer stays out of the way (yearly); the scenario runs sweeps through the admin endpoint.
  HEALTH_CHECK_SCHEDULE: '0 0 0 1 1 *',
};

// Twice a second: faster polls only add load to the host and the three guests sharing two cores.
const POLL = { intervalInMs: 500 };

interface Finding { code: string; node?: string; severity: string; since: string }
interface Health { status: string; checkId: string; trigger: string; evaluatedAt: string; findings: Finding[] }

describe('health on the local stack: Healthy, a killed node, a stopped VM, both restored, alerts', () => {
  const s = useE2eStack({ appSettings: APP_SETTINGS });
  // The three-node cluster the product deployed through its own API, and the clients to act on its VMs.
  let nodes: DeploymentNode[];
  let arm: ArmClients;
  const cluster = SPEC.cluster.name;
  const latest = async () => (await s.api('GET', `/api/clusters/${cluster}/health`)).body as Health;

  /** Starts a check through the check API and waits for its result. */
  async function checkNow(): Promise<Health> {
    const started = await s.api('POST', `/api/clusters/${cluster}/health/check`);
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const { statusQueryUri, operationId } = started.body as { statusQueryUri: string; operationId: string };
    const polled = await waitFor(`check ${operationId}`, 120_000, async () => {
      const answer = (await s.api('GET', statusQueryUri)).body as { status: string };
      return answer.status === 'Running' ? undefined : answer;
    }, POLL);
    assert.equal(polled.status, 'Succeeded', JSON.stringify(polled));
    const health = await latest();
    assert.equal(health.checkId, operationId);
    return health;
  }

  /**
   * Checks until one is Healthy. Counters from the restored nodes (hints, dropped messages) may
   * keep a check or two Degraded after the story's faults; a check that stays otherwise names its findings.
   */
  async function checkUntilHealthy(what: string, timeoutInMs: number, each: (h: Health) => void = () => {}): Promise<Health> {
    return waitFor(what, timeoutInMs, async () => {
      const h = await checkNow();
      each(h);
      if (h.status !== 'Healthy') throw new Error(`${h.status}: ${JSON.stringify(h.findings)}`);
      return h;
    }, POLL);
  }

  before(async () => {
    nodes = (await s.deploy(SPEC)).plan.nodes;
    arm = s.armClients();
  });

  test('a sweep started through the admin endpoint finds the three-node cluster Healthy', async () => {
    const started = Date.now();
    const admin = await s.admin('healthCheckTimer');
    assert.equal(admin.status, 202);
    const health = await waitFor('the first sweep', 120_000, async () => {
      const h = await latest();
      return h.status !== 'Unknown' || h.checkId ? h : undefined;
    }, POLL);
    console.log(`# one real sweep of the 3-node local cluster (CQL, ARM and deep probe): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.equal(health.status, 'Healthy', JSON.stringify(health.findings));
    assert.equal(health.trigger, 'timer');
  });

  test('kill one node\'s process: the next check is Degraded with node-down naming it', async () => {
    const victim = nodes[2]!;
    await runOnVm(arm, victim, 'kill -9 "$(cat "$CASSANDRA_GUEST_DIR/run/cassandra.pid")"');
    const health = await checkNow();
    assert.equal(health.status, 'Degraded', JSON.stringify(health.findings));
    const down = health.findings.find((f) => f.code === 'node-down');
    assert.equal(down?.node, victim.name);
  });

  test('power another VM off through the simulator: the finding says the VM is stopped; two racks down lose quorum', async () => {
    const stopped = nodes[1]!;
    await arm.compute.virtualMachines.beginPowerOffAndWait(stopped.resourceGroup, stopped.vmName, { updateIntervalInMs: 0 });
    const health = await checkNow();
    const vm = health.findings.find((f) => f.code === 'vm-stopped');
    assert.equal(vm?.node, stopped.name);
    assert.equal(health.status, 'Critical', JSON.stringify(health.findings));
    assert.ok(health.findings.some((f) => f.code === 'dc-quorum-lost'));
    const stillDown = health.findings.find((f) => f.code === 'node-down');
    assert.equal(stillDown?.node, nodes[2]!.name, 'the killed node is still reported, since the earlier check');
  });

  test('restore both: the cluster is Healthy again and the history tells the whole story, newest first', async () => {
    const [, stopped, killed] = nodes as [unknown, DeploymentNode, DeploymentNode];
    await arm.compute.virtualMachines.beginStartAndWait(stopped.resourceGroup, stopped.vmName, { updateIntervalInMs: 0 });
    await runOnVm(arm, stopped, 'sudo systemctl start cassandra');
    await runOnVm(arm, killed, 'sudo systemctl start cassandra');
    const health = await checkUntilHealthy('Healthy again', 180_000);
    assert.deepEqual(health.findings.filter((f) => f.code !== 'view-unavailable'), []);
    const history = (await s.api('GET', `/api/clusters/${cluster}/health/history?pageSize=100`)).body as { items: Health[] };
    const times = history.items.map((i) => i.evaluatedAt);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    // Oldest first, repeats folded: Healthy, the killed node, the stopped VM, then back to Healthy
    // (through Degraded while the nodes come back one by one).
    const story = history.items.map((i) => i.status).reverse().filter((st, i, all) => i === 0 || all[i - 1] !== st);
    assert.deepEqual(story.slice(0, 3), ['Healthy', 'Degraded', 'Critical'], story.join(' > '));
    assert.equal(story.at(-1), 'Healthy', story.join(' > '));
    // Each change of status or of the nodes acted on reached the autopilot once, through the cluster-events queue.
    const changes = history.items.slice().reverse().filter((h, i, all) => i === 0 || all[i - 1]!.status !== h.status
      || actionableFindings(all[i - 1]!) !== actionableFindings(h));
    const answered = await waitFor('the autopilot to answer every change', 60_000, async () => {
      const { decisions } = (await s.api('GET', `/api/clusters/${cluster}/remediations`)).body as { decisions: { checkId: string; status: string; decision: string; reason: string }[] };
      const byCheck = [...new Map([...decisions].reverse().map((d) => [d.checkId, d])).values()];
      return byCheck.length >= changes.length ? { byCheck, decisions } : undefined;
    }, POLL);
    assert.deepEqual(answered.byCheck.map((d) => d.checkId), changes.map((h) => h.checkId), 'one cluster-events message per change, each decided once');
    assert.ok(answered.decisions.filter((d) => d.decision === 'declined').every((d) => /autopilot\.(restartCassandra|startVms) is (false|off)|lost quorum/.test(d.reason)),
      JSON.stringify(answered.decisions));
    assert.equal(answered.decisions.some((d) => d.decision === 'taken'), false, 'nothing restarted while the spec says not to');
  });

  test('an alert on one of the cluster\'s VMs is answered 202 at once and triggers a check; a retry is recorded once', async () => {
    const node = nodes[0]!;
    const target = `/subscriptions/${SUBSCRIPTION}/resourcegroups/${node.resourceGroup.toLowerCase()}/providers/microsoft.compute/virtualmachines/${node.vmName.toLowerCase()}`;
    const alert = vmAlert(target);
    const first = await s.api('POST', '/api/alerts', { body: alert });
    assert.equal(first.status, 202);
    assert.ok(first.ms < 2_000, `answered in ${first.ms} ms`);
    const checked = await waitFor('the alert-triggered check', 120_000, async () => {
      const history = (await s.api('GET', `/api/clusters/${cluster}/health/history?pageSize=100`)).body as { items: Health[] };
      return history.items.find((i) => i.trigger === 'alert');
    }, POLL);
    assert.equal(checked.status, 'Healthy');
    assert.equal((await s.api('POST', '/api/alerts', { body: alert })).status, 202);
    const store = TableHealthStore.fromConnectionString(s.stack.azurite.connectionString);
    const recorded = await waitFor('the alert record', 30_000, async () => store.getAlert(alert.data.essentials.alertId, 'Fired'), POLL);
    assert.equal(recorded.node, node.name);
    assert.equal(recorded.checkId, checked.checkId);
    const history = (await s.api('GET', `/api/clusters/${cluster}/health/history?pageSize=100`)).body as { items: Health[] };
    assert.equal(history.items.filter((i) => i.trigger === 'alert').length, 1, 'the retried alert started no second check');
  });

  test('malformed alerts get 400 with the reason; unmatched ones 202 and are recorded', async () => {
    const bad = await s.api('POST', '/api/alerts', { body: { schemaId: 'azureMonitorCommonAlertSchema', data: { essentials: { severity: 'loud' } } } });
    assert.equal(bad.status, 400);
    const issues = (bad.body as { issues: { path: string }[] }).issues.map((i) => i.path);
    assert.ok(issues.includes('$.data.essentials.alertId') && issues.includes('$.data.essentials.severity'), issues.join());
    assert.equal((await s.api('POST', '/api/alerts', { rawBody: '{not json' })).status, 400);
    const other = vmAlert(`/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-not-ours/providers/microsoft.compute/virtualmachines/vm-x`);
    other.data.essentials.alertId += '-unmatched';
    assert.equal((await s.api('POST', '/api/alerts', { body: other })).status, 202);
    const store = TableHealthStore.fromConnectionString(s.stack.azurite.connectionString);
    const recorded = await waitFor('the unmatched alert record', 30_000, async () => store.getAlert(other.data.essentials.alertId, 'Fired'), POLL);
    assert.equal(recorded.cluster, undefined);
  });

  test('the check logs in as the read-only monitoring role: it works with the superuser\'s login off, and not without its own', async () => {
    const ips = nodes.map((n) => n.privateIp);
    const admin = { username: 'autopilot_admin', password: s.superuserPassword(cluster) };
    const monitor = { username: 'autopilot_monitor', password: s.secret(`${cluster}-cassandra-monitoring`) };
    const root = { username: 'e2e_root', password: 'e2e-root-secret' };
    const cql = (login: { username: string; password: string }, statement: string) => withSession(ips, 'dc1', login, (c) => c.execute(statement));
    const role = await withSession(ips, 'dc1', admin, (c) => c.execute(
      'SELECT is_superuser, can_login FROM system_auth.roles WHERE role = ?', [monitor.username], { prepare: true }));
    assert.deepEqual([role.first()?.get('is_superuser'), role.first()?.get('can_login')], [false, true]);
    const grants = await withSession(ips, 'dc1', admin, (c) => c.execute(`LIST ALL PERMISSIONS OF ${monitor.username}`));
    assert.deepEqual(grants.rows.map((r) => `${r.get('resource')} ${r.get('permission')}`), ['<keyspace system_views> SELECT']);
    const refused = (login: { username: string; password: string }) => isLoginRefused(ips[0]!, 'dc1', login.username, login.password);
    await checkUntilHealthy('a Healthy check before the logins change', 90_000);
    // A superuser of the test's own, to switch the product's logins off and on.
    await cql(admin, `CREATE ROLE IF NOT EXISTS ${root.username} WITH PASSWORD = '${root.password}' AND SUPERUSER = true AND LOGIN = true`);
    await waitFor('the test\'s superuser to log in', 30_000, async () => (await refused(root)) ? undefined : true, POLL);
    try {
      await cql(root, `ALTER ROLE ${admin.username} WITH LOGIN = false`);
      await waitFor('the product\'s superuser login to be refused', 30_000, async () => (await refused(admin)) || undefined, POLL);
      await checkUntilHealthy('a Healthy check without the superuser\'s login', 90_000, (h) => assert.deepEqual(
        h.findings.filter((f) => f.code === 'view-unavailable'), [], 'the CQL view was read without the superuser'));
      await cql(root, `ALTER ROLE ${monitor.username} WITH LOGIN = false`);
      await waitFor('the monitoring login to be refused', 30_000, async () => (await refused(monitor)) || undefined, POLL);
      const withoutMonitor = await checkNow();
      const unavailable = withoutMonitor.findings.find((f) => f.code === 'view-unavailable') as (Finding & { message?: string }) | undefined;
      assert.match(unavailable?.message ?? '', /refused the product's CQL login/, JSON.stringify(withoutMonitor.findings));
    } finally {
      await cql(root, `ALTER ROLE ${monitor.username} WITH LOGIN = true`);
      await cql(root, `ALTER ROLE ${admin.username} WITH LOGIN = true`);
      await waitFor('the product\'s logins back', 30_000, async () => (await refused(admin)) || (await refused(monitor)) ? undefined : true, POLL);
      await cql(admin, `DROP ROLE ${root.username}`);
    }
    await checkUntilHealthy('a Healthy check with the product\'s logins back', 90_000);
  });
});
