import { readFileSync } from 'node:fs';

/**
 * Local cluster specs for the end-to-end scenarios: the address spaces (127.1.0.0/16,
 * 127.2.0.0/16) with data subnets of their own (127.x.<subnetOctet>.0/24, 66 unless told), so
 * each scenario and the benchmark can pick a subnet no other local cluster uses, and a run of one
 * never reaches another's nodes.
 */
export function e2eSpec(name: string, dcs: 1 | 2, options: { keyspaceRf?: number; subnetOctet?: number } = {}): Record<string, unknown> {
  const base = JSON.parse(readFileSync(new URL('../../../../examples/local-two-dc.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const { $schema: _schema, ...rest } = base;
  const octet = options.subnetOctet ?? 66;
  const datacenters = Array.from({ length: dcs }, (_, i) => ({
    name: `dc${i + 1}`, region: ['eastus', 'westus2'][i],
    network: { addressSpace: `127.${i + 1}.0.0/16`, dataSubnet: `127.${i + 1}.${octet}.0/24`, appSubnet: `127.${i + 1}.${octet + 1}.0/24` },
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
