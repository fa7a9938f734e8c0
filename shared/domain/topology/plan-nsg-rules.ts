import type { ClusterSpec, DatacenterSpec } from '../spec/cluster-spec-schema.js';
import { azureNames } from './azure-names.js';
import type { NsgPlan, NsgRulePlan } from './cluster-plan.js';

/** CQL native protocol. */
export const CQL_PORT = 9042;
/** Inter-node gossip and streaming (7000), and its legacy TLS port (7001). */
export const INTERNODE_PORTS = '7000-7001';
/** JMX: local only, never reachable from outside the node. */
export const JMX_PORT = 7199;

type Rule = Omit<NsgRulePlan, 'direction' | 'sourcePortRange' | 'protocol'> & Partial<Pick<NsgRulePlan, 'protocol'>>;

/**
 * The hardened NSG layout for one DC. Data subnet: nothing from the internet; CQL only from the
 * cluster's app subnets, the allowed client CIDRs and the load balancer's probe; 7000-7001 only
 * between the cluster's data subnets; JMX denied; SSH only from allowed CIDRs; everything else
 * denied (the explicit deny at 4096 overrides Azure's default allow-VNet rule). App subnet: no
 * inbound from the internet.
 */
export function planNsgs(spec: ClusterSpec, dc: DatacenterSpec): NsgPlan[] {
  const cluster = spec.cluster.name;
  return [
    { name: azureNames.nsg(cluster, dc.name, 'data'), subnet: 'data', rules: dataSubnetRules(spec, dc).map(inbound) },
    { name: azureNames.nsg(cluster, dc.name, 'app'), subnet: 'app', rules: [inbound(denyAll('deny-internet-inbound', ['Internet'], ['*'], 'No inbound traffic from the internet.'))] },
  ];
}

function dataSubnetRules(spec: ClusterSpec, dc: DatacenterSpec): Rule[] {
  const data = [dc.network.dataSubnet];
  const rules: Rule[] = [
    // Every app subnet of the cluster: drivers fall back to a remote DC when the local one is down.
    allow('allow-cql-from-app-subnets', 100, spec.datacenters.map((d) => d.network.appSubnet), data, [String(CQL_PORT)], 'CQL from the application subnets.'),
  ];
  if (spec.network.cqlAllowedCidrs.length > 0) {
    rules.push(allow('allow-cql-from-clients', 110, spec.network.cqlAllowedCidrs, data, [String(CQL_PORT)], 'CQL from the allowed client CIDRs.'));
  }
  if (spec.network.internalLoadBalancer) {
    rules.push(allow('allow-cql-lb-probe', 120, ['AzureLoadBalancer'], data, [String(CQL_PORT)], 'Health probe of the internal load balancer.'));
  }
  rules.push(allow('allow-internode', 130, spec.datacenters.map((d) => d.network.dataSubnet), data, [INTERNODE_PORTS], 'Gossip and streaming between the cluster\'s data subnets only.'));
  if (spec.azure.sshAllowedCidrs.length > 0) {
    rules.push(allow('allow-ssh', 140, spec.azure.sshAllowedCidrs, data, ['22'], 'SSH from the allowed CIDRs; Run Command is the usual path.'));
  }
  rules.push({ ...denyAll('deny-jmx', ['*'], data, 'JMX never leaves the node.'), priority: 4000, destinationPortRanges: [String(JMX_PORT)] });
  rules.push(denyAll('deny-all-inbound', ['*'], ['*'], 'Nothing else reaches the data subnet, from the internet or the VNet.'));
  return rules;
}

function allow(name: string, priority: number, sources: string[], destinations: string[], ports: string[], description: string): Rule {
  return { name, priority, access: 'Allow', protocol: 'Tcp', sourceAddressPrefixes: sources, destinationAddressPrefixes: destinations, destinationPortRanges: ports, description };
}

function denyAll(name: string, sources: string[], destinations: string[], description: string): Rule {
  return { name, priority: 4096, access: 'Deny', protocol: '*', sourceAddressPrefixes: sources, destinationAddressPrefixes: destinations, destinationPortRanges: ['*'], description };
}

function inbound(rule: Rule): NsgRulePlan {
  return { ...rule, protocol: rule.protocol ?? 'Tcp', direction: 'Inbound', sourcePortRange: '*' };
}
