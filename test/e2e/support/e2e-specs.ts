import { readFileSync } from 'node:fs';

/**
 * Local cluster specs for the end-to-end scenarios: the address spaces (127.1.0.0/16,
 * 127.2.0.0/16) with data subnets of their own (127.x.66.0/24), so a scenario never collides
 * with other local clusters on the usual 127.x.1.0/24 subnets.
 */
export function e2eSpec(name: string, dcs: 1 | 2, options: { keyspaceRf?: number } = {}): Record<string, unknown> {
  const base = JSON.parse(readFileSync(new URL('../../../../examples/local-two-dc.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const { $schema: _schema, ...rest } = base;
  const datacenters = Array.from({ length: dcs }, (_, i) => ({
    name: `dc${i + 1}`, region: ['eastus', 'westus2'][i],
    network: { addressSpace: `127.${i + 1}.0.0/16`, dataSubnet: `127.${i + 1}.66.0/24`, appSubnet: `127.${i + 1}.67.0/24` },
    racks: 3, nodes: 3,
  }));
  const rf = options.keyspaceRf ?? 3;
  return {
    ...rest,
    cluster: { ...(base.cluster as object), name },
    datacenters,
    network: dcs === 1 ? { cqlAllowedCidrs: ['127.0.0.1/32'] } : base.network,
    keyspaces: [{ name: 'customers_ks', replication: Object.fromEntries(datacenters.map((d) => [d.name, rf])) }],
  };
}
