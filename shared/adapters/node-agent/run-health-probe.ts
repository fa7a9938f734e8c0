import type { ComputeManagementClient } from '@azure/arm-compute';
import { parseRunCommandOutput } from './parse-run-command-output.js';
import { renderProbeScript, type ProbeScriptOptions } from '../../domain/health/render-probe-script.js';
import { parseProbeOutput } from '../../domain/health/parse-probe-output.js';
import type { NodeProbe } from '../../domain/health/health-views.js';
import type { HealthProbeTarget } from '../../domain/ports/node-agent-port.js';

export interface RunHealthProbeOptions {
  script?: Partial<ProbeScriptOptions>;
  pollIntervalInMs?: number;
  now?: () => Date;
}

/** Where the Debian package keeps data on the VM: the probe's `df` looks there. */
const DEFAULT_SCRIPT: ProbeScriptOptions = { dataDirectory: '/var/lib/cassandra' };

/**
 * The VM's disk view: runs the probe script (`df` of the data disk) through Run Command and parses its
 * sections. Never throws and never retries: a 409 (another script is running; Azure runs one at
 * a time), a 429 or any other failure is a probe with `ok: false` and the reason, because health
 * must not compete with the operation that holds the VM, and the evaluation copes with a
 * missing view.
 */
export async function runHealthProbe(compute: ComputeManagementClient, target: HealthProbeTarget, options: RunHealthProbeOptions = {}): Promise<NodeProbe> {
  const now = options.now ?? (() => new Date());
  const script = renderProbeScript({ ...DEFAULT_SCRIPT, ...options.script }).split('\n');
  try {
    const result = await compute.virtualMachines.runCommand(target.resourceGroup, target.vmName,
      { commandId: 'RunShellScript', script }, { updateIntervalInMs: options.pollIntervalInMs ?? 2_000 });
    const { stdout } = parseRunCommandOutput(result.value);
    return parseProbeOutput(target.node, now().toISOString(), stdout);
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    const reason = status === 409 ? 'Run Command busy with another script' : status === 429 ? 'Run Command throttled' : (error as Error).message;
    return { node: target.node, observedAt: now().toISOString(), ok: false, error: reason };
  }
}
