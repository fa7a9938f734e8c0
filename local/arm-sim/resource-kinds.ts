import { availabilitySets } from './providers/availability-sets.js';
import { disks, snapshots } from './providers/disks.js';
import { loadBalancers } from './providers/load-balancers.js';
import { managedRunCommands } from './providers/managed-run-commands.js';
import { networkInterfaces } from './providers/network-interfaces.js';
import { networkSecurityGroups, securityRules } from './providers/network-security-groups.js';
import { publicIpAddresses } from './providers/public-ip-addresses.js';
import { subnets } from './providers/subnets.js';
import { virtualMachines } from './providers/virtual-machines.js';
import { virtualNetworkGateways, vpnConnections } from './providers/virtual-network-gateways.js';
import { virtualNetworkPeerings, virtualNetworks } from './providers/virtual-networks.js';
import type { ResourceKind } from './simulator-context.js';

/** Every resource type the simulator serves, keyed by lower-cased type (`microsoft.network/virtualnetworks/subnets`). */
export const resourceKinds: ReadonlyMap<string, ResourceKind> = new Map([
  virtualNetworks, subnets, virtualNetworkPeerings, networkSecurityGroups, securityRules, networkInterfaces,
  loadBalancers, publicIpAddresses, virtualNetworkGateways, vpnConnections, availabilitySets, virtualMachines, managedRunCommands, disks, snapshots,
].map((kind) => [kind.type.toLowerCase(), kind]));
