import type { ComputeManagementClient } from '@azure/arm-compute';
import type { DeploymentNode } from '../../domain/deploy/deployment-plan.js';
import type { HealthProbeTarget, NodeAgentPort, NodeScriptName, NodeScriptOutcome, RepairBatch } from '../../domain/ports/node-agent-port.js';
import type { NodeProbe } from '../../domain/health/health-views.js';
import type { ProbeScriptOptions } from '../../domain/health/render-probe-script.js';
import { OpsError } from '../../errors/ops-error.js';
import { fail, ok, type Result } from '../../errors/result.js';
import { findScriptMarker, parseRunCommandOutput } from './parse-run-command-output.js';
import { renderNodeScript } from './node-scripts.js';
import { renderStartRepairBatchScript, renderStopRepairsScript, repairBatchParameters, stopRepairsParameters } from './repair-scripts.js';
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
}

/**
 * Runs the node agent's scripts through VM Run Command (RunShellScript). Azure runs one script
 * per VM at a time and answers 409 Conflict otherwise, and throttles with 429 + Retry-After:
 * both are waited out here (the given delay), then thrown as retryable OpsErrors
 * (CASSOPS_RUN_COMMAND_CONFLICT, CASSOPS_ARM_THROTTLED). A script that reports `failed`, or
 * prints no marker, is a permanent CASSOPS_NODE_SCRIPT_FAILED returned as a value.
 */
export class RunCommandNodeAgent implements NodeAgentPort {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly compute: ComputeManagementClient, private readonly options: NodeAgentOptions = {}) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  runScript(node: DeploymentNode, script: NodeScriptName): Promise<Result<NodeScriptOutcome>> {
    return this.run(node, script, renderNodeScript(script));
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

  /** Runs the health probe script; never retries, so health never competes with an operation for the VM. */
  probeHealth(target: HealthProbeTarget): Promise<NodeProbe> {
    return runHealthProbe(this.compute, target,
      { script: this.options.probeScript, pollIntervalInMs: this.options.pollIntervalInMs, now: this.options.now });
  }

  private async invokeWithRetry(node: DeploymentNode, script: string[], parameters: Record<string, string>) {
    const attempts = this.options.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.compute.virtualMachines.runCommand(node.resourceGroup, node.vmName,
          { commandId: 'RunShellScript', script, parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })) },
          { updateIntervalInMs: this.options.pollIntervalInMs ?? 2_000 });
        return result.value;
      } catch (error) {
        const wait = this.retryDelay(error);
        if (wait === undefined) throw error;
        if (attempt >= attempts) throw this.transientError(error, node);
        await this.sleep(wait);
      }
    }
  }

  /** How long to wait before retrying, or undefined when the error is not one to wait out here. */
  private retryDelay(error: unknown): number | undefined {
    const e = error as { statusCode?: number; response?: { headers?: { get(name: string): string | undefined } } };
    if (e.statusCode === 409) return this.options.conflictDelayInMs ?? 10_000;
    if (e.statusCode !== 429) return undefined;
    const header = Number(e.response?.headers?.get('retry-after'));
    return Number.isFinite(header) && header >= 0 ? header * 1000 : 30_000;
  }

  private transientError(error: unknown, node: DeploymentNode): OpsError {
    const status = (error as { statusCode?: number }).statusCode;
    const message = (error as { message?: string }).message ?? String(error);
    return status === 409
      ? new OpsError('CASSOPS_RUN_COMMAND_CONFLICT', { message: `Run Command busy on ${node.vmName}: ${message}`, cause: error })
      : new OpsError('CASSOPS_ARM_THROTTLED', { message: `Run Command throttled on ${node.vmName}: ${message}`, cause: error });
  }
}
