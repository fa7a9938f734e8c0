// Creates 200 NIC + VM pairs through the real SDK clients at concurrency 32 against the
// simulator (instant profile, its own process as `npm run arm-sim` runs it) and prints the VM
// creation rate against the 100/s target, plus the simulator's own CPU cost per VM, which
// shows whether the simulator or the client side is the limit on a busy machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pLimit from 'p-limit';
import { createArmClients } from '../../shared/adapters/arm/create-arm-clients.js';
import { createArmCredential } from '../../shared/adapters/arm/create-arm-credential.js';

const PAIRS = 200;
const CONCURRENCY = 32;
const TARGET_PER_SECOND = 100;
const LOCATION = 'westeurope';
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

const stateDir = mkdtempSync(join(tmpdir(), 'arm-sim-bench-'));
const main = join(import.meta.dirname, '..', '..', 'local', 'arm-sim', 'main.js');
const child = spawn(process.execPath, [...(process.env.ARM_SIM_BENCH_NODE_FLAGS?.split(' ') ?? []), main, '--state-dir', stateDir, '--port', '0', '--profile', 'instant'], { stdio: ['ignore', 'pipe', 'inherit'] });
const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
try {
  const first = await Promise.race([
    new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the simulator did not start within 30 s')), 30_000).unref()),
  ]);
  const info = JSON.parse(first) as { endpoint: string; tenantId: string; clientId: string };
  const caPem = readFileSync(join(stateDir, 'ca.pem'), 'utf8');
  const { clientSecret } = JSON.parse(readFileSync(join(stateDir, 'identity.json'), 'utf8')) as { clientSecret: string };
  const { resources, network, compute } = createArmClients({
    subscriptionId: '00000000-0000-0000-0000-0000000be4c4', endpoint: info.endpoint, caPem,
    credential: createArmCredential({ kind: 'simulator', authorityHost: info.endpoint, tenantId: info.tenantId, clientId: info.clientId, clientSecret, caPem }),
  });
  await resources.resourceGroups.createOrUpdate('bench', { location: LOCATION });
  const vnet = await network.virtualNetworks.beginCreateOrUpdateAndWait('bench', 'vnet', {
    location: LOCATION, addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'nodes', addressPrefix: '10.0.0.0/22' }],
  });
  const subnetId = vnet.subnets![0]!.id!;
  const limit = pLimit(CONCURRENCY);
  const cpuBefore = cpuSeconds(child.pid!);
  const started = performance.now();
  await Promise.all(Array.from({ length: PAIRS }, (_, i) => limit(async () => {
    const nic = await network.networkInterfaces.beginCreateOrUpdateAndWait('bench', `nic-${i}`, {
      location: LOCATION, ipConfigurations: [{ name: 'ipconfig1', subnet: { id: subnetId } }],
    });
    await compute.virtualMachines.createOrUpdate('bench', `vm-${i}`, {
      location: LOCATION,
      hardwareProfile: { vmSize: 'Standard_D4s_v5' },
      storageProfile: { imageReference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' }, osDisk: { createOption: 'FromImage' } },
      osProfile: { computerName: `vm-${i}`, adminUsername: 'cassandra' },
      networkProfile: { networkInterfaces: [{ id: nic.id!, primary: true }] },
    });
  })));
  const seconds = (performance.now() - started) / 1000;
  const simCpu = cpuSeconds(child.pid!) - cpuBefore;
  const vms = await compute.virtualMachines.list('bench');
  let count = 0;
  for await (const vm of vms) count += vm.provisioningState === 'Succeeded' ? 1 : 0;
  if (count !== PAIRS) throw new Error(`expected ${PAIRS} running VMs, the simulator lists ${count}`);
  const rate = PAIRS / seconds;
  const capacity = PAIRS / Math.max(simCpu, 0.01);
  console.log(`arm-sim: ${PAIRS} NIC + VM pairs at concurrency ${CONCURRENCY}: ${seconds.toFixed(2)} s wall, simulator CPU ${simCpu.toFixed(2)} s`);
  console.log(`arm-sim: ${rate.toFixed(1)} VM creations/s wall-clock; target ${TARGET_PER_SECOND}/s; ratio ${(rate / TARGET_PER_SECOND).toFixed(2)}x ${rate >= TARGET_PER_SECOND ? '(meets target)' : '(below target)'}`);
  console.log(`arm-sim: simulator capacity ${capacity.toFixed(0)} VM creations per CPU-second; ratio to target ${(capacity / TARGET_PER_SECOND).toFixed(2)}x`);
  if (rate < TARGET_PER_SECOND) process.exitCode = 1;
} finally {
  child.kill('SIGTERM');
  await exited;
  rmSync(stateDir, { recursive: true, force: true });
}
