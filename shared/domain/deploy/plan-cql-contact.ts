import type { CqlContact, DeploymentPlan } from './deployment-plan.js';

/**
 * Contact points a cluster-level CQL session gets per DC. The driver discovers the other hosts
 * from any one it reaches, so a few addresses suffice; a fixed cap keeps activity inputs the same
 * size whether the DC has 3 nodes or 250.
 */
export const MAX_CONTACT_POINTS = 6;

/** One DC's contact points: its seeds first (up longest), then other nodes in join order, at most MAX_CONTACT_POINTS. */
export function planCqlContact(plan: DeploymentPlan, dc: string): CqlContact {
  const nodes = plan.nodes.filter((n) => n.dc === dc);
  const ordered = [...nodes.filter((n) => n.isSeed), ...nodes.filter((n) => !n.isSeed)];
  return { dc, contactPoints: ordered.slice(0, MAX_CONTACT_POINTS).map((n) => n.privateIp) };
}
