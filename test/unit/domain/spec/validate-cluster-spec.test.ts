import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { validateClusterSpec, type SpecIssue } from '../../../../shared/domain/spec/validate-cluster-spec.js';
import { MAX_BODY_BYTES } from '../../../../shared/api/parse-json-body.js';
import { jsonPath } from '../../../../shared/domain/spec/spec-issue.js';
import { fillSpecTo } from '../../../support/oversized-spec.js';
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
  { name: 'a release outside 5.0', target: 'local', spec: bent(localSpec, (s) => { s.cluster.cassandraVersion = '4.1.3'; }), path: '$.cluster.cassandraVersion', message: /must be the 5\.0 series \("5\.0"\) or one of its patch releases/ },
  { name: 'bad cluster name', target: 'local', spec: bent(localSpec, (s) => { s.cluster.name = 'Demo_Cluster'; }), path: '$.cluster.name', message: /lowercase letters, digits and hyphens/ },
  { name: 'bad datacenter name', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[0]!.name = 'DC 1'; }), path: '$.datacenters[0].name', message: /lowercase letters/ },
  { name: 'duplicate datacenter name', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[1]!.name = 'dc1'; s.keyspaces = []; }), path: '$.datacenters[1].name', message: /duplicate datacenter name "dc1"/ },
  { name: 'unknown field at the top', target: 'local', spec: bent(localSpec, (s) => { s.keyspace = []; }), path: '$.keyspace', message: /unknown field "keyspace"/ },
  { name: 'unknown field deep inside', target: 'local', spec: bent(localSpec, (s) => { s.datacenters[1]!.network.datSubnet = '127.2.3.0/24'; }), path: '$.datacenters[1].network.datSubnet', message: /unknown field "datSubnet" \(did you mean "dataSubnet"\?\)/ },
  { name: 'a typo with no close field', target: 'local', spec: bent(localSpec, (s) => { s.cluster.flavour = 'x'; }), path: '$.cluster.flavour', message: /unknown field "flavour" \(not part of the cluster spec/ },
  { name: 'a transposed field name', target: 'local', spec: bent(localSpec, (s) => { s.cluster.nmae = 'x'; }), path: '$.cluster.nmae', message: /did you mean "name"\?/ },
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
  { name: 'a heap too large for the VM', target: 'local', spec: bent(localSpec, (s) => { s.azure.vmSize = 'Standard_B2ms'; s.cluster.jvm = { maxHeapMiB: 8192 }; }), path: '$.cluster.jvm.maxHeapMiB', message: /more than 3\/4 of the 8 GiB of Standard_B2ms/ },
  { name: 'a young generation larger than half the heap', target: 'local', spec: bent(localSpec, (s) => { s.cluster.jvm = { maxHeapMiB: 512, newHeapMiB: 400 }; }), path: '$.cluster.jvm.newHeapMiB', message: /at most half of maxHeapMiB/ },
  { name: 'host caching on Premium SSD v2', target: 'local', spec: bent(localSpec, (s) => { s.azure.dataDisk = { sku: 'PremiumV2_LRS' }; }), path: '$.azure.dataDisk.caching', message: /support no host caching/ },
  { name: 'password-like SSH key', target: 'azure', spec: bent(azureSpec, (s) => { s.azure.sshPublicKey = 'hunter2'; }), path: '$.azure.sshPublicKey', message: /OpenSSH public key/ },
];

const many = <T>(n: number, item: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => item(i));

/** A loopback DC numbered i (dc1, dc2, …) with its own /16. */
function localDc(i: number, nodes = 3): SpecInput['datacenters'][number] {
  const net = `127.${i + 1}`;
  return { name: `dc${i + 1}`, region: 'eastus', nodes, racks: Math.min(3, nodes),
    network: { addressSpace: `${net}.0.0/16`, dataSubnet: `${net}.1.0/24`, appSubnet: `${net}.2.0/24` } };
}

/** DCs with these node counts, and one keyspace replicated once in each. */
function withDcs(spec: SpecInput, nodes: number[]): void {
  spec.datacenters = nodes.map((n, i) => localDc(i, n));
  spec.keyspaces = [{ name: 'app', replication: replicas(nodes.length) }];
}

const tags = (n: number) => Object.fromEntries(many(n, (i) => [`tag${i}`, 'x']));
const cidrs = (n: number) => many(n, (i) => `127.0.${i}.0/24`);
const keyspaces = (n: number) => many(n, (i) => ({ name: `ks${i}`, replication: { dc1: 3 } }));
const replicas = (n: number) => Object.fromEntries(many(n, (i) => [`dc${i + 1}`, 1]));
// A valid schedule of 128 characters (minutes 0..42), and one a field longer.
const schedule = (lastMinute: number) => `0 ${many(lastMinute + 1, String).join(',')} 1 * * 0`;

const putTags = (s: SpecInput, value: unknown) => { s.azure.tags = value; };
const putCqlCidrs = (s: SpecInput, value: unknown) => { s.network = { cqlAllowedCidrs: value }; };

// One row per limit: the spec with `put(atLimit)` must be valid; with `put(over)` it must raise the issue
// at `path`, naming the limit.
type LimitCase<T> = {
  name: string; put: (s: SpecInput, value: T) => void; atLimit: T; over: T; path: string; message: RegExp;
};
const limit = <T>(name: string, put: LimitCase<T>['put'], atLimit: T, over: T, path: string, message: RegExp) =>
  ({ name, put, atLimit, over, path, message }) as LimitCase<unknown>;
const limitCases: LimitCase<unknown>[] = [
  limit('datacenters', withDcs, many(10, () => 3), many(11, () => 3),
    '$.datacenters', /must have at most 10 datacenters \(has 11\)/),
  limit('nodes in a datacenter', withDcs, [250], [251],
    '$.datacenters[0].nodes', /must be at most 250 nodes per datacenter/),
  limit('nodes across datacenters', withDcs, [250, 250, 250, 250], [250, 250, 250, 250, 1],
    '$.datacenters', /must have at most 1000 nodes in total across datacenters \(asks for 1001\)/),
  limit('keyspaces', (s, value: unknown[]) => { s.keyspaces = value as SpecInput[]; }, keyspaces(100), keyspaces(101),
    '$.keyspaces', /must have at most 100 keyspaces \(has 101\)/),
  // Replication may name each DC of the spec once; a further entry names a DC the cluster lacks.
  limit('replication entries, per the spec\'s datacenters',
    (s, n: number) => { s.keyspaces = [{ name: 'app', replication: replicas(n) }]; }, 2, 3,
    '$.keyspaces[0].replication.dc3', /"dc3" is not a datacenter of this cluster \(known: dc1, dc2\)/),
  limit('replication entries, at most the datacenter limit',
    (s, n: number) => { withDcs(s, many(10, () => 3)); s.keyspaces![0]!.replication = replicas(n); },
    10, 11, '$.keyspaces[0].replication', /must have at most 10 datacenters \(has 11\)/),
  limit('tags', putTags, tags(49), tags(50),
    '$.azure.tags', /must have at most 49 tags \(has 50\): Azure allows 50 per resource/),
  limit('tag name length', putTags, { ['n'.repeat(512)]: 'x' }, { ['n'.repeat(513)]: 'x' },
    `$.azure.tags.${'n'.repeat(513)}`, /tag name must be at most 512 characters/),
  limit('tag value length', putTags, { env: 'v'.repeat(256) }, { env: 'v'.repeat(257) },
    '$.azure.tags.env', /tag value must be at most 256 characters/),
  ...[...'<>%&\\?/'].map((char) => limit(`"${char}" in a tag name`,
    putTags, { 'cost-center_1.a:b +=@': 'x' }, { [`a${char}b`]: 'x' },
    jsonPath(['azure', 'tags', `a${char}b`]), /tag name must not contain < > % & \\ \? \/ \(Azure refuses them\)/)),
  limit('the product\'s own tag, in any case', putTags, { 'autopilot-owner': 'x' }, { 'Autopilot-Cluster': 'x' },
    '$.azure.tags["Autopilot-Cluster"]', /"autopilot-cluster" is reserved: the product sets it/),
  limit('SSH source CIDRs', (s, value) => { s.azure.sshAllowedCidrs = value; }, cidrs(50), cidrs(51),
    '$.azure.sshAllowedCidrs', /must have at most 50 CIDRs \(has 51\)/),
  limit('CQL client CIDRs', putCqlCidrs, cidrs(50), cidrs(51),
    '$.network.cqlAllowedCidrs', /must have at most 50 CIDRs \(has 51\)/),
  limit('CIDR length', putCqlCidrs, ['127.100.100.100/32'], ['127.100.100.100/32 '],
    '$.network.cqlAllowedCidrs[0]', /must be an IPv4 CIDR such as 10\.1\.0\.0\/16, at most 18 characters/),
  limit('OS image fields', (s, value) => { s.azure.osImage = { offer: value }; }, 'o'.repeat(128), 'o'.repeat(129),
    '$.azure.osImage.offer', /must be at most 128 characters/),
  limit('SSH public key', (s, value) => { s.azure.sshPublicKey = value; },
    `ssh-rsa ${'A'.repeat(16376)}`, `ssh-rsa ${'A'.repeat(16377)}`,
    '$.azure.sshPublicKey', /must be at most 16384 characters/),
  limit('$schema', (s, value) => { s.$schema = value; },
    `https://example.com/${'s'.repeat(2028)}`, `https://example.com/${'s'.repeat(2029)}`,
    '$.$schema', /must be at most 2048 characters/),
  // maxHeapMiB: a VM size outside the catalogue needs it.
  limit('VM size', (s, value) => { s.azure.vmSize = value; s.cluster.jvm = { maxHeapMiB: 8192 }; },
    `Standard_${'E'.repeat(55)}`, `Standard_${'E'.repeat(56)}`, '$.azure.vmSize', /must be at most 64 characters/),
  limit('schedule', (s, value) => { s.schedules = { repair: { schedule: value } }; }, schedule(42), schedule(43),
    '$.schedules.repair.schedule', /must be at most 128 characters/),
];

describe('validateClusterSpec', () => {
  for (const c of limitCases) {
    it(`accepts ${c.name} at the limit and names the limit one over`, () => {
      assert.deepEqual(issuesOf(bent(localSpec, (s) => c.put(s, c.atLimit)), 'local'), []);
      const issues = issuesOf(bent(localSpec, (s) => c.put(s, c.over)), 'local');
      const hit = issues.find((issue) => issue.path === c.path && c.message.test(issue.message));
      const got = JSON.stringify(issues).slice(0, 2000);
      assert.ok(hit, `expected an issue at ${c.path} matching ${c.message}; got ${got}`);
    });
  }

  it('answers a body at the size limit that asks for far too much with one issue per limit', () => {
    const spec = fillSpecTo(localSpec(), 'datacenters', (i) => localDc(i), MAX_BODY_BYTES / 2);
    fillSpecTo(spec, 'keyspaces', (i) => ({ name: `ks${i}`, replication: { dc1: 3 } }), MAX_BODY_BYTES);
    assert.ok(JSON.stringify(spec).length > MAX_BODY_BYTES * 0.95);
    assert.ok(spec.datacenters.length > 500 && spec.keyspaces!.length > 2000);
    assert.deepEqual(issuesOf(spec, 'local'), [
      { path: '$.datacenters', message: `must have at most 10 datacenters (has ${spec.datacenters.length})` },
      { path: '$.keyspaces', message: `must have at most 100 keyspaces (has ${spec.keyspaces!.length})` },
    ]);
  });

  it('answers a body at the size limit made of tags with the tag limit', () => {
    const spec = localSpec();
    const count = Math.floor((MAX_BODY_BYTES - 1024) / '"tag00000":"x",'.length);
    spec.azure.tags = Object.fromEntries(many(count, (i) => [`tag${String(i).padStart(5, '0')}`, 'x']));
    const message = `must have at most 49 tags (has ${count}): Azure allows 50 per resource and the product adds `
      + 'autopilot-cluster';
    assert.deepEqual(issuesOf(spec, 'local'), [{ path: '$.azure.tags', message }]);
  });

  it('never throws on an unknown field nested deeper than the stack, or one with a very long name', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    assert.deepEqual(issuesOf({ ...localSpec(), extra: deep }, 'local').map((issue) => issue.path), ['$.extra']);
    const long = 'x'.repeat(200_000);
    assert.deepEqual(issuesOf({ ...localSpec(), [long]: 1 }, 'local').map((issue) => issue.path), [`$.${long}`]);
  });

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

  it('never throws and always answers with JSON paths, whatever JSON it is given', () => {
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    const bentSpec = fc.tuple(fc.constantFrom('cluster', 'azure', 'datacenters', 'network', 'keyspaces', 'schedules'), anyJson)
      .map(([key, value]): unknown => ({ ...localSpec(), [key]: value }));
    const bentDc = fc.tuple(fc.constantFrom('name', 'region', 'network', 'racks', 'nodes', 'seeds', 'placement'), anyJson)
      .map(([key, value]) => bent(localSpec, (s) => { (s.datacenters[1] as Record<string, unknown>)[key] = value; }));
    fc.assert(fc.property(fc.oneof(anyJson, bentSpec, bentDc), fc.constantFrom<Target>('local', 'azure'), (input, target) => {
      const result = validateClusterSpec(input, { target });
      if (!result.ok) for (const issue of result.issues) assert.match(issue.path, /^\$/);
    }), { numRuns: 300 });
  });

  it('names the problem for input that is not an object', () => {
    for (const input of [null, [], 'spec', 42]) {
      const issues = issuesOf(input, 'local');
      assert.equal(issues.length, 1);
      assert.equal(issues[0]!.path, '$');
    }
  });
});
