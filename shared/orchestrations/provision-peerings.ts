import { ACTIVITIES, ORCHESTRATIONS } from '../contracts/names.js';
import type { DeployPhaseInput } from '../contracts/activity-io.js';
import { fail, ok, type Result } from '../errors/result.js';
import { callActivity, callSub, firstFailure } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';

/**
 * The peerings between every pair of DCs, all at once. They need both VNets (provisionNetwork
 * ends with them) and nothing but cross-DC gossip needs them, so deployCluster runs this beside
 * the NIC and VM phase and only the joins wait for it. Regions linked by VPN instead get their
 * gateways and connections from provisionVpnLinks, in the same place and for the same reason.
 */
export function* provisionPeerings(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const input = context.df.getInput<DeployPhaseInput>();
  const { plan } = input;
  if ((plan.vpnGateways ?? []).length > 0) return (yield callSub(context, ORCHESTRATIONS.provisionVpnLinks, input, 'vpn')) as Result<void>;
  if (plan.peerings.length === 0) return ok(undefined);
  const peerings = plan.peerings.map((peering) => callActivity(context, ACTIVITIES.createOrUpdatePeering, 'arm', { peering }));
  const failed = firstFailure((yield context.df.Task.all(peerings)) as Result<void>[]);
  return failed ? fail(failed) : ok(undefined);
}
