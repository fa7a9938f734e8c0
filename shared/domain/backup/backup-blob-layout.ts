import type { SnapshotFile } from './backup-model.js';

/**
 * Where a cluster's backups live in Blob storage: one container per cluster, so the credential a
 * node uploads with reaches that cluster's backups and nothing else's.
 *
 * ```
 * nodes/<node>/data/<keyspace>/<table>-<table id>/<sha256>/<file name>   the bytes, content-addressed
 * backups/<backup id>/manifest.json                                     written last: the backup exists
 * backups/<backup id>/inventory/<node>.tsv                              what the node's snapshot holds
 * backups/<backup id>/plans/<node>.tsv                                  what the node is to upload
 * backups/<backup id>/check.json                                        ring, schema and row counts when it started
 * backups/<backup id>/restores/<restore id>/<node>.tsv                  what a restored node downloads
 * ```
 *
 * A data blob's name is a function of the node, the table, the file's name and its checksum (its
 * size is checked against the listing), so a file seen before is found again under the same name
 * and referenced instead of uploaded: SSTables never change once written. Per node, because
 * SSTable names repeat across nodes and a restore loads each node's own files.
 */

/** Container of the cluster's backups: `backups-<cluster>`, a valid container name for every cluster name. */
export function backupContainerName(clusterName: string): string {
  // Cluster names are [a-z][a-z0-9-]{1,22}[a-z0-9]; containers refuse "--", so a name holding it
  // is collapsed and told apart from its collapsed twin by a hash of the original.
  if (!clusterName.includes('--')) return `backups-${clusterName}`;
  return `backups-${clusterName.replace(/-+/g, '-')}-${fnv1a(clusterName)}`;
}

/** Prefix of every data blob a node uploads. */
export function nodeDataPrefix(node: string): string {
  return `nodes/${node}/data/`;
}

/** The content address of a snapshot file of `node`. */
export function dataBlobName(node: string, file: Pick<SnapshotFile, 'keyspace' | 'table' | 'tableId' | 'name' | 'checksum'>): string {
  return `${nodeDataPrefix(node)}${file.keyspace}/${file.table}-${file.tableId.replace(/-/g, '')}/${file.checksum}/${file.name}`;
}

/** Prefix of one backup's own blobs (manifest, inventories, plans): removed with the backup. */
export function backupPrefix(backupId: string): string {
  return `backups/${backupId}/`;
}

export function manifestBlobName(backupId: string): string {
  return `${backupPrefix(backupId)}manifest.json`;
}

export function inventoryBlobName(backupId: string, node: string): string {
  return `${backupPrefix(backupId)}inventory/${node}.tsv`;
}

export function uploadPlanBlobName(backupId: string, node: string): string {
  return `${backupPrefix(backupId)}plans/${node}.tsv`;
}

/** The node's stored data blobs as the app listed them before the node's backup job (renderStoredListing). */
export function storedListingBlobName(backupId: string, node: string): string {
  return `${backupPrefix(backupId)}stored/${node}.tsv`;
}

/** What the backup's check step saw: ring, schema, row counts (read again by the manifest step). */
export function checkBlobName(backupId: string): string {
  return `${backupPrefix(backupId)}check.json`;
}

/** The files node `node` of a restored cluster downloads, in the source cluster's container. */
export function restorePlanBlobName(backupId: string, restoreId: string, node: string): string {
  return `${backupPrefix(backupId)}restores/${restoreId}/${node}.tsv`;
}

/** 32-bit FNV-1a as 8 hex digits: a short, stable tag (not a security measure). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
