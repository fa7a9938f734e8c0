import type { ArmClients } from '../../../shared/adapters/arm/create-arm-clients.js';
import type { DeploymentNode } from '../../../shared/domain/deploy/deployment-plan.js';

/** Runs a script on a node's VM through Run Command, as an operator would; returns what it printed. */
export async function runOnVm(arm: ArmClients, node: DeploymentNode, script: string): Promise<string> {
  const result = await arm.compute.virtualMachines.beginRunCommandAndWait(node.resourceGroup, node.vmName, { commandId: 'RunShellScript', script: script.split('\n') }, { updateIntervalInMs: 0 });
  return (result.value ?? []).map((status) => status.message ?? '').join('\n');
}
