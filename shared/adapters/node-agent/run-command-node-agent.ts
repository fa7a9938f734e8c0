import type { ComputeManagementClient } from '@azure/arm-compute';
import type { DeploymentNode } from '../../domain/deploy/deployment-plan.js';
import type {
  HealthProbeTarget, NodeAgentPort, NodeJob, NodeJobStatus, NodeScriptName, NodeScriptOptions, NodeScriptOutcome, RepairBatch,
} from '../../domain/ports/node-agent-port.js';
import type { NodeProbe } from '../../domain/health/health-views.js';
import type { ProbeScriptOptions } from '../../domain/health/render-probe-script.js';
import type { UploadSas } from '../../domain/ports/blob-store.js';
import { fail, ok, type Result } from '../../errors/result.js';
import { BACKUP_NODE_PATHS, type BackupNodePaths } from './backup-scripts.js';
import { ManagedRunCommandJobs } from './managed-run-command-jobs.js';
import { findScriptMarker, parseRunCommandOutput } from './parse-run-command-output.js';
import { SEED_WAIT_SECONDS } from '../../domain/ports/node-agent-port.js';
import { renderInstallCassandraScript, renderNodeScript, renderWriteJvmOptionsScript } from './node-scripts.js';
import { renderStartRepairBatchScript, renderStopRepairsScript, repairBatchParameters, stopRepairsParameters } from './repair-scripts.js';
import { retryRunCommand, type RetryRunCommandOptions } from './retry-run-command.js';
import { runHealthProbe } from './run-health-probe.js';

export interface NodeAgentOptions {
  /** Wait before retrying a 409 "Run command extension execution is in progress". */
  conflictDelayInMs?: number;
  /** Attempts within one call before the conflict or throttle is thrown for Durable to retry. */
  maxAttempts?: number;
  pollIntervalInMs?: number;
  /** Waits; injectable so unit tests of this module do not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Where the health probe script's `df` looks (the Debian layout by default). */
  probeScript?: Partial<ProbeScriptOptions>;
  /** The clock health probes are stamped with. */
  now?: () => Date;
  /** How long a node job may run before Azure stops it (6 h by default: a large node's restore). */
  jobTimeoutInMs?: number;
  /** Where the backup and restore jobs read and write (the Debian layout by default). */
  jobPaths?: BackupNodePaths;
}

/**
 * Runs the node agent's scripts through VM Run Command (RunShellScript). Azure runs one script
 * per VM at a time and answers 409 Conflict otherwise, and throttles with 429 + Retry-After:
 * both are waited out here (the given delay), then thrown as retryable OpsErrors
 * (CASSOPS_RUN_COMMAND_CONFLICT, CASSOPS_ARM_THROTTLED). A script that reports `failed`, or
 * prints no marker, is a permanent CASSOPS_NODE_SCRIPT_FAILED returned as a value. Node jobs run
 * as managed run commands (ManagedRunCommandJobs).
 */
export class RunCommandNodeAgent implements NodeAgentPort {
  private readonly retry: RetryRunCommandOptions;
  private readonly jobs: ManagedRunCommandJobs;

  constructor(private readonly compute: ComputeManagementClient, private readonly options: NodeAgentOptions = {}) {
    this.retry = { conflictDelayInMs: options.conflictDelayInMs, maxAttempts: options.maxAttempts,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))) };
    this.jobs = new ManagedRunCommandJobs(compute, { timeoutInMs: options.jobTimeoutInMs ?? 6 * 3_600_000,
      paths: options.jobPaths ?? BACKUP_NODE_PATHS, pollIntervalInMs: options.pollIntervalInMs, retry: this.retry });
  }

  runScript(node: DeploymentNode, script: NodeScriptName, options: NodeScriptOptions = {}): Promise<Result<NodeScriptOutcome>> {
    return this.run(node, script, renderNodeScript(script, options),
      options.waitForSeeds?.length ? { SEEDS: options.waitForSeeds.join(' '), SEED_WAIT_SECONDS: String(SEED_WAIT_SECONDS) } : {});
  }

  writeJvmOptions(node: DeploymentNode, content: string): Promise<Result<NodeScriptOutcome>> {
    return this.run(node, 'writeJvmOptions', renderWriteJvmOptionsScript(), { JVM_OPTIONS_B64: Buffer.from(content, 'utf8').toString('base64') });
  }

  installCassandra(node: DeploymentNode, release: string): Promise<Result<NodeScriptOutcome>> {
    return this.run(node, 'installCassandra', renderInstallCassandraScript(), { CASSANDRA_RELEASE: release });
  }

  startRepairBatch(node: DeploymentNode, batch: RepairBatch): Promise<Result<NodeScriptOutcome>> {
    return this.run(node, 'startRepairBatch', renderStartRepairBatchScript(), repairBatchParameters(batch));
  }

  stopRepairs(node: DeploymentNode, runId: string): Promise<Result<NodeScriptOutcome>> {
    return this.run(node, 'stopRepairs', renderStopRepairsScript(), stopRepairsParameters(runId));
  }

  private async run(node: DeploymentNode, script: string, lines: string[], parameters: Record<string, string> = {}): Promise<Result<NodeScriptOutcome>> {
    const statuses = await this.invokeWithRetry(node, lines, parameters);
    const { stdout, stderr } = parseRunCommandOutput(statuses);
    const marker = findScriptMarker(stdout, script);
    const stderrTail = stderr.slice(-500);
    if (marker?.ok) return ok({ detail: marker.detail, stderrTail });
    const reason = marker ? `reported failure '${marker.detail}'` : 'printed no status marker';
    return fail({ code: 'CASSOPS_NODE_SCRIPT_FAILED', message: `Script ${script} on ${node.vmName} ${reason}. stderr: ${stderrTail || '(empty)'}` });
  }

  startNodeJob(node: DeploymentNode, job: NodeJob, secret?: UploadSas): Promise<NodeJobStatus> {
    return this.jobs.start(node, job, secret);
  }

  readNodeJob(node: DeploymentNode, job: Pick<NodeJob, 'name' | 'script'>): Promise<NodeJobStatus> {
    return this.jobs.read(node, job);
  }

  deleteNodeJob(node: DeploymentNode, jobName: string): Promise<void> {
    return this.jobs.delete(node, jobName);
  }

  /** Runs the health probe script; never retries, so health never competes with an operation for the VM. */
  probeHealth(target: HealthProbeTarget): Promise<NodeProbe> {
    return runHealthProbe(this.compute, target,
      { script: this.options.probeScript, pollIntervalInMs: this.options.pollIntervalInMs, now: this.options.now });
  }

  private async invokeWithRetry(node: DeploymentNode, script: string[], parameters: Record<string, string>) {
    const result = await retryRunCommand(node, () => this.compute.virtualMachines.runCommand(node.resourceGroup, node.vmName,
      { commandId: 'RunShellScript', script, parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })) },
      { updateIntervalInMs: this.options.pollIntervalInMs ?? 2_000 }), this.retry);
    return result.value;
  }
}
