import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateClusterSpec, type SpecIssue } from '../../../../shared/domain/spec/validate-cluster-spec.js';
import { azureSpec, localSpec, readExample, type SpecInput } from '../spec-fixtures.js';

type Target = 'azure' | 'local';

function issuesOf(input: unknown, target: Target): SpecIssue[] {
  const result = validateClusterSpec(input, { target });
  return result.ok ? [] : result.issues;
}

function bent(base: () => SpecInput, change: (spec: SpecInput) => void): SpecInput {
  const spec = base();
  change(spec);
  return spec;
}

// One row per error class of the issue: the spec change, the target, and the issue it must raise.
const cases: { name: string; target: Target; spec: SpecInput; path: string; message: RegExp }[] = [
  { name: 'overlapping address spaces between DCs', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[1]!.network = { addressSpace: '127.1.128.0/17', dataSubnet: '127.1.129.0/24', appSubnet: '127.1.130.0/24' }; s.datacenters[0]!.network.dataSubnet = '127.1.1.0/24'; }), path: '$.datacenters[1].network.addressSpace', message: /overlaps the address space 127\.1\.0\.0\/16 of datacenter "dc1"/ },
  { name: 'subnet outside its VNet', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.network.dataSubnet = '127.9.1.0/24'; }), path: '$.datacenters[0].network.dataSubnet', message: /outside the VNet address space 127\.1\.0\.0\/16/ },
  { name: 'overlapping subnets', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.network.appSubnet = '127.1.1.128/25'; }), path: '$.datacenters[0].network.appSubnet', message: /overlaps dataSubnet 127\.1\.1\.0\/24/ },
  { name: 'too few addresses after the five Azure keeps', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.nodes = 4; s.datacenters[0]!.network.dataSubnet = '127.1.1.0/29'; s.keyspaces = []; }), path: '$.datacenters[0].network.dataSubnet', message: /room for 3 nodes \(Azure keeps 5 addresses per subnet\) but the DC has 4/ },
  { name: 'load balancer address counted against capacity', target: 'local', spec: bent(localSpec, (s) => { s.network = { internalLoadBalancer: true }; s.datacenters[0]!.network.dataSubnet = '127.1.1.0/29'; }), path: '$.datacenters[0].network.dataSubnet', message: /room for 2 nodes .*internal load balancer/ },
  { name: 'subnet smaller than /29', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.network.appSubnet = '127.1.2.0/30'; }), path: '$.datacenters[0].network.appSubnet', message: /too small: Azure needs at least a \/29/ },
  { name: 'more racks than nodes', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.racks = 4; }), path: '$.datacenters[0].racks', message: /4 racks need at least 4 nodes, but the DC has 3/ },
  { name: 'more seeds than racks', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.racks = 2; s.datacenters[0]!.seeds = 3; }), path: '$.datacenters[0].seeds', message: /3 seeds need 3 racks/ },
  { name: 'more than three seeds', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.seeds = 4; }), path: '$.datacenters[0].seeds', message: /<=3/ },
  { name: 'replication factor above the nodes in a DC', target: 'local', spec: bent(localSpec, (s) => { s.keyspaces = [{ name: 'app', replication: { dc1: 4 } }]; }), path: '$.keyspaces[0].replication.dc1', message: /replication factor 4 is more than the 3 nodes in datacenter "dc1"/ },
  { name: 'replication for an unknown DC', target: 'local', spec: bent(localSpec, (s) => { s.keyspaces = [{ name: 'app', replication: { dc9: 1 } }]; }), path: '$.keyspaces[0].replication.dc9', message: /"dc9" is not a datacenter of this cluster/ },
  { name: 'system keyspace name', target: 'local', spec: bent(localSpec, (s) => { s.keyspaces = [{ name: 'system_auth', replication: { dc1: 3 } }]; }), path: '$.keyspaces[0].name', message: /reserved by Cassandra/ },
  { name: 'unknown region', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.region = 'eastus9'; }), path: '$.datacenters[0].region', message: /unknown Azure region "eastus9"/ },
  { name: 'zones in a region without zones', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.region = 'westus'; }), path: '$.datacenters[0].placement.mode', message: /westus has no availability zones/ },
  { name: 'bad cluster name', target: 'local', spec: bent(localSpec, (s) => { s.cluster.name = 'Demo_Cluster'; }), path: '$.cluster.name', message: /lowercase letters, digits and hyphens/ },
  { name: 'bad datacenter name', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.name = 'DC 1'; }), path: '$.datacenters[0].name', message: /lowercase letters/ },
  { name: 'duplicate datacenter name', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[1]!.name = 'dc1'; s.keyspaces = []; }), path: '$.datacenters[1].name', message: /duplicate datacenter name "dc1"/ },
  { name: 'unknown field at the top', target: 'local', spec: bent(localSpec, (s) => { s.keyspace = []; }), path: '$.keyspace', message: /unknown field "keyspace"/ },
  { name: 'unknown field deep inside', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[1]!.network.datSubnet = '127.2.3.0/24'; }), path: '$.datacenters[1].network.datSubnet', message: /unknown field "datSubnet"/ },
  { name: 'non-loopback address on the local stack', target: 'local', spec: azureSpec(), path: '$.datacenters[0].network.addressSpace', message: /not loopback: the local stack only uses addresses inside 127\.0\.0\.0\/8/ },
  { name: 'non-loopback client CIDR on the local stack', target: 'local', spec: bent(localSpec, (s) => { s.network = { cqlAllowedCidrs: ['10.0.0.0/8'] }; }), path: '$.network.cqlAllowedCidrs[0]', message: /not loopback/ },
  { name: 'loopback VNet on Azure', target: 'azure', spec: bent(localSpec, (s) => { s.azure.sshPublicKey = 'ssh-ed25519 AAAA x'; }), path: '$.datacenters[0].network.addressSpace', message: /Azure VNets cannot use 127\.0\.0\.0\/8/ },
  { name: 'missing SSH key on Azure', target: 'azure', spec: bent(azureSpec, (s) => { delete s.azure.sshPublicKey; }), path: '$.azure.sshPublicKey', message: /required on Azure/ },
  { name: 'host bits set in a CIDR', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.network.dataSubnet = '127.1.1.7/24'; }), path: '$.datacenters[0].network.dataSubnet', message: /host bits are set .* the network is 127\.1\.1\.0\/24/ },
  { name: 'not a CIDR', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.network.appSubnet = '127.1.2.0'; }), path: '$.datacenters[0].network.appSubnet', message: /not an IPv4 CIDR/ },
  { name: 'missing required field', target: 'local', spec: bent(localSpec, (s) => { delete s.datacenters[0]!.nodes; }), path: '$.datacenters[0].nodes', message: /is required/ },
  { name: 'VPN link without a gateway subnet', target: 'local', spec: bent(localSpec, (s) => { s.network = { interRegionLink: 'vpnGateway' }; }), path: '$.datacenters[0].network.gatewaySubnet', message: /required when network.interRegionLink is vpnGateway/ },
  { name: 'bad schedule', target: 'local', spec: bent(localSpec, (s) => { s.schedules = { repair: { schedule: '0 0 1 * * 9' } }; }), path: '$.schedules.repair.schedule', message: /not a valid schedule/ },
  { name: 'five-field cron', target: 'local', spec: bent(localSpec, (s) => { s.schedules = { health: { schedule: '*/5 * * * *' } }; }), path: '$.schedules.health.schedule', message: /six-field NCRONTAB/ },
  { name: 'VM size without known memory', target: 'local', spec: bent(localSpec, (s) => { s.azure.vmSize = 'Standard_X99'; }), path: '$.azure.vmSize', message: /not in the VM size catalogue/ },
  { name: 'host caching on Premium SSD v2', target: 'local', spec: bent(localSpec, (s) => { s.azure.dataDisk = { sku: 'PremiumV2_LRS' }; }), path: '$.azure.dataDisk.caching', message: /support no host caching/ },
  { name: 'password-like SSH key', target: 'azure', spec: bent(azureSpec, (s) => { s.azure.sshPublicKey = 'hunter2'; }), path: '$.azure.sshPublicKey', message: /OpenSSH public key/ },
];

describe('validateClusterSpec', () => {
  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      const issues = issuesOf(c.spec, c.target);
      const hit = issues.find((issue) => issue.path === c.path && c.message.test(issue.message));
      assert.ok(hit, `expected an issue at ${c.path} matching ${c.message}; got ${JSON.stringify(issues, null, 1)}`);
    });
  }

  it('accepts the valid fixtures and fills in defaults', () => {
    const local = validateClusterSpec(localSpec(), { target: 'local' });
    assert.equal(local.ok, true);
    assert.ok(local.ok);
    assert.equal(local.spec.cluster.numTokens, 16);
    assert.equal(local.spec.cluster.cassandraVersion, '5.0');
    assert.equal(local.spec.cluster.authentication.enabled, true);
    assert.equal(local.spec.network.interRegionLink, 'globalVnetPeering');
    assert.deepEqual(local.spec.azure.sshAllowedCidrs, []);
    assert.equal(validateClusterSpec(azureSpec(), { target: 'azure' }).ok, true);
  });

  it('accepts every example for its target', () => {
    for (const [file, target] of [['local-single-dc.json', 'local'], ['local-two-dc.json', 'local'], ['azure-two-region.json', 'azure']] as const) {
      const result = validateClusterSpec(readExample(file), { target });
      assert.deepEqual(result.ok ? [] : result.issues, [], file);
    }
  });

  it('returns every problem at once, semantic ones alongside a typo', () => {
    const spec = bent(localSpec, (s) => {
      s.cluster.nmae = 'x';
      s.datacenters[0]!.racks = 5;
      s.datacenters[1]!.network.dataSubnet = '127.9.0.0/24';
    });
    const paths = issuesOf(spec, 'local').map((issue) => issue.path);
    assert.ok(paths.includes('$.cluster.nmae'));
    assert.ok(paths.includes('$.datacenters[0].racks'));
    assert.ok(paths.includes('$.datacenters[1].network.dataSubnet'));
  });

  it('names the problem for input that is not an object', () => {
    for (const input of [null, [], 'spec', 42]) {
      const issues = issuesOf(input, 'local');
      assert.equal(issues.length, 1);
      assert.equal(issues[0]!.path, '$');
    }
  });
});
