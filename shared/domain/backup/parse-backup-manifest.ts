import { z } from 'zod';
import type { Result } from '../../errors/result.js';
import { jsonPath } from '../spec/spec-issue.js';
import { BACKUP_MANIFEST_FORMAT, type BackupManifest } from './backup-model.js';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const ident = z.string().regex(/^[A-Za-z0-9_]{1,48}$/);
const count = z.int().min(0);

const file = z.strictObject({
  keyspace: ident, table: ident, tableId: uuid, name: z.string().min(1), size: count,
  checksum: z.string().regex(/^[0-9a-f]{64}$/), blobName: z.string().min(1),
});

const node = z.strictObject({
  node: z.string().min(1), datacenter: z.string().min(1), rack: z.string().min(1), hostId: uuid,
  tokens: z.array(z.string().regex(/^-?\d{1,20}$/)).min(1), files: z.array(file),
});

/** The manifest's schema: a manifest read back from Blob storage is checked before anything trusts it. */
export const BackupManifestSchema = z.strictObject({
  format: z.literal(BACKUP_MANIFEST_FORMAT),
  backupId: z.string().min(1), clusterName: z.string().min(1), spec: z.looseObject({}), specHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
  statements: z.array(z.strictObject({ keyspace: ident, cql: z.string().min(1) })),
  tables: z.array(z.strictObject({ keyspace: ident, table: ident, tableId: uuid })),
  rowCounts: z.array(z.strictObject({ keyspace: ident, table: ident, rows: count })),
  nodes: z.array(node).min(1),
});

/**
 * Reads a manifest's JSON. Anything else (not JSON, another format, a missing field) is
 * CASSOPS_BACKUP_MANIFEST_INVALID with every problem at its JSON path: a restore never guesses.
 */
export function parseBackupManifest(json: string): Result<BackupManifest> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return invalid([{ path: '$', message: `not JSON: ${(error as Error).message}` }]);
  }
  const parsed = BackupManifestSchema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return invalid(parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })));
}

function invalid(issues: { path: string; message: string }[]): Result<BackupManifest> {
  return { ok: false, error: { code: 'CASSOPS_BACKUP_MANIFEST_INVALID', message: 'The backup manifest is not valid.', issues } };
}
