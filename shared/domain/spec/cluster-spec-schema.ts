import { z } from 'zod';
import { AZURE_REGION_NAMES } from '../catalog/azure-regions.js';
import { parseIpv4Cidr } from '../net/ipv4-cidr.js';
import { REPAIR_MODES } from '../repair/repair-model.js';
import { SPEC_LIMITS as LIMITS } from './spec-limits.js';

// Every object is strict: a misspelt field is an error, never silently ignored.
// Nested objects use `prefault({})` so their own field defaults apply when they are left out.
// Every list, map and string is bounded (spec-limits.ts), and each bound's message names it.

/**
 * A list of at most `max` items. zod compares the length before it parses any item, so an
 * oversized list costs one issue, not one parse per item.
 */
function listOf<T extends z.ZodType>(item: T, max: number, noun: string) {
  return z.array(item).max(max, { error: (issue) => `must have at most ${max} ${noun}${countOf(issue.input)}` });
}

/** A map of at most `max` entries; zod has no size check for records, so it is a refinement. */
function mapOf<K extends z.core.$ZodRecordKey, V extends z.ZodType>(
  key: K, value: V, max: number, noun: string, why = '',
) {
  const checkSize = (entries: object, ctx: z.RefinementCtx) => {
    const count = Object.keys(entries).length;
    if (count > max) {
      ctx.addIssue({ code: 'custom', input: entries,
        message: `must have at most ${max} ${noun} (has ${count})${why}` });
    }
  };
  // Counted even when some entry is invalid, so the limit is reported with the other problems.
  const isObject = (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null;
  return z.record(key, value).superRefine(checkSize, { when: isObject }).meta({ maxProperties: max });
}

function countOf(input: unknown): string {
  return Array.isArray(input) ? ` (has ${input.length})` : '';
}

/**
 * A string of at most `max` characters. Not `abort: true`: an aborting issue inside a list or map
 * would also skip the list's or map's own size checks, and those must be reported with it.
 */
function text(max: number, prefix = 'must be') {
  return z.string().max(max, { error: `${prefix} at most ${max} characters` });
}

const cidr = text(LIMITS.cidrChars, 'must be an IPv4 CIDR such as 10.1.0.0/16,').check((ctx) => {
  // Too long is reported above; parsing would only echo the whole text back.
  if (ctx.value.length > LIMITS.cidrChars) return;
  const parsed = parseIpv4Cidr(ctx.value);
  if ('error' in parsed) ctx.issues.push({ code: 'custom', message: parsed.error, input: ctx.value });
});

const ncrontab = text(LIMITS.scheduleChars).regex(/^\S+( \S+){5}$/, {
  error: 'expected a six-field NCRONTAB expression "{second} {minute} {hour} {day} {month} {day-of-week}"',
});

/** Azure-safe cluster name: it prefixes every resource name, so it is short and lowercase. */
export const clusterName = z.string().regex(/^[a-z][a-z0-9-]{1,22}[a-z0-9]$/, {
  error: 'must be 3-24 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
});

const dcName = z.string().regex(/^[a-z]([a-z0-9-]{0,14}[a-z0-9])?$/, {
  error: 'must be 1-16 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (it is part of Azure resource names)',
});

const resourceGroupName = z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, {
  error: 'must be 1-90 characters: letters, digits, "-", "_", ".", "(", ")", not ending with a period',
});

const vmSize = text(LIMITS.vmSizeChars)
  .regex(/^Standard_[A-Za-z0-9_]+$/, { error: 'must be an Azure VM size such as Standard_E8s_v5' });

const region = z.enum(AZURE_REGION_NAMES, {
  error: (issue) => `unknown Azure region ${JSON.stringify(issue.input)}: use an ARM location name such as eastus or westeurope`,
});

const cluster = z.strictObject({
  name: clusterName.describe('Cluster name; prefixes every Azure resource name.'),
  cassandraVersion: z.string().regex(/^5\.0(\.\d{1,3})?$/, {
    error: 'must be the 5.0 series ("5.0") or one of its patch releases ("5.0.9"): only Apache Cassandra 5.0 is supported',
  }).default('5.0').describe('Apache Cassandra release: "5.0" installs the newest 5.0.x the package repository has when a node is created; '
    + 'a patch release such as "5.0.9" pins every node to it, and changing it on a running cluster upgrades the nodes by a rolling restart (never down).'),
  cassandraClusterName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/, {
    error: 'must be 1-64 characters: letters, digits, spaces, "_", ".", "-"',
  }).optional().describe('cluster_name in cassandra.yaml; defaults to the cluster name. Cannot change after the first start.'),
  numTokens: z.int().min(1).max(256).default(16).describe('num_tokens per node.'),
  consistencyLevel: z.enum(['LOCAL_QUORUM', 'LOCAL_ONE', 'QUORUM', 'EACH_QUORUM', 'ONE']).default('LOCAL_QUORUM')
    .describe('Consistency level of the product\'s own CQL checks, and the one its docs recommend to clients.'),
  authentication: z.strictObject({
    enabled: z.boolean().default(true).describe('PasswordAuthenticator and CassandraAuthorizer when true.'),
  }).prefault({}),
  rollingRestart: z.enum(['node', 'rack']).default('node')
    .describe('What a rolling restart takes down at once: one node, or a whole rack in a DC where every keyspace has at least 3 replicas and no more than its racks (so each rack holds at most one replica of a range).'),
  jvm: z.strictObject({
    maxHeapMiB: z.int().min(256).max(31744).optional().describe('Overrides the heap sized from the VM size.'),
    newHeapMiB: z.int().min(64).max(8192).optional().describe('Overrides HEAP_NEWSIZE.'),
  }).refine((jvm) => jvm.newHeapMiB === undefined || jvm.maxHeapMiB === undefined || jvm.newHeapMiB <= jvm.maxHeapMiB / 2, {
    error: 'newHeapMiB must be at most half of maxHeapMiB', path: ['newHeapMiB'],
  }).prefault({}),
});

const imageName = text(LIMITS.osImageFieldChars).min(1);

const osImage = z.strictObject({
  publisher: imageName.default('Canonical'),
  offer: imageName.default('0001-com-ubuntu-server-jammy'),
  sku: imageName.default('22_04-lts-gen2'),
  version: imageName.default('latest'),
});

const dataDisk = z.strictObject({
  sizeGiB: z.int().min(32).max(65536).default(1024),
  sku: z.enum(['Premium_LRS', 'PremiumV2_LRS', 'Premium_ZRS', 'StandardSSD_LRS', 'UltraSSD_LRS']).default('Premium_LRS'),
  caching: z.enum(['ReadOnly', 'None']).default('ReadOnly').describe('Host caching; must be None for PremiumV2_LRS and UltraSSD_LRS.'),
  lun: z.int().min(0).max(63).default(0).describe('LUN the disk is attached at; the guest finds it by this LUN.'),
});

// Azure compares tag names case-insensitively, so the product's own tag is reserved in any case.
const tagName = z.string()
  .min(1, { error: 'tag name must not be empty' })
  .max(LIMITS.tagNameChars, { error: `tag name must be at most ${LIMITS.tagNameChars} characters (Azure's limit)` })
  .regex(/^[^<>%&\\?/]*$/, { error: 'tag name must not contain < > % & \\ ? / (Azure refuses them)' })
  .refine((name) => name.toLowerCase() !== 'autopilot-cluster',
    { error: 'tag name "autopilot-cluster" is reserved: the product sets it' });

const tagValue = text(LIMITS.tagValueChars, 'tag value must be');

const azure = z.strictObject({
  subscriptionId: z.uuid({ error: 'must be a subscription id (a GUID)' }),
  resourceGroup: resourceGroupName.optional().describe('One resource group for every DC; by default each DC gets rg-<cluster>-<dc>.'),
  tags: mapOf(tagName, tagValue, LIMITS.userTags, 'tags',
    ': Azure allows 50 per resource and the product adds autopilot-cluster').default({}),
  vmSize: vmSize.default('Standard_E8s_v5'),
  osImage: osImage.prefault({}),
  dataDisk: dataDisk.prefault({}),
  adminUsername: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, { error: 'must be a Linux user name: lowercase letters, digits, "_" and "-", at most 32 characters' })
    .refine((name) => !['root', 'admin', 'administrator', 'cassandra', 'guest', 'test', 'user'].includes(name), { error: 'is a reserved or service user name on Azure Linux VMs' })
    .default('autopilot'),
  sshPublicKey: text(LIMITS.sshPublicKeyChars)
    .regex(/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+=*( \S.*)?$/, {
      error: 'must be an OpenSSH public key line (ssh-ed25519, ssh-rsa or ecdsa-sha2-*); passwords are not supported',
    }).optional(),
  sshAllowedCidrs: listOf(cidr, LIMITS.allowedCidrs, 'CIDRs').default([])
    .describe('Sources allowed to reach SSH (22); empty keeps SSH closed: Run Command is the management path.'),
});

export const dcNetwork = z.strictObject({
  addressSpace: cidr.describe('VNet address space; must not overlap another DC.'),
  dataSubnet: cidr.describe('Subnet of the Cassandra nodes.'),
  appSubnet: cidr.describe('Subnet of the client applications; reaches CQL.'),
  gatewaySubnet: cidr.optional().describe('GatewaySubnet (at least /27); required when the inter-region link is a VPN gateway.'),
});

const placement = z.strictObject({
  mode: z.enum(['zones', 'availabilitySet']).default('zones'),
  zones: z.array(z.enum(['1', '2', '3'])).min(1).max(3).default(['1', '2', '3']).describe('Zones racks are spread over (zones mode).'),
  faultDomains: z.int().min(2).max(3).default(3).describe('Fault domains of the availability set (availabilitySet mode).'),
});

const datacenter = z.strictObject({
  name: dcName.describe('Cassandra datacenter name (dc in cassandra-rackdc.properties).'),
  region,
  resourceGroup: resourceGroupName.optional(),
  vmSize: vmSize.optional(),
  network: dcNetwork,
  racks: z.int().min(1).max(16).default(3).describe('Racks in this DC; nodes are spread over them round-robin.'),
  nodes: z.int().min(1, { error: 'must be at least 1' })
    .max(LIMITS.nodesPerDatacenter, { error: `must be at most ${LIMITS.nodesPerDatacenter} nodes per datacenter` }),
  seeds: z.int().min(1).max(3).optional().describe('Seeds in this DC, one per rack; defaults to min(3, racks).'),
  placement: placement.prefault({}),
});

const network = z.strictObject({
  interRegionLink: z.enum(['globalVnetPeering', 'vpnGateway']).default('globalVnetPeering'),
  internalLoadBalancer: z.boolean().default(false).describe('An internal Standard load balancer on 9042 per DC, for client contact points.'),
  cqlAllowedCidrs: listOf(cidr, LIMITS.allowedCidrs, 'CIDRs').default([])
    .describe('Sources besides the app subnets allowed to reach CQL (9042).'),
});

const keyspace = z.strictObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,47}$/, { error: 'must be a CQL identifier: a letter then letters, digits or "_", at most 48 characters' })
    .refine((name) => !name.toLowerCase().startsWith('system'), { error: 'names starting with "system" are reserved by Cassandra' }),
  // That keys name only DCs of the spec is a semantic check (check-keyspaces.ts), which also caps the
  // entries at the spec's DC count; these bounds (DC names are 1-16 characters) keep the map small before it.
  replication: mapOf(text(16, 'must be a datacenter name,'), z.int().min(1).max(16), LIMITS.datacenters, 'datacenters')
    .describe('Replication factor per Cassandra DC (NetworkTopologyStrategy).'),
  durableWrites: z.boolean().default(true),
});

const schedules = z.strictObject({
  health: z.strictObject({ schedule: ncrontab.default('0 */5 * * * *') }).prefault({}),
  repair: z.strictObject({
    schedule: ncrontab.default('0 0 1 * * 0'),
    mode: z.enum(REPAIR_MODES).default('full').describe('full (subrange full repair) or incremental.'),
    segmentsPerNode: z.int().min(1).max(1024).default(64)
      .describe('Segments per node and keyspace a run cuts the ring into (Reaper\'s segmentCountPerNode).'),
    intensity: z.number().gt(0).max(1).default(0.9)
      .describe('Share of the time a node repairs: after a segment of d it rests d × (1 - intensity) / intensity.'),
    segmentTimeoutMinutes: z.number().gt(0).max(1440).default(30)
      .describe('A segment running longer is stopped and split in two.'),
    pendingCompactionsThreshold: z.int().min(0).max(100_000).default(20)
      .describe('A segment waits while one of its replicas has more pending compactions than this.'),
    nodeDownLimitMinutes: z.number().gt(0).default(60)
      .describe('A run pauses while a node is down and fails once it has been down this long.'),
    maxAttempts: z.int().min(1).max(20).default(3).describe('Attempts before a failing segment fails the run.'),
    batchSize: z.int().min(1).max(256).default(8)
      .describe('Segments of one replica set handed to a coordinator in one Run Command, run in order.'),
  }).prefault({}),
  snapshot: z.strictObject({
    schedule: ncrontab.default('0 0 2 * * *'),
    retentionDays: z.int().min(1).max(3650).default(7),
    keepLast: z.int().min(1).max(1000).default(3)
      .describe('The newest complete backups kept whatever their age, so backups failing for weeks never leave none.'),
    uploadMBps: z.int().min(0).max(10_000).default(50)
      .describe('Upload bandwidth cap per node in MiB/s (0: none), so a backup does not starve the node.'),
  }).prefault({}),
  drill: z.strictObject({
    schedule: ncrontab.default('0 0 4 * * 6'),
    networks: mapOf(text(16, 'must be a datacenter name,'), dcNetwork, LIMITS.datacenters, 'datacenters').optional()
      .describe('Per DC, the network of the throwaway cluster a drill restores into (default: the DC\'s own, in a VNet of its own).'),
  }).prefault({}),
});

const autopilot = z.strictObject({
  restartCassandra: z.boolean().default(true)
    .describe('Restart Cassandra on a node a health check finds down while its VM runs, at most once per node per hour.'),
  startVms: z.boolean().default(true)
    .describe('Power on a node\'s VM a health check finds stopped or deallocated; the node rejoins with its data.'),
  replaceNodes: z.enum(['approval', 'automatic', 'off']).default('approval')
    .describe('Replace a node whose VM is gone: proposed and run once a person approves (approval), run at once (automatic), or only reported (off).'),
  approvalTimeoutMinutes: z.int().min(1).max(10_080).default(240)
    .describe('How long a proposed replacement waits for an approval before it ends with nothing changed.'),
});

const datacenters = listOf(datacenter, LIMITS.datacenters, 'datacenters')
  .min(1, { error: 'needs at least one datacenter' })
  // Summed even when some DC is invalid, so the total is reported with the other problems.
  .superRefine(checkTotalNodes, { when: (payload) => Array.isArray(payload.value) });

function checkTotalNodes(dcs: readonly unknown[], ctx: z.RefinementCtx): void {
  const total = dcs.reduce<number>((sum, dc) => sum + nodeCount(dc), 0);
  if (total > LIMITS.totalNodes) {
    ctx.addIssue({ code: 'custom', input: dcs,
      message: `must have at most ${LIMITS.totalNodes} nodes in total across datacenters (asks for ${total})` });
  }
}

function nodeCount(dc: unknown): number {
  const nodes = typeof dc === 'object' && dc !== null ? (dc as { nodes?: unknown }).nodes : undefined;
  return typeof nodes === 'number' && Number.isFinite(nodes) ? nodes : 0;
}

/** The cluster spec a pipeline posts: zod schema with defaults; unknown fields are errors. */
export const ClusterSpecSchema = z.strictObject({
  $schema: text(LIMITS.schemaUrlChars).optional().describe('Editors may point this at the spec JSON Schema.'),
  cluster,
  azure,
  datacenters,
  network: network.prefault({}),
  keyspaces: listOf(keyspace, LIMITS.keyspaces, 'keyspaces').default([]),
  schedules: schedules.prefault({}),
  autopilot: autopilot.prefault({}).describe('What the product does by itself about what health checks find.'),
});

/** A parsed, defaulted cluster spec. */
export type ClusterSpec = z.output<typeof ClusterSpecSchema>;
/** A datacenter of a parsed spec. */
export type DatacenterSpec = ClusterSpec['datacenters'][number];
