// Specs the domain tests start from and then bend, one field at a time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A plain JSON object a test may mutate freely. */
export type SpecInput = Record<string, unknown> & {
  cluster: Record<string, unknown>;
  azure: Record<string, unknown>;
  datacenters: (Record<string, unknown> & { network: Record<string, unknown> })[];
  network?: Record<string, unknown>;
  keyspaces?: Record<string, unknown>[];
};

/** A valid local two-DC spec (loopback addresses), fresh on every call. */
export function localSpec(): SpecInput {
  return {
    cluster: { name: 'demo' },
    azure: { subscriptionId: '00000000-0000-0000-0000-000000000000' },
    datacenters: [
      { name: 'dc1', region: 'eastus', nodes: 3, racks: 3, network: { addressSpace: '127.1.0.0/16', dataSubnet: '127.1.1.0/24', appSubnet: '127.1.2.0/24' } },
      { name: 'dc2', region: 'westus2', nodes: 3, racks: 3, network: { addressSpace: '127.2.0.0/16', dataSubnet: '127.2.1.0/24', appSubnet: '127.2.2.0/24' } },
    ],
    keyspaces: [{ name: 'app', replication: { dc1: 3, dc2: 3 } }],
  };
}

/** A valid Azure two-region spec (private ranges, an SSH key). */
export function azureSpec(): SpecInput {
  const spec = localSpec();
  spec.azure.sshPublicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAItestkey operator@example';
  spec.datacenters[0]!.network = { addressSpace: '10.1.0.0/16', dataSubnet: '10.1.1.0/24', appSubnet: '10.1.2.0/24' };
  spec.datacenters[1]!.network = { addressSpace: '10.2.0.0/16', dataSubnet: '10.2.1.0/24', appSubnet: '10.2.2.0/24' };
  return spec;
}

/** Reads a spec from examples/ (tests run from the compiled tree, four levels below the root). */
export function readExample(name: string): unknown {
  const path = fileURLToPath(new URL(`../../../../examples/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8'));
}
