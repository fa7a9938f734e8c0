import { ACTIVITIES } from '../contracts/names.js';
import type { DeployPhaseInput, VpnConnectionInput, VpnGatewayInput } from '../contracts/activity-io.js';
import type { VpnConnectionStatus, VpnGatewayState } from '../domain/ports/arm-port.js';
import { fail, ok, type Result } from '../errors/result.js';
import { callActivity, firstFailure } from './kit/call-activity.js';
import type { Orchestration, OrchestrationContextLike } from './kit/orchestration-context.js';
import { pollUntil } from './kit/poll-until.js';

/**
 * How a gateway is waited for: Azure takes 30-45 minutes ("45 minutes or more" in its tutorials),
 * so a poll every half minute costs nothing, and two hours means it is stuck.
 */
export const VPN_GATEWAY_WAIT = { intervalInMs: 30_000, timeoutInMs: 2 * 60 * 60_000 } as const;
/** How a connection is waited for once both sides exist: IKE settles within minutes. */
export const VPN_CONNECTION_WAIT = { intervalInMs: 10_000, timeoutInMs: 20 * 60_000 } as const;

/**
 * The VPN links between DCs (interRegionLink vpnGateway), after the VNets and beside the NICs and
 * VMs, so the slowest thing Azure builds overlaps the machines: every DC's gateway is begun at
 * once with the shared key stored beside them → each gateway polled until it has provisioned
 * (durable timers; no activity outlives its time limit) → every connection, both directions of
 * every pair, in parallel (Azure refuses one whose gateways are still building) → each polled
 * until Connected, so the joins that follow can gossip across DCs. Each call is idempotent, so a
 * re-run resumes. A gateway that fails or never provisions fails the step with CASSOPS_ARM_FAILED.
 */
export function* provisionVpnLinks(context: OrchestrationContextLike): Orchestration<Result<void>> {
  const { plan } = context.df.getInput<DeployPhaseInput>();
  const { clusterName, tags } = plan;
  const gateways = (plan.vpnGateways ?? []).map((gateway): VpnGatewayInput => ({ clusterName, gateway, tags }));
  const connections = (plan.vpnConnections ?? []).map((connection): VpnConnectionInput => ({ clusterName, connection, tags }));
  const begun = (yield context.df.Task.all([
    ...gateways.map((g) => callActivity(context, ACTIVITIES.beginVpnGateway, 'arm', g)),
    ...(connections.length > 0 ? [callActivity(context, ACTIVITIES.ensureVpnSharedKey, 'bookkeeping', { clusterName })] : []),
  ])) as Result<unknown>[];
  const refused = firstFailure(begun);
  if (refused) return fail(refused);
  for (const [i, gateway] of gateways.entries()) {
    if ((begun[i] as { value: VpnGatewayState }).value === 'Succeeded') continue;
    const built = yield* waitForGateway(context, gateway);
    if (!built.ok) return built;
  }
  if (connections.length === 0) return ok(undefined);
  const made = firstFailure((yield context.df.Task.all(connections.map((c) =>
    callActivity(context, ACTIVITIES.createOrUpdateVpnConnection, 'arm', c)))) as Result<void>[]);
  if (made) return fail(made);
  for (const connection of connections) {
    const linked = yield* waitForConnection(context, connection);
    if (!linked.ok) return linked;
  }
  return ok(undefined);
}

/** Polls a gateway until it has provisioned; a Failed one, or none by the deadline, is CASSOPS_ARM_FAILED. */
function* waitForGateway(context: OrchestrationContextLike, gateway: VpnGatewayInput): Orchestration<Result<void>> {
  const { name } = gateway.gateway;
  const built = yield* pollUntil<Result<VpnGatewayState>>(context, () => callActivity(context, ACTIVITIES.readVpnGatewayState, 'arm', gateway),
    (r) => !r.ok || r.value === 'Succeeded' || r.value === 'Failed', VPN_GATEWAY_WAIT,
    () => ({ code: 'CASSOPS_ARM_FAILED', message: `VPN gateway ${name} did not provision within ${VPN_GATEWAY_WAIT.timeoutInMs / 60_000} minutes` }));
  if (!built.ok) return built;
  if (!built.value.ok) return built.value;
  return built.value.value === 'Failed' ? fail({ code: 'CASSOPS_ARM_FAILED', message: `VPN gateway ${name} failed to provision` }) : ok(undefined);
}

/** Polls a connection until it reads Connected; by the deadline, CASSOPS_ARM_FAILED naming the status it last had. */
function* waitForConnection(context: OrchestrationContextLike, connection: VpnConnectionInput): Orchestration<Result<void>> {
  const linked = yield* pollUntil<Result<VpnConnectionStatus>>(context,
    () => callActivity(context, ACTIVITIES.readVpnConnectionStatus, 'arm', connection),
    (r) => !r.ok || r.value === 'Connected', VPN_CONNECTION_WAIT,
    (last) => ({ code: 'CASSOPS_ARM_FAILED', message: `VPN connection ${connection.connection.name} is ${last.ok ? last.value : 'unreadable'}, `
      + `not Connected, after ${VPN_CONNECTION_WAIT.timeoutInMs / 60_000} minutes` }));
  if (!linked.ok) return linked;
  return linked.value.ok ? ok(undefined) : linked.value;
}
