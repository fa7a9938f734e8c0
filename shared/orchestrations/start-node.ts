import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { JoinNodesInput, OperationRef } from '../contracts/activity-io.js';
import type { StartNodeInput } from '../contracts/start-node-io.js';
import type { VmRef } from '../domain/ports/arm-port.js';
import type { Result } from '../errors/result.js';
import { callActivity, callSub } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { runOperation } from './kit/run-operation.js';

/**
 * Brings back a node whose VM was stopped or deallocated, through the operation lifecycle:
 * start (the VM powered on) → join (Cassandra started if the boot did not start it, then polled
 * until the node is UN and sees every node, as a deployment's join). The node keeps its data,
 * so hints and repair close the gap; the cluster stays Ready whatever the outcome.
 */
export function* startNode(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<StartNodeInput>();
  const { node, clusterName } = input;
  const operation: OperationRef = { operationId: input.operationId, clusterName, kind: 'StartNode' };
  const join: JoinNodesInput = { operation, plan: { ...input.plan, nodes: [node] }, settings: input.settings, nodesBefore: input.plan.nodes.length - 1 };
  return yield* runOperation(context, operation, [
    { name: 'start', start: () => [callActivity(context, ACTIVITIES.startVm, 'arm', { resourceGroup: node.resourceGroup, vmName: node.vmName } satisfies VmRef)] },
    { name: 'join', start: () => [callSub(context, ORCHESTRATIONS.joinNodes, join, 'join')], summarize: () => `${node.name} is back` },
  ], {});
}
