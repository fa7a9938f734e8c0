import { ACTIVITIES } from '../contracts/names.js';
import type { CreateVmInput, NodeResourceInput, ProvisionNodeInput } from '../contracts/activity-io.js';
import type { Result } from '../errors/result.js';
import { callActivity } from './kit/call-activity.js';
import { recordProgress } from './kit/record-progress.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/** One node's machine: its NIC with the planned static address, then its VM; records the node as VmCreated. */
export function* provisionNode(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<ProvisionNodeInput>();
  const resource: NodeResourceInput = { clusterName: input.clusterName, node: input.node, vm: input.vm,
    ...(input.tags ? { tags: input.tags } : {}), ...(input.loadBalancer ? { loadBalancer: input.loadBalancer } : {}) };
  const nic = (yield callActivity(context, ACTIVITIES.createOrUpdateNic, 'arm', resource)) as Result<void>;
  if (!nic.ok) return nic;
  const vmInput: CreateVmInput = { ...resource, spec: input.spec, ...(input.firstBoot ? { firstBoot: input.firstBoot } : {}),
    ...(input.replaceAddress ? { replaceAddress: input.replaceAddress } : {}), ...(input.withoutBootstrap ? { withoutBootstrap: true } : {}) };
  const vm = (yield callActivity(context, ACTIVITIES.createOrUpdateVm, 'arm', vmInput)) as Result<void>;
  if (!vm.ok) return vm;
  yield recordProgress(context, input.operation, { step: 'nodes', status: 'Running', stepPercent: 50, message: `VM ${input.node.vmName} created`, node: { clusterName: input.clusterName, node: input.node, state: 'VmCreated' } });
  return vm;
}
