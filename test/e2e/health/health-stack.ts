import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, LOCAL_SUBSCRIPTION_ID, type LocalStack } from '../../../local/stack/start-local-stack.js';
import { createArmClients, type ArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import { createArmCredential } from '../../../shared/adapters/arm/create-arm-credential.js';
import type { DeploymentNode, DeploymentPlan } from '../../../shared/domain/deploy/deployment-plan.js';
import { waitFor } from '../../support/wait-for.js';

/** A spec with an address space of its own, so this scenario never collides with another suite's guests. */
export const SPEC = {
  cluster: { name: 'healthdemo', numTokens: 16, jvm: { maxHeapMiB: 512, newHeapMiB: 128 } },
  azure: { subscriptionId: LOCAL_SUBSCRIPTION_ID, vmSize: 'Standard_B2ms', dataDisk: { sizeGiB: 64, sku: 'StandardSSD_LRS' } },
  datacenters: [{ name: 'dc1', region: 'eastus', racks: 3, nodes: 3,
    network: { addressSpace: '127.37.0.0/16', dataSubnet: '127.37.1.0/24', appSubnet: '127.37.2.0/24' } }],
  network: { cqlAllowedCidrs: ['127.0.0.1/32'] },
  keyspaces: [{ name: 'app', replication: { dc1: 3 } }],
};

export interface ApiAnswer { status: number; body: unknown; ms: number }

/** The local stack with a three-node cluster the product deployed through its own API. */
export interface HealthStack {
  stack: LocalStack;
  nodes: DeploymentNode[];
  arm: ArmClients;
  api(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  admin(functionName: string): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

/** Starts the product's local stack and deploys SPEC through `POST /api/clusters`, waiting until it is Ready. */
export async function startHealthStack(): Promise<HealthStack> {
  const dir = mkdtempSync(join(tmpdir(), 'health-e2e-'));
  const stack = await startLocalStack({ stateDir: dir, appSettings: {
    // Checks follow each other within seconds here; in production the floor stays at two minutes.
    HEALTH_THRESHOLDS: JSON.stringify({ deepProbeMinIntervalInMs: 0 }),
    // The timer stays out of the way (yearly); the scenario runs sweeps through the admin endpoint.
    HEALTH_CHECK_SCHEDULE: '0 0 0 1 1 *',
  } });
  const stop = async () => { await stack.stop(); rmSync(dir, { recursive: true, force: true }); };
  try {
    const call = (method: string, path: string, body?: unknown, key = stack.functionKey) => callApi(stack.apiUrl, key, method, path, body);
    const deployed = await call('POST', '/api/clusters', SPEC);
    if (deployed.status !== 202) throw new Error(`deploy refused: ${deployed.status} ${JSON.stringify(deployed.body)}`);
    const operationId = (deployed.body as { operationId: string }).operationId;
    const finished = await waitFor(`deployment ${operationId}`, 600_000, async () => {
      const op = (await call('GET', `/api/operations/${operationId}`)).body as { status: string; error?: unknown };
      return op.status === 'Running' ? undefined : op;
    });
    if (finished.status !== 'Succeeded') throw new Error(`deployment ${finished.status}: ${JSON.stringify(finished.error)}`);
    const cluster = (await call('GET', `/api/clusters/${SPEC.cluster.name}`)).body as { plan: DeploymentPlan };
    const arm = createArmClients({ subscriptionId: LOCAL_SUBSCRIPTION_ID, endpoint: stack.sim.endpoint, caPem: stack.sim.caPem,
      credential: createArmCredential({ kind: 'simulator', authorityHost: stack.sim.tokenAuthorityHost, tenantId: stack.sim.tenantId,
        clientId: stack.sim.clientId, clientSecret: stack.sim.clientSecret, caPem: stack.sim.caPem }) });
    return {
      stack, nodes: cluster.plan.nodes, arm, stop,
      api: (method, path, body) => call(method, path, body),
      admin: (name) => call('POST', `/admin/functions/${name}`, { input: '' }, stack.masterKey),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs a script on a node's VM through Run Command, as an operator would. */
export async function runOnVm(arm: ArmClients, node: DeploymentNode, script: string): Promise<void> {
  await arm.compute.virtualMachines.beginRunCommandAndWait(node.resourceGroup, node.vmName, { commandId: 'RunShellScript', script: script.split('\n') }, { updateIntervalInMs: 0 });
}

async function callApi(url: string, key: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const started = Date.now();
  const response = await fetch(`${url}${path}`, {
    method, headers: { 'x-functions-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) as unknown : undefined; } catch { /* a non-JSON answer is kept as text for the assertion message */ }
  return { status: response.status, body: parsed, ms: Date.now() - started };
}
