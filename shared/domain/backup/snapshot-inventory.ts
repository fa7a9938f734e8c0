import type { Issue } from '../../errors/ops-error.js';
import type { BackupFile, SnapshotFile } from './backup-model.js';
import type { NodeUploadPlan, StoredBlob } from './plan-node-upload.js';

/**
 * The files the app and a node exchange through the backup container, one file per line,
 * tab-separated (Run Command returns only 4 KB of output, far less than a node's file list):
 *
 * - inventory, written by the node: `keyspace  table-dir  name  size  sha256`
 * - upload plan, written by the app: `keyspace  table-dir  name  size  sha256  blob-name  block-size  block-count`
 * - restore plan, written by the app: `keyspace  table-dir  name  size  sha256  blob-name`
 * - stored listing, written by the app: `blob-name  size  sha256` (empty when the blob records none)
 *
 * `table-dir` is the table's directory (`<table>-<32 hex>`); the file is
 * `<data dir>/<keyspace>/<table-dir>/snapshots/<backup id>/<name>` on the node. Only the node's
 * scripts read the plans, so they have no parser here.
 */
const IDENT = /^[A-Za-z0-9_]{1,48}$/;
const TABLE_DIR = /^([A-Za-z0-9_]{1,48})-([0-9a-f]{32})$/;
/** A component file, or one inside a legacy secondary index's `.<index>/` directory. */
const FILE_NAME = /^(\.[A-Za-z0-9_]{1,48}\/)?[A-Za-z0-9._+-]{1,200}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Reads a node's inventory. Every malformed line is reported (path `line <n>`), none dropped in
 * silence; values are checked strictly because they become blob names and shell arguments.
 */
export function parseSnapshotInventory(text: string): { files: SnapshotFile[]; issues: Issue[] } {
  const files: SnapshotFile[] = [];
  const issues: Issue[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const [keyspace = '', tableDir = '', name = '', size = '', checksum = '', ...rest] = line.split('\t');
    const dir = TABLE_DIR.exec(tableDir);
    const problem = !IDENT.test(keyspace) ? `keyspace '${keyspace}' is not a CQL identifier`
      : !dir ? `table directory '${tableDir}' is not <table>-<32 hex digits>`
      : !FILE_NAME.test(name) || name.includes('..') ? `file name '${name}' is not an SSTable component`
      : !/^\d{1,16}$/.test(size) || !Number.isSafeInteger(Number(size)) ? `size '${size}' is not a byte count`
      : !SHA256.test(checksum) ? `checksum '${checksum}' is not a SHA-256 in hex`
      : rest.length > 0 ? `has ${5 + rest.length} fields, not 5` : undefined;
    if (problem || !dir) {
      issues.push({ path: `line ${index + 1}`, message: problem ?? 'malformed' });
      return;
    }
    files.push({ keyspace, table: dir[1]!, tableId: toUuid(dir[2]!), name, size: Number(size), checksum });
  });
  return { files, issues };
}

/** The plan the node's upload script reads: only the files to upload, largest first (the long pole starts early). */
export function renderUploadPlan(plan: Pick<NodeUploadPlan, 'upload'>): string {
  return [...plan.upload].sort((a, b) => b.size - a.size || (a.blobName < b.blobName ? -1 : 1))
    .map((f) => [f.keyspace, tableDirOf(f), f.name, f.size, f.checksum, f.blobName, f.block.blockSize, f.block.blockCount].join('\t'))
    .join('\n') + (plan.upload.length > 0 ? '\n' : '');
}

/** The listing of a node's stored blobs its backup script plans against, one blob a line. */
export function renderStoredListing(blobs: readonly StoredBlob[]): string {
  return blobs.map((b) => `${b.name}\t${b.sizeInBytes}\t${b.checksum ?? ''}\n`).join('');
}

/** Reads back what renderStoredListing wrote (the app's own text, so a line that does not fit is a bug: it throws). */
export function parseStoredListing(text: string): StoredBlob[] {
  return text.split('\n').filter((line) => line !== '').map((line) => {
    const [name = '', size = '', checksum = ''] = line.split('\t');
    if (name === '' || !/^\d+$/.test(size)) throw new Error(`stored listing line '${line}' is not <blob>\\t<size>\\t<sha256>`);
    return { name, sizeInBytes: Number(size), ...(checksum ? { checksum } : {}) };
  });
}

/**
 * The plan the node's restore script reads: every file the node is to load, by keyspace, table
 * directory and name, so a table's files arrive together and the plan of a node is always the same text.
 */
export function renderRestorePlan(files: readonly BackupFile[]): string {
  // Lines sort by their leading fields: the tab sorts below every character a field may hold.
  return files.map((f) => `${[f.keyspace, tableDirOf(f), f.name, f.size, f.checksum, f.blobName].join('\t')}\n`).sort().join('');
}

/** The table's directory name on the node: `<table>-<table id without dashes>`. */
function tableDirOf(file: Pick<SnapshotFile, 'table' | 'tableId'>): string {
  return `${file.table}-${file.tableId.replace(/-/g, '')}`;
}

function toUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
