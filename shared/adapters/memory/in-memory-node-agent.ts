import type { DeploymentNode } from '../../domain/deploy/deployment-plan.js';
import type { NodeProbe } from '../../domain/health/health-views.js';
import type {
  HealthProbeTarget, NodeAgentPort, NodeJob, NodeJobScript, NodeJobState, NodeJobStatus, NodeScriptName, NodeScriptOutcome, RepairBatch,
} from '../../domain/ports/node-agent-port.js';
import type { UploadSas } from '../../domain/ports/blob-store.js';
import type { InMemoryRepairEngine } from './in-memory-repair-engine.js';
import { OpsError } from '../../errors/ops-error.js';
import { fail, ok, type Result } from '../../errors/result.js';

/** The disk every twin VM reports: a 64 GiB data disk, a quarter used. */
const TWIN_DISK = {
  mount: '/var/lib/cassandra', sizeBytes: 64 * 2 ** 30, usedBytes: 16 * 2 ** 30, availableBytes: 48 * 2 ** 30, usedPercent: 25,
};

/** What Run Command answers instead of running a script: 409 (another script runs) or 429. */
export type RunCommandFault = 'conflict' | 'throttled';

interface TwinVm {
  node: DeploymentNode;
  running: boolean;
  /** stderr of a service that fails to start, when it does. */
  startFailure?: string;
  /** Left the ring through a decommission job, which stopped its Cassandra. */
  decommissioned: boolean;
  /** /etc/default/cassandra as writeJvmOptions last wrote it. */
  jvmOptions?: string;
  /** Node jobs on the VM by name, until deleted. */
  jobs: Map<string, TwinJob>;
}

/** A job a VM holds, with what its script found when it started: its outcome unless setJobOutcome says otherwise. */
interface TwinJob extends NodeJob {
  found: NodeJobOutcome;
}

/** A node job as the twin recorded its start: never the secret, only whether one came. */
export interface StartedNodeJob extends NodeJob {
  vmName: string;
  withSecret: boolean;
}

/** What a twin job reports: Running keeps it running until the outcome changes. */
export interface NodeJobOutcome {
  state: Exclude<NodeJobState, 'Missing'>;
  detail: string;
  stderrTail?: string;
}

/** What each script but the decommission reports on a twin VM, which holds no SSTables: nothing to copy or clean. */
const EMPTY_NODE_DETAIL: Record<Exclude<NodeJobScript, 'decommissionNode'>, string> = {
  backupFiles: 'files=0 bytes=0 new-files=0 new-bytes=0 uploaded=0 skipped=0 sent=0 reused-blocks=0 snapshot-ms=0 transfer-ms=0',
  snapshotBackup: 'files=0 bytes=0', uploadBackup: 'uploaded=0 skipped=0 bytes=0 reused-blocks=0', clearSnapshot: 'cleared',
  restoreFiles: 'files=0 bytes=0 tables=0', cleanupNode: 'cleaned', rebuildNode: 'rebuilt',
};

/**
 * NodeAgentPort in memory: the twin the node-agent contract suite runs beside RunCommandNodeAgent
 * on the simulator. Each VM holds one Cassandra service: startCassandra and stopCassandra are
 * idempotent and report what they did (started / already-running, stopped / already-stopped); a
 * service made to fail returns CASSOPS_NODE_SCRIPT_FAILED with its stderr. A Run Command fault
 * throws the adapter's retryable error from runScript and the job calls, and makes probeHealth a
 * probe with `ok: false`. runScript on a VM never added throws the SDK's 404, which the adapter
 * passes on. Node jobs end at once, Succeeded with what the script prints on a node without
 * data, unless setJobOutcome says otherwise; starting a job of a name the VM holds starts nothing.
 * A decommission reports as the script does (`decommissioned`, `already-decommissioned`, or
 * Failed `not-running` on a stopped node that never left); once one is read Succeeded the VM is
 * remembered as decommissioned (isDecommissioned) and its Cassandra stopped.
 */
export class InMemoryNodeAgent implements NodeAgentPort {
  private readonly vms = new Map<string, TwinVm>();
  private fault: RunCommandFault | undefined;
  private readonly started: StartedNodeJob[] = [];
  private readonly outcomes = new Map<string, NodeJobOutcome>();

  /** `repairs`, when given, runs the repair batches this twin starts; without it a batch starts and does nothing. */
  constructor(private readonly repairs?: InMemoryRepairEngine) {}

  /** A VM that exists, its Cassandra stopped, as the product's cloud-init leaves it. */
  addVm(node: DeploymentNode): void {
    this.vms.set(vmKey(node.resourceGroup, node.vmName), { node, running: false, decommissioned: false, jobs: new Map() });
  }

  /** /etc/default/cassandra as writeJvmOptions last wrote it on the node's VM. */
  jvmOptionsOf(node: DeploymentNode): string | undefined {
    return this.vm(node.resourceGroup, node.vmName).jvmOptions;
  }

  /** Whether a decommission job on the node's VM ended Succeeded. */
  isDecommissioned(node: DeploymentNode): boolean {
    return this.vm(node.resourceGroup, node.vmName).decommissioned;
  }

  /** Makes the node's service fail to start with `stderr` (undefined heals it). */
  setStartFailure(node: DeploymentNode, stderr: string | undefined): void {
    this.vm(node.resourceGroup, node.vmName).startFailure = stderr;
  }

  /**
   * Makes jobs of that name, or of that script, report `outcome` (undefined: back to Succeeded),
   * including jobs already started; a name's outcome wins over its script's.
   */
  setJobOutcome(nameOrScript: string, outcome: NodeJobOutcome | undefined): void {
    if (outcome) this.outcomes.set(nameOrScript, { ...outcome });
    else this.outcomes.delete(nameOrScript);
  }

  /** Every job actually started, in order (a repeated start of a job the VM holds is not one). */
  startedJobs(): StartedNodeJob[] {
    return this.started.map((job) => ({ ...job, parameters: { ...job.parameters } }));
  }

  /** Makes every Run Command meet `fault` until cleared with undefined. */
  setFault(fault: RunCommandFault | undefined): void {
    this.fault = fault;
  }

  async writeJvmOptions(node: DeploymentNode, content: string): Promise<Result<NodeScriptOutcome>> {
    this.checkRunCommand(node);
    this.vm(node.resourceGroup, node.vmName).jvmOptions = content;
    return ok({ detail: 'written', stderrTail: '' });
  }

  async installCassandra(node: DeploymentNode, release: string): Promise<Result<NodeScriptOutcome>> {
    this.checkRunCommand(node);
    if (this.vm(node.resourceGroup, node.vmName).running) {
      return fail({ code: 'CASSOPS_NODE_SCRIPT_FAILED', message: `Script installCassandra on ${node.vmName} reported failure 'running'. stderr: (empty)` });
    }
    return ok({ detail: release, stderrTail: '' });
  }

  async runScript(node: DeploymentNode, script: NodeScriptName): Promise<Result<NodeScriptOutcome>> {
    this.checkRunCommand(node);
    const vm = this.vm(node.resourceGroup, node.vmName);
    const wasRunning = vm.running;
    if (script === 'stopCassandra') {
      vm.running = false;
      return ok({ detail: wasRunning ? 'stopped' : 'already-stopped', stderrTail: '' });
    }
    if (wasRunning) return ok({ detail: 'already-running', stderrTail: '' });
    if (vm.startFailure !== undefined) {
      return fail({ code: 'CASSOPS_NODE_SCRIPT_FAILED',
        message: `Script ${script} on ${node.vmName} reported failure 'systemctl-start'. stderr: ${vm.startFailure || '(empty)'}` });
    }
    vm.running = true;
    return ok({ detail: 'started', stderrTail: '' });
  }

  async startRepairBatch(node: DeploymentNode, batch: RepairBatch): Promise<Result<NodeScriptOutcome>> {
    this.checkRunCommand(node);
    return ok({ detail: this.repairs?.startBatch(node.privateIp, batch) ?? 'started', stderrTail: '' });
  }

  async stopRepairs(node: DeploymentNode, runId: string): Promise<Result<NodeScriptOutcome>> {
    this.checkRunCommand(node);
    return ok({ detail: `stopped-${this.repairs?.stop(node.privateIp, runId) ?? 0}`, stderrTail: '' });
  }

  /** A VM that was never added fails as the adapter's PUT does: a permanent ARM error. */
  async startNodeJob(node: DeploymentNode, job: NodeJob, secret?: UploadSas): Promise<NodeJobStatus> {
    this.checkFault(node);
    const vm = this.vms.get(vmKey(node.resourceGroup, node.vmName));
    if (!vm) throw new OpsError('CASSOPS_ARM_FAILED', { message: `Run command ${job.name} on ${node.vmName}: ResourceNotFound` });
    if (!vm.jobs.has(job.name)) {
      const copy = { name: job.name, script: job.script, parameters: { ...job.parameters } };
      vm.jobs.set(job.name, { ...copy, found: foundOutcome(vm, job.script) });
      this.started.push({ ...copy, vmName: node.vmName, withSecret: (secret?.reveal() ?? '') !== '' });
    }
    return this.readNodeJob(node, job);
  }

  async readNodeJob(node: DeploymentNode, job: Pick<NodeJob, 'name' | 'script'>): Promise<NodeJobStatus> {
    this.checkFault(node);
    const vm = this.vms.get(vmKey(node.resourceGroup, node.vmName));
    const held = vm?.jobs.get(job.name);
    if (!vm || !held) return { state: 'Missing', detail: '', stderrTail: '' };
    const outcome = this.outcomes.get(held.name) ?? this.outcomes.get(held.script) ?? held.found;
    // The script stops and disables Cassandra once the node has left, whatever it found before.
    if (held.script === 'decommissionNode' && outcome.state === 'Succeeded') Object.assign(vm, { decommissioned: true, running: false });
    return { state: outcome.state, detail: outcome.detail, stderrTail: outcome.stderrTail ?? '' };
  }

  async deleteNodeJob(node: DeploymentNode, jobName: string): Promise<void> {
    this.checkFault(node);
    this.vms.get(vmKey(node.resourceGroup, node.vmName))?.jobs.delete(jobName);
  }

  /** Throws what Run Command answers on a missing, busy or throttled VM. */
  private checkRunCommand(node: DeploymentNode): void {
    this.vm(node.resourceGroup, node.vmName);
    this.checkFault(node);
  }

  private checkFault(node: DeploymentNode): void {
    if (this.fault === 'conflict') throw new OpsError('CASSOPS_RUN_COMMAND_CONFLICT', { message: `Run Command busy on ${node.vmName}` });
    if (this.fault === 'throttled') throw new OpsError('CASSOPS_ARM_THROTTLED', { message: `Run Command throttled on ${node.vmName}` });
  }

  /**
   * The VM's data disk, whether Cassandra runs or not (`df` needs only the VM). Never throws: a
   * fault or a missing VM is a probe with `ok: false`.
   */
  async probeHealth(target: HealthProbeTarget): Promise<NodeProbe> {
    const observedAt = new Date().toISOString();
    const base = { node: target.node, observedAt };
    if (this.fault) {
      return { ...base, ok: false, error: this.fault === 'conflict' ? 'Run Command busy with another script' : 'Run Command throttled' };
    }
    const vm = this.vms.get(vmKey(target.resourceGroup, target.vmName));
    if (!vm) return { ...base, ok: false, error: `VM ${target.vmName} was not found` };
    return { ...base, ok: true, disk: { ...TWIN_DISK } };
  }

  private vm(resourceGroup: string, vmName: string): TwinVm {
    const vm = this.vms.get(vmKey(resourceGroup, vmName));
    if (!vm) {
      const message = `The Resource 'Microsoft.Compute/virtualMachines/${vmName}' under resource group '${resourceGroup}' was not found.`;
      throw Object.assign(new Error(message), { statusCode: 404, code: 'ResourceNotFound' });
    }
    return vm;
  }
}

/** What the script reports on the VM as it is when the job starts. */
function foundOutcome(vm: TwinVm, script: NodeJobScript): NodeJobOutcome {
  if (script !== 'decommissionNode') return { state: 'Succeeded', detail: EMPTY_NODE_DETAIL[script] };
  if (vm.decommissioned) return { state: 'Succeeded', detail: 'already-decommissioned' };
  return vm.running ? { state: 'Succeeded', detail: 'decommissioned' } : { state: 'Failed', detail: 'not-running' };
}

function vmKey(resourceGroup: string, vmName: string): string {
  return `${resourceGroup}/${vmName}`.toLowerCase();
}
