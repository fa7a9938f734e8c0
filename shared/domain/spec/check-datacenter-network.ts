import { AZURE_RESERVED_PER_SUBNET, addressCount, cidrContains, cidrsOverlap, mustParseIpv4Cidr } from '../net/ipv4-cidr.js';
import type { ClusterSpec, DatacenterSpec } from './cluster-spec-schema.js';
import { jsonPath, type SpecIssue } from './spec-issue.js';

/** Azure's smallest subnet is a /29 (8 addresses, 3 usable after the 5 it keeps). */
const SMALLEST_SUBNET_PREFIX = 29;
/** A VPN gateway needs a GatewaySubnet of /27 or larger. */
const SMALLEST_GATEWAY_PREFIX = 27;

/**
 * Checks one DC's addressing: subnets inside the VNet, not overlapping each other, large enough
 * for the nodes (plus the load balancer's frontend) after Azure's five reserved addresses.
 */
export function checkDatacenterNetwork(spec: ClusterSpec, dc: DatacenterSpec, index: number): SpecIssue[] {
  const at = (...rest: PropertyKey[]) => jsonPath(['datacenters', index, 'network', ...rest]);
  const space = mustParseIpv4Cidr(dc.network.addressSpace);
  const subnets = namedSubnets(dc);
  const issues: SpecIssue[] = [];
  for (const [i, [field, text]] of subnets.entries()) {
    const subnet = mustParseIpv4Cidr(text);
    if (!cidrContains(space, subnet)) {
      issues.push({ path: at(field), message: `${text} is outside the VNet address space ${dc.network.addressSpace}` });
    }
    const minimum = field === 'gatewaySubnet' ? SMALLEST_GATEWAY_PREFIX : SMALLEST_SUBNET_PREFIX;
    if (subnet.prefix > minimum) {
      issues.push({ path: at(field), message: `${text} is too small: Azure needs at least a /${minimum} here` });
    }
    for (const [otherField, otherText] of subnets.slice(0, i)) {
      if (cidrsOverlap(subnet, mustParseIpv4Cidr(otherText))) {
        issues.push({ path: at(field), message: `${text} overlaps ${otherField} ${otherText}` });
      }
    }
  }
  issues.push(...checkDataSubnetCapacity(spec, dc, index));
  if (spec.network.interRegionLink === 'vpnGateway' && dc.network.gatewaySubnet === undefined) {
    issues.push({ path: at('gatewaySubnet'), message: 'is required when network.interRegionLink is vpnGateway' });
  }
  return issues;
}

/** Checks that no two DCs' VNet address spaces overlap (peered VNets must not). */
export function checkAddressSpacesDisjoint(spec: ClusterSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  spec.datacenters.forEach((dc, j) => {
    const space = mustParseIpv4Cidr(dc.network.addressSpace);
    spec.datacenters.slice(0, j).forEach((other, i) => {
      if (cidrsOverlap(space, mustParseIpv4Cidr(other.network.addressSpace))) {
        issues.push({
          path: jsonPath(['datacenters', j, 'network', 'addressSpace']),
          message: `${dc.network.addressSpace} overlaps the address space ${other.network.addressSpace} of datacenter "${other.name}" ($.datacenters[${i}])`,
        });
      }
    });
  });
  return issues;
}

function checkDataSubnetCapacity(spec: ClusterSpec, dc: DatacenterSpec, index: number): SpecIssue[] {
  const subnet = mustParseIpv4Cidr(dc.network.dataSubnet);
  const loadBalancerAddresses = spec.network.internalLoadBalancer ? 1 : 0;
  const usable = addressCount(subnet) - AZURE_RESERVED_PER_SUBNET - loadBalancerAddresses;
  if (usable >= dc.nodes) return [];
  const lb = loadBalancerAddresses ? ' and one for the internal load balancer' : '';
  return [{
    path: jsonPath(['datacenters', index, 'network', 'dataSubnet']),
    message: `${dc.network.dataSubnet} has room for ${Math.max(usable, 0)} nodes (Azure keeps 5 addresses per subnet${lb}) but the DC has ${dc.nodes}`,
  }];
}

function namedSubnets(dc: DatacenterSpec): [string, string][] {
  const subnets: [string, string][] = [['dataSubnet', dc.network.dataSubnet], ['appSubnet', dc.network.appSubnet]];
  if (dc.network.gatewaySubnet !== undefined) subnets.push(['gatewaySubnet', dc.network.gatewaySubnet]);
  return subnets;
}
