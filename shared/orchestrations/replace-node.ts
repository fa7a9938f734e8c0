import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { JoinNodesInput, OperationRef, ProvisionNodeInput } from '../contracts/activity-io.js';
import type { ReplaceNodeInput } from '../contracts/replace-io.js';
import type { DeleteNodeInput } from '../contracts/update-io.js';
import type { Result } from '../errors/result.js';
import { awaitApproval } from './kit/await-approval.js';
import { callActivity, callSub } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { runOperation, type OperationStep } from './kit/run-operation.js';

/**
 * Replaces a dead node through the operation lifecycle: check (the node down, every other node
 * up) → approval (when asked: the operation waits, holding the cluster, and a rejection or
 * timeout ends it with nothing changed) → nodes (whatever is left of the node's VM, NIC and
 * disks deleted, then a NIC with the same address and a VM whose Cassandra starts once with
 * replace_address_first_boot) → join (it streams the dead node's ranges and is UN, seeing every
 * node). The node keeps its name and address. The cluster stays Ready whatever the outcome.
 */
export function* replaceNode(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<ReplaceNodeInput>();
  const { machine, clusterName, approval } = input;
  const node = machine.node;
  const operation: OperationRef = { operationId: input.operationId, clusterName, kind: 'ReplaceNode' };
  const join: JoinNodesInput = { operation, plan: { ...input.plan, nodes: [node] }, settings: input.settings, nodesBefore: input.plan.nodes.length - 1 };
  const steps: OperationStep[] = [
    { name: 'check', start: () => [callActivity(context, ACTIVITIES.checkReplaceReady, 'cql', { clusterName, node: node.name })] },
    ...(approval ? [{ name: 'approval', run: () => awaitApproval(context, operation, approval) }] : []),
    { name: 'nodes', *run() {
      const gone = (yield callActivity(context, ACTIVITIES.deleteNodeResources, 'arm', { clusterName, node } satisfies DeleteNodeInput)) as Result<void>;
      if (!gone.ok) return gone;
      return (yield callSub(context, ORCHESTRATIONS.provisionNode, { ...machine, operation } satisfies ProvisionNodeInput, `node-${node.name}`)) as Result<void>;
    } },
    { name: 'join', start: () => [callSub(context, ORCHESTRATIONS.joinNodes, join, 'join')],
      summarize: () => `${node.name} replaced at ${node.privateIp}` },
  ];
  return yield* runOperation(context, operation, steps, {});
}
