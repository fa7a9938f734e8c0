// Deploys the two-DC local cluster (3 + 3 nodes) twice with the simulator's realistic latency
// profile, on a fresh stack each time: once with ordered joins (AUTOPILOT_FIRST_BOOT=ordered) and
// once with the parallel first boot (the default). Prints both wall times (the request to the
// operation's end, as the operation records it), their ratio (target: parallel at least 2x
// faster), and each run against its critical-path bound: the longest chain of dependent ARM
// operations, from the durations the simulator drew for this run (NSG → VNet → NIC → VM per node,
// or NSG → VNet → peering), plus the joins (ordered: the sum of the node joins; parallel: the
// first boot, from the last VM's creation to the last node UN, taken two ways: as the
// orchestration saw it, and from the nodes' own logs, which is the stricter), plus the hardening
// sub-orchestration. Target for the parallel run: ratio <= 1.10. Stops everything it started, by
// pid, whatever happens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationSummary } from '../../local/arm-sim/lro-engine.js';
import type { DeploymentNode } from '../../shared/domain/deploy/deployment-plan.js';
import type { FirstBootMode } from '../../shared/domain/deploy/first-boot-mode.js';
import { hasEnded, startE2eStack, type E2eStack } from '../e2e/support/e2e-stack.js';
import { e2eSpec } from '../e2e/support/e2e-specs.js';

const SCALE = Number(process.env.BENCH_LATENCY_SCALE ?? 1);

/**
 * The longest chain of dependent ARM operations in this run, from the durations the simulator
 * drew: per node, its DC's slowest NSG, then its VNet, NIC and VM; per peering, the slower DC's
 * NSG and VNet, then the peering.
 */
function drawnArmChainMs(operations: OperationSummary[], nodes: DeploymentNode[]): number {
  const puts = operations.filter((o) => o.verb === 'PUT');
  const drawn = (suffix: string) => Math.max(0, ...puts.filter((o) => o.resourceId.toLowerCase().endsWith(suffix.toLowerCase())).map((o) => o.delayInMs));
  const inGroup = (group: string, type: string) => Math.max(0, ...puts
    .filter((o) => o.resourceId.toLowerCase().includes(`/resourcegroups/${group.toLowerCase()}/providers/${type.toLowerCase()}/`)).map((o) => o.delayInMs));
  const vnetChain = (node: DeploymentNode) => inGroup(node.resourceGroup, 'Microsoft.Network/networkSecurityGroups')
    + drawn(`/virtualNetworks/${node.vnetName}`);
  const nodeChains = nodes.map((n) => vnetChain(n) + drawn(`/networkInterfaces/${n.nicName}`) + drawn(`/virtualMachines/${n.vmName}`));
  const peering = Math.max(0, ...puts.filter((o) => /\/virtualNetworkPeerings\//i.test(o.resourceId)).map((o) => o.delayInMs));
  return Math.max(...nodeChains, peering > 0 ? Math.max(...nodes.map(vnetChain)) + peering : 0);
}

/**
 * The chain of the node whose VM finished last, as the simulator ran it: each operation's
 * [start, end] in seconds after the request, and the duration it drew. The gaps between one end
 * and the next start are the time the app took to see an operation done and start the next.
 */
function lastVmChain(operations: OperationSummary[], nodes: DeploymentNode[], requestedAtMs: number) {
  const puts = operations.filter((o) => o.verb === 'PUT' && o.endTime);
  const endOf = (o: OperationSummary | undefined) => (o ? Date.parse(o.endTime!) : 0);
  const latest = (match: (id: string) => boolean) => puts.filter((o) => match(o.resourceId.toLowerCase()))
    .sort((a, b) => endOf(b) - endOf(a))[0];
  const vmOf = (n: DeploymentNode) => latest((id) => id.endsWith(`/virtualmachines/${n.vmName.toLowerCase()}`));
  const node = [...nodes].sort((a, b) => endOf(vmOf(b)) - endOf(vmOf(a)))[0]!;
  const span = (o: OperationSummary | undefined) => (o ? { at: s1(Date.parse(o.startTime) - requestedAtMs), done: s1(endOf(o) - requestedAtMs), drawn: s1(o.delayInMs) } : undefined);
  const group = `/resourcegroups/${node.resourceGroup.toLowerCase()}/providers/microsoft.network/`;
  return { node: node.name, nsg: span(latest((id) => id.includes(`${group}networksecuritygroups/`))),
    vnet: span(latest((id) => id.endsWith(`/virtualnetworks/${node.vnetName.toLowerCase()}`))),
    nic: span(latest((id) => id.endsWith(`/networkinterfaces/${node.nicName.toLowerCase()}`))), vm: span(vmOf(node)) };
}

/** The simulator's answers of 400 or more (throttles, conflicts) during the run, counted by method, status and code: each costs the app a retry. */
function armRefusals(requestLogFile: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of readFileSync(requestLogFile, 'utf8').split('\n').filter(Boolean)) {
    const entry = JSON.parse(line) as { method: string; status: number; code?: string };
    if (entry.status < 400) continue;
    const key = `${entry.method} ${entry.status} ${entry.code ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

interface HistoryEvent { EventType: string; FunctionName?: string; Timestamp: string; ScheduledTime?: string; Result?: unknown }
interface InstanceStatus { createdTime?: string; lastUpdatedTime?: string; historyEvents?: HistoryEvent[] }

async function instance(t: E2eStack, id: string): Promise<InstanceStatus> {
  const url = `${t.stack.apiUrl}/durabletask/instances/${encodeURIComponent(id)}?showHistory=true&showHistoryOutput=true`;
  // The durable endpoints need a master or system key, on Azure as on the local host.
  const res = await fetch(url, { headers: { 'x-functions-key': t.stack.masterKey } });
  return await res.json() as InstanceStatus;
}


/** Ordered joins, per node: runNodeScript scheduled → the last probe of that node completed. */
async function joinTimes(t: E2eStack, operationId: string): Promise<number[]> {
  const status = await instance(t, `${operationId}:join`);
  const events = (status.historyEvents ?? []).filter((e) => e.EventType === 'TaskCompleted');
  const times: number[] = [];
  let start: number | undefined;
  let lastProbe: number | undefined;
  for (const e of events) {
    if (e.FunctionName === 'runNodeScript') {
      if (start !== undefined && lastProbe !== undefined) times.push(lastProbe - start);
      start = Date.parse(e.ScheduledTime ?? e.Timestamp);
    }
    if (e.FunctionName === 'probeNodeJoined') lastProbe = Date.parse(e.Timestamp);
  }
  if (start !== undefined && lastProbe !== undefined) times.push(lastProbe - start);
  return times;
}


/**
 * Parallel first boot as the orchestration saw it: from the last VM create's completion it saw
 * (about a second after that node began to boot) to the probe that saw the last node UN with schema
 * agreement (up to one probe interval, 2 s here, after that node got there).
 */
async function firstBootSeenMs(t: E2eStack, operationId: string, nodeNames: string[]): Promise<number> {
  const events = (await instance(t, `${operationId}:join`)).historyEvents ?? [];
  const joined = events.filter((e) => e.FunctionName === 'probeNodeJoined' && (e.Result as { isUpNormal?: boolean; schemaAgrees?: boolean })?.isUpNormal
    && (e.Result as { schemaAgrees?: boolean }).schemaAgrees).map((e) => Date.parse(e.Timestamp));
  const created = await Promise.all(nodeNames.map(async (name) => {
    const vm = ((await instance(t, `${operationId}:nodes:node-${name}`)).historyEvents ?? [])
      .find((e) => e.EventType === 'TaskCompleted' && e.FunctionName === 'createOrUpdateVm');
    if (!vm) throw new Error(`no completed createOrUpdateVm for ${name}`);
    return Date.parse(vm.Timestamp);
  }));
  return Math.max(...joined) - Math.max(...created);
}

/**
 * Parallel first boot as the nodes saw it: from the last VM create's completion in the simulator (its node's
 * cloud-init starts Cassandra then) to the moment the last node turned NORMAL, from each node's
 * own system.log ("state jump to NORMAL" for its own address: UN in its own view, before its peers
 * see it so and before the schema agrees). Neither end carries the product's polling, and the
 * term is shorter than the ring's first boot: the ratio against it is the stricter one.
 */
function firstBootLoggedMs(stateDir: string, operations: OperationSummary[], nodes: DeploymentNode[]): number {
  const vmsDone = nodes.map((n) => {
    const vm = operations.find((o) => o.verb === 'PUT' && o.endTime && o.resourceId.toLowerCase().endsWith(`/virtualmachines/${n.vmName.toLowerCase()}`));
    if (!vm) throw new Error(`no finished VM create for ${n.name} in the simulator's operations`);
    return Date.parse(vm.endTime!);
  });
  return Math.max(...nodes.map((n) => normalAtMs(stateDir, n))) - Math.max(...vmsDone);
}

/** When a node's own log says it turned NORMAL; the JVM logs in this machine's local time, as `new Date` reads a time without a zone. */
function normalAtMs(stateDir: string, node: DeploymentNode): number {
  const log = readFileSync(join(stateDir, 'guests', node.resourceGroup.toLowerCase(), node.vmName.toLowerCase(), 'var/log/cassandra/system.log'), 'utf8');
  const line = log.split('\n').find((l) => l.includes(`/${node.privateIp}:7000 state jump to NORMAL`));
  const at = line && /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}),(\d{3})/.exec(line);
  if (!at) throw new Error(`${node.name}: no 'state jump to NORMAL' for its own address in its system.log`);
  return new Date(`${at[1]}T${at[2]}.${at[3]}`).getTime();
}

async function hardenMs(t: E2eStack, operationId: string): Promise<number> {
  const status = await instance(t, `${operationId}:harden`);
  return Date.parse(status.lastUpdatedTime ?? '') - Date.parse(status.createdTime ?? '');
}

const s1 = (ms: number) => +(ms / 1000).toFixed(1);

/** One deployment on a fresh stack; returns its wall time and critical-path bound. */
async function deployOnce(firstBoot: FirstBootMode) {
  const t = await startE2eStack({ profile: 'realistic', latencyScale: SCALE,
    appSettings: { AUTOPILOT_ARM_POLL_INTERVAL_MS: '1000', AUTOPILOT_JOIN_POLL_INTERVAL_MS: '2000', AUTOPILOT_FIRST_BOOT: firstBoot } });
  try {
    const started = Date.now();
    const name = `ebench${firstBoot[0]}`;
    const res = await t.api('POST', '/api/clusters', { body: e2eSpec(name, 2, { subnetOctet: 70 }) });
    if (res.status !== 202) throw new Error(`deploy refused: ${JSON.stringify(res.body)}`);
    const operationId = (res.body as { operationId: string }).operationId;
    const op = await t.waitForOperation(operationId, hasEnded, 1_800_000);
    const wallMs = Date.parse(op.endedAt ?? '') - started;
    const steps = Object.fromEntries(op.steps
      .map((step) => [step.name, s1(Date.parse(step.endedAt ?? step.startedAt) - Date.parse(step.startedAt))]));
    if (op.status !== 'Succeeded') throw new Error(`${firstBoot} deployment ${op.status}: ${JSON.stringify(op.error)}`);
    const nodes = (await t.api('GET', `/api/clusters/${name}`)).body as { plan: { nodes: DeploymentNode[] } };
    const operations = t.stack.sim.state.operations();
    const armChainMs = drawnArmChainMs(operations, nodes.plan.nodes);
    const nodeNames = nodes.plan.nodes.map((n) => n.name);
    const joinMs = firstBoot === 'parallel' ? await firstBootSeenMs(t, operationId, nodeNames) : (await joinTimes(t, operationId)).reduce((a, b) => a + b, 0);
    const loggedBootMs = firstBoot === 'parallel' ? firstBootLoggedMs(t.stateDir, operations, nodes.plan.nodes) : joinMs;
    const harden = await hardenMs(t, operationId);
    return { wallMs, armChainMs, joinMs, loggedBootMs, hardenMs: harden, boundMs: armChainMs + joinMs + harden,
      loggedBoundMs: armChainMs + loggedBootMs + harden, steps, lastVmChain: lastVmChain(operations, nodes.plan.nodes, started),
      armRefusals: armRefusals(t.stack.sim.requestLogFile) };
  } finally {
    await t.dispose();
  }
}

const parallel = await deployOnce('parallel');
const ordered = await deployOnce('ordered');
console.log(JSON.stringify({ benchmark: 'deploy two-DC 3+3, realistic ARM latency, ordered joins vs parallel first boot', latencyScale: SCALE,
  ordered: { wallSeconds: s1(ordered.wallMs), joinsSeconds: s1(ordered.joinMs), hardenSeconds: s1(ordered.hardenMs), boundSeconds: s1(ordered.boundMs),
    ratioToBound: +(ordered.wallMs / ordered.boundMs).toFixed(3), stepsSeconds: ordered.steps },
  parallel: { wallSeconds: s1(parallel.wallMs), armChainSeconds: s1(parallel.armChainMs), slowestFirstBootSeconds: s1(parallel.joinMs),
    firstBootToLastNormalSeconds: s1(parallel.loggedBootMs), hardenSeconds: s1(parallel.hardenMs), boundSeconds: s1(parallel.boundMs),
    boundFromLogsSeconds: s1(parallel.loggedBoundMs), stepsSeconds: parallel.steps, lastVmChain: parallel.lastVmChain,
    armRefusals: parallel.armRefusals },
  orderedOverParallel: +(ordered.wallMs / parallel.wallMs).toFixed(2), speedupTarget: 2,
  parallelOverCriticalPath: +(parallel.wallMs / parallel.boundMs).toFixed(3),
  parallelOverCriticalPathFromLogs: +(parallel.wallMs / parallel.loggedBoundMs).toFixed(3), criticalPathTarget: 1.10 }));
