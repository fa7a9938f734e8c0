import { ORCHESTRATIONS } from '../contracts/names.js';
import type { DeployPhaseInput, ProvisionNodeInput } from '../contracts/activity-io.js';
import { fail, ok, type Result } from '../errors/result.js';
import { callSub, firstFailure } from './kit/call-activity.js';
import { runInBatches } from './kit/run-in-batches.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * Every node's NIC and VM, each node a sub-orchestration, in batches of `nodeConcurrency`: VM
 * creation dominates the wall time and ARM's write budget is per subscription.
 */
export function* provisionNodes(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { operation, plan, spec, settings, newDatacenters = [] } = context.df.getInput<DeployPhaseInput>();
  const lbByDc = new Map(plan.datacenters.map((dc) => [dc.name, dc.loadBalancer]));
  const starts = plan.nodes.map((node) => () => {
    const lb = lbByDc.get(node.dc);
    const input: ProvisionNodeInput = { operation, clusterName: plan.clusterName, node, vm: plan.vm, tags: plan.tags, spec,
      firstBoot: settings.firstBoot, ...(newDatacenters.includes(node.dc) ? { withoutBootstrap: true } : {}),
      ...(lb ? { loadBalancer: { name: lb.name, backendPoolName: lb.backendPoolName } } : {}) };
    return callSub(context, ORCHESTRATIONS.provisionNode, input, `node-${node.name}`);
  });
  const results = (yield* runInBatches<Result<void>>(context, starts, Math.max(1, settings.nodeConcurrency)));
  const failed = firstFailure(results);
  return failed ? fail(failed) : ok(undefined);
}
