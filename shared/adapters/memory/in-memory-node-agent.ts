import type { DeploymentNode } from '../../domain/deploy/deployment-plan.js';
import type { NodeProbe } from '../../domain/health/health-views.js';
import type { HealthProbeTarget, NodeAgentPort, NodeScriptName, NodeScriptOutcome, RepairBatch } from '../../domain/ports/node-agent-port.js';
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
}

/**
 * NodeAgentPort in memory: the twin the node-agent contract suite runs beside RunCommandNodeAgent
 * on the simulator. Each VM holds one Cassandra service: startCassandra and stopCassandra are
 * idempotent and report what they did (started / already-running, stopped / already-stopped); a
 * service made to fail returns CASSOPS_NODE_SCRIPT_FAILED with its stderr. A Run Command fault
 * throws the adapter's retryable error from runScript and makes probeHealth a probe with
 * `ok: false`. runScript on a VM never added throws the SDK's 404, which the adapter passes on.
 */
export class InMemoryNodeAgent implements NodeAgentPort {
  private readonly vms = new Map<string, TwinVm>();
  private fault: RunCommandFault | undefined;

  /** `repairs`, when given, runs the repair batches this twin starts; without it a batch starts and does nothing. */
  constructor(private readonly repairs?: InMemoryRepairEngine) {}

  /** A VM that exists, its Cassandra stopped, as the product's cloud-init leaves it. */
  addVm(node: DeploymentNode): void {
    this.vms.set(vmKey(node.resourceGroup, node.vmName), { node, running: false });
  }

  /** Makes the node's service fail to start with `stderr` (undefined heals it). */
  setStartFailure(node: DeploymentNode, stderr: string | undefined): void {
    this.vm(node.resourceGroup, node.vmName).startFailure = stderr;
  }

  /** Makes every Run Command meet `fault` until cleared with undefined. */
  setFault(fault: RunCommandFault | undefined): void {
    this.fault = fault;
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

  /** Throws what Run Command answers on a missing, busy or throttled VM. */
  private checkRunCommand(node: DeploymentNode): void {
    this.vm(node.resourceGroup, node.vmName);
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

function vmKey(resourceGroup: string, vmName: string): string {
  return `${resourceGroup}/${vmName}`.toLowerCase();
}
