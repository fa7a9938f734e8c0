import type { ComputeManagementClient, VirtualMachineRunCommand, VirtualMachineRunCommandInstanceView } from '@azure/arm-compute';
import type { DeploymentNode } from '../../domain/deploy/deployment-plan.js';
import type { NodeJob, NodeJobScript, NodeJobStatus } from '../../domain/ports/node-agent-port.js';
import type { UploadSas } from '../../domain/ports/blob-store.js';
import { isOpsError, OpsError } from '../../errors/ops-error.js';
import { classifyArmError } from '../arm/classify-arm-error.js';
import { readUnlessGone, unlessGone } from '../arm/unless-gone.js';
import { renderNodeJobScript, type BackupNodePaths } from './backup-scripts.js';
import { findScriptMarker } from './parse-run-command-output.js';
import { retryRunCommand, type RetryRunCommandOptions } from './retry-run-command.js';

export interface ManagedRunCommandJobsOptions {
  /** How long Azure lets a job run before it stops it (TimedOut). */
  timeoutInMs: number;
  paths: BackupNodePaths;
  pollIntervalInMs?: number;
  retry: RetryRunCommandOptions;
}

/**
 * Node jobs as managed run commands (`virtualMachines/{vm}/runCommands/{job name}`): created with
 * `asyncExecution`, so the PUT returns once the script starts, and read back through the instance
 * view, which keeps the exit state and the last 4 KB of output. The SAS, for the jobs that take
 * one, goes only into `protectedParameters`, which Azure passes to the script and never returns
 * (a job without one sends none). A 409 or 429 is waited out, then thrown retryable; every
 * failure is thrown as an OpsError without the SDK's error, whose request would carry the SAS.
 */
export class ManagedRunCommandJobs {
  constructor(private readonly compute: ComputeManagementClient, private readonly options: ManagedRunCommandJobsOptions) {}

  /** Idempotent: a PUT on an existing run command would run its script again, so it is looked up first. */
  async start(node: DeploymentNode, job: NodeJob, secret?: UploadSas): Promise<NodeJobStatus> {
    const existing = await this.find(node, job.name);
    if (existing) return statusOf(existing.instanceView, job.script);
    const sas = secret?.reveal();
    const body: VirtualMachineRunCommand = {
      location: node.location,
      source: { script: renderNodeJobScript(job.script, this.options.paths).join('\n') },
      parameters: Object.entries(job.parameters).map(([name, value]) => ({ name, value })),
      ...(sas === undefined ? {} : { protectedParameters: [{ name: 'SAS', value: sas }] }),
      asyncExecution: true,
      timeoutInSeconds: Math.ceil(this.options.timeoutInMs / 1000),
    };
    await this.call(node, job.name, sas, () => this.compute.virtualMachineRunCommands.createOrUpdate(
      node.resourceGroup, node.vmName, job.name, body, { updateIntervalInMs: this.options.pollIntervalInMs ?? 2_000 }));
    return this.read(node, job);
  }

  async read(node: DeploymentNode, job: Pick<NodeJob, 'name' | 'script'>): Promise<NodeJobStatus> {
    const command = await this.find(node, job.name);
    return command ? statusOf(command.instanceView, job.script) : { state: 'Missing', detail: '', stderrTail: '' };
  }

  /** Deleting a running command stops its script; a missing one (404) is already gone. */
  async delete(node: DeploymentNode, jobName: string): Promise<void> {
    await this.call(node, jobName, undefined, () => unlessGone(() => this.compute.virtualMachineRunCommands.delete(node.resourceGroup,
      node.vmName, jobName, { updateIntervalInMs: this.options.pollIntervalInMs ?? 2_000 })));
  }

  private find(node: DeploymentNode, jobName: string): Promise<VirtualMachineRunCommand | undefined> {
    return this.call(node, jobName, undefined, () => readUnlessGone(() =>
      this.compute.virtualMachineRunCommands.getByVirtualMachine(node.resourceGroup, node.vmName, jobName, { expand: 'instanceView' })));
  }

  private async call<T>(node: DeploymentNode, jobName: string, sas: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await retryRunCommand(node, work, this.options.retry);
    } catch (error) {
      throw withoutRequest(error, `Run command ${jobName} on ${node.vmName}`, sas);
    }
  }
}

/**
 * The job's status from its instance view. Until the agent picks the command up the view is
 * absent or `Unknown`: the job is starting, so Running. An ended job is Succeeded only with its
 * `ok` marker; otherwise Failed with its `failed` marker's detail, or why there is none.
 */
function statusOf(view: VirtualMachineRunCommandInstanceView | undefined, script: NodeJobScript): NodeJobStatus {
  const stderrTail = (view?.error ?? '').slice(-500);
  const state = view?.executionState ?? 'Unknown';
  if (['Unknown', 'Pending', 'Running'].includes(state)) return { state: 'Running', detail: '', stderrTail };
  const marker = findScriptMarker(view?.output ?? '', script);
  if (state === 'Succeeded' && marker?.ok) return { state: 'Succeeded', detail: marker.detail, stderrTail };
  const detail = marker && !marker.ok ? marker.detail : state === 'Succeeded' ? 'printed no status marker' : state;
  return { state: 'Failed', detail, stderrTail };
}

/**
 * The error as a fresh OpsError with no cause: a RestError keeps its request, and a job's request
 * holds the SAS. The SAS is also cut out of the message, should Azure ever echo a value back.
 */
function withoutRequest(error: unknown, what: string, sas: string | undefined): OpsError {
  const redact = (text: string) => (sas ? text.split(sas).join('[redacted]') : text);
  if (isOpsError(error)) return new OpsError(error.code, { message: redact(error.message) });
  const sorted = classifyArmError(error, what);
  const { code, message } = 'transient' in sorted ? sorted.transient : sorted.permanent;
  return new OpsError(code, { message: redact(message) });
}
