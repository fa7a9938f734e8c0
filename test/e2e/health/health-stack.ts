import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAzurite, type AzuriteInstance } from '../../../local/azurite/start-azurite.js';
import { CassandraGuestDriver } from '../../../local/cassandra/cassandra-guest-driver.js';
import { startFunctionHost, type FunctionHostProcess } from '../../../local/func-host/start-function-host.js';
import { TableStateStore } from '../../../shared/adapters/state/table-state-store.js';
import { toDeploymentPlan } from '../../../shared/domain/deploy/to-deployment-plan.js';
import { renderCloudInit } from '../../../shared/domain/render/render-cloud-init.js';
import { validateClusterSpec } from '../../../shared/domain/spec/validate-cluster-spec.js';
import { planTopology } from '../../../shared/domain/topology/plan-topology.js';
import type { ClusterPlan, NodePlan } from '../../../shared/domain/topology/cluster-plan.js';
import { SUBSCRIPTION, startTestSimulator, type TestSimulator } from '../../integration/arm-sim/start-test-simulator.js';
import { createPlannedVms, planNodes, runCommand } from '../../integration/cassandra/deploy-through-simulator.js';
import { waitForStates } from '../../integration/cassandra/cluster-probes.js';

/** A spec of its own address space, so this scenario never collides with another suite's guests. */
export const SPEC = {
  cluster: { name: 'healthdemo', numTokens: 16, authentication: { enabled: false }, jvm: { maxHeapMiB: 512, newHeapMiB: 128 } },
  azure: { subscriptionId: SUBSCRIPTION, vmSize: 'Standard_B2ms', dataDisk: { sizeGiB: 64, sku: 'StandardSSD_LRS' } },
  datacenters: [{ name: 'dc1', region: 'eastus', racks: 3, nodes: 3,
    network: { addressSpace: '127.37.0.0/16', dataSubnet: '127.37.1.0/24', appSubnet: '127.37.2.0/24' } }],
  network: { cqlAllowedCidrs: ['127.0.0.1/32'] },
  keyspaces: [{ name: 'app', replication: { dc1: 3 } }],
};

/** Azurite, the ARM simulator with real Cassandra guests, a Ready three-node cluster, and the product on the local host. */
export interface HealthStack {
  plan: ClusterPlan;
  nodes: NodePlan[];
  sim: TestSimulator;
  host: FunctionHostProcess;
  azurite: AzuriteInstance;
  run(node: NodePlan, script: string): Promise<string>;
  /** Calls the product's HTTP API on the host. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; ms: number }>;
  stop(): Promise<void>;
}

/**
 * Brings the cluster up the way the product's deployment leaves it: VMs through the real SDK on
 * the simulator with the product's plan and cloud-init, Cassandra started in join order through
 * Run Command, and the cluster recorded Ready in the product's state tables.
 */
export async function startHealthStack(): Promise<HealthStack> {
  const dir = mkdtempSync(join(tmpdir(), 'health-e2e-'));
  const azurite = await startAzurite({ location: join(dir, 'azurite') });
  const driver = new CassandraGuestDriver({ rootDir: join(dir, 'guests') });
  const sim = await startTestSimulator({ guestDriver: driver });
  let host: FunctionHostProcess | undefined;
  const stop = async () => {
    await host?.stop();
    await sim.dispose();
    await driver.close();
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const validated = validateClusterSpec(SPEC, { target: 'local' });
    if (!validated.ok) throw new Error(`invalid scenario spec: ${JSON.stringify(validated.issues)}`);
    const plan = planTopology(validated.spec);
    const nodes = planNodes(plan);
    await createPlannedVms(sim.clients, plan);
    const run = (node: NodePlan, script: string) => runCommand(sim.clients, node, script);
    await startInJoinOrder(plan, nodes, run);
    await recordReady(azurite.connectionString, validated.spec, plan);
    host = await startProductHost(dir, azurite, sim);
    const url = host.url;
    return { plan, nodes, sim, host, azurite, run, stop, api: (method, path, body) => callApi(url, method, path, body) };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startInJoinOrder(plan: ClusterPlan, nodes: NodePlan[], run: (n: NodePlan, s: string) => Promise<string>): Promise<void> {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  for (const [i, name] of plan.joinOrder.entries()) {
    const node = byName.get(name)!;
    await run(node, 'sudo systemctl enable cassandra && sudo systemctl start cassandra');
    const joined = plan.joinOrder.slice(0, i + 1).map((n) => [byName.get(n)!.privateIp, 'UN']);
    await waitForStates((s) => run(node, s), Object.fromEntries(joined), 180_000);
  }
}

async function recordReady(connectionString: string, spec: unknown, plan: ClusterPlan): Promise<void> {
  const state = new TableStateStore({ connectionString });
  const at = new Date().toISOString();
  await state.createCluster({
    name: plan.clusterName, state: 'Ready', spec, lastOperationId: 'e2e-deploy', createdAt: at, updatedAt: at,
    plan: toDeploymentPlan(plan, (p, n) => Buffer.from(renderCloudInit(p, n)).toString('base64')),
  });
}

async function startProductHost(dir: string, azurite: AzuriteInstance, sim: TestSimulator): Promise<FunctionHostProcess> {
  const caFile = join(dir, 'arm-ca.pem');
  writeFileSync(caFile, sim.sim.caPem);
  return startFunctionHost({
    appDir: fileURLToPath(new URL('../../../../', import.meta.url)),
    storageConnectionString: azurite.connectionString, hubName: 'HealthE2E',
    env: {
      AUTOPILOT_TARGET: 'local', AUTOPILOT_SUBSCRIPTION_ID: SUBSCRIPTION, AUTOPILOT_ARM_ENDPOINT: sim.sim.endpoint,
      AUTOPILOT_ARM_CA_FILE: caFile, AUTOPILOT_ARM_TENANT_ID: sim.sim.tenantId, AUTOPILOT_ARM_CLIENT_ID: sim.sim.clientId,
      AUTOPILOT_ARM_CLIENT_SECRET: sim.sim.clientSecret, AUTOPILOT_SECRET_FILE: join(dir, 'secrets.json'),
      AUTOPILOT_ARM_POLL_INTERVAL_MS: '200',
      // Checks follow each other within seconds here; in production the floor stays at two minutes.
      HEALTH_THRESHOLDS: JSON.stringify({ deepProbeMinIntervalInMs: 0 }),
      // The timer stays out of the way (yearly); the scenario starts sweeps through the admin endpoint.
      HEALTH_CHECK_SCHEDULE: '0 0 0 1 1 *',
    },
    startTimeoutInMs: 60_000,
  });
}

async function callApi(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${url}${path}`, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) as unknown : undefined, ms: Date.now() - started };
}
