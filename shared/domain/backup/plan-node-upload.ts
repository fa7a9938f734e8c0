import type { BackupFile, BackupStats, SnapshotFile } from './backup-model.js';
import { dataBlobName } from './backup-blob-layout.js';
import { planBlockSize, type BlockPlan } from './plan-block-size.js';

/** A blob already stored under a node's data prefix, as a listing reports it. */
export interface StoredBlob {
  name: string;
  sizeInBytes: number;
  /** The checksum the uploader recorded in the blob's metadata, when it did. */
  checksum?: string;
}

/** A file the node must upload, with its content address and how to split it. */
export interface PlannedUpload extends BackupFile {
  block: BlockPlan;
}

/** What one node does for one backup. */
export interface NodeUploadPlan {
  node: string;
  upload: PlannedUpload[];
  /** Files already stored from an earlier backup: referenced, not uploaded. */
  reference: BackupFile[];
  /** Every file of the backup for this node (upload and reference), in inventory order. */
  files: BackupFile[];
  stats: BackupStats;
}

/**
 * Differential selection: a snapshot file whose content address already holds a blob of the
 * same size (and, when the blob carries one, the same checksum) is referenced; every other file
 * is uploaded. A backup of an unchanged node therefore uploads nothing. A blob of the right name
 * but another size is a torn or foreign write and is uploaded over.
 *
 * Invariants: every inventory file appears once in `files`, in either `upload` or `reference`;
 * `stats.newBytes` is the sum of `upload` sizes. Duplicate inventory lines count once.
 * @throws RangeError from planBlockSize for a file too large for a block blob.
 */
export function planNodeUpload(node: string, inventory: readonly SnapshotFile[], stored: readonly StoredBlob[]): NodeUploadPlan {
  const byName = new Map(stored.map((b) => [b.name, b]));
  const seen = new Set<string>();
  const plan: NodeUploadPlan = { node, upload: [], reference: [], files: [], stats: { files: 0, bytes: 0, newFiles: 0, newBytes: 0 } };
  for (const file of inventory) {
    const blobName = dataBlobName(node, file);
    if (seen.has(blobName)) continue;
    seen.add(blobName);
    const entry: BackupFile = { ...file, blobName };
    plan.files.push(entry);
    plan.stats.files++;
    plan.stats.bytes += file.size;
    if (isSameContent(byName.get(blobName), file)) {
      plan.reference.push(entry);
    } else {
      plan.upload.push({ ...entry, block: planBlockSize(file.size) });
      plan.stats.newFiles++;
      plan.stats.newBytes += file.size;
    }
  }
  return plan;
}

/** True when the stored blob holds `file`'s bytes as far as a listing can tell. */
export function isSameContent(blob: StoredBlob | undefined, file: Pick<SnapshotFile, 'size' | 'checksum'>): boolean {
  return blob !== undefined && blob.sizeInBytes === file.size && (blob.checksum === undefined || blob.checksum === file.checksum);
}

/**
 * The files of a plan not (yet) stored as planned: empty when the node's upload is complete.
 * Checked against a fresh listing after the node reports, so a node's word is never the proof.
 */
export function findMissingUploads(plan: Pick<NodeUploadPlan, 'files'>, stored: readonly StoredBlob[]): BackupFile[] {
  const byName = new Map(stored.map((b) => [b.name, b]));
  return plan.files.filter((f) => !isSameContent(byName.get(f.blobName), f));
}
