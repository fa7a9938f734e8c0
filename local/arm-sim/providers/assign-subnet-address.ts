import ipaddr from 'ipaddr.js';
import { ArmError } from '../arm-error.js';
import type { StoredResource } from '../resource-store.js';
import type { SimulatorContext } from '../simulator-context.js';
import { isLoopback } from './parse-cidr.js';

/** An IP configuration that sits in a subnet: a NIC's ipConfiguration, an LB frontend or a VPN gateway's. */
interface SubnetMember {
  ownerId: string;
  configId: string;
  address?: string;
}

const MEMBER_TYPES = ['Microsoft.Network/networkInterfaces', 'Microsoft.Network/loadBalancers', 'Microsoft.Network/virtualNetworkGateways'];

/** Every IP configuration (NIC, LB frontend or gateway) placed in `subnetId`. */
export function subnetMembers(ctx: SimulatorContext, subnetId: string): SubnetMember[] {
  const sub = subnetId.split('/').slice(0, 3).join('/');
  const wanted = subnetId.toLowerCase();
  const members: SubnetMember[] = [];
  for (const type of MEMBER_TYPES) {
    for (const r of ctx.store.list(`${sub}/`, type)) {
      const configs = (r.body.properties.ipConfigurations ?? r.body.properties.frontendIPConfigurations ?? []) as ConfigBody[];
      for (const c of configs) {
        const id = c.properties?.subnet?.id;
        // Ids are stored in canonical casing, so the exact compare nearly always decides.
        if (id === subnetId || (id?.length === subnetId.length && id.toLowerCase() === wanted)) members.push({ ownerId: r.body.id, configId: c.id ?? r.body.id, address: c.properties.privateIPAddress });
      }
    }
  }
  return members;
}

interface ConfigBody {
  id?: string;
  name?: string;
  properties: { subnet?: { id?: string }; privateIPAddress?: string; privateIPAllocationMethod?: string };
}

/**
 * Gives an IP configuration its private address in `subnet`: checks a static one
 * (PrivateIPAddressNotInSubnet, PrivateIPAddressInUse) or picks the lowest free dynamic one,
 * skipping the network address, the four addresses Azure reserves and the broadcast address.
 */
export function assignSubnetAddress(ctx: SimulatorContext, subnet: StoredResource, ownerId: string, requested: string | undefined, field: string): string {
  const prefix = subnetPrefix(subnet);
  const [network, bits] = ipaddr.parseCIDR(prefix) as [ipaddr.IPv4, number];
  const taken = new Map(subnetMembers(ctx, subnet.body.id)
    .filter((m) => m.ownerId.toLowerCase() !== ownerId.toLowerCase() && m.address)
    .map((m) => [m.address!, m.ownerId]));
  if (requested) {
    if (!ipaddr.IPv4.isValid(requested) || !ipaddr.IPv4.parse(requested).match(network, bits)) {
      throw new ArmError('PrivateIPAddressNotInSubnet', `IP configuration ${field} is referencing private IP address ${requested} which does not belong to subnet ${subnet.body.id} (${prefix}).`);
    }
    if (ctx.guest.runsRealProcesses && !isLoopback(requested)) {
      throw new ArmError('InvalidParameter', `Private IP address ${requested} of ${field} is outside 127.0.0.0/8, which local guests require.`);
    }
    const holder = taken.get(requested);
    if (holder) throw new ArmError('PrivateIPAddressInUse', `IP configuration ${field} is using the private IP address ${requested} which is already allocated to resource ${holder}.`);
    return requested;
  }
  const base = toNumber(network);
  const size = 2 ** (32 - bits);
  const takenNumbers = new Set([...taken.keys()].map(dottedToNumber));
  for (let offset = 4; offset < size - 1; offset++) {
    if (!takenNumbers.has(base + offset)) return fromNumber(base + offset);
  }
  throw new ArmError('SubnetIsFull', `Subnet ${subnet.body.name} with address prefix ${prefix} does not have enough capacity for 1 IP addresses.`);
}

/** The subnet's address prefix (`addressPrefix`, or the first of `addressPrefixes`). */
function subnetPrefix(subnet: StoredResource): string {
  const p = subnet.body.properties;
  return (p.addressPrefix as string | undefined) ?? ((p.addressPrefixes as string[] | undefined) ?? [])[0] ?? '0.0.0.0/32';
}

function dottedToNumber(address: string): number {
  return address.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function toNumber(address: ipaddr.IPv4): number {
  return address.octets.reduce((n, o) => n * 256 + o, 0);
}

function fromNumber(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
