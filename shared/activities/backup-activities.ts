import type { OperationRef } from '../contracts/activity-io.js';
import type { BackupReady, BackupRef, NodeBackupStats } from '../contracts/backup-io.js';
import { checkBlobName, inventoryBlobName, manifestBlobName, nodeDataPrefix, storedListingBlobName, uploadPlanBlobName } from '../domain/backup/backup-blob-layout.js';
import { BACKUP_MANIFEST_FORMAT, type BackupManifest, type BackupNode, type BackupRecord, type NodeBackupTimes, type SnapshotFile } from '../domain/backup/backup-model.js';
import { decideBackupStatus } from '../domain/backup/decide-backup-status.js';
import { findMissingUploads, planNodeUpload, type StoredBlob } from '../domain/backup/plan-node-upload.js';
import { ROW_COUNT_SAMPLE, sampleTables, stableRowCounts, type CountTaken } from '../domain/backup/sample-row-counts.js';
import { parseSnapshotInventory, parseStoredListing, renderStoredListing, renderUploadPlan } from '../domain/backup/snapshot-inventory.js';
import { operationPercent } from '../domain/operations/operation-steps.js';
import type { BlobStore } from '../domain/ports/blob-store.js';
import type { BackupSchema, CqlSession } from '../domain/ports/cql-port.js';
import type { RingNode } from '../domain/repair/repair-model.js';
import type { ClusterRecord } from '../domain/state/state-records.js';
import type { ErrorInfo } from '../errors/ops-error.js';
import { fail, ok, type Result } from '../errors/result.js';
import { hashSpec } from '../domain/spec/hash-spec.js';
import type { ActivityDeps } from './activity-deps.js';
import { requireBackup } from '../domain/backup/read-backup.js';
import { readNodesUp, requireCluster, sessionTarget } from './cluster-lookup.js';
import { withClusterSession } from './with-cluster-session.js';
import { SMOKE_KEYSPACE } from '../domain/topology/plan-topology.js';

/** The schema-bearing system keyspace every backup snapshots beside the user keyspaces. */
const SCHEMA_KEYSPACE = 'system_schema';

/** What the check step stores for the manifest step: the ring, the schema and the first row counts. */
interface BackupCheck {
  ring: RingNode[];
  schema: BackupSchema;
  countsBefore: CountTaken[];
}

/**
 * A backup's activities. The backup's truth is in its record and its container: each step reads
 * what the one before wrote there, so a step repeated after a crash redoes nothing it finished
 * (a snapshot tag already taken is kept, an uploaded file is skipped, a node already recorded is
 * not counted twice).
 */
export function createBackupActivities(deps: ActivityDeps) {
  return {
    /**
     * Finds the nodes to back up (those up over CQL; a node down is left out and the backup ends
     * Partial), reads the ring, the schema and sample row counts, and records the keyspaces.
     */
    checkBackupReady: async ({ clusterName, backupId }: BackupRef): Promise<Result<BackupReady>> => {
      const cluster = await requireCluster(deps, clusterName);
      const seen = await readNodesUp(deps, cluster);
      if (!seen.ok) return seen;
      const nodes = seen.value.up.map((n) => n.name);
      const nodesDown = seen.value.down.map((n) => n.name);
      if (nodes.length === 0) return fail({ code: 'CASSOPS_CLUSTER_UNHEALTHY', message: `No node of cluster ${clusterName} is up.` });
      const backup = await requireBackup(deps, clusterName, backupId);
      const check = await withClusterSession(deps, cluster.plan, sessionTarget(cluster), async (session) => {
        const ring = await session.readRing();
        const userKeyspaces = ring.keyspaces.map((k) => k.name).filter((k) => !k.startsWith('system') && k !== SMOKE_KEYSPACE)
          .filter((k) => !backup.tables || backup.tables.some((t) => t.startsWith(`${k}.`)));
        const schema = await session.readBackupSchema(userKeyspaces);
        return { ring: ring.nodes, schema, countsBefore: await countSample(session, schema) } satisfies BackupCheck;
      });
      const blobs = await deps.backupBlobs(clusterName);
      await blobs.put(checkBlobName(backupId), JSON.stringify(check));
      const keyspaces = [...new Set(check.schema.tables.map((t) => t.keyspace)), SCHEMA_KEYSPACE];
      await deps.backups.updateBackup(clusterName, backupId, (b) => ({ ...b, keyspaces, nodesTotal: cluster.plan.nodes.length,
        nodesMissing: nodesDown, updatedAt: new Date().toISOString() }));
      return ok({ nodes, nodesDown });
    },

    /**
     * Decides what the node uploads: each file of its snapshot inventory whose content address
     * holds no blob of that size and checksum yet (differential), written as the node's plan.
     */
    planBackupNode: async ({ clusterName, backupId, node }: BackupRef & { node: string }): Promise<Result<NodeBackupStats>> => {
      const blobs = await deps.backupBlobs(clusterName);
      const inventory = await readInventory(blobs, backupId, node);
      if (!inventory.ok) return inventory;
      const plan = planNodeUpload(node, inventory.value, await storedBlobs(blobs, node));
      await blobs.put(uploadPlanBlobName(backupId, node), renderUploadPlan(plan));
      return ok(plan.stats);
    },

    /**
     * Lists the node's stored blobs for its backup job, which plans its differential upload
     * against them (renderBackupFilesScript); kept, so the node's share is counted against the
     * same listing once the job is done.
     */
    listStoredBlobs: async ({ clusterName, backupId, node }: BackupRef & { node: string }): Promise<void> => {
      const blobs = await deps.backupBlobs(clusterName);
      await blobs.put(storedListingBlobName(backupId, node), renderStoredListing(await storedBlobs(blobs, node)));
    },

    /**
     * Checks against a fresh listing that every file of the node's snapshot is stored (the node's
     * word is never the proof), then counts the node done and records the upload's percent. The
     * node's share is the plan's stats when the app planned (`stats`), else counted from its
     * inventory against the listing its backup job planned with; the job's own times are kept.
     */
    recordBackupNode: async (input: BackupRef & { node: string; stats?: NodeBackupStats; jobDetail?: string; operation: OperationRef }):
      Promise<Result<void>> => {
      const { clusterName, backupId, node } = input;
      const blobs = await deps.backupBlobs(clusterName);
      const inventory = await readInventory(blobs, backupId, node);
      if (!inventory.ok) return inventory;
      const stats = input.stats ?? planNodeUpload(node, inventory.value,
        parseStoredListing(Buffer.from((await blobs.get(storedListingBlobName(backupId, node))) ?? '').toString('utf8'))).stats;
      const times = jobTimes(input.jobDetail ?? '');
      const missing = findMissingUploads(planNodeUpload(node, inventory.value, []), await storedBlobs(blobs, node));
      if (missing.length > 0) {
        return fail({ code: 'CASSOPS_NODE_SCRIPT_FAILED', message: `Node ${node} reported its upload done, but ${missing.length} file(s) are not stored`
          + ` as planned: ${missing.slice(0, 5).map((f) => `${f.keyspace}/${f.table}/${f.name}`).join(', ')}.` });
      }
      const backup = await deps.backups.updateBackup(clusterName, backupId, (b) => b.nodesDone.includes(node) ? undefined
        : { ...b, nodesDone: [...b.nodesDone, node].sort(), stats: addStats(b.stats, stats), updatedAt: new Date().toISOString(),
          ...(times ? { nodeTimes: { ...b.nodeTimes, [node]: times } } : {}) });
      const expected = Math.max(1, backup.nodesTotal - backup.nodesMissing.length);
      const stepPercent = Math.floor((100 * backup.nodesDone.length) / expected);
      await deps.state.recordProgress({ operationId: input.operation.operationId, step: 'upload', status: 'Running', stepPercent,
        operationPercent: operationPercent('BackupCluster', 'upload', stepPercent), at: new Date().toISOString(),
        message: `${backup.nodesDone.length} of ${expected} nodes uploaded, ${mib(backup.stats.newBytes)} MiB new` });
      return ok(undefined);
    },

    /**
     * Writes the manifest (last: a backup without one is never restorable) and settles the
     * backup's status: Complete when every node is stored, Partial when some were down.
     */
    writeBackupManifest: async ({ clusterName, backupId }: BackupRef): Promise<Result<{ status: BackupRecord['status'] }>> => {
      const cluster = await requireCluster(deps, clusterName);
      const backup = await requireBackup(deps, clusterName, backupId);
      const blobs = await deps.backupBlobs(clusterName);
      const check = JSON.parse(Buffer.from((await blobs.get(checkBlobName(backupId))) ?? '{}').toString('utf8')) as BackupCheck;
      const countsAfter = await withClusterSession(deps, cluster.plan, sessionTarget(cluster), (s) => countSample(s, check.schema));
      const nodes: BackupNode[] = [];
      for (const name of backup.nodesDone) {
        const inventory = await readInventory(blobs, backupId, name);
        if (!inventory.ok) return inventory;
        const ring = ringNodeOf(cluster, check.ring, name);
        if (!ring) return fail({ code: 'CASSOPS_CLUSTER_UNHEALTHY', message: `The ring read when backup ${backupId} started did not list node ${name}.` });
        const planned = cluster.plan.nodes.find((n) => n.name === name)!;
        nodes.push({ node: name, datacenter: planned.dc, rack: planned.rack, hostId: ring.hostId, tokens: ring.tokens,
          files: planNodeUpload(name, inventory.value, []).files });
      }
      const manifest: BackupManifest = { format: BACKUP_MANIFEST_FORMAT, backupId, clusterName, spec: cluster.spec,
        specHash: hashSpec(cluster.spec), createdAt: backup.createdAt, statements: check.schema.statements, tables: check.schema.tables,
        rowCounts: stableRowCounts(check.countsBefore, countsAfter), nodes };
      await blobs.put(manifestBlobName(backupId), JSON.stringify(manifest));
      const status = decideBackupStatus({ nodes: cluster.plan.nodes.map((n) => n.name), nodesDone: backup.nodesDone,
        nodesDown: backup.nodesMissing, nodesFailed: [], manifestStored: true });
      const at = new Date().toISOString();
      await deps.backups.updateBackup(clusterName, backupId, (b) => ({ ...b, status, manifestBlob: manifestBlobName(backupId), updatedAt: at,
        endedAt: at, durationMs: Date.parse(at) - Date.parse(b.createdAt) }));
      return ok({ status });
    },

    /** Marks a backup that stopped Failed (a Complete or Partial one stays as it is): it is never offered for a restore. */
    recordBackupFailed: async ({ clusterName, backupId, error }: BackupRef & { error: ErrorInfo }): Promise<void> => {
      const at = new Date().toISOString();
      await deps.backups.updateBackup(clusterName, backupId, (b) => b.status !== 'Running' ? undefined
        : { ...b, status: 'Failed', error, updatedAt: at, endedAt: at, durationMs: Date.parse(at) - Date.parse(b.createdAt) });
    },
  };
}

/** Counts rows of the sampled tables; a count that reaches the cap or fails is left undefined. */
async function countSample(session: CqlSession, schema: BackupSchema): Promise<CountTaken[]> {
  const out: CountTaken[] = [];
  for (const t of sampleTables(schema.tables)) {
    const counted = await session.countRows(t.keyspace, t.table, { cap: ROW_COUNT_SAMPLE.cap }).catch(() => undefined);
    out.push({ keyspace: t.keyspace, table: t.table, ...(counted && !counted.capped ? { rows: counted.rows } : {}) });
  }
  return out;
}

async function readInventory(blobs: BlobStore, backupId: string, node: string): Promise<Result<SnapshotFile[]>> {
  const bytes = await blobs.get(inventoryBlobName(backupId, node));
  if (!bytes) return fail({ code: 'CASSOPS_NODE_SCRIPT_FAILED', message: `Node ${node} stored no snapshot inventory for backup ${backupId}.` });
  const parsed = parseSnapshotInventory(Buffer.from(bytes).toString('utf8'));
  if (parsed.issues.length > 0) {
    return fail({ code: 'CASSOPS_NODE_SCRIPT_FAILED', message: `Node ${node}'s snapshot inventory is malformed.`, issues: parsed.issues });
  }
  return ok(parsed.files);
}

/** The node's stored data blobs with the checksum its uploader recorded. */
async function storedBlobs(blobs: BlobStore, node: string): Promise<StoredBlob[]> {
  return (await blobs.list(nodeDataPrefix(node))).map((b) => ({ name: b.name, sizeInBytes: b.sizeInBytes,
    ...(b.metadata?.sha256 ? { checksum: b.metadata.sha256 } : {}) }));
}

function ringNodeOf(cluster: ClusterRecord, ring: readonly RingNode[], node: string): RingNode | undefined {
  const ip = cluster.plan.nodes.find((n) => n.name === node)?.privateIp;
  return ring.find((r) => r.address === ip);
}

function addStats(a: BackupRecord['stats'], b: NodeBackupStats): BackupRecord['stats'] {
  return { files: a.files + b.files, bytes: a.bytes + b.bytes, newFiles: a.newFiles + b.newFiles, newBytes: a.newBytes + b.newBytes };
}

/** The times a backup job's marker reports (`snapshot-ms=<n> transfer-ms=<n>`), when it does. */
function jobTimes(detail: string): NodeBackupTimes | undefined {
  const found = /\bsnapshot-ms=(\d+) transfer-ms=(\d+)\b/.exec(detail);
  return found ? { snapshotMs: Number(found[1]), transferMs: Number(found[2]) } : undefined;
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
