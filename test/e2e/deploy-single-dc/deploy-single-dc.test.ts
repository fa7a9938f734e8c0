import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TableServiceClient, TableClient } from '@azure/data-tables';
import cassandra from 'cassandra-driver';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasEnded, useE2eStack, type E2eStack, type OperationBody } from '../support/e2e-stack.js';
import { e2eSpec } from '../support/e2e-specs.js';
import { isLoginRefused, ringView, withSession } from '../support/cluster-checks.js';
import { runOnVm } from '../support/run-on-vm.js';
import { underLoad } from '../support/under-load.js';
import { waitFor } from '../../support/wait-for.js';
import type { DeploymentNode } from '../../../shared/domain/deploy/deployment-plan.js';
import { CASSANDRA_VERSION, PREVIOUS_CASSANDRA_VERSION } from '../../../local/cassandra/cassandra-home.js';

// One three-node cluster, booted once: faults first (the run fails with Azure's reason before any
// Cassandra starts), then the re-run with the same Idempotency-Key resumes to Ready, rolling
// restarts under a client's load, then deletion. It is deployed on the release before the local
// stack's newest, so that its update also upgrades Cassandra by rolling restart.
const NAME = 'eone';
/** The cluster's first spec: three nodes pinned to the older release. */
const firstSpec = () => {
  const spec = e2eSpec(NAME, 1, { subnetOctet: 68 }) as { cluster: Record<string, unknown> };
  spec.cluster = { ...spec.cluster, cassandraVersion: PREVIOUS_CASSANDRA_VERSION };
  return spec;
};
const IPS = ['127.1.68.4', '127.1.68.5', '127.1.68.6'];
const fault = (t: E2eStack, rule: unknown) => t.stack.sim.faults.add(rule as Parameters<E2eStack['stack']['sim']['faults']['add']>[0]);

describe('three-node single-DC cluster on the local stack', { timeout: 600_000 }, () => {
  // Health checks run when the story asks for them: the timer stays out of the way (yearly).
  const t = useE2eStack({ appSettings: { HEALTH_CHECK_SCHEDULE: '0 0 0 1 1 *' } });
  let operationId: string;

  it('fails with Azure\'s reason when a VM cannot be allocated, after riding out 429s and a 500', async () => {
    fault(t, { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'PUT', count: 2, fault: { kind: 'throttle', retryAfterSeconds: 0 } });
    fault(t, { resourceType: 'Microsoft.Network/networkInterfaces', verb: 'PUT', count: 1, fault: { kind: 'error', code: 'InternalServerError', status: 500 } });
    fault(t, { resourceType: 'Microsoft.Compute/virtualMachines', verb: 'PUT', count: 1, fault: { kind: 'failLro', code: 'AllocationFailed', message: 'Allocation failed. We do not have sufficient capacity for the requested VM size in this region.' } });
    const res = await t.api('POST', '/api/clusters', { body: firstSpec(), headers: { 'idempotency-key': 'e2e-eone-1' } });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    operationId = (res.body as { operationId: string }).operationId;
    const op = await t.waitForOperation(operationId, hasEnded, 120_000);
    assert.equal(op.status, 'Failed');
    assert.equal(op.error?.azureCode, 'AllocationFailed');
    assert.match(op.error?.message ?? '', /VM vm-eone-dc1-00\d: AllocationFailed: Allocation failed/);
    const cluster = await t.api('GET', `/api/clusters/${NAME}`);
    assert.equal((cluster.body as { state: string }).state, 'Failed');
    assert.equal((cluster.body as { runningOperationId: unknown }).runningOperationId, null);
  });

  it('resumes the same operation when the request is retried with its Idempotency-Key, and reaches Ready', async () => {
    const res = await t.api('POST', '/api/clusters', { body: firstSpec(), headers: { 'idempotency-key': 'e2e-eone-1' } });
    assert.equal(res.status, 202);
    assert.equal((res.body as { operationId: string }).operationId, operationId);
    const op = await t.waitForOperation(operationId, hasEnded, 420_000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(op.steps.map((s) => [s.name, s.status]), [['validate', 'Succeeded'], ['network', 'Succeeded'], ['nodes', 'Succeeded'],
      ['join', 'Succeeded'], ['harden', 'Succeeded'], ['smokeTest', 'Succeeded']]);
    const cluster = (await t.api('GET', `/api/clusters/${NAME}`)).body as { state: string; nodes: { state: string }[] };
    assert.equal(cluster.state, 'Ready');
    assert.deepEqual(cluster.nodes.map((n) => n.state), ['Joined', 'Joined', 'Joined']);
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Compute/virtualMachines').length, 3, 'no duplicate VMs');
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Network/networkInterfaces').length, 3, 'no duplicate NICs');
  });

  it('has every node UN in its DC and rack, the default login refused and the generated superuser working', async () => {
    const password = t.superuserPassword(NAME);
    const ring = await withSession(IPS, 'dc1', { username: 'autopilot_admin', password }, ringView);
    assert.deepEqual([...ring.entries()].sort(), IPS.map((ip, i) => [ip, { dc: 'dc1', rack: `rack${i + 1}`, up: true }]));
    assert.equal(await isLoginRefused(IPS[0]!, 'dc1', 'cassandra', 'cassandra'), true);
  });

  it('keeps the passwords, the CA key and the nodes\' TLS keys out of tables and logs', async () => {
    const stored = JSON.parse(readFileSync(join(t.stateDir, 'secrets', 'secrets.json'), 'utf8')) as Record<string, string>;
    // A PEM key is matched by its base64 lines: JSON and logs escape the line breaks between them.
    const keyLines = (pem: string) => pem.split('\n').filter((line) => line.length > 0 && !line.startsWith('-----'));
    const nodeKeys = IPS.map((_, i) => readFileSync(join(t.stateDir, 'guests', `rg-${NAME}-dc1`, `vm-${NAME}-dc1-00${i + 1}`,
      'etc', 'cassandra', 'tls', 'node-keystore.pem'), 'utf8')).map((pem) => pem.slice(0, pem.indexOf('-----END PRIVATE KEY-----')));
    const secrets: [string, string][] = [['superuser password', t.superuserPassword(NAME)], ['monitoring password', stored[`${NAME}-cassandra-monitoring`]!],
      ...keyLines(stored[`${NAME}-cassandra-ca-key`]!).map((line) => ['CA key', line] as [string, string]),
      ...nodeKeys.flatMap((pem, i) => keyLines(pem).map((line) => [`${IPS[i]}'s key`, line] as [string, string]))];
    assert.ok(secrets.length >= 2 + 2 * 4, 'the secrets and every key are there to look for');
    for (const [what, value] of secrets) assert.ok(value && value.length >= 16, what);
    const service = TableServiceClient.fromConnectionString(t.stack.azurite.connectionString, { allowInsecureConnection: true });
    for await (const table of service.listTables()) {
      const client = TableClient.fromConnectionString(t.stack.azurite.connectionString, table.name ?? '', { allowInsecureConnection: true });
      for await (const entity of client.listEntities()) {
        const text = JSON.stringify(entity);
        for (const [what, value] of secrets) assert.equal(text.includes(value), false, `${what} in table ${table.name}`);
      }
    }
    const logs = [t.stack.host.logs().join('\n'), readFileSync(t.stack.sim.requestLogFile, 'utf8')];
    for (const [what, value] of secrets) assert.ok(logs.every((log) => !log.includes(value)), `${what} in a log`);
  });

  /** Every node's Cassandra release as IPS[0]'s gossip holds it. */
  const releases = () => withSession(IPS, 'dc1', { username: 'autopilot_admin', password: t.superuserPassword(NAME) }, async (client) => {
    const rows = (await client.execute('SELECT address, release_version FROM system_views.gossip_info')).rows;
    return Object.fromEntries(rows.map((r) => [String(r.get('address')), String(r.get('release_version'))]).sort());
  });

  it('runs the release the spec pins on every node', async () => {
    assert.deepEqual(await releases(), Object.fromEntries(IPS.map((ip) => [ip, PREVIOUS_CASSANDRA_VERSION])));
  });

  /** Every node's gossip generation as IPS[0] holds it: a restart gives a node a new, higher one. */
  const generations = () => withSession(IPS, 'dc1', { username: 'autopilot_admin', password: t.superuserPassword(NAME) }, async (client) => {
    const rows = (await client.execute('SELECT address, generation FROM system_views.gossip_info')).rows;
    return new Map(rows.map((r) => [String(r.get('address')), Number(r.get('generation'))]));
  });

  /** Runs `work` under a LOCAL_QUORUM client in dc1 (underLoad). */
  const load = <T>(work: () => Promise<T>) => underLoad({ contactPoints: IPS, dc: 'dc1',
    credentials: { username: 'autopilot_admin', password: t.superuserPassword(NAME) } }, work);

  it('restarts the three nodes one at a time while a client at LOCAL_QUORUM sees no failed request, and lists the restart first', async () => {
    const before = await generations();
    const { result: op, ok, failed } = await load(async () => {
      const answer = await t.api('POST', `/api/clusters/${NAME}/restart`);
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      return t.waitForOperation((answer.body as { operationId: string }).operationId, hasEnded, 540_000);
    });
    console.log(`rolling restart of 3 nodes: ${op.steps.map((st) => `${st.name} ${st.status}`).join(', ')}; ${ok} client requests at LOCAL_QUORUM, ${failed.length} failed`);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(op.steps.map((st) => [st.name, st.status]), [['check', 'Succeeded'], ['restart', 'Succeeded']]);
    assert.deepEqual(failed, []);
    assert.ok(ok >= 100, `the client ran throughout (${ok} requests)`);
    const after = await generations();
    for (const ip of IPS) assert.ok(after.get(ip)! > before.get(ip)!, `${ip} restarted: generation ${before.get(ip)} → ${after.get(ip)}`);
    const listed = (await t.api('GET', `/api/clusters/${NAME}/operations`)).body as { operations: { id: string; kind: string; status: string }[] };
    assert.deepEqual(listed.operations.slice(0, 2).map((o) => [o.id, o.kind]), [[op.id, 'RestartCluster'], [operationId, 'DeployCluster']]);
    assert.equal((await t.api('GET', `/api/clusters/${NAME}/operations?limit=0`)).status, 400);
  });

  it('restarts one node through a host kill mid-way: the same operation finishes it, and the client still sees no failure', async () => {
    const node = ((await t.api('GET', `/api/clusters/${NAME}`)).body as { nodes: { name: string; privateIp: string }[] }).nodes[1]!;
    assert.equal((await t.api('POST', `/api/clusters/${NAME}/nodes/nope/restart`)).status, 404);
    const before = await generations();
    const { result: op, failed } = await load(async () => {
      const answer = await t.api('POST', `/api/clusters/${NAME}/nodes/${node.name}/restart`);
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      const id = (answer.body as { operationId: string }).operationId;
      await t.waitForOperation(id, (o) => o.steps.some((st) => st.name === 'restart' && st.status === 'Running') || hasEnded(o), 120_000);
      await t.stack.host.kill();
      await t.stack.restartHost();
      return t.waitForOperation(id, hasEnded, 300_000);
    });
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(failed, []);
    assert.ok((await generations()).get(node.privateIp)! > before.get(node.privateIp)!, `${node.name} restarted`);
  });

  /** A health check started through the API, waited for; returns the cluster's health it recorded. */
  async function checkNow(): Promise<{ status: string; checkId: string; findings: { code: string; node?: string }[] }> {
    const started = await t.api('POST', `/api/clusters/${NAME}/health/check`);
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const { statusQueryUri, operationId: checkId } = started.body as { statusQueryUri: string; operationId: string };
    await waitFor(`check ${checkId}`, 120_000, async () => ((await t.api('GET', statusQueryUri)).body as { status: string }).status !== 'Running' || undefined,
      { intervalInMs: 500 });
    const health = (await t.api('GET', `/api/clusters/${NAME}/health`)).body as Awaited<ReturnType<typeof checkNow>>;
    assert.equal(health.checkId, checkId);
    return health;
  }
  interface Decision { id: string; checkId: string; node?: string; action: string; decision: string; reason: string; operationId?: string }
  const decisionsOf = async (checkId: string) => waitFor(`the autopilot's decision on ${checkId}`, 60_000, async () => {
    const listed = ((await t.api('GET', `/api/clusters/${NAME}/remediations`)).body as { decisions: Decision[] }).decisions.filter((d) => d.checkId === checkId);
    return listed.length > 0 ? listed : undefined;
  }, { intervalInMs: 500 });

  it('the autopilot restarts Cassandra killed on one node, without an approval, once; killed again within the hour, it proposes a replacement, which a rejection ends', async () => {
    const plan = ((await t.api('GET', `/api/clusters/${NAME}`)).body as { plan: { nodes: DeploymentNode[] } }).plan;
    const victim = plan.nodes[2]!;
    const kill = () => runOnVm(t.armClients(), victim, 'kill -9 "$(cat "$CASSANDRA_GUEST_DIR/run/cassandra.pid")"');
    assert.equal((await checkNow()).status, 'Healthy');
    const before = await generations();
    await kill();
    const degraded = await checkNow();
    assert.equal(degraded.status, 'Degraded', JSON.stringify(degraded.findings));
    assert.equal(degraded.findings.find((f) => f.code === 'node-down')?.node, victim.name);
    const [taken] = await decisionsOf(degraded.checkId);
    assert.deepEqual([taken?.node, taken?.decision, taken?.operationId], [victim.name, 'taken', `remediate-${degraded.checkId}`], JSON.stringify(taken));
    const op = await t.waitForOperation(taken!.operationId!, hasEnded, 300_000) as unknown as { status: string; kind: string; trigger: string; requestedBy: string };
    assert.deepEqual([op.status, op.kind, op.trigger, op.requestedBy], ['Succeeded', 'RestartCluster', 'remediation', 'autopilot']);
    assert.ok((await generations()).get(victim.privateIp)! > before.get(victim.privateIp)!, `${victim.name} runs a new Cassandra`);
    const healthy = await checkNow();
    assert.equal(healthy.status, 'Healthy', JSON.stringify(healthy.findings));
    assert.deepEqual((await decisionsOf(healthy.checkId)).map((d) => d.decision), ['nothing-to-do']);

    // Down again within the hour: no second restart; a replacement is proposed, and a person rejects it.
    await kill();
    const again = await checkNow();
    assert.equal(again.status, 'Degraded');
    const [proposed] = await decisionsOf(again.checkId);
    assert.deepEqual([proposed?.action, proposed?.decision], ['replaceNode', 'taken'], JSON.stringify(proposed));
    assert.match(proposed?.reason ?? '', /is down again after its Cassandra was restarted at .*: a replacement at its address is proposed/);
    await t.waitForOperation(proposed!.operationId!, (o) => o.status === 'AwaitingApproval' || hasEnded(o), 120_000);
    assert.equal((await t.api('POST', `/api/operations/${proposed!.operationId}/reject`, { body: { reason: 7 } })).status, 400, 'a bad reason is refused');
    const rejected = await t.api('POST', `/api/operations/${proposed!.operationId}/reject`, { body: { reason: 'restarting it by hand' } });
    assert.equal(rejected.status, 202, JSON.stringify(rejected.body));
    const ended = await t.waitForOperation(proposed!.operationId!, hasEnded, 120_000) as OperationBody & { decision?: { approved: boolean; reason?: string } };
    assert.deepEqual([ended.status, ended.error?.code, ended.decision?.approved, ended.decision?.reason],
      ['Failed', 'CASSOPS_APPROVAL_REJECTED', false, 'restarting it by hand']);
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Compute/virtualMachines').length, 3, 'the rejected replacement changed nothing');
    const ops = ((await t.api('GET', `/api/clusters/${NAME}/operations`)).body as { operations: { kind: string; trigger: string }[] }).operations;
    assert.deepEqual(ops.filter((o) => o.trigger === 'remediation').map((o) => o.kind), ['ReplaceNode', 'RestartCluster'], 'one automatic restart');
    console.log(`autopilot: ${victim.name} killed, restarted by ${taken!.operationId}; killed again within the hour: ${proposed!.reason}; rejected: ${ended.error?.message}`);
    await runOnVm(t.armClients(), victim, 'sudo systemctl start cassandra');
  });

  /** Each node's effective ownership of customers_ks (percent) and state, as `nodetool status` on the first VM prints them. */
  async function ownership(plan: { nodes: DeploymentNode[] }): Promise<Map<string, { state: string; owns: number; rack: string }>> {
    const out = await runOnVm(t.armClients(), plan.nodes[0]!, 'nodetool status customers_ks');
    const rows = out.split('\n').map((line) => /^([UD][NLJM])\s+(\S+)\s.*?\s([\d.]+)%\s+\S+\s+(\S+)\s*$/.exec(line.trim())).filter((m) => m !== null);
    return new Map(rows.map((m) => [m[2]!, { state: m[1]!, owns: Number(m[3]), rack: m[4]! }]));
  }

  /**
   * The spec of `nodes` nodes on the newest release with a 320 MiB heap (below the guests' 384 MiB
   * cap, so it is the heap they run with), restarted rack by rack.
   */
  const smallHeap = (nodes: number) => {
    const spec = e2eSpec(NAME, 1, { subnetOctet: 68 }) as { cluster: Record<string, unknown>; datacenters: { nodes: number }[] };
    spec.cluster = { ...spec.cluster, cassandraVersion: CASSANDRA_VERSION, jvm: { maxHeapMiB: 320 }, rollingRestart: 'rack' };
    spec.datacenters[0]!.nodes = nodes;
    return spec;
  };
  /** The heap's maximum in MiB each node reports (`nodetool info`), by node. */
  async function heaps(nodes: DeploymentNode[]): Promise<Record<string, number>> {
    const entries = await Promise.all(nodes.map(async (n) => [n.name,
      Number(/Heap Memory \(MB\)\s*:\s*[\d.]+\s*\/\s*([\d.]+)/.exec(await runOnVm(t.armClients(), n, 'nodetool info'))?.[1])] as const));
    return Object.fromEntries(entries);
  }

  it('an upgrade, a heap change and 3 → 4 in one update, under a LOCAL_QUORUM client through a host kill: rolling restart, bootstrap, cleanup, ownership splits the rack', async () => {
    // The autopilot's story ends with a node's Cassandra starting again: an update starts only when every node is up.
    await waitFor('every node up after the autopilot\'s story', 120_000, async () => ((await checkNow()).status === 'Healthy' || undefined), { intervalInMs: 2_000 });
    const current = await t.api('GET', `/api/clusters/${NAME}`);
    const etag = current.headers.get('etag') ?? '';
    assert.equal((current.body as { etag: string }).etag, etag);
    const four = smallHeap(4);
    assert.equal((await t.api('PUT', `/api/clusters/${NAME}`, { body: four, headers: { 'if-match': '"stale"' } })).status, 412);
    const refused = await t.api('PUT', `/api/clusters/${NAME}`, { body: { ...four, cluster: { ...four.cluster, numTokens: 8 } }, headers: { 'if-match': etag } });
    assert.deepEqual([refused.status, (refused.body as { code: string; issues: { path: string }[] }).issues?.map((i) => i.path)], [409, ['$.cluster.numTokens']]);
    const { result: op, ok, failed } = await load(async () => {
      const answer = await t.api('PUT', `/api/clusters/${NAME}`, { body: four, headers: { 'if-match': etag } });
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      const id = (answer.body as { operationId: string }).operationId;
      await t.waitForOperation(id, (o) => o.steps.some((st) => st.name === 'join' && st.status === 'Running') || hasEnded(o), 240_000);
      await t.stack.host.kill();
      await t.stack.restartHost();
      return t.waitForOperation(id, hasEnded, 540_000);
    });
    console.log(`scale 3 → 4: ${op.steps.map((st) => `${st.name} ${st.status}${st.message ? ` (${st.message})` : ''}`).join(', ')}; ${ok} client requests at LOCAL_QUORUM, ${failed.length} failed`);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(failed, []);
    assert.equal(op.steps.find((st) => st.name === 'cleanup')?.message, '3 node(s) cleaned up');
    assert.equal(op.steps.find((st) => st.name === 'restart')?.message, `3 node(s) upgraded to Cassandra ${CASSANDRA_VERSION}`);
    const cluster = (await t.api('GET', `/api/clusters/${NAME}`)).body as { nodes: { name: string; state: string }[]; plan: { nodes: DeploymentNode[] }; etag: string };
    assert.deepEqual(cluster.nodes.map((n) => [n.name, n.state]), [1, 2, 3, 4].map((k) => [`${NAME}-dc1-00${k}`, 'Joined']));
    assert.notEqual(cluster.etag, etag, 'the committed spec has a new ETag');
    const heap = await heaps(cluster.plan.nodes);
    console.log(`heap after the update (MiB): ${JSON.stringify(heap)}`);
    for (const [node, max] of Object.entries(heap)) assert.ok(max >= 280 && max <= 320, `${node} runs a ${max} MiB heap`);
    const upgraded = await releases();
    console.log(`releases after the update: ${JSON.stringify(upgraded)}`);
    assert.deepEqual(upgraded, Object.fromEntries(cluster.plan.nodes.map((n) => [n.privateIp, CASSANDRA_VERSION]).sort()), 'the three upgraded, the new node installed at it');
    const back = await t.api('POST', `/api/clusters/${NAME}/plan`, { body: { ...four, cluster: { ...four.cluster, cassandraVersion: PREVIOUS_CASSANDRA_VERSION } } });
    assert.deepEqual((back.body as { refused: { path: string }[] }).refused?.map((r) => r.path), ['$.cluster.cassandraVersion'], JSON.stringify(back.body));
    const owns = await ownership(cluster.plan);
    console.log(`ownership after scale out: ${[...owns].map(([ip, o]) => `${ip} ${o.rack} ${o.state} ${o.owns}%`).join(', ')}`);
    assert.deepEqual([...owns.values()].map((o) => o.state), ['UN', 'UN', 'UN', 'UN']);
    // RF 3 over three racks puts one replica in each rack: rack1's two nodes share its ranges, the others own everything.
    for (const [ip, o] of owns) {
      if (o.rack === 'rack1') assert.ok(o.owns >= 35 && o.owns <= 65, `${ip} owns ${o.owns}% of rack1's half`);
      else assert.ok(o.owns > 99, `${ip} owns ${o.owns}%`);
    }
  });

  it('restarts rack by rack as the spec now asks: rack1\'s two nodes go down together, and the client sees no failure', async () => {
    const before = await generations();
    const { result: op, ok, failed } = await load(async () => {
      const answer = await t.api('POST', `/api/clusters/${NAME}/restart`);
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      const id = (answer.body as { operationId: string }).operationId;
      const rack1 = await t.waitForOperation(id, (o) => /restarting rack dc1\/rack1/.test(o.steps.find((st) => st.name === 'restart')?.message ?? '') || hasEnded(o), 120_000);
      assert.match(rack1.steps.find((st) => st.name === 'restart')?.message ?? '', new RegExp(`restarting rack dc1/rack1: ${NAME}-dc1-001, ${NAME}-dc1-004 \\(1 of 3\\)`));
      return t.waitForOperation(id, hasEnded, 540_000);
    });
    console.log(`rolling restart by rack of 4 nodes: ${op.steps.map((st) => `${st.name} ${st.status}`).join(', ')}; ${ok} client requests at LOCAL_QUORUM, ${failed.length} failed`);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(failed, []);
    const after = await generations();
    for (const [ip, generation] of before) assert.ok(after.get(ip)! > generation, `${ip} restarted`);
  });

  it('scales 4 → 3: the newest node decommissions, its VM, NIC and disks are deleted, and the client sees no failure', async () => {
    const etag = (await t.api('GET', `/api/clusters/${NAME}`)).headers.get('etag') ?? '';
    const { result: op, ok, failed } = await load(async () => {
      const answer = await t.api('PUT', `/api/clusters/${NAME}`, { body: smallHeap(3), headers: { 'if-match': etag } });
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      assert.deepEqual((answer.body as { nodesRemoved: { node: string }[] }).nodesRemoved.map((n) => n.node), [`${NAME}-dc1-004`]);
      return t.waitForOperation((answer.body as { operationId: string }).operationId, hasEnded, 540_000);
    });
    console.log(`scale 4 → 3: ${op.steps.map((st) => `${st.name} ${st.status}`).join(', ')}; ${ok} client requests at LOCAL_QUORUM, ${failed.length} failed`);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual(failed, []);
    const cluster = (await t.api('GET', `/api/clusters/${NAME}`)).body as { nodes: { name: string }[]; plan: { nodes: DeploymentNode[] } };
    assert.deepEqual(cluster.nodes.map((n) => n.name), [1, 2, 3].map((k) => `${NAME}-dc1-00${k}`));
    const owns = await ownership(cluster.plan);
    assert.deepEqual([...owns].map(([ip, o]) => [ip, o.state, o.owns]).sort(), IPS.map((ip) => [ip, 'UN', 100]), 'no node left behind in gossip');
    for (const type of ['Microsoft.Compute/virtualMachines', 'Microsoft.Network/networkInterfaces', 'Microsoft.Compute/disks']) {
      assert.deepEqual(t.resourcesOf(NAME, type).map((r) => String(r.name)).filter((n) => n.includes('dc1-004')), [], `${type} of the removed node`);
    }
    assert.equal(t.resourcesOf(NAME, 'Microsoft.Compute/virtualMachines').length, 3);
  });

  it('a node\'s VM deleted: health reports it, the autopilot proposes a replacement, an approval lets it run, and reads at ALL of earlier rows succeed', async () => {
    const cluster = (await t.api('GET', `/api/clusters/${NAME}`)).body as { plan: { nodes: DeploymentNode[] } };
    const victim = cluster.plan.nodes[1]!;
    const login = { username: 'autopilot_admin', password: t.superuserPassword(NAME) };
    const all = { prepare: true, consistency: cassandra.types.consistencies.all };
    await withSession(IPS, 'dc1', login, async (client) => {
      await client.execute("CREATE KEYSPACE IF NOT EXISTS replace_check WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}");
      await client.execute('CREATE TABLE IF NOT EXISTS replace_check.rows (id int PRIMARY KEY, v text)');
      for (let i = 0; i < 200; i++) await client.execute('INSERT INTO replace_check.rows (id, v) VALUES (?, ?)', [i, `v${i}`], all);
    });
    const alive = await t.api('POST', `/api/clusters/${NAME}/nodes/${victim.name}/replace`);
    assert.deepEqual([alive.status, (alive.body as { code: string }).code], [409, 'CASSOPS_NODE_ALIVE'], 'a live node is not replaced');
    assert.equal((await t.api('POST', `/api/clusters/${NAME}/nodes/nope/replace`)).status, 404);

    // Health changes reach the autopilot as status changes: the check before the loss is Healthy.
    assert.equal((await checkNow()).status, 'Healthy');
    await t.armClients().compute.virtualMachines.beginDeleteAndWait(victim.resourceGroup, victim.vmName, { updateIntervalInMs: 0 });
    const degraded = await checkNow();
    assert.equal(degraded.findings.find((f) => f.code === 'vm-missing')?.node, victim.name, JSON.stringify(degraded.findings));
    const [proposed] = await decisionsOf(degraded.checkId);
    assert.deepEqual([proposed?.node, proposed?.decision, proposed?.operationId], [victim.name, 'taken', `remediate-${degraded.checkId}`], JSON.stringify(proposed));
    const id = proposed!.operationId!;
    const waiting = await t.waitForOperation(id, (o) => o.status === 'AwaitingApproval' || hasEnded(o), 120_000) as unknown as
      { status: string; kind: string; proposal?: { action: string; reason: string } };
    assert.deepEqual([waiting.status, waiting.kind, waiting.proposal?.action], ['AwaitingApproval', 'ReplaceNode', `replace ${victim.name} at its address`]);
    assert.match(waiting.proposal?.reason ?? '', /VM of .* is gone/);
    const listed = ((await t.api('GET', `/api/clusters/${NAME}/operations`)).body as { operations: { id: string; status: string }[] }).operations[0];
    assert.deepEqual([listed?.id, listed?.status], [id, 'AwaitingApproval']);
    const approved = await t.api('POST', `/api/operations/${id}/approve`, { body: { reason: 'the VM was deleted by mistake' } });
    assert.equal(approved.status, 202, JSON.stringify(approved.body));
    const op = await t.waitForOperation(id, hasEnded, 420_000) as unknown as OperationBody & { decision?: { approved: boolean; reason?: string } };
    console.log(`replacement: ${op.steps.map((st) => `${st.name} ${st.status}`).join(', ')}; decision ${JSON.stringify(op.decision)}`);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    assert.deepEqual([op.decision?.approved, op.decision?.reason], [true, 'the VM was deleted by mistake']);
    assert.equal((await t.api('POST', `/api/operations/${id}/approve`)).status, 409, 'an ended operation awaits nothing');
    const after = (await t.api('GET', `/api/clusters/${NAME}`)).body as { nodes: { name: string; privateIp: string; state: string }[] };
    assert.deepEqual(after.nodes.find((n) => n.name === victim.name), { ...after.nodes.find((n) => n.name === victim.name), privateIp: victim.privateIp, state: 'Joined' });
    const ring = await withSession(IPS, 'dc1', login, ringView);
    assert.deepEqual([...ring.values()].map((r) => r.up), [true, true, true]);
    const rows = await withSession(IPS, 'dc1', login, async (client) => {
      const read: string[] = [];
      for (let i = 0; i < 200; i++) read.push(String((await client.execute('SELECT v FROM replace_check.rows WHERE id = ?', [i], all)).first()?.get('v')));
      return read;
    });
    assert.deepEqual(rows, Array.from({ length: 200 }, (_, i) => `v${i}`), 'every row written before the loss reads back at ALL');
    assert.equal((await checkNow()).status, 'Healthy');
  });

  it('a VM deallocated outside any operation: the autopilot starts it and the node rejoins with its data', async () => {
    const victim = ((await t.api('GET', `/api/clusters/${NAME}`)).body as { plan: { nodes: DeploymentNode[] } }).plan.nodes[0]!;
    await t.armClients().compute.virtualMachines.beginDeallocateAndWait(victim.resourceGroup, victim.vmName, { updateIntervalInMs: 0 });
    const degraded = await checkNow();
    assert.equal(degraded.findings.find((f) => f.code === 'vm-deallocated')?.node, victim.name, JSON.stringify(degraded.findings));
    const [taken] = await decisionsOf(degraded.checkId);
    assert.deepEqual([taken?.node, taken?.decision], [victim.name, 'taken'], JSON.stringify(taken));
    const op = await t.waitForOperation(taken!.operationId!, hasEnded, 300_000) as unknown as OperationBody & { kind: string; trigger: string };
    console.log(`VM start: ${op.steps.map((st) => `${st.name} ${st.status}`).join(', ')}`);
    assert.deepEqual([op.status, op.kind, op.trigger], ['Succeeded', 'StartNode', 'remediation'], JSON.stringify(op.error));
    assert.equal((await checkNow()).status, 'Healthy');
    const info = await runOnVm(t.armClients(), victim, 'nodetool info');
    assert.doesNotMatch(info, /^Load\s*:\s*0(\.0+)? (bytes|KiB)/m, `the node kept its data:\n${info}`);
  });

  it('refuses a delete without confirm; a second delete takes over the lease of a terminated one, then deletes everything', async () => {
    assert.equal((await t.api('DELETE', `/api/clusters/${NAME}`)).status, 400);
    // Throttled resource-group deletes hold the first delete long enough to terminate it mid-way.
    fault(t, { resourceType: 'Microsoft.Resources/resourceGroups', verb: 'DELETE', count: 3, fault: { kind: 'throttle', retryAfterSeconds: 5 } });
    const first = await t.api('DELETE', `/api/clusters/${NAME}?confirm=${NAME}`);
    assert.equal(first.status, 202);
    const firstId = (first.body as { operationId: string }).operationId;
    const terminate = await fetch(`${t.stack.apiUrl}/runtime/webhooks/durabletask/instances/${firstId}/terminate?reason=e2e`,
      { method: 'POST', headers: { 'x-functions-key': t.stack.masterKey } });
    assert.equal(terminate.status, 202);
    const abandoned = await t.waitForOperation(firstId, hasEnded, 60_000);
    assert.equal(abandoned.error?.code, 'CASSOPS_OPERATION_ABANDONED', JSON.stringify(abandoned));
    const second = await t.api('DELETE', `/api/clusters/${NAME}?confirm=${NAME}`);
    assert.equal(second.status, 202, JSON.stringify(second.body));
    const op = await t.waitForOperation((second.body as { operationId: string }).operationId, hasEnded, 180_000);
    assert.equal(op.status, 'Succeeded', JSON.stringify(op.error));
    const record = op as unknown as { requestedBy: string; trigger: string; tookOverFrom?: { operationId: string }[] };
    assert.deepEqual(record.tookOverFrom?.map((x) => x.operationId), [firstId]);
    assert.equal(record.requestedBy, 'admin', 'the local host names the key that authorized the request (the stack\'s admin key)');
    assert.equal(record.trigger, 'api');
    assert.equal((await t.api('GET', `/api/clusters/${NAME}`)).status, 404);
    assert.deepEqual(t.resourcesOf(NAME), []);
    await assert.rejects(withSession([IPS[0]!], 'dc1', { username: 'x', password: 'y' }, async () => undefined), /ECONNREFUSED|All host/);
  });
});
