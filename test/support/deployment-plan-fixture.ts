import { readFileSync } from 'node:fs';
import { validateClusterSpec } from '../../shared/domain/spec/validate-cluster-spec.js';
import { planTopology } from '../../shared/domain/topology/plan-topology.js';
import { toDeploymentPlan } from '../../shared/domain/deploy/to-deployment-plan.js';
import type { DeploymentPlan } from '../../shared/domain/deploy/deployment-plan.js';
import type { ClusterSpec } from '../../shared/domain/spec/cluster-spec-schema.js';

/** What the fixtures can vary beyond the DC and node counts. */
export interface SpecFixtureOptions {
  loadBalancer?: boolean;
  name?: string;
  /** The spec's `azure.tags`. */
  tags?: Record<string, string>;
  /** The spec's `azure.resourceGroup`: one group for every DC. */
  resourceGroup?: string;
  /** Link the regions by VPN gateways (each DC gets a GatewaySubnet) instead of peering. */
  vpnGateway?: boolean;
}

/** A spec for `dcs` loopback DCs of `nodesPerDc` nodes each (one rack per node, up to 3 racks). */
export function localSpecFixture(dcs = 2, nodesPerDc = 3, options: SpecFixtureOptions = {}): Record<string, unknown> {
  const base = JSON.parse(readFileSync(new URL('../../../examples/local-two-dc.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const datacenters = Array.from({ length: dcs }, (_, i) => ({
    name: `dc${i + 1}`, region: ['eastus', 'westus2', 'northeurope'][i] ?? 'eastus',
    network: { addressSpace: `127.${i + 1}.0.0/16`, dataSubnet: `127.${i + 1}.1.0/24`, appSubnet: `127.${i + 1}.2.0/24`,
      ...(options.vpnGateway ? { gatewaySubnet: `127.${i + 1}.255.0/27` } : {}) },
    racks: Math.min(3, nodesPerDc), nodes: nodesPerDc,
  }));
  const replication = Object.fromEntries(datacenters.map((d) => [d.name, Math.min(3, nodesPerDc)]));
  const { $schema: _schema, ...rest } = base;
  const azure = { ...(base.azure as object), ...(options.tags ? { tags: options.tags } : {}),
    ...(options.resourceGroup ? { resourceGroup: options.resourceGroup } : {}) };
  return { ...rest, cluster: { ...(base.cluster as object), name: options.name ?? 'demo' }, azure, datacenters,
    network: { ...(base.network as object), ...(options.loadBalancer ? { internalLoadBalancer: true } : {}),
      ...(options.vpnGateway ? { interRegionLink: 'vpnGateway' } : {}) },
    keyspaces: [{ name: 'customers_ks', replication }] };
}

/** The validated spec of localSpecFixture (defaults applied), as the API stores it. */
export function validSpecFixture(dcs = 2, nodesPerDc = 3, options: SpecFixtureOptions = {}): ClusterSpec {
  const result = validateClusterSpec(localSpecFixture(dcs, nodesPerDc, options), { target: 'local' });
  if (!result.ok) throw new Error(`fixture spec invalid: ${JSON.stringify(result.issues)}`);
  return result.spec;
}

/** The deployment plan the real validator and planner make of localSpecFixture. */
export function deploymentPlanFixture(dcs = 2, nodesPerDc = 3, options: SpecFixtureOptions = {}): DeploymentPlan {
  return toDeploymentPlan(planTopology(validSpecFixture(dcs, nodesPerDc, options)));
}
